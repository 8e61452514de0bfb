// The flame graph part of the browser benchmark (tests/bench/browser.mjs): what the page tells
// about the call tree it received, and a scripted pan/zoom that reads every redraw's time.
//
// - hookWorker (an init script): wraps `window.Worker` so the page records, for each message
//   from the engine worker, when it arrived and its size (`window.__workerMessages`), and when
//   each message to it was posted (`window.__workerSends`, for requery.mjs). The
//   largest message after a drop is the flame graph's call tree, so its arrival splits "drop →
//   first flame graph" into the worker's part (decode, build the tree, serialise it) and the
//   page's (deserialise, lay out, draw). With `window.__keepLargest = true` it also keeps the
//   largest message's bytes, for callTreeSize. Listening costs a performance.now() per message.
// - callTreeSize (runs in the page): counts the call tree's nodes in that message. Messages are
//   bincode 1 (fixed-width little-endian integers, u64 lengths; src/web/messages.rs); the
//   CallTree starts with `parent: Vec<u32>` then `frame: Vec<u32>`, both with the root's NONE
//   (0xFFFFFFFF) first, and every parent is a smaller index. The first place where two such
//   vectors of the same length N follow each other is the tree: N nodes. The depth (rows) comes
//   from the parents. Returns null when no such layout is found (the protocol changed).
// - panZoom: a scripted pan/zoom with real input events (CDP, via page.mouse), each step
//   followed by the redraw it causes and one more animation frame. A MutationObserver on the
//   canvas records every redraw's `data-draw-ms` (the time the canvas's draw took, set by
//   src/ui/flame_canvas.rs after each redraw) and `data-drawn` (items drawn), including the
//   redraws hover changes cause while the pointer moves.

/** Init script for the pprofview page (context.addInitScript). */
export function hookWorker() {
  const W = window.Worker;
  if (!W) return;
  window.__workerMessages = [];
  window.__workerSends = [];
  window.__keepLargest = false;
  window.__largest = null;
  window.Worker = class extends W {
    postMessage(...args) {
      window.__workerSends.push(performance.now());
      return super.postMessage(...args);
    }

    constructor(...args) {
      super(...args);
      // Added before the page's own onmessage handler, so it runs first: `t` is when the
      // message was dispatched to the page.
      this.addEventListener("message", (e) => {
        const m = e.data && e.data.m;
        if (!(m instanceof Uint8Array)) return;
        window.__workerMessages.push({ t: performance.now(), bytes: m.byteLength });
        if (window.__keepLargest && (!window.__largest || m.byteLength > window.__largest.byteLength)) window.__largest = m;
      });
    }
  };
}

/**
 * Runs in the page after dropAndWatch: the arrival of the largest worker message after the
 * drop (the call tree), in ms after the drop, and its size. `readyMs` is dropAndWatch's
 * readyMs, which places the drop on the page's clock.
 */
export function treeMessage(readyMs) {
  const mark = performance.getEntriesByName("pprofview:ready").pop();
  const msgs = window.__workerMessages ?? [];
  if (!mark || readyMs === null || !msgs.length) return null;
  const t0 = mark.startTime - readyMs;
  const after = msgs.filter((m) => m.t >= t0);
  if (!after.length) return null;
  const big = after.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { ms: big.t - t0, bytes: big.bytes };
}

/** Runs in the page: {nodes, rows, bytes} of the call tree kept by hookWorker, or null. Frees the bytes. */
export function callTreeSize() {
  const m = window.__largest;
  window.__largest = null;
  window.__keepLargest = false;
  if (!m) return null;
  const dv = new DataView(m.buffer, m.byteOffset, m.byteLength);
  const NONE = 0xffffffff;
  const len = (p) => (dv.getUint32(p + 4, true) === 0 ? dv.getUint32(p, true) : -1); // u64 < 2^32
  for (let p = 0; p + 12 <= m.byteLength; p++) {
    if (dv.getUint32(p + 8, true) !== NONE) continue;
    const n = len(p);
    if (n < 1) continue;
    const q = p + 8 + 4 * n; // frame: Vec<u32>
    if (q + 12 > m.byteLength || len(q) !== n || dv.getUint32(q + 8, true) !== NONE) continue;
    const parent = (i) => dv.getUint32(p + 8 + 4 * i, true);
    let ok = true;
    for (let i = 1; i < n && ok; i++) ok = parent(i) < i;
    if (!ok) continue;
    const depth = new Uint32Array(n);
    let rows = 1;
    for (let i = 1; i < n; i++) {
      depth[i] = depth[parent(i)] + 1;
      if (depth[i] + 1 > rows) rows = depth[i] + 1;
    }
    return { nodes: n, rows, bytes: m.byteLength };
  }
  return null;
}

const pick = (xs, i) => xs[i % xs.length];

/**
 * The pan/zoom script over the canvas `[data-testid=flame-canvas]`, 120 steps: 25 wheel zooms
 * in (deltaY −100, a mouse wheel notch in Chromium: ×1.22 each, ×147 in all) around points
 * that move across the upper rows, 20 horizontal wheel pans (deltaX ±150), 10 pointer drags
 * (four moves each, horizontal and vertical, so deeper rows come into view; they add up to no
 * movement), 25 zooms out (back to the whole graph), then 20 zooms in around one point near
 * the right edge and 20 out again. Each step waits for its redraw (up to `stepTimeoutMs`), then
 * one more animation frame. `shotZoomed`: a screenshot path, taken after the first zoom in.
 *
 * @returns {Promise<{steps: number, missed: number,
 *   redraws: {phase: string, ms: number, drawn: number}[],
 *   frameGaps: number[], canvas: {width: number, height: number}}>}
 *   `missed`: steps after which no redraw came; `frameGaps`: the gaps between animation
 *   frames during the script.
 */
export async function panZoom(page, { stepTimeoutMs = 2_000, shotZoomed = null } = {}) {
  const canvas = page.locator('[data-testid="flame-canvas"]');
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no flame canvas on the page");
  await page.evaluate(() => {
    const c = document.querySelector('[data-testid="flame-canvas"]');
    window.__draws = [];
    window.__frameGaps = [];
    window.__drawObserver = new MutationObserver((records) => {
      for (const r of records) {
        if (r.attributeName === "data-draw-ms") window.__draws.push({ phase: window.__phase, ms: Number(c.dataset.drawMs), drawn: Number(c.dataset.drawn) });
      }
    });
    window.__drawObserver.observe(c, { attributes: true, attributeFilter: ["data-draw-ms"] });
    // Gaps between animation frames while the script runs: what the user sees.
    let last = performance.now();
    window.__frameLoop = true;
    const tick = () => {
      const now = performance.now();
      window.__frameGaps.push(now - last);
      last = now;
      if (window.__frameLoop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  // Points inside the graph: x across the width, y in the upper rows (where the frames are).
  const xs = [0.2, 0.45, 0.7, 0.3, 0.55, 0.8, 0.15, 0.6, 0.35, 0.9];
  const ys = [40, 90, 140, 65, 115, 165, 30];
  const at = (i) => [box.x + box.width * pick(xs, i), box.y + Math.min(box.height - 10, pick(ys, i))];
  const nextFrame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  let missed = 0;
  let steps = 0;
  const step = async (phase, action) => {
    const before = await page.evaluate((phase) => {
      window.__phase = phase;
      return window.__draws.length;
    }, phase);
    await action();
    steps++;
    try {
      await page.waitForFunction((n) => window.__draws.length > n, before, { polling: "raf", timeout: stepTimeoutMs });
    } catch {
      missed++;
    }
    await nextFrame();
  };
  const zoom = async (phase, n, deltaY, point) => {
    for (let i = 0; i < n; i++) {
      const [x, y] = point(i);
      await step(phase, async () => {
        await page.mouse.move(x, y);
        await page.mouse.wheel(0, deltaY);
      });
    }
  };

  await zoom("zoom in", 25, -100, at);
  if (shotZoomed) await page.screenshot({ path: shotZoomed });
  for (let i = 0; i < 20; i++) await step("wheel pan", () => page.mouse.wheel(i < 10 ? 150 : -150, 0));
  // [dx, dy] of each drag; dragging up scrolls to deeper rows (root on top). Sums to zero.
  const moves = [
    [-200, 0],
    [200, 0],
    [-120, -150],
    [120, 150],
    [0, -200],
    [0, 200],
    [-300, -100],
    [300, 100],
    [150, -250],
    [-150, 250],
  ];
  for (const [i, [dx, dy]] of moves.entries()) {
    const [x, y] = [box.x + box.width * pick(xs, i + 3), box.y + box.height * 0.6];
    await step("drag", async () => {
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let k = 1; k <= 4; k++) {
        await page.mouse.move(x + (dx * k) / 4, y + (dy * k) / 4);
        await nextFrame();
      }
      await page.mouse.up();
    });
  }
  await zoom("zoom out", 25, 100, (i) => at(i + 5));
  await zoom("zoom in at one point", 20, -100, () => [box.x + box.width * 0.85, box.y + 60]);
  await zoom("zoom out at one point", 20, 100, () => [box.x + box.width * 0.5, box.y + 60]);

  const result = await page.evaluate(() => {
    window.__drawObserver.disconnect();
    window.__frameLoop = false;
    const c = document.querySelector('[data-testid="flame-canvas"]');
    return { redraws: window.__draws, frameGaps: window.__frameGaps.slice(1), canvas: { width: c.width, height: c.height } };
  });
  return { steps, missed, ...result };
}

/** Nearest-rank percentile of `xs` (0 < p ≤ 100). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}
