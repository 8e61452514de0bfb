// pprofview's service worker: the viewer works offline after one visit.
//
// It caches only the viewer's own files (the ones index.html names, and the fixed files beside
// it), never a profile: every other request goes to the network untouched. One cache per build
// (boot.js registers sw.js?build=<hash of the app's files>): a new deploy installs a new worker,
// which caches that build's files as a set and deletes older builds' caches. The viewer's files
// are fetched from the network first and from the cache only when the network fails, so an
// online page always runs the files deployed with it and never an older engine.

const BUILD = new URL(self.location.href).searchParams.get("build") || "dev";
const CACHE = `pprofview-${BUILD}`;
const FIXED = ["./", "index.html", "boot.js", "example.pb.gz"];
// The engine's files: fetched with the build id index.html names (`?build=ID`), never bare.
const ENGINE = ["worker_loader.js", "worker.js", "worker_bg.wasm"];

/** The viewer's files: the fixed ones and every local href/src in index.html. */
async function viewerFiles() {
  const base = new URL("./", self.location.href);
  const html = await (await fetch(new URL("index.html", base), { cache: "no-store" })).text();
  const named = [...html.matchAll(/(?:href|src|data-app-js|data-app-wasm)="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((u) => !/^[a-z]+:/i.test(u) && !u.startsWith("//"));
  const id = (html.match(/<meta\s+name="?pprofview-build"?\s+content="?([^"\s>]+)/) || [])[1] || "dev";
  const engine = ENGINE.map((f) => `${f}?build=${encodeURIComponent(id)}`);
  return [...new Set([...FIXED, ...named, ...engine].map((u) => new URL(u, base).href))];
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(await viewerFiles());
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("pprofview-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** Whether `url` is one of the viewer's own files (any build): the page itself, the fixed
 * files beside it, or trunk's hashed app files. Profiles never are. */
function isViewerFile(url, scope) {
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return false;
  const name = url.pathname.slice(scope.pathname.length);
  return name === "" || FIXED.includes(name) || ENGINE.includes(name) || /^(app|favicon)-[0-9a-f]+(_bg)?\.(js|wasm|css|svg)$/.test(name);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL("./", self.location.href);
  const navigate = request.mode === "navigate" && url.origin === scope.origin;
  // Everything else (profiles above all) goes to the network as if there were no worker.
  if (!navigate && !isViewerFile(url, scope)) return;
  event.respondWith(
    (async () => {
      try {
        return await fetch(request);
      } catch (err) {
        const cache = await caches.open(CACHE);
        const key = navigate ? scope.href : url.href;
        // The page itself under any query; the engine's files only with their build id.
        const cached = await cache.match(key, { ignoreSearch: navigate });
        if (cached) return cached;
        throw err;
      }
    })(),
  );
});
