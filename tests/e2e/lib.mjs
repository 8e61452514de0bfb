// Shared helpers of the e2e suite (tests/e2e/*.test.mjs) and the browser benchmark
// (tests/bench/browser.mjs): paths, launching Chromium, opening the served page, loading
// profiles the ways a user does, reading the virtualised top table, and the CLI's `top`
// output to compare it with. Not part of the site.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export { startServer } from "./serve.mjs";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "..", "..");
export const dist = path.join(repo, "dist");
export const out = path.join(here, "out");
export const fixtures = path.join(repo, "tests", "fixtures", "profiles");
/** The own fixtures the suites load most. */
export const CPU = path.join(fixtures, "go_cpu.pb.gz");
/** A second Go CPU profile; runtime.mallocgc has two callers in it. */
export const CPU_B = path.join(fixtures, "go_cpu_b.pb.gz");
export const HEAP = path.join(fixtures, "go_heap.pb.gz");
export const CLI = path.join(process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, "target"), "release", "pprofview");
export const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(repo, "Cargo.toml"), "utf8"))[1];

/** ../shared/testdata/pprof (or $PPROFVIEW_SHARED/testdata/pprof), or null when absent. */
export function sharedTestdata() {
  const root = process.env.PPROFVIEW_SHARED ? path.resolve(process.env.PPROFVIEW_SHARED) : path.resolve(repo, "..", "shared");
  const dir = path.join(root, "testdata", "pprof");
  return existsSync(dir) ? dir : null;
}
export const SHARED_MISSING = "skipped: ../shared/testdata/pprof is absent (set PPROFVIEW_SHARED to its parent)";

/**
 * The benchmark's synthetic profile (≥ 25 MB gzipped): $PPROFVIEW_SYNTHETIC (the Makefile sets
 * it), else `cargo bench --bench bench -- --synthetic-only`, which generates it when missing
 * or stale (about 6 s, plus compiling the bench the first time) and prints its path last.
 */
export function syntheticProfile() {
  const env = process.env.PPROFVIEW_SYNTHETIC;
  if (env && existsSync(env)) return env;
  const stdout = execFileSync("cargo", ["bench", "--bench", "bench", "--", "--synthetic-only"], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return stdout.trim().split("\n").pop();
}

// Debian's Chromium, flags from docs/TOOLCHAIN.md: without the background-networking ones it
// floods the closed network with connection attempts.
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Console warnings we know and accept; any other warning or error is recorded in `seen.errors`.
// (None today: www/worker_loader.js replaced trunk's shim, which made wasm-bindgen warn.)
export const KNOWN_WARNINGS = [];

/** Fails early, saying what to build, unless dist/ (and the CLI when `cli`) exist; makes out/. */
export async function requireBuilt({ cli = true } = {}) {
  assert.ok(existsSync(path.join(dist, "index.html")), "dist/index.html is missing: run `make dist`");
  if (cli) assert.ok(existsSync(CLI), `${CLI} is missing: run \`make cli\``);
  await mkdir(out, { recursive: true });
}

/** A fresh headless Chromium (persistent context in a temporary profile directory). */
export async function launch({ viewport = { width: 1280, height: 2000 } } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pprofview-e2e-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` in a new page and records what it does: every request, failed requests, page
 * errors and console errors/unexpected warnings (`seen.console` has every message). Waits
 * for the engine worker unless `waitEngine` is false.
 */
export async function openPage(context, url, { colorScheme = "light", waitEngine = true } = {}) {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  const seen = { requests: [], failed: [], errors: [], console: [] };
  page.on("request", (r) => seen.requests.push(r.url()));
  page.on("requestfailed", (r) => seen.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("pageerror", (e) => seen.errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    seen.console.push(`${m.type()}: ${m.text()}`);
    const known = KNOWN_WARNINGS.some((re) => re.test(m.text()));
    if (m.type() === "error" || (m.type() === "warning" && !known)) {
      seen.errors.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  await page.goto(url);
  if (waitEngine) await engineReady(page);
  return { page, seen };
}

export async function engineReady(page, timeout = 30_000) {
  await page.locator('[data-testid="engine-status"][data-engine="ready"]').waitFor({ timeout });
}

export const bodyState = (page) => page.evaluate(() => document.body.dataset.state);

/**
 * Waits until <body data-state> is `want`. Fails early, with the page's error text, when the
 * page reaches "error" while waiting for something else.
 */
export async function waitState(page, want, timeout = 60_000) {
  const handle = await page.waitForFunction(
    (want) => {
      const s = document.body.dataset.state;
      return s === want || (want !== "error" && s === "error") ? s : false;
    },
    want,
    { timeout, polling: 50 },
  );
  const got = await handle.jsonValue();
  if (got !== want) {
    const err = await page.locator('[data-testid="error"]').textContent({ timeout: 1_000 }).catch(() => "(no error element)");
    throw new Error(`body data-state is ${got}, not ${want}: ${err}`);
  }
}

/**
 * Opens `#v=1&FRAGMENT` of the viewer served by `server` in a new page of `context` and waits
 * until it is ready; returns the page and what it logged (see `openPage`).
 */
export async function openLink(context, server, fragment) {
  const { page, seen } = await openPage(context, `${server.url}#v=1&${fragment}`);
  await waitState(page, "ready");
  return { page, seen };
}

/**
 * Waits for the first view after a navigation (the `pprofview:ready` mark) and returns its
 * time from navigation start, in ms; throws with the page's error text if it shows one.
 */
export async function readyMark(page, { timeout = 60_000, polling = 20 } = {}) {
  const handle = await page.waitForFunction(
    () => {
      if (document.body?.dataset.state === "error") return { error: document.querySelector('[data-testid="error"]')?.innerText ?? "error" };
      const m = performance.getEntriesByName("pprofview:ready")[0];
      return m ? { ms: m.startTime } : null;
    },
    null,
    { timeout, polling },
  );
  const r = await handle.jsonValue();
  if (r.error) throw new Error(r.error);
  return r.ms;
}

/**
 * Switches a loaded page to the Top view (the flame graph is the default view) and waits
 * until the table has its rows and <body data-state> is ready again.
 */
export async function showTop(page, timeout = 30_000) {
  await page.click('[data-testid="view-top"]');
  await page.waitForFunction(
    () => document.body.dataset.state === "ready" && document.querySelector('[data-testid="top-table"]')?.dataset.totalRows !== undefined,
    null,
    { timeout, polling: 50 },
  );
}

export const COLUMNS = ["flat", "flat%", "sum%", "cum", "cum%", "name"];

/**
 * Reads every row of the virtualised top table by scrolling its container page by page,
 * inside the page (no round trip per page). Returns the container's attributes, the rows as
 * arrays of trimmed cell texts in COLUMNS order (indexed by data-row), and their data-rank.
 */
export async function readTable(page, { stepTimeout = 5_000 } = {}) {
  return page.evaluate(
    async ({ columns, stepTimeout }) => {
      const box = document.querySelector('[data-testid="top-table"]');
      if (!box) throw new Error("no [data-testid=top-table]");
      // The row counts appear with the engine's first rows (a round trip after data-state=ready).
      const since = performance.now();
      while (box.dataset.totalRows === undefined) {
        if (performance.now() - since > stepTimeout) throw new Error("the table's rows never arrived");
        await new Promise((r) => setTimeout(r, 20));
      }
      const total = Number(box.dataset.totalRows);
      const matched = Number(box.dataset.matchedRows ?? total);
      const rowHeight = Number(box.dataset.rowHeight);
      if (!(rowHeight > 0)) throw new Error(`top-table data-row-height is ${box.dataset.rowHeight}`);
      const rows = new Array(matched);
      const ranks = new Array(matched);
      const collect = () => {
        for (const r of box.querySelectorAll('[data-testid="top-row"]')) {
          const i = Number(r.dataset.row);
          if (!(i >= 0 && i < matched) || rows[i] !== undefined) continue;
          rows[i] = columns.map((c) => r.querySelector(`[data-col="${c}"]`)?.textContent.trim() ?? null);
          ranks[i] = Number(r.dataset.rank);
        }
      };
      const frame = () =>
        new Promise((resolve) => {
          requestAnimationFrame(() => resolve());
          setTimeout(resolve, 50); // in case frames are throttled
        });
      let next = 0;
      collect();
      while (next < matched && rows[next] !== undefined) next++;
      while (next < matched) {
        box.scrollTop = next * rowHeight;
        const start = performance.now();
        for (;;) {
          await frame();
          collect();
          if (rows[next] !== undefined) break;
          if (performance.now() - start > stepTimeout) {
            throw new Error(`row ${next} of ${matched} did not appear after scrolling to ${next * rowHeight}px (scrollTop ${box.scrollTop})`);
          }
        }
        while (next < matched && rows[next] !== undefined) next++;
      }
      box.scrollTop = 0;
      return { total, matched, rowHeight, rows, ranks };
    },
    { columns: COLUMNS, stepTimeout },
  );
}

/** Where the first difference is, in words (deepEqual on 23k rows prints too much). */
function firstDifference(got, want) {
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify(got[i]) !== JSON.stringify(want[i])) {
      return `row ${i}: page ${JSON.stringify(got[i])} vs CLI ${JSON.stringify(want[i])} (${got.length} vs ${want.length} rows)`;
    }
  }
  return null;
}

/** The page's table and legend equal the CLI's `top -nodefraction=0` for the same input. */
export async function expectSameAsCli(page, expected, label) {
  const table = await readTable(page);
  assert.equal(table.total, expected.rows.length, `${label}: data-total-rows`);
  assert.equal(table.matched, table.total, `${label}: data-matched-rows without a search`);
  const diff = firstDifference(table.rows, expected.rows);
  assert.equal(diff, null, `${label}: ${diff}`);
  const wrongRank = table.ranks.findIndex((r, i) => r !== i);
  assert.equal(wrongRank, -1, `${label}: data-rank differs from data-row at row ${wrongRank} in pprof's order`);
  const legend = await legendLines(page);
  assert.ok(legend.includes(expected.showing), `${label}: legend lacks ${JSON.stringify(expected.showing)}; it has ${JSON.stringify(legend)}`);
  for (const line of expected.header.filter((l) => /^(Type|Duration): /.test(l))) {
    assert.ok(legend.includes(line), `${label}: legend lacks ${JSON.stringify(line)}; it has ${JSON.stringify(legend)}`);
  }
  return table;
}

/** Waits until the legend shows `showing` and the table has `rows` rows (after a change). */
export async function waitForTable(page, showing, rows, timeout = 30_000) {
  await page.waitForFunction(
    ({ showing, rows }) => {
      const legend = document.querySelector('[data-testid="legend"]');
      const box = document.querySelector('[data-testid="top-table"]');
      return (
        document.body.dataset.state === "ready" &&
        legend?.innerText.split("\n").some((l) => l.trim() === showing) &&
        Number(box?.dataset.totalRows) === rows
      );
    },
    { showing, rows },
    { timeout, polling: 50 },
  );
}

/** Rows in the DOM now, in data-row order: {row, rank, cells}. */
export async function visibleRows(page) {
  return page.evaluate((columns) => {
    const rows = [...document.querySelectorAll('[data-testid="top-table"] [data-testid="top-row"]')].map((r) => ({
      row: Number(r.dataset.row),
      rank: Number(r.dataset.rank),
      cells: columns.map((c) => r.querySelector(`[data-col="${c}"]`)?.textContent.trim() ?? null),
    }));
    return rows.sort((a, b) => a.row - b.row);
  }, COLUMNS);
}

/** The legend's lines (innerText, so one line per block), trimmed, empty ones dropped. */
export async function legendLines(page) {
  const text = await page.locator('[data-testid="legend"]').innerText();
  return text.split("\n").map((l) => l.trim()).filter(Boolean);
}

/**
 * Parses `pprofview top` / `go tool pprof -top` text: the header lines before the column
 * header, and each row as [flat, flat%, sum%, cum, cum%, name]. Values never contain spaces;
 * everything after the fifth value and its two separating spaces is the name.
 */
export function parseTop(text) {
  const lines = text.replace(/\n$/, "").split("\n");
  const head = lines.findIndex((l) => /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%\s*$/.test(l));
  if (head < 0) throw new Error(`no column header in:\n${text.slice(0, 500)}`);
  const rows = lines.slice(head + 1).map((l) => {
    const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)  (.*)$/.exec(l);
    if (!m) throw new Error(`cannot parse top row: ${JSON.stringify(l)}`);
    return [m[1], m[2], m[3], m[4], m[5], m[6].trim()];
  });
  const header = lines.slice(0, head).map((l) => l.trim()); // pprof pads some with a space
  return { header, rows, showing: header.find((l) => l.startsWith("Showing nodes accounting for")) };
}

/** `pprofview top -nodefraction=0 FLAGS FILES`, parsed. */
export function cliTop(files, flags = []) {
  const text = execFileSync(CLI, ["top", "-nodefraction=0", ...flags, ...files], { encoding: "utf8", maxBuffer: 1 << 28 });
  return parseTop(text);
}

/**
 * The CLI's error message for FILE: it prints "pprofview: <file>: <message>" and exits 1.
 * Returns <message>.
 */
export function cliError(file) {
  try {
    execFileSync(CLI, ["top", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const line = String(e.stderr).trim().split("\n").pop();
    const prefix = `pprofview: ${file}: `;
    if (!line.startsWith(prefix)) throw new Error(`unexpected CLI error line: ${line}`);
    return line.slice(prefix.length);
  }
  throw new Error(`pprofview top ${file} succeeded; expected an error`);
}

/**
 * Drops files onto the page as a user would: builds File objects in the page (from base64
 * bytes, or by fetching a same-origin URL first) and dispatches dragenter, dragover and drop
 * on document.body. `files`: [{name, bytes?: Buffer, url?: string, type?: string}].
 */
export async function dropFiles(page, files) {
  const list = files.map((f) => ({ name: f.name, type: f.type ?? "", url: f.url, b64: f.bytes ? Buffer.from(f.bytes).toString("base64") : undefined }));
  const dt = await page.evaluateHandle(async (list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      let blob;
      if (f.url) blob = await (await fetch(f.url)).blob();
      else blob = new Blob([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))]);
      dt.items.add(new File([blob], f.name, { type: f.type }));
    }
    return dt;
  }, list);
  for (const type of ["dragenter", "dragover", "drop"]) {
    await page.dispatchEvent("body", type, { dataTransfer: dt });
  }
  await dt.dispose();
}

/**
 * Runs in the page (`page.evaluate(dropAndWatch, name)`): drops `window.__profile` (a Blob)
 * as `name` and watches frames until data-state is ready and the pprofview:ready mark is set
 * (the first view is painted), or error. Returns the longest gap between requestAnimationFrame
 * callbacks (performance.now() at each, starting just before the drop), the longest long
 * task, the frame count, and the times of the state change and of the performance marks.
 */
export function dropAndWatch(name) {
  return new Promise((resolve) => {
    const longTasks = [];
    let observer;
    try {
      observer = new PerformanceObserver((l) => longTasks.push(...l.getEntries().map((e) => e.duration)));
      observer.observe({ entryTypes: ["longtask"] });
    } catch {
      observer = null;
    }
    const t0 = performance.now();
    let last = t0;
    let maxGap = 0;
    let maxGapAt = 0;
    let frames = 0;
    let readyAt = null;
    const finish = (state) => {
      observer?.disconnect();
      const mark = (n) => performance.getEntriesByName(n).filter((e) => e.startTime >= t0).map((e) => e.startTime - t0)[0] ?? null;
      resolve({
        state,
        maxGap,
        maxGapAt: maxGapAt - t0,
        frames,
        stateMs: (readyAt ?? performance.now()) - t0,
        decodedMs: mark("pprofview:decoded"),
        readyMs: mark("pprofview:ready"),
        longestTask: Math.max(0, ...longTasks),
      });
    };
    const tick = () => {
      const now = performance.now();
      if (now - last > maxGap) {
        maxGap = now - last;
        maxGapAt = now;
      }
      last = now;
      frames++;
      const state = document.body.dataset.state;
      if (state === "error") return finish(state);
      // Until the first view is painted (the mark follows data-state=ready), or 2 s more.
      if (state === "ready") {
        readyAt ??= now;
        const marked = performance.getEntriesByName("pprofview:ready").some((e) => e.startTime >= t0);
        if (marked || now - readyAt > 2_000) return finish(state);
      }
      if (now - t0 > 180_000) return finish(`timeout in state ${state}`);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const dt = new DataTransfer();
    dt.items.add(new File([window.__profile], name, { type: "application/gzip" }));
    for (const type of ["dragenter", "dragover", "drop"]) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  });
}

/** setInputFiles on the (possibly hidden) file input with files read from disk. */
export async function pickFiles(page, paths) {
  await page.setInputFiles('[data-testid="file-input"]', paths);
}

/** Parses a formatted pprof value ("1.50s", "20ms", "289.30kB", "0", "12") to base units. */
export function parseValue(s) {
  const m = /^(-?[\d.]+(?:e[+-]?\d+)?)([a-zA-Z]*)$/.exec(s.trim());
  if (!m) throw new Error(`cannot parse value ${JSON.stringify(s)}`);
  const scale = { "": 1, ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, mins: 60, min: 60, hrs: 3600, h: 3600, days: 86400, B: 1, kB: 1024, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5 };
  if (!(m[2] in scale)) throw new Error(`unknown unit in ${JSON.stringify(s)}`);
  return Number(m[1]) * scale[m[2]];
}

/** Every request of `seen` that left `origin`, minus the ones in `allowed`. */
export function foreignRequests(seen, origin, allowed = []) {
  return seen.requests.filter((u) => !u.startsWith(origin + "/") && !allowed.includes(u));
}
