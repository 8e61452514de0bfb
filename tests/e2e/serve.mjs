// A tiny static file server for pprofview's dist/: used by `make serve` and by the e2e tests.
// It is not part of the site. It serves files read-only under an optional URL prefix (to prove
// dist/ works from a sub-path), with correct MIME types (wasm as application/wasm), and records
// every request so tests can check what the page asked for.
//
//   node tests/e2e/serve.mjs [DIR]      # DIR defaults to dist; PORT (8080), HOST (127.0.0.1)

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".gz": "application/gzip",
  ".pb": "application/octet-stream",
};

/**
 * Starts serving `root` at `http://host:port{prefix}`. `routes` (tests only) maps exact URL
 * paths, anywhere on the server, to a file to serve or to a `(req, res) => void` handler.
 * @param {{root: string, prefix?: string, host?: string, port?: number,
 *          routes?: Record<string, string | ((req: http.IncomingMessage, res: http.ServerResponse) => void)>}} options
 * @returns {Promise<{url: string, origin: string, log: {method: string, path: string, status: number}[], close: () => Promise<void>}>}
 */
export async function startServer({ root, prefix = "/", host = "127.0.0.1", port = 0, routes = {} }) {
  const base = path.resolve(root);
  if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
    throw new Error(`prefix must start and end with "/": ${prefix}`);
  }
  const log = [];

  const server = http.createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0 };
    log.push(entry);
    const reply = (status, body, headers = {}) => {
      entry.status = status;
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
      res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      return reply(405, "method not allowed\n", { allow: "GET, HEAD" });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return reply(400, "bad URL\n");
    }
    const route = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
    if (typeof route === "function") {
      res.on("finish", () => (entry.status = res.statusCode));
      return route(req, res);
    }
    if (pathname === prefix.slice(0, -1)) {
      return reply(301, "", { location: prefix });
    }
    if (!pathname.startsWith(prefix) && route === undefined) {
      return reply(404, "not found\n");
    }
    let file;
    if (typeof route === "string") {
      file = route;
    } else {
      file = path.resolve(base, "." + path.posix.sep + pathname.slice(prefix.length));
      if (file !== base && !file.startsWith(base + path.sep)) {
        return reply(404, "not found\n");
      }
    }
    let info;
    try {
      info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, "index.html");
        info = await stat(file);
      }
    } catch {
      return reply(404, "not found\n");
    }
    if (!info.isFile()) {
      return reply(404, "not found\n");
    }
    entry.status = 200;
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") {
      return res.end();
    }
    createReadStream(file).pipe(res);
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const origin = `http://${address.address}:${address.port}`;
  return {
    url: origin + prefix,
    origin,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Run as a script: serve DIR until interrupted.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = process.argv[2] ?? path.join(here, "..", "..", "dist");
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? "127.0.0.1";
  try {
    await stat(path.join(root, "index.html"));
  } catch {
    console.error(`serve: ${path.join(root, "index.html")} is missing; run \`make dist\` first`);
    process.exit(1);
  }
  const { url, close } = await startServer({ root, host, port });
  console.log(`pprofview is being served at ${url}  (Ctrl-C to stop)`);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => close().then(() => process.exit(0)));
  }
}
