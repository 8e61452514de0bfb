// Re-aggregation in the page (tests/bench/browser.mjs runs it; alone: `node
// tests/bench/requery.mjs [--rounds N] [PROFILE]`, default the cargo bench's synthetic
// profile, `PPROFVIEW_DIST=DIR` to serve another build than dist/).
//
// After a profile is loaded, each case changes the query the way a link or the filter bar
// does — it sets `location.hash` (the link's fragment: `si=`, `f=`, `i=`, `h=`, `tf=`,
// `sf=`, `g=`) — and measures, in the page:
//
// - **painted**: from the change to the first flame-graph redraw after the engine's answer
//   arrived (a MutationObserver on `data-draw-ms`, which src/ui/flame_canvas.rs sets on the
//   canvas after every draw; the page shows a new canvas for the new tree): what the user
//   waits for;
// - **worker**: from the page posting the flame request to the answer's arrival (the
//   hookWorker wrapper in flame.mjs notes both): the engine's time — computing the tree,
//   serialising it — plus the message's transfer;
// - the longest gap between animation frames meanwhile: the page stays responsive while the
//   engine works.
//
// Also the memory of the page's renderer process (the worker's wasm memory is in it) after
// loading and after the re-aggregations (Linux /proc: peak and current resident set).
//
// Each case then goes back to the plain query (measured too: `back`, answered from the
// engine's cached compiled query, so mostly the tree). Rounds repeat the cases in the same
// order; the engine keeps 4 compiled queries, so a case's query is never still cached when it
// comes round again. Median per case over the rounds.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The cases: a name, and the fragment keys they set (link keys, src/query/spec/fields.rs). */
export const CASES = [
  { name: "sample type cpu → samples", set: { si: "samples" } },
  { name: "focus=encoding/json", set: { f: "encoding/json" } },
  { name: "ignore=runtime\\.mallocgc", set: { i: "runtime\\.mallocgc" } },
  { name: "hide=^runtime\\.", set: { h: "^runtime\\." } },
  { name: "tagfocus=handler=pkg0", set: { tf: "handler=pkg0" } },
  { name: "show_from=ServeHTTP", set: { sf: "ServeHTTP" } },
  { name: "granularity → functions", set: { g: "functions" } },
];

/**
 * Runs in the page: sets the fragment to `hash` and resolves when the flame graph has been
 * redrawn after the engine's answer: {paintedMs, workerMs, sentMs, replyMs, bytes, maxGap}
 * (ms after the change; `workerMs` from the request's posting to the answer's arrival).
 */
export function requeryInPage(hash) {
  return new Promise((resolve) => {
    const msgs = window.__workerMessages;
    const sends = window.__workerSends;
    if (!document.querySelector('[data-testid="flame-canvas"]') || !msgs || !sends) {
      resolve({ error: "no flame canvas, or the worker hook is missing" });
      return;
    }
    const msgs0 = msgs.length;
    const sends0 = sends.length;
    let done = false;
    let last = performance.now();
    let maxGap = 0;
    const t0 = performance.now();
    // The flame graph's answer: the first large message after the change (the search answer
    // that follows it is a few bytes when nothing is searched).
    const answer = () => msgs.slice(msgs0).find((m) => m.bytes >= 4096) ?? null;
    const finish = (painted, error) => {
      if (done) return;
      done = true;
      observer.disconnect();
      const reply = answer();
      const sent = sends[sends0] ?? null;
      resolve({
        error,
        paintedMs: painted === null ? null : painted - t0,
        sentMs: sent === null ? null : sent - t0,
        replyMs: reply ? reply.t - t0 : null,
        workerMs: reply && sent !== null ? reply.t - sent : null,
        bytes: reply?.bytes ?? null,
        maxGap,
      });
    };
    const observer = new MutationObserver(() => {
      const now = performance.now();
      const reply = answer();
      if (reply && now >= reply.t) finish(now, null);
    });
    // The page replaces the canvas while the engine works: watch every canvas to come.
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-draw-ms"], subtree: true });
    const tick = () => {
      if (done) return;
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      if (now - t0 > 120_000) return finish(null, "timeout");
      if (document.body.dataset.state === "error") return finish(null, "error state");
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    location.hash = hash;
  });
}

/** The fragment of the page's current one with `set` applied (or the keys of `set` removed). */
function fragment(current, set, remove) {
  const p = new URLSearchParams(current.replace(/^#/, ""));
  for (const [k, v] of Object.entries(set)) {
    if (remove) p.delete(k);
    else p.set(k, v);
  }
  return p.toString();
}

/**
 * Measures every case `rounds` times on `page` (a profile already loaded, the flame graph
 * shown, flame.mjs's hookWorker installed). Returns {cases: [{name, runs: [...], back: [...]}]}.
 */
export async function measureRequery(page, { rounds = 3, log = console.log } = {}) {
  const base = await page.evaluate(() => location.hash);
  const loaded = rendererMemory();
  const out = CASES.map((c) => ({ name: c.name, runs: [], back: [] }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, c] of CASES.entries()) {
      const there = await page.evaluate(requeryInPage, fragment(base, c.set, false));
      const back = await page.evaluate(requeryInPage, fragment(base, c.set, true));
      for (const [x, list] of [
        [there, out[i].runs],
        [back, out[i].back],
      ]) {
        if (x.error) throw new Error(`${c.name}: ${x.error}`);
        list.push(x);
      }
      log(
        `  round ${r + 1}, ${c.name.padEnd(28)} painted ${there.paintedMs.toFixed(0).padStart(5)} ms ` +
          `(engine ${there.workerMs?.toFixed(0) ?? "?"} ms, ${((there.bytes ?? 0) / 1e6).toFixed(1)} MB; ` +
          `longest frame gap ${there.maxGap.toFixed(0)} ms); back ${back.paintedMs.toFixed(0)} ms`,
      );
    }
  }
  return { cases: out, memory: { loaded, after: rendererMemory() } };
}

/**
 * Memory of the renderer processes this benchmark's Chromium runs (Linux: descendants of this
 * node process with `--type=renderer`; the page's engine worker lives in its page's renderer):
 * the largest {hwm, rss} in MB (VmHWM: peak resident set so far; VmRSS: now), or null.
 */
export function rendererMemory() {
  let entries;
  try {
    entries = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const parent = new Map();
  const cmd = new Map();
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      parent.set(pid, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      cmd.set(pid, readFileSync(`/proc/${pid}/cmdline`, "utf8"));
    } catch {
      // Gone meanwhile.
    }
  }
  const mine = (pid) => {
    for (let p = pid, n = 0; p && p !== "0" && n < 64; p = parent.get(p), n++) if (p === String(process.pid)) return true;
    return false;
  };
  let best = null;
  for (const [pid, c] of cmd) {
    if (!c.includes("--type=renderer") || !mine(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      const m = { hwm: kb("VmHWM") / 1024, rss: kb("VmRSS") / 1024 };
      if (!best || m.hwm > best.hwm) best = m;
    } catch {
      // Gone meanwhile.
    }
  }
  return best;
}

/** Median of `xs` (nulls dropped; null when none). */
export function med(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The markdown table of `measureRequery`'s result. */
export function formatRequery(result, target = 300) {
  const f0 = (x) => (x === null ? "–" : Math.round(x).toLocaleString("en"));
  const lines = [
    `| change | runs | painted (ms) | engine round trip (ms) | answer (MB) | longest frame gap (ms) | back to the plain query, painted (ms) | ≤ ${target} ms |`,
    "|---|--:|--:|--:|--:|--:|--:|---|",
  ];
  for (const c of result.cases) {
    const painted = med(c.runs.map((x) => x.paintedMs));
    const worker = med(c.runs.map((x) => x.workerMs));
    const mb = med(c.runs.map((x) => x.bytes));
    const gap = Math.max(...c.runs.map((x) => x.maxGap));
    const back = med(c.back.map((x) => x.paintedMs));
    lines.push(
      `| ${c.name} | ${c.runs.length} | ${f0(painted)} | ${f0(worker)} | ${mb === null ? "–" : (mb / 1e6).toFixed(1)} | ${f0(gap)} | ${f0(back)} | ${worker !== null && worker <= target ? "yes" : "no"} |`,
    );
  }
  const m = result.memory;
  if (m?.loaded && m?.after) {
    const f = (x) => Math.round(x).toLocaleString("en");
    lines.push(
      "",
      `Page's renderer process (the engine worker runs in it): after loading, peak RSS ${f(m.loaded.hwm)} MB, RSS ${f(m.loaded.rss)} MB; ` +
        `after the re-aggregations, peak RSS ${f(m.after.hwm)} MB, RSS ${f(m.after.rss)} MB (MB = 2^20 bytes).`,
    );
  }
  return lines.join("\n");
}

// Alone: one page, one profile.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { existsSync } = await import("node:fs");
  const { dist: builtDist, dropAndWatch, launch, openPage, startServer, syntheticProfile } = await import("../e2e/lib.mjs");
  const { hookWorker } = await import("./flame.mjs");
  const args = process.argv.slice(2);
  let rounds = 3;
  let file = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--rounds") rounds = Number(args[++i]);
    else file = path.resolve(args[i]);
  }
  const dist = process.env.PPROFVIEW_DIST ? path.resolve(process.env.PPROFVIEW_DIST) : builtDist;
  if (!existsSync(path.join(dist, "index.html"))) {
    console.error(`requery bench: ${dist}/index.html is missing: run \`make dist\``);
    process.exit(1);
  }
  file ??= syntheticProfile();
  const browser = await launch({ viewport: { width: 1600, height: 900 } });
  await browser.context.addInitScript(hookWorker);
  const server = await startServer({ root: dist, routes: { "/bench/input.pb.gz": file } });
  try {
    const { page } = await openPage(browser.context, server.url);
    await page.evaluate(async () => {
      window.__profile = await (await fetch("bench/input.pb.gz")).blob();
    });
    const r = await page.evaluate(dropAndWatch, path.basename(file));
    if (r.state !== "ready") throw new Error(`load: data-state ${r.state}`);
    console.log(`${file}: loaded in ${r.readyMs?.toFixed(0)} ms; ${dist}`);
    const result = await measureRequery(page, { rounds });
    console.log("\n" + formatRequery(result));
  } finally {
    await server.close();
    await browser.close();
  }
}
