// speedscope on the browser benchmark's inputs, for comparison with pprofview's own numbers
// (tests/bench/browser.mjs). speedscope is an npm devDependency used only here: its built
// static app (node_modules/speedscope/dist/release/) is served on 127.0.0.1 and loaded in the
// same headless Chromium; nothing of it is shipped in dist/.
//
// Measured: "drop to first flame graph", the time from dispatching a drop of the profile on
// speedscope's page to the first frame that shows its flame chart, median of fresh page loads
// (default 5). The profile is fetched into the page as a Blob before the clock starts, as
// browser.mjs does for pprofview, so neither includes reading the file from disk.
//
// When is the flame chart drawn? speedscope draws the chart in one requestAnimationFrame
// callback (CanvasContext.onBeforeFrame → FlamechartPanZoomView.onBeforeFrame): it resizes the
// chart's 2D overlay canvas from its initial 1×1 to the view's size, draws the rectangles on
// its full-page WebGL canvas, then the frame labels on that overlay, all synchronously. So the
// first time the largest 2D canvas on the page is bigger than 1×1 and has a non-transparent
// pixel, the rectangles of that same frame have been drawn too. No such canvas exists before a
// profile is shown (the landing page has only the WebGL canvas, whose getContext("2d") is
// null). The watcher checks this on every animation frame and stops the clock at the next
// requestAnimationFrame callback after it is seen (the frame has been handed to the
// compositor). document.title ("NAME - speedscope") is set earlier, when the import has
// finished but before demangling and the first render: it is reported as "imported".
//
// Failures are results, not errors: speedscope's error view ("Something went wrong"), an
// alert() (unrecognised or empty profile), no flame chart within the timeout (120 s) or a
// crashed page (out of memory) mark that file's row as failed, with the reason, and the other
// files are still measured. After a failed run the file's remaining runs are skipped.
//
//   node tests/bench/speedscope.mjs [--runs N] [--timeout SECONDS] [FILE...]
//
// Without FILE: ../shared's large.cpu and the synthetic profile ($PPROFVIEW_SYNTHETIC or
// target/bench-data/synthetic.pb.gz; this script never runs cargo). A screenshot of the page at
// the end of each file's last run (the flame chart, or the failure) goes to
// tests/bench/out/speedscope-NAME.png (none when the page crashed).
//
// WebGL in headless Chromium with --disable-gpu is SwiftShader (software rendering on the CPU).

import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch, openPage, repo, sharedTestdata, startServer } from "../e2e/lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const OUT = path.join(here, "out");

const MB = 1e6;

/** speedscope's package directory, version and built static app (throws when not installed). */
export function speedscopeRelease() {
  const require = createRequire(import.meta.url);
  let pkgJson;
  try {
    pkgJson = require.resolve("speedscope/package.json");
  } catch {
    throw new Error("speedscope is not installed: run `make tools-node` (npm ci)");
  }
  const dir = path.join(path.dirname(pkgJson), "dist", "release");
  if (!existsSync(path.join(dir, "index.html"))) throw new Error(`speedscope's built app is missing: ${dir}/index.html`);
  return { dir, version: JSON.parse(readFileSync(pkgJson, "utf8")).version };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs in the page (`page.evaluate(dropAndWatchSpeedscope, name)`): drops `window.__profile`
 * (a Blob) as a File named `name` where a user would (the middle of the window; the event
 * bubbles to speedscope's root element, which has the drop handlers), and watches animation
 * frames until the flame chart is drawn or speedscope shows its error view. Times are ms
 * after the drop was dispatched. `timeoutMs` only helps when the page is responsive; the
 * caller keeps its own timeout.
 */
export function dropAndWatchSpeedscope({ name, timeoutMs }) {
  return new Promise((resolve) => {
    const initialTitle = document.title;
    let importedAt = null;
    const titleObserver = new MutationObserver(() => {
      if (importedAt === null && document.title !== initialTitle) {
        importedAt = performance.now();
        console.debug("speedscope-bench: imported"); // tells the caller how far a crashed page got
      }
    });
    titleObserver.observe(document.head, { subtree: true, childList: true, characterData: true });

    // The chart's overlay: the largest 2D canvas bigger than 1×1 (the WebGL canvas has no 2D
    // context), drawn once it has a non-transparent pixel.
    const chartDrawn = () => {
      let best = null;
      for (const c of document.querySelectorAll("canvas")) {
        if (c.width <= 1 || c.height <= 1) continue;
        if (!c.getContext("2d")) continue;
        if (!best || c.width * c.height > best.width * best.height) best = c;
      }
      if (!best) return false;
      const px = best.getContext("2d").getImageData(0, 0, best.width, best.height).data;
      for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
      return false;
    };

    const t0 = performance.now();
    let last = t0;
    let maxGap = 0;
    let frames = 0;
    let drawnAt = null;
    const finish = (state, extra = {}) => {
      titleObserver.disconnect();
      const rel = (t) => (t === null ? null : t - t0);
      resolve({ state, importedMs: rel(importedAt), drawnMs: rel(drawnAt), maxGap, frames, title: document.title, ...extra });
    };
    const tick = () => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      frames++;
      if (drawnAt !== null) return finish("drawn", { ms: now - t0 });
      if (document.body.textContent.includes("Something went wrong")) return finish("error", { reason: "speedscope's error view: Something went wrong" });
      if (chartDrawn()) drawnAt = now; // stop the clock at the next frame
      else if (now - t0 > timeoutMs) return finish("timeout", { reason: `no flame chart after ${(timeoutMs / 1e3).toFixed(0)} s` });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);

    const target = document.elementFromPoint(innerWidth / 2, innerHeight / 2) ?? document.body.firstElementChild;
    const dt = new DataTransfer();
    dt.items.add(new File([window.__profile], name, { type: "application/gzip" }));
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  });
}

/**
 * Measures speedscope's drop to first flame graph on each file, in `browser` (what
 * tests/e2e/lib.mjs's launch() returns, or a Playwright BrowserContext).
 *
 * @param {{context: import("playwright-core").BrowserContext} | import("playwright-core").BrowserContext} browser
 * @param {(string | {name?: string, file: string})[]} files pprof profiles (.pb.gz or .pb)
 * @param {{runs?: number, timeoutMs?: number, screenshots?: string | false, log?: (line: string) => void}} [options]
 *   runs per file (5), timeout per run (120 s), directory for one screenshot per file, taken
 *   at the end of its last run (tests/bench/out; false for none), progress lines (console.log)
 * @returns {Promise<{version: string, rows: {
 *   name: string, file: string, size: number,
 *   ok: boolean, error: string | null,
 *   runs: number, samples: number[], ms: number | null, importedMs: number | null,
 *   maxGap: number | null, screenshot: string | null}[]}>}
 *   One row per file, in order. `ok` is true when every run drew the flame chart; `ms` is the
 *   median drop → first flame graph of the successful runs (null when none), `importedMs` the
 *   median drop → document.title set (import done), `maxGap` the longest gap between
 *   animation frames in any run; `error` says why a run failed (the remaining runs of that
 *   file are then skipped, so `samples.length` < `runs`).
 */
export async function measureSpeedscope(browser, files, { runs = 5, timeoutMs = 120_000, screenshots = OUT, log = console.log } = {}) {
  const context = browser.context ?? browser;
  const { dir, version } = speedscopeRelease();
  if (screenshots) await mkdir(screenshots, { recursive: true });
  const rows = [];
  for (const input of files) {
    const file = typeof input === "string" ? input : input.file;
    const name = (typeof input === "string" ? null : input.name) ?? path.basename(file).replace(/\.pb(\.gz)?$/, "");
    const row = { name, file, size: 0, ok: false, error: null, runs, samples: [], ms: null, importedMs: null, maxGap: null, screenshot: null };
    rows.push(row);
    try {
      row.size = statSync(file).size;
    } catch (e) {
      row.error = `cannot read ${file}: ${e.code ?? e.message}`;
      log(`speedscope ${name}: FAILED: ${row.error}`);
      continue;
    }
    log(`-- speedscope ${version}: ${name} (${file}, ${(row.size / MB).toFixed(2)} MB) --`);
    const server = await startServer({ root: dir, routes: { "/bench/input.pb.gz": file } });
    const imported = [];
    const gaps = [];
    try {
      for (let i = 0; i < runs; i++) {
        const shot = screenshots ? path.join(screenshots, `speedscope-${name.replace(/[^\w.-]+/g, "_")}.png`) : null;
        const r = await oneRun(context, server.url, path.basename(file), timeoutMs, shot, i === runs - 1);
        if (r.screenshot) row.screenshot = r.screenshot;
        if (r.state !== "drawn") {
          row.error = `run ${i + 1}: ${r.reason}`;
          log(`  run ${i + 1}: FAILED: ${r.reason}`);
          break;
        }
        row.samples.push(r.ms);
        if (r.importedMs !== null) imported.push(r.importedMs);
        gaps.push(r.maxGap);
        log(
          `  run ${i + 1}: ${r.ms.toFixed(0)} ms to the first flame graph (imported at ${r.importedMs?.toFixed(0) ?? "?"} ms, ` +
            `chart seen at ${r.drawnMs.toFixed(0)} ms), longest frame gap ${r.maxGap.toFixed(0)} ms`,
        );
      }
    } finally {
      await server.close();
    }
    row.ok = row.error === null && row.samples.length === runs;
    if (row.samples.length) {
      row.ms = median(row.samples);
      row.importedMs = imported.length === row.samples.length ? median(imported) : null;
      row.maxGap = Math.max(...gaps);
    }
  }
  return { version, rows };
}

/** One fresh page: load speedscope, fetch the profile into a Blob, drop it, watch; a screenshot when `last`. */
async function oneRun(context, url, fileName, timeoutMs, screenshot, last) {
  const { page, seen } = await openPage(context, url, { waitEngine: false });
  let timer;
  let dropped = null;
  let imported = null;
  page.on("console", (m) => {
    if (m.text() === "speedscope-bench: imported") imported = performance.now();
  });
  const since = (t) => `${((performance.now() - t) / 1e3).toFixed(1)} s`;
  const failures = new Promise((resolve) => {
    page.once("crash", () => {
      const when = dropped === null ? "before the drop" : imported === null ? `during the import, ${since(dropped)} after the drop` : `after the import (title set), ${since(dropped)} after the drop`;
      resolve({ state: "crash", reason: `the page crashed ${when} (renderer killed; most likely out of memory)` });
    });
    page.on("dialog", (d) => {
      resolve({ state: "alert", reason: `speedscope alert: ${d.message()}` });
      d.dismiss().catch(() => {});
    });
    timer = setTimeout(() => resolve({ state: "timeout", reason: `no flame chart after ${(timeoutMs / 1e3).toFixed(0)} s (page unresponsive)` }), timeoutMs + 10_000);
  });
  let r;
  try {
    // speedscope is mounted (landing page with its Browse button) and its WebGL canvas sized.
    await page.waitForFunction(() => document.querySelector('label[for="file"]') && [...document.querySelectorAll("canvas")].some((c) => c.width > 1), null, {
      timeout: 30_000,
    });
    await page.evaluate(async () => {
      window.__profile = await (await fetch("bench/input.pb.gz")).blob();
    });
    dropped = performance.now();
    r = await Promise.race([
      page.evaluate(dropAndWatchSpeedscope, { name: fileName, timeoutMs }).catch((e) => ({ state: "evaluate", reason: e.message.split("\n")[0] })),
      failures,
    ]);
    // speedscope's WebGL on SwiftShader warns "GL Driver Message ... GPU stall due to ReadPixels" on every load.
    const errors = seen.errors.filter((e) => !e.includes("GL Driver Message"));
    if (r.state !== "drawn" && errors.length) r.reason += `; page: ${errors.slice(0, 3).join("; ")}`;
    // The last run made (the last one, or a failed one): what speedscope shows at its end.
    if (screenshot && (last || r.state !== "drawn") && r.state !== "crash") {
      r.screenshot = await page
        .screenshot({ path: screenshot, timeout: 30_000 })
        .then(() => screenshot)
        .catch(() => null);
    }
  } catch (e) {
    r = { state: "setup", reason: e.message.split("\n")[0] };
  } finally {
    clearTimeout(timer);
    await Promise.race([page.close({ runBeforeUnload: false }).catch(() => {}), new Promise((res) => setTimeout(res, 15_000))]);
  }
  return r;
}

/** The Markdown table of `measureSpeedscope`'s result. */
export function formatSpeedscope({ version, rows }) {
  const lines = [
    `== speedscope ${version}: drop to first flame graph (median of fresh page loads; MB = 10^6 bytes; MB/s = compressed input / median) ==`,
    "",
    "| input | size (MB) | runs | drop → imported (ms) | drop → first flame graph (ms) | MB/s | longest frame gap (ms) | result |",
    "|---|--:|--:|--:|--:|--:|--:|---|",
  ];
  for (const r of rows) {
    const n = `${r.samples.length}/${r.runs}`;
    const f = (x) => (x === null ? "–" : x.toFixed(0));
    const mbs = r.ms === null ? "–" : (r.size / MB / (r.ms / 1e3)).toFixed(1);
    lines.push(`| ${r.name} | ${(r.size / MB).toFixed(2)} | ${n} | ${f(r.importedMs)} | ${f(r.ms)} | ${mbs} | ${f(r.maxGap)} | ${r.ok ? "ok" : `FAILED: ${r.error}`} |`);
  }
  return lines.join("\n");
}

// Run as a script.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  let runs = 5;
  let timeoutMs = 120_000;
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--runs") runs = Number(args[++i]);
    else if (args[i] === "--timeout") timeoutMs = Number(args[++i]) * 1e3;
    else if (args[i].startsWith("-")) {
      console.error(`speedscope bench: unknown flag ${args[i]}\nusage: node tests/bench/speedscope.mjs [--runs N] [--timeout SECONDS] [FILE...]`);
      process.exit(2);
    } else files.push(path.resolve(args[i]));
  }
  if (!(runs >= 1) || !(timeoutMs > 0)) {
    console.error("speedscope bench: --runs and --timeout must be positive");
    process.exit(2);
  }
  if (!files.length) {
    const shared = sharedTestdata();
    const large = shared && path.join(shared, "upstream", "proftest__large.cpu.pb.gz");
    if (large && existsSync(large)) files.push({ name: "large.cpu", file: large });
    else console.log("large.cpu: ../shared/testdata/pprof is absent, skipped");
    const synthetic = process.env.PPROFVIEW_SYNTHETIC ?? path.join(repo, "target", "bench-data", "synthetic.pb.gz");
    if (existsSync(synthetic)) files.push({ name: "synthetic", file: synthetic });
    else console.log("synthetic: not generated yet (`cargo bench --bench bench -- --synthetic-only`), skipped");
  }
  const browser = await launch({ viewport: { width: 1280, height: 900 } });
  let result;
  try {
    result = await measureSpeedscope(browser, files, { runs, timeoutMs });
  } finally {
    await browser.close();
  }
  console.log("\n" + formatSpeedscope(result));
  for (const r of result.rows) if (r.screenshot) console.log(`screenshot: ${path.relative(process.cwd(), r.screenshot)}`);
}
