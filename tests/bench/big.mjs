// Big profiles in the browser (the speed issue, target 2): a ~100 MB and a ~200 MB profile
// of the bench's synthetic shape, opened from `#url=` (clock: navigation start to the
// `pprofview:ready` mark, i.e. the first flame graph painted) and dropped (clock: the drop to
// the same mark; the page fetched the file beforehand, untimed), next to `gzip -dc` of the
// same file in the same run. Reports the worker's wasm memory after the load (it never
// shrinks, so it is the peak), and checks that the page stays usable on the biggest one:
// hover shows a tooltip, a click zooms, Top shows its table. Target: `#url=` and drop ≤ 5×
// `gzip -dc` for the ~100 MB profile.
//
//   node tests/bench/big.mjs [--runs N] PROFILE...
// (`make bench` passes the two profiles `cargo bench --bench bench -- --big-only` writes.)
// $PPROFVIEW_DIST serves another build instead of dist/ (e.g. an older commit's, for a
// before/after row).

import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { dist as builtDist, dropAndWatch, launch, openPage, readyMark, startServer } from "../e2e/lib.mjs";
import { OUT } from "./speedscope.mjs";

const args = process.argv.slice(2);
let runs = 3;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else files.push(path.resolve(args[i]));
}
if (files.length === 0) {
  console.error("usage: node tests/bench/big.mjs [--runs N] PROFILE...");
  process.exit(2);
}
const TIMEOUT_MS = 300_000;
const dist = process.env.PPROFVIEW_DIST ? path.resolve(process.env.PPROFVIEW_DIST) : builtDist;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Wall time of `gzip -dc FILE > /dev/null`, in ms. */
function gunzipMs(file) {
  const t0 = process.hrtime.bigint();
  execFileSync("sh", ["-c", 'gzip -dc "$1" > /dev/null', "sh", file]);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The engine worker's wasm memory in bytes (its peak: wasm memory never shrinks). */
async function workerMemory(page) {
  for (const w of page.workers()) {
    const bytes = await w.evaluate(() => self.pprofviewWasm?.memory?.buffer?.byteLength ?? null).catch(() => null);
    if (bytes) return bytes;
  }
  return null;
}

/** Hover, zoom and Top on a loaded page; returns what was seen. */
async function usable(page, shot) {
  const canvas = page.locator('[data-testid="flame-canvas"]');
  const box = await canvas.boundingBox();
  const t0 = performance.now();
  await page.mouse.move(box.x + box.width * 0.3, box.y + 60);
  const tip = page.locator('[data-testid="tooltip"]');
  await tip.waitFor({ timeout: 10_000 });
  const hoverMs = performance.now() - t0;
  const t1 = performance.now();
  await page.mouse.click(box.x + box.width * 0.3, box.y + 60);
  await page.waitForTimeout(300);
  const zoomMs = performance.now() - t1;
  await page.screenshot({ path: path.join(OUT, `${shot}-zoomed.png`) });
  const t2 = performance.now();
  await page.click('[data-testid="view-top"]');
  await page.locator('[data-testid="top-row"]').first().waitFor({ timeout: TIMEOUT_MS });
  const topMs = performance.now() - t2;
  const rows = await page.locator('[data-testid="top-row"]').count();
  await page.screenshot({ path: path.join(OUT, `${shot}-top.png`) });
  return { hoverMs, zoomMs, topMs, rows };
}

await mkdir(OUT, { recursive: true });
const routes = Object.fromEntries(files.map((f, i) => [`/in/${i}.pb.gz`, f]));
const server = await startServer({ root: dist, routes });
const viewport = { width: 1600, height: 900 };
const rows = [];
try {
  for (const [i, file] of files.entries()) {
    const name = path.basename(file);
    const size = statSync(file).size;
    const gz = [];
    for (let r = 0; r < 3; r++) gz.push(gunzipMs(file));
    const viaUrl = [];
    const viaDrop = [];
    let memory = null;
    let seen = null;
    for (let r = 0; r < runs; r++) {
      const b = await launch({ viewport });
      try {
        const page = await b.context.newPage();
        await page.goto(`${server.url}#v=1&url=in/${i}.pb.gz`);
        viaUrl.push(await readyMark(page, { timeout: TIMEOUT_MS, polling: 50 }));
        memory = Math.max(memory ?? 0, (await workerMemory(page)) ?? 0);
        if (r === 0 && i === files.length - 1) seen = await usable(page, `big-${name.replace(/\W+/g, "_")}`);
        await page.close();
        const { page: p2 } = await openPage(b.context, server.url);
        await p2.evaluate(async (u) => {
          window.__profile = await (await fetch(u)).blob();
        }, `in/${i}.pb.gz`);
        const d = await p2.evaluate(dropAndWatch, name);
        if (d.state !== "ready" || d.readyMs == null) throw new Error(`${name}: drop ended in state ${d.state}`);
        viaDrop.push(d.readyMs);
        memory = Math.max(memory, (await workerMemory(p2)) ?? 0);
      } finally {
        await b.close();
      }
    }
    const row = { name, size, gz: median(gz), url: median(viaUrl), drop: median(viaDrop), memory, seen };
    rows.push(row);
    console.log(`  ${name}: #url= ${viaUrl.map((t) => t.toFixed(0)).join(" ")} ms; drop ${viaDrop.map((t) => t.toFixed(0)).join(" ")} ms; gzip -dc ${gz.map((t) => t.toFixed(0)).join(" ")} ms`);
  }
  console.log(`\n== big profiles: to the first flame graph, median of ${runs} fresh browsers ==\n`);
  console.log("| input | MB gzipped | gzip -dc (ms) | #url= (ms) | ÷ gzip | drop (ms) | ÷ gzip | worker wasm memory (MB) |");
  console.log("|---|--:|--:|--:|--:|--:|--:|--:|");
  for (const r of rows) {
    const mem = r.memory ? (r.memory / 1e6).toFixed(0) : "?";
    console.log(`| ${r.name} | ${(r.size / 1e6).toFixed(1)} | ${r.gz.toFixed(0)} | ${r.url.toFixed(0)} | ${(r.url / r.gz).toFixed(1)} | ${r.drop.toFixed(0)} | ${(r.drop / r.gz).toFixed(1)} | ${mem} |`);
  }
  for (const r of rows.filter((r) => r.seen)) {
    const s = r.seen;
    console.log(`\n${r.name} stays usable: tooltip ${s.hoverMs.toFixed(0)} ms after the hover, zoom ${s.zoomMs.toFixed(0)} ms, Top ${s.topMs.toFixed(0)} ms (${s.rows} rows); screenshots in ${OUT}`);
  }
} finally {
  await server.close();
}
