// Trunk post-build hook (Trunk.toml [[hooks]]): stamps the build's id into the staged
// index.html, as <meta name="pprofview-build" content="ID">. ID is the first 16 hex digits of
// the SHA-256 of the engine worker's files (worker_loader.js, worker.js, worker_bg.wasm), which
// trunk emits unhashed. The page starts its worker as `worker_loader.js?build=ID` and the
// loader passes `?build=ID` on to the other two, so a browser never serves a cached worker of
// an older build to a newer page (src/web/engine.rs). Not shipped.
//
// Runs with TRUNK_STAGING_DIR set (trunk sets it for hooks); fails the build when a worker file
// or the placeholder is missing, so that a build is never silently left unstamped.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("stamp_build.mjs: TRUNK_STAGING_DIR is not set (run it as a trunk hook)");
  process.exit(1);
}
const hash = createHash("sha256");
for (const name of ["worker_loader.js", "worker.js", "worker_bg.wasm"]) {
  hash.update(name);
  hash.update(readFileSync(path.join(staging, name)));
}
const id = hash.digest("hex").slice(0, 16);
const html = path.join(staging, "index.html");
const text = readFileSync(html, "utf8");
// The placeholder in index.html, with or without quotes (trunk may minify the page).
const placeholder = /(<meta\s+name="?pprofview-build"?\s+content=)"?dev"?/;
if (!placeholder.test(text)) {
  console.error(`stamp_build.mjs: no <meta name="pprofview-build" content="dev"> in ${html}`);
  process.exit(1);
}
writeFileSync(html, text.replace(placeholder, `$1"${id}"`));
console.log(`pprofview build ${id}`);
