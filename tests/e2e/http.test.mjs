// `pprofview -http` (issue 18): the CLI serves the viewer and the named profiles on one local
// origin. The page it prints opens the flame graph and the top table `pprofview top` prints;
// `-base` opens the comparison; URL sources are fetched by the CLI (a local stand-in for
// net/http/pprof); errors name the URL; the server answers 404 outside its files and binds
// only where asked.

import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { CLI, CPU, cliTop, expectSameAsCli, fixtures, launch, legendLines, openPage, readTable, requireBuilt, showTop, startServer, waitState } from "./lib.mjs";

const BEFORE = path.join(fixtures, "go_heap_before.pb.gz");
const AFTER = path.join(fixtures, "go_heap_after.pb.gz");

let browser;
let pprofServer;
const children = [];

/** Profiles as `net/http/pprof` serves them, and its usual failures. */
const ROUTES = {
  "/debug/pprof/profile": (req, res) => {
    const seconds = new URL(req.url, "http://x").searchParams.get("seconds");
    if (seconds !== "1") {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "x-go-pprof": "1" });
      return res.end(`expected seconds=1, got ${seconds}\n`);
    }
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(readFileSync(CPU));
  },
  "/debug/pprof/heap": AFTER,
  "/debug/pprof/": (req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<html><body>/debug/pprof/</body></html>");
  },
  "/busy": (req, res) => {
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8", "x-go-pprof": "1" });
    res.end("Could not enable CPU profiling: cpu profiling already in use\n");
  },
};

before(async () => {
  await requireBuilt({ cli: true });
  browser = await launch({ viewport: { width: 1400, height: 1000 } });
  pprofServer = await startServer({ root: path.join(fixtures, "no-such-dir"), routes: ROUTES });
});

after(async () => {
  for (const c of children) c.kill();
  await browser?.close();
  await pprofServer?.close();
});

/** Starts `pprofview -http=ADDR -no_browser ARGS`; resolves with the printed URL. */
function serve(args, addr = "127.0.0.1:0") {
  const child = spawn(CLI, [`-http=${addr}`, "-no_browser", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 30 s; stderr: ${stderr}`)), 30_000);
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => {
      stdout += d;
      const m = /Serving web UI on (\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, stderr: () => stderr });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`pprofview exited with ${code}: ${stderr}`));
    });
  });
}

/**
 * `pprofview ARGS`: {status, stdout, stderr}. Asynchronous, so that the test's own pprof
 * server (in this process) can answer while the CLI waits.
 */
function cli(args) {
  return new Promise((resolve) => {
    execFile(CLI, args, { encoding: "utf8", maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve({ status: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** GET `target` exactly as written (no normalisation) with `host`: the status code. */
function rawStatus(origin, target, host) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host ?? `${hostname}:${port}`}\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    socket.on("data", (d) => (data += d));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.[01] (\d+)/.exec(data)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

/** Opens the CLI's URL and waits for the flame graph. */
async function openServed(url) {
  const { page, seen } = await openPage(browser.context, url);
  await waitState(page, "ready");
  await page.locator('[data-testid="flame-canvas"]').waitFor({ timeout: 10_000 });
  return { page, seen };
}

describe("pprofview -http", () => {
  test("a file: the flame graph, and the top table equals pprofview top", async () => {
    const { url } = await serve([CPU]);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#v=2&url=profiles\/0\/go_cpu\.pb\.gz$/);
    const { page, seen } = await openServed(url);
    await showTop(page);
    await expectSameAsCli(page, cliTop([CPU]), "served file");
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.failed, []);
    const origin = new URL(url).origin;
    const foreign = seen.requests.filter((r) => !r.startsWith(origin));
    assert.deepEqual(foreign, [], "the page asked another origin");
    // The service worker installs from the same origin, as on a static host.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, `${origin}/`);
    await page.close();
  });

  test("Ctrl-C stops it", async () => {
    const { url, child } = await serve([CPU]);
    const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    child.kill("SIGINT");
    const end = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 5_000))]);
    assert.ok(end, "still running 5 s after SIGINT");
    const refused = await new Promise((resolve) => {
      const s = net.connect(Number(new URL(url).port), "127.0.0.1");
      s.on("connect", () => (s.destroy(), resolve(false)));
      s.on("error", () => resolve(true));
    });
    assert.ok(refused, "the port still answers after SIGINT");
  });

  test("-base=A B opens the comparison", async () => {
    const { url } = await serve([`-base=${BEFORE}`, AFTER]);
    assert.match(url, /&base=profiles\/1\/go_heap_before\.pb\.gz/);
    const { page } = await openServed(url);
    await showTop(page);
    const expected = cliTop([AFTER], [`-base=${BEFORE}`]);
    // The comparison sorts by delta: sort by sum% for pprof's order.
    const head = '[data-testid="top-head"][data-col="sum%"]';
    for (let i = 0; i < 2; i++) {
      if (await page.evaluate((h) => document.querySelector(h)?.getAttribute("aria-sort") === "ascending", head)) break;
      await page.click(head);
      await waitState(page, "ready");
    }
    const table = await readTable(page);
    assert.deepEqual(table.rows, expected.rows, "comparison rows differ from pprofview top -base");
    assert.ok((await legendLines(page)).includes(expected.showing));
    await page.close();
  });

  test("flags become the view: -sample_index and -focus", async () => {
    const { url } = await serve(["-sample_index=alloc_space", "-focus=main", AFTER]);
    assert.match(url, /&si=alloc_space/);
    assert.match(url, /&f=main/);
    const { page } = await openServed(url);
    await showTop(page);
    await expectSameAsCli(page, cliTop([AFTER], ["-sample_index=alloc_space", "-focus=main"]), "flags");
    await page.close();
  });

  test("answers 404 outside its files, 403 to other hosts, and binds only where asked", async () => {
    const { url } = await serve([CPU]);
    const origin = new URL(url).origin;
    assert.equal(await rawStatus(origin, "/"), 200);
    assert.equal(await rawStatus(origin, "/profiles/0/go_cpu.pb.gz"), 200);
    for (const target of [
      "/../Cargo.toml",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/profiles/0/..%2f..%2fCargo.toml",
      "/profiles/0/../../index.html",
      "/profiles/",
      "/profiles/0/",
      "/profiles/1/go_cpu.pb.gz",
      "/src/lib.rs",
      "/dist/index.html",
      "//etc/passwd",
      "/etc/passwd",
      "/index.html/",
    ]) {
      assert.equal(await rawStatus(origin, target), 404, target);
    }
    assert.equal(await rawStatus(origin, "/", "evil.example"), 403);
    const port = Number(new URL(url).port);
    const other = Object.values(os.networkInterfaces()).flat().find((i) => i.family === "IPv4" && !i.internal);
    if (other) {
      const refused = await new Promise((resolve) => {
        const s = net.connect(port, other.address);
        s.on("connect", () => (s.destroy(), resolve(false)));
        s.on("error", () => resolve(true));
      });
      assert.ok(refused, `the server answers on ${other.address}:${port}`);
    }
  });
});

describe("URL sources", () => {
  test("pprofview top URL equals pprofview top FILE (with -seconds and without)", async () => {
    const cpu = await cli(["top", `${pprofServer.origin}/debug/pprof/profile`, "-seconds=1"]);
    assert.equal(cpu.status, 0, cpu.stderr);
    assert.equal(cpu.stdout, (await cli(["top", CPU])).stdout);
    assert.match(cpu.stderr, /Fetching profile over HTTP from http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/profile\?seconds=1/);
    const inUrl = await cli(["top", `${pprofServer.origin}/debug/pprof/profile?seconds=1`]);
    assert.equal(inUrl.stdout, cpu.stdout);
    const heap = await cli(["top", "-sample_index=alloc_space", `${pprofServer.origin}/debug/pprof/heap`]);
    assert.equal(heap.stdout, (await cli(["top", "-sample_index=alloc_space", AFTER])).stdout);
    const traces = await cli(["traces", `${pprofServer.origin}/debug/pprof/heap`]);
    assert.equal(traces.stdout, (await cli(["traces", AFTER])).stdout);
  });

  test("-http on a URL serves what it fetched", async () => {
    const { url } = await serve([`${pprofServer.origin}/debug/pprof/profile?seconds=1`]);
    assert.match(url, /url=profiles\/0\/profile$/);
    const { page } = await openServed(url);
    await showTop(page);
    await expectSameAsCli(page, cliTop([CPU]), "served URL");
    await page.close();
  });

  test("a 404, a refused connection, an HTML page and a pprof error each name the URL", async () => {
    const missing = `${pprofServer.origin}/debug/pprof/nothing`;
    let r = await cli(["top", missing]);
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes(`pprofview: ${missing}: server response: 404 Not Found`), r.stderr);

    const closed = await new Promise((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const port = s.address().port;
        s.close(() => resolve(`http://127.0.0.1:${port}/debug/pprof/heap`));
      });
    });
    r = await cli(["top", closed]);
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes(`pprofview: ${closed}: connection refused`), r.stderr);

    const page = `${pprofServer.origin}/debug/pprof/`;
    r = await cli(["top", page]);
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes(`pprofview: ${page}: the server sent an HTML page, not a profile`), r.stderr);

    const busy = `${pprofServer.origin}/busy`;
    r = await cli(["top", busy]);
    assert.ok(r.stderr.includes(`${busy}: server response: 500 Internal Server Error - Could not enable CPU profiling`), r.stderr);

    // -http fails the same way, before serving anything.
    r = await cli(["-http=127.0.0.1:0", "-no_browser", missing]);
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes(`${missing}: server response: 404 Not Found`), r.stderr);
    assert.equal(r.stdout, "");
  });
});
