// pprofview's browser benchmark (`make bench` runs it after the cargo bench; CONTRACT §5,
// issue 3 acceptance 3). Serves dist/ and, in headless Chromium:
//
// - drop to ready: for each input, the time from dispatching a drop of the profile on the page
//   to the `pprofview:ready` performance mark (or to <body data-state="ready"> when the page
//   set no mark), median of 5 fresh page loads; MB/s of compressed input; the longest gap
//   between animation frames meanwhile (the main thread's responsiveness).
// - first-load transfer size: every file the page fetches on its first load (the server's
//   request log), each as gzip -9 would send it, summed and checked against the budget.
//
//   node tests/bench/browser.mjs [--runs N] [PROFILE...]
//
// Inputs: the cargo bench's synthetic profile ($PPROFVIEW_SYNTHETIC, else generated via
// `cargo bench --bench bench -- --synthetic-only`) and ../shared's large.cpu (skipped when
// absent), plus any PROFILE given. Exits 1 when a load fails or the page is over budget.

import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { dist, dropAndWatch, launch, openPage, sharedTestdata, startServer, syntheticProfile } from "../e2e/lib.mjs";

const BUDGET_BYTES = 600_000; // 600 KB (10^3 bytes) of gzipped transfer on first load
const MB = 1e6;

const args = process.argv.slice(2);
let runs = 5;
const extra = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i].startsWith("-")) {
    console.error(`browser bench: unknown flag ${args[i]}`);
    process.exit(2);
  } else extra.push(path.resolve(args[i]));
}
if (!existsSync(path.join(dist, "index.html"))) {
  console.error("browser bench: dist/index.html is missing: run `make dist`");
  process.exit(1);
}

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

const browser = await launch({ viewport: { width: 1280, height: 900 } });
let failed = false;
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
  console.log(`machine: ${cpus[0]?.model ?? "?"}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}`);
  console.log(`browser: headless ${/(Chrom\w+\/[\d.]+)/.exec(ua)?.[1] ?? ua}`);
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

  // Drop to ready.
  const rows = [];
  for (const input of inputs) {
    const size = statSync(input.file).size;
    const server = await startServer({ root: dist, routes: { "/bench/input.pb.gz": input.file } });
    const samples = [];
    console.log(`\n-- ${input.name} (${input.file}, ${(size / MB).toFixed(2)} MB) --`);
    for (let i = 0; i < runs; i++) {
      const { page } = await openPage(browser.context, server.url);
      try {
        await page.evaluate(async () => {
          window.__profile = await (await fetch("bench/input.pb.gz")).blob();
        });
        const r = await page.evaluate(dropAndWatch, path.basename(input.file));
        if (r.state !== "ready") {
          const err = await page.locator('[data-testid="error"]').innerText({ timeout: 1_000 }).catch(() => "");
          throw new Error(`${input.name}: data-state ${r.state} ${err}`);
        }
        const ms = r.readyMs ?? r.stateMs;
        samples.push({ ms, decoded: r.decodedMs, gap: r.maxGap, mark: r.readyMs !== null });
        console.log(
          `  run ${i + 1}: ${ms.toFixed(0)} ms to ${r.readyMs !== null ? "pprofview:ready" : "data-state=ready"}` +
            ` (decoded at ${r.decodedMs?.toFixed(0) ?? "?"} ms, data-state at ${r.stateMs.toFixed(0)} ms), longest frame gap ${r.maxGap.toFixed(0)} ms`,
        );
      } catch (e) {
        console.log(`  run ${i + 1}: FAILED: ${e.message}`);
        failed = true;
        break;
      } finally {
        await page.close();
      }
    }
    await server.close();
    if (samples.length) {
      const ms = median(samples.map((s) => s.ms));
      const dec = samples.every((s) => s.decoded !== null) ? median(samples.map((s) => s.decoded)) : null;
      rows.push({ input: input.name, size, n: samples.length, ms, dec, gap: Math.max(...samples.map((s) => s.gap)) });
    }
  }

  console.log("\n== drop to pprofview:ready (median of fresh page loads; MB = 10^6 bytes; MB/s = compressed input / median) ==\n");
  console.log("| input | size (MB) | runs | drop → decoded (ms) | drop → ready (ms) | MB/s | longest frame gap (ms) |");
  console.log("|---|--:|--:|--:|--:|--:|--:|");
  for (const r of rows) {
    console.log(`| ${r.input} | ${(r.size / MB).toFixed(2)} | ${r.n} | ${r.dec === null ? "–" : r.dec.toFixed(0)} | ${r.ms.toFixed(0)} | ${(r.size / MB / (r.ms / 1e3)).toFixed(1)} | ${r.gap.toFixed(0)} |`);
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
