// Navigation to the first flame graph, pprofview against speedscope, on small profiles (the
// most common case): a fresh page opens `#url=PROFILE` (pprofview; the clock stops at its
// `pprofview:ready` mark) or `#profileURL=PROFILE` (speedscope; the clock stops at the first
// animation frame after its flame chart has pixels, as speedscope.mjs detects it). Both clocks
// start at the navigation (performance.timeOrigin). Median of fresh pages, both served from
// 127.0.0.1 by the same server code, in the same Chromium, twice: with the browser's cache
// warm (a returning user: one untimed page first) and cold (a new browser profile per page:
// a first visit, every file fetched and every wasm module compiled).
// Targets (the speed issue): pprofview ≤ 0.75× speedscope on a ~60 KB profile, ≤ 0.5× on a
// ~0.4 MB one.
//
//   node tests/bench/navigate.mjs [--runs N] PROFILE...
// (`make bench` passes the bench's two small synthetic profiles.)

import path from "node:path";
import { dist, launch, readyMark, startServer } from "../e2e/lib.mjs";
import { speedscopeRelease } from "./speedscope.mjs";

const args = process.argv.slice(2);
let runs = 7;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error("usage: node tests/bench/navigate.mjs [--runs N] PROFILE...");
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs in speedscope's page from its start: records when the flame chart first has pixels. */
function watchSpeedscope() {
  const drawn = () => {
    let best = null;
    for (const c of document.querySelectorAll("canvas")) {
      if (c.width <= 1 || c.height <= 1 || !c.getContext("2d")) continue;
      if (!best || c.width * c.height > best.width * best.height) best = c;
    }
    if (!best) return false;
    const px = best.getContext("2d").getImageData(0, 0, best.width, best.height).data;
    for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
    return false;
  };
  let seen = false;
  const tick = () => {
    if (seen) {
      window.__drawnAt = performance.now();
      return;
    }
    if (document.readyState !== "loading" && drawn()) seen = true;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function pprofviewRun(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await readyMark(page);
  } finally {
    await page.close();
  }
}

async function speedscopeRun(context, url) {
  const page = await context.newPage();
  try {
    await page.addInitScript(watchSpeedscope);
    await page.goto(url);
    const h = await page.waitForFunction(() => window.__drawnAt ?? null, null, { timeout: 60_000, polling: 20 });
    return await h.jsonValue();
  } finally {
    await page.close();
  }
}

const routes = Object.fromEntries(files.map((f, i) => [`/in/${i}.pb.gz`, path.resolve(f)]));
const ours = await startServer({ root: dist, routes });
const ss = speedscopeRelease();
const theirs = await startServer({ root: ss.dir, routes });
const viewport = { width: 1400, height: 900 };
const urls = (i) => ({
  pprofview: `${ours.url}#v=1&url=in/${i}.pb.gz`,
  speedscope: `${theirs.url}#profileURL=${encodeURIComponent(`${theirs.url}in/${i}.pb.gz`)}`,
});
const run = { pprofview: pprofviewRun, speedscope: speedscopeRun };
const rows = [];
try {
  for (const cache of ["warm", "cold"]) {
    const warm = cache === "warm" ? await launch({ viewport }) : null;
    try {
      for (const [i, file] of files.entries()) {
        const times = { pprofview: [], speedscope: [] };
        if (warm) for (const tool of ["pprofview", "speedscope"]) await run[tool](warm.context, urls(i)[tool]);
        for (let r = 0; r < runs; r++) {
          for (const tool of ["pprofview", "speedscope"]) {
            const b = warm ?? (await launch({ viewport }));
            try {
              times[tool].push(await run[tool](b.context, urls(i)[tool]));
            } finally {
              if (!warm) await b.close();
            }
          }
        }
        const p = median(times.pprofview);
        const sp = median(times.speedscope);
        rows.push({ name: path.basename(file), cache, p, s: sp });
        console.log(`  ${path.basename(file)} (${cache}): pprofview ${times.pprofview.map((t) => t.toFixed(0)).join(" ")} ms; speedscope ${times.speedscope.map((t) => t.toFixed(0)).join(" ")} ms`);
      }
    } finally {
      await warm?.close();
    }
  }
  console.log(`\n== navigation → first flame graph, pprofview vs speedscope ${ss.version}, median of ${runs} fresh pages ==\n`);
  console.log("| input | cache | pprofview (ms) | speedscope (ms) | pprofview ÷ speedscope |");
  console.log("|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.name} | ${r.cache} | ${r.p.toFixed(0)} | ${r.s.toFixed(0)} | ${(r.p / r.s).toFixed(2)} |`);
} finally {
  await ours.close();
  await theirs.close();
}
