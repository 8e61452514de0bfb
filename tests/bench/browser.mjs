// pprofview's browser benchmark (`make bench` runs it after the cargo bench; CONTRACT §5,
// issue 3 acceptance 3 and the flame graph issue's acceptance 3). Serves dist/ and, in
// headless Chromium at a 1600×900 viewport:
//
// - drop to first flame graph: for each input, the time from dispatching a drop of the profile
//   on the page to the `pprofview:ready` performance mark (the flame graph, the default view,
//   painted; or <body data-state="ready"> when the page set no mark), median of 5 fresh page
//   loads; MB/s of compressed input; the longest gap between animation frames meanwhile (the
//   main thread's responsiveness); when the call tree arrived from the worker (flame.mjs).
// - pan/zoom: on one more fresh load per input, the call tree's size (read from the worker's
//   message) and a scripted pan/zoom of 120 wheel and drag steps over the flame graph; every
//   redraw's time (the canvas's data-draw-ms), median, p95 and max, against the 8 ms target.
//   A screenshot of the graph goes to tests/bench/out/pprofview-NAME.png (and -zoomed.png).
// - speedscope (tests/bench/speedscope.mjs) on the same inputs in a second Chromium of the same
//   build and viewport, afterwards: drop to first flame graph, median of the same number of
//   runs, except on inputs over 10 MB, which are tried once (speedscope runs out of memory on
//   the synthetic profile after one to three minutes; the row then says so). A comparison table.
// - first-load transfer size: every file the page fetches on its first load (the server's
//   request log), each as gzip -9 would send it, summed and checked against the budget.
// - re-aggregation (requery.mjs), on the synthetic profile: the time from a change of sample
//   type, filter or granularity in the link to the flame graph painted again, the engine's
//   round trip, and the longest frame gap meanwhile, against the 300 ms target.
//
//   node tests/bench/browser.mjs [--runs N] [--no-speedscope] [--no-requery] [PROFILE...]
//
// Inputs: the cargo bench's synthetic profile ($PPROFVIEW_SYNTHETIC, else generated via
// `cargo bench --bench bench -- --synthetic-only`) and ../shared's large.cpu (skipped when
// absent), plus any PROFILE given. $PPROFVIEW_DIST serves another build instead of dist/.
// Exits 1 when a pprofview load fails, the page is over budget or the build changed during the
// run; speedscope's failures and a missed redraw target are reported, not errors.

import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { dist as builtDist, dropAndWatch, launch, openPage, sharedTestdata, startServer, syntheticProfile } from "../e2e/lib.mjs";
import { callTreeSize, hookWorker, panZoom, percentile, treeMessage } from "./flame.mjs";
import { formatRequery, measureRequery } from "./requery.mjs";
import { formatSpeedscope, measureSpeedscope, OUT } from "./speedscope.mjs";

const BUDGET_BYTES = 600_000; // 600 KB (10^3 bytes) of gzipped transfer on first load
const MB = 1e6;
const VIEWPORT = { width: 1600, height: 900 };
const REDRAW_TARGET_MS = 8;
// speedscope: inputs bigger than this are tried once (it runs out of memory on the synthetic
// profile, after one to three minutes), with a generous timeout so a slow success still counts.
const SPEEDSCOPE_ONCE_BYTES = 10 * MB;
const SPEEDSCOPE_TIMEOUT_MS = 300_000;

const args = process.argv.slice(2);
let runs = 5;
let speedscope = true;
let requery = true;
const extra = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--no-speedscope") speedscope = false;
  else if (args[i] === "--no-requery") requery = false;
  else if (args[i].startsWith("-")) {
    console.error(`browser bench: unknown flag ${args[i]}\nusage: node tests/bench/browser.mjs [--runs N] [--no-speedscope] [--no-requery] [PROFILE...]`);
    process.exit(2);
  } else extra.push(path.resolve(args[i]));
}
if (!(runs >= 1)) {
  console.error("browser bench: --runs must be positive");
  process.exit(2);
}
// $PPROFVIEW_DIST: benchmark another build (a copy of dist/, e.g. to compare two builds, or to
// keep a build steady while dist/ is rebuilt).
const dist = process.env.PPROFVIEW_DIST ? path.resolve(process.env.PPROFVIEW_DIST) : builtDist;
if (!existsSync(path.join(dist, "index.html"))) {
  console.error(`browser bench: ${dist}/index.html is missing: run \`make dist\``);
  process.exit(1);
}
// The build's time; checked again at the end, since a rebuild during the run mixes two builds.
const builtAt = () => statSync(path.join(dist, "index.html")).mtime;
const distTime = builtAt();

const inputs = [];
const shared = sharedTestdata();
const large = shared && path.join(shared, "upstream", "proftest__large.cpu.pb.gz");
if (large && existsSync(large)) inputs.push({ name: "large.cpu", file: large });
else console.log("large.cpu: ../shared/testdata/pprof is absent, skipped");
inputs.push({ name: "synthetic", file: syntheticProfile() });
for (const f of extra) inputs.push({ name: path.basename(f), file: f });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pad = (s, n) => String(s).padStart(n);
const int = (x) => Math.round(x).toLocaleString("en");
const safe = (name) => name.replace(/[^\w.-]+/g, "_");

/** A fresh page with `input` fetched into window.__profile (not timed), ready to drop. */
async function loadedPage(browser, server) {
  const opened = await openPage(browser.context, server.url);
  await opened.page.evaluate(async () => {
    window.__profile = await (await fetch("bench/input.pb.gz")).blob();
  });
  return opened;
}

/** Drops window.__profile as `input`; throws unless the page reaches ready. */
async function drop(page, input) {
  const r = await page.evaluate(dropAndWatch, path.basename(input.file));
  if (r.state !== "ready") {
    const err = await page.locator('[data-testid="error"]').innerText({ timeout: 1_000 }).catch(() => "");
    throw new Error(`${input.name}: data-state ${r.state} ${err}`);
  }
  return r;
}

await mkdir(OUT, { recursive: true });
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(", ");
const browser = await launch({ viewport: VIEWPORT });
await browser.context.addInitScript(hookWorker);
let failed = false;
const rows = [];
const flames = [];
let ss = null;
let requeried = null;
try {
  // First-load transfer size, from a fresh server's log of one page load.
  const first = await startServer({ root: dist });
  const { page, seen } = await openPage(browser.context, first.url);
  await page.waitForLoadState("networkidle");
  const ua = await page.evaluate(() => navigator.userAgent);
  await page.close();
  await first.close();
  const cpus = os.cpus();
  console.log("== pprofview browser benchmark ==");
  console.log(`machine: ${cpus[0]?.model ?? "?"}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; load average ${load()}`);
  console.log(`browser: headless ${/(Chrom\w+\/[\d.]+)/.exec(ua)?.[1] ?? ua}, viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
  console.log(`build: ${dist} (index.html of ${distTime.toISOString()})`);
  if (seen.errors.length) console.log(`page errors on first load: ${seen.errors.join("; ")}`);

  const files = [...new Set(first.log.filter((e) => e.status === 200).map((e) => new URL(e.path, first.origin).pathname))];
  let raw = 0;
  let gz = 0;
  console.log("\n-- first load: files fetched, and their size gzipped (-9) --");
  for (const p of files) {
    const file = path.join(dist, p === "/" ? "index.html" : decodeURIComponent(p.slice(1)));
    const bytes = readFileSync(file);
    const g = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += g;
    console.log(`  ${p.padEnd(40)} ${pad(bytes.length.toLocaleString("en"), 11)} B  ${pad(g.toLocaleString("en"), 9)} B gzipped`);
  }
  const within = gz <= BUDGET_BYTES;
  console.log(
    `  total: ${files.length} files, ${(raw / 1e3).toFixed(1)} kB, ${(gz / 1e3).toFixed(1)} kB gzipped; ` +
      `budget ${BUDGET_BYTES / 1e3} kB: ${within ? "within" : "OVER BUDGET"} (${((gz / BUDGET_BYTES) * 100).toFixed(0)} %)`,
  );
  if (!within) failed = true;

  for (const input of inputs) {
    const size = statSync(input.file).size;
    const server = await startServer({ root: dist, routes: { "/bench/input.pb.gz": input.file } });
    try {
      // Drop to first flame graph.
      const samples = [];
      console.log(`\n-- ${input.name} (${input.file}, ${(size / MB).toFixed(2)} MB): drop → first flame graph; load average ${load()} --`);
      for (let i = 0; i < runs; i++) {
        const { page } = await loadedPage(browser, server);
        try {
          const r = await drop(page, input);
          const tree = await page.evaluate(treeMessage, r.readyMs);
          const ms = r.readyMs ?? r.stateMs;
          samples.push({ ms, decoded: r.decodedMs, tree: tree?.ms ?? null, gap: r.maxGap });
          console.log(
            `  run ${i + 1}: ${ms.toFixed(0)} ms to ${r.readyMs !== null ? "pprofview:ready" : "data-state=ready"}` +
              ` (decoded at ${r.decodedMs?.toFixed(0) ?? "?"} ms, call tree received at ${tree ? `${tree.ms.toFixed(0)} ms (${(tree.bytes / MB).toFixed(1)} MB message)` : "?"},` +
              ` data-state at ${r.stateMs.toFixed(0)} ms), longest frame gap ${r.maxGap.toFixed(0)} ms, longest task ${r.longestTask.toFixed(0)} ms`,
          );
        } catch (e) {
          console.log(`  run ${i + 1}: FAILED: ${e.message}`);
          failed = true;
          break;
        } finally {
          await page.close();
        }
      }
      if (samples.length) {
        const med = (k) => (samples.every((s) => s[k] !== null) ? median(samples.map((s) => s[k])) : null);
        rows.push({ input: input.name, size, n: samples.length, ms: med("ms"), dec: med("decoded"), tree: med("tree"), gap: Math.max(...samples.map((s) => s.gap)) });
      }

      // Pan/zoom on one more fresh load (which also keeps the tree's bytes to count its nodes).
      console.log(`-- ${input.name}: pan/zoom (${VIEWPORT.width}×${VIEWPORT.height}); load average ${load()} --`);
      const { page, seen } = await loadedPage(browser, server);
      try {
        await page.evaluate(() => {
          window.__keepLargest = true;
        });
        await drop(page, input);
        const tree = await page.evaluate(callTreeSize);
        console.log(tree ? `  call tree: ${int(tree.nodes)} nodes, ${tree.rows} rows (from the worker's ${(tree.bytes / MB).toFixed(1)} MB message)` : "  call tree: size unknown (the message layout was not recognised)");
        await page.waitForTimeout(300);
        const shot = path.join(OUT, `pprofview-${safe(input.name)}.png`);
        await page.screenshot({ path: shot });
        const zoomed = path.join(OUT, `pprofview-${safe(input.name)}-zoomed.png`);
        const pz = await panZoom(page, { shotZoomed: zoomed });
        const ms = pz.redraws.map((d) => d.ms);
        const drawn = pz.redraws.map((d) => d.drawn);
        const f = {
          input: input.name,
          tree,
          steps: pz.steps,
          missed: pz.missed,
          n: ms.length,
          median: ms.length ? median(ms) : null,
          p95: ms.length ? percentile(ms, 95) : null,
          max: ms.length ? Math.max(...ms) : null,
          over: ms.filter((x) => x > REDRAW_TARGET_MS).length,
          drawnMedian: drawn.length ? median(drawn) : null,
          drawnMax: drawn.length ? Math.max(...drawn) : null,
          gapP95: pz.frameGaps.length ? percentile(pz.frameGaps, 95) : null,
          gapMax: pz.frameGaps.length ? Math.max(...pz.frameGaps) : null,
          canvas: pz.canvas,
        };
        flames.push(f);
        console.log(
          `  ${f.steps} steps (${f.missed} without a redraw), ${f.n} redraws on a ${f.canvas.width}×${f.canvas.height} canvas: ` +
            `median ${f.median?.toFixed(2)} ms, p95 ${f.p95?.toFixed(2)} ms, max ${f.max?.toFixed(2)} ms; ${f.over} over ${REDRAW_TARGET_MS} ms; ` +
            `items drawn median ${f.drawnMedian}, max ${f.drawnMax}; frame gaps p95 ${f.gapP95?.toFixed(0)} ms, max ${f.gapMax?.toFixed(0)} ms`,
        );
        const phases = [...new Set(pz.redraws.map((d) => d.phase))];
        for (const ph of phases) {
          const ds = pz.redraws.filter((d) => d.phase === ph);
          const t = ds.map((d) => d.ms);
          const n = ds.map((d) => d.drawn);
          console.log(
            `    ${ph.padEnd(22)} ${pad(ds.length, 3)} redraws: median ${median(t).toFixed(2)} ms, p95 ${percentile(t, 95).toFixed(2)} ms, max ${Math.max(...t).toFixed(2)} ms; ` +
              `items drawn median ${median(n)}, max ${Math.max(...n)}`,
          );
        }
        console.log(`  screenshots: ${path.relative(process.cwd(), shot)}, ${path.relative(process.cwd(), zoomed)}`);
        if (seen.errors.length) console.log(`  page errors: ${seen.errors.slice(0, 3).join("; ")}`);
      } catch (e) {
        console.log(`  pan/zoom FAILED: ${e.message.split("\n")[0]}`);
        failed = true;
      } finally {
        await page.close();
      }
      // Re-aggregation, on one more fresh load of the synthetic profile.
      if (requery && input.name === "synthetic") {
        console.log(`-- ${input.name}: re-aggregation after a change in the link; load average ${load()} --`);
        const { page } = await loadedPage(browser, server);
        try {
          await drop(page, input);
          requeried = await measureRequery(page, { rounds: Math.max(3, Math.min(runs, 5)) });
        } catch (e) {
          console.log(`  re-aggregation FAILED: ${e.message.split("\n")[0]}`);
          failed = true;
        } finally {
          await page.close();
        }
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}

// speedscope, after pprofview so its memory use cannot disturb pprofview's numbers; its own
// Chromium, so pprofview's init script stays out of its pages.
if (speedscope) {
  console.log(`\n-- speedscope; load average ${load()} --`);
  const sb = await launch({ viewport: VIEWPORT });
  try {
    for (const input of inputs) {
      const once = statSync(input.file).size > SPEEDSCOPE_ONCE_BYTES;
      const r = await measureSpeedscope(sb, [input], { runs: once ? 1 : runs, timeoutMs: once ? SPEEDSCOPE_TIMEOUT_MS : 120_000 });
      ss = ss ? { version: ss.version, rows: [...ss.rows, ...r.rows] } : r;
    }
  } catch (e) {
    console.log(`speedscope: FAILED: ${e.message}`);
  } finally {
    await sb.close();
  }
}

console.log("\n== drop to first flame graph (pprofview:ready), median of fresh page loads; MB = 10^6 bytes; MB/s = compressed input / median ==\n");
console.log("| input | size (MB) | runs | drop → decoded (ms) | drop → call tree received (ms) | drop → first flame graph (ms) | MB/s | longest frame gap (ms) |");
console.log("|---|--:|--:|--:|--:|--:|--:|--:|");
const f0 = (x) => (x === null || x === undefined ? "–" : int(x));
for (const r of rows) {
  console.log(`| ${r.input} | ${(r.size / MB).toFixed(2)} | ${r.n} | ${f0(r.dec)} | ${f0(r.tree)} | ${f0(r.ms)} | ${(r.size / MB / (r.ms / 1e3)).toFixed(1)} | ${f0(r.gap)} |`);
}

console.log(`\n== pan/zoom redraws (${VIEWPORT.width}×${VIEWPORT.height}; data-draw-ms of every redraw during the script; target ≤ ${REDRAW_TARGET_MS} ms) ==\n`);
console.log("| input | call tree nodes | rows | steps | redraws | median (ms) | p95 (ms) | max (ms) | over 8 ms | items drawn (median / max) | frame gap p95 / max (ms) |");
console.log("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
const f2 = (x) => (x === null ? "–" : x.toFixed(2));
for (const f of flames) {
  console.log(
    `| ${f.input} | ${f.tree ? int(f.tree.nodes) : "?"} | ${f.tree?.rows ?? "?"} | ${f.steps} | ${f.n} | ${f2(f.median)} | ${f2(f.p95)} | ${f2(f.max)} | ${f.over} | ${f.drawnMedian ?? "–"} / ${f.drawnMax ?? "–"} | ${f0(f.gapP95)} / ${f0(f.gapMax)} |`,
  );
}

if (requeried) {
  console.log("\n== re-aggregation on the synthetic profile: change in the link → flame graph painted again (medians; target ≤ 300 ms in the engine) ==\n");
  console.log(formatRequery(requeried));
}

if (ss) {
  console.log("\n" + formatSpeedscope(ss));
  console.log(`\n== pprofview vs speedscope ${ss.version}: drop to first flame graph, medians (same Chromium, ${VIEWPORT.width}×${VIEWPORT.height}) ==\n`);
  console.log("| input | size (MB) | pprofview (ms) | speedscope (ms) | speedscope ÷ pprofview |");
  console.log("|---|--:|--:|--:|--:|");
  for (const input of inputs) {
    const p = rows.find((r) => r.input === input.name);
    const s = ss.rows.find((r) => r.name === input.name);
    const pv = p ? `${int(p.ms)} (${p.n} runs)` : "failed";
    const sv = !s ? "–" : s.ok ? `${int(s.ms)} (${s.samples.length} runs)` : `failed: ${s.error}`;
    const ratio = p && s?.ok ? `${(s.ms / p.ms).toFixed(1)}×` : "–";
    console.log(`| ${input.name} | ${(statSync(input.file).size / MB).toFixed(2)} | ${pv} | ${sv} | ${ratio} |`);
  }
  for (const r of ss.rows) if (r.screenshot) console.log(`speedscope screenshot: ${path.relative(process.cwd(), r.screenshot)}`);
}
console.log(`\nload average at the end: ${load()}`);
if (builtAt().getTime() !== distTime.getTime()) {
  console.log(`WARNING: ${dist} was rebuilt during the run (${builtAt().toISOString()}): the numbers mix two builds`);
  failed = true;
}
process.exit(failed ? 1 : 0);
