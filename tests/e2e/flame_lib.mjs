// Helpers of the e2e suites that read the flame graph's canvas: the zoom path in the link,
// the breadcrumb, hovering a frame for its tooltip, and reading pixels back. Not part of the
// site.

import assert from "node:assert/strict";

/** CSS px per row (flame_canvas.rs ROW_PX). */
export const ROW = 18;
/** The flame canvas's selector. */
export const CANVAS = '[data-testid="flame-canvas"]';

/** The link's `p`: the zoomed frame's call path as names, or null when absent. */
export const linkPath = (page) =>
  page.evaluate(() => {
    const raw = location.hash.slice(1).split("&").find((kv) => kv.startsWith("p="));
    return raw === undefined ? null : raw.slice(2).split(";").map((n) => decodeURIComponent(n.replaceAll("+", " ")));
  });

/** Waits until the link's `p` is `want` (an array of names, or null). */
export async function waitPath(page, want, timeout = 10_000) {
  await page.waitForFunction(
    (want) => {
      const raw = location.hash.slice(1).split("&").find((kv) => kv.startsWith("p="));
      const got = raw === undefined ? null : raw.slice(2).split(";").map((n) => decodeURIComponent(n.replaceAll("+", " ")));
      return JSON.stringify(got) === JSON.stringify(want);
    },
    want,
    { timeout, polling: 50 },
  ).catch(async (e) => {
    throw new Error(`p= never became ${JSON.stringify(want)}; the fragment is ${await page.evaluate(() => location.hash)} (${e.message})`);
  });
}

/** The breadcrumb's full names (titles), without the leading "all". */
export async function breadcrumb(page) {
  const crumbs = await page.$$eval('[data-testid="flame-breadcrumb"] button', (bs) => bs.map((b) => ({ text: b.textContent.trim(), title: b.title })));
  assert.equal(crumbs[0]?.text, "all", `the breadcrumb starts with ${JSON.stringify(crumbs[0])}, not "all"`);
  return crumbs.slice(1).map((c) => c.title);
}

/** Waits until the breadcrumb shows `names` (and the canvas has redrawn since). */
export async function waitBreadcrumb(page, names) {
  await page.waitForFunction(
    (names) => {
      const titles = [...document.querySelectorAll('[data-testid="flame-breadcrumb"] button')].slice(1).map((b) => b.title);
      return JSON.stringify(titles) === JSON.stringify(names);
    },
    names,
    { timeout: 10_000, polling: 50 },
  );
  await nextFrame(page);
}

export const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

/** The canvas's box in the page, and its width and height in CSS px. */
export async function canvasBox(page) {
  const box = await page.locator(CANVAS).boundingBox();
  assert.ok(box && box.width > 100 && box.height > 100, `flame canvas box ${JSON.stringify(box)}`);
  return box;
}

/**
 * Moves the pointer to (x, y) CSS px inside the canvas and returns the tooltip's details,
 * or null when the pointer is over no frame.
 */
export async function hover(page, x, y) {
  const box = await canvasBox(page);
  await page.mouse.move(box.x + x, box.y + y);
  await nextFrame(page);
  return page.evaluate((y) => {
    const t = document.querySelector('[data-testid="tooltip"]');
    if (!t) return null;
    // Below the pointer, or above it when it would not fit below.
    const top = parseFloat(t.style.top);
    const below = Math.abs(top - (y + 16)) <= 2;
    const above = Math.abs(top + t.offsetHeight - (y - 12)) <= 2;
    if (!below && !above) throw new Error(`the tooltip is at top ${t.style.top}, not next to the pointer at y=${y}`);
    return {
      name: t.querySelector(".tt-name")?.textContent,
      file: t.querySelector(".tt-file")?.textContent ?? null,
      total: t.querySelector('[data-testid="tooltip-total"]')?.textContent.trim(),
      self: t.querySelector('[data-testid="tooltip-self"]')?.textContent.trim(),
      dataTotal: t.dataset.total,
      dataSelf: t.dataset.self,
      text: t.innerText,
    };
  }, y);
}

/** Centre of row `depth` (icicle, not scrolled). */
export const rowY = (depth) => depth * ROW + ROW / 2;

/**
 * Reads the canvas back: how many pixels differ from the background (the colour of the
 * 1 px gap under the root row), how many distinct colours (4 bits a channel) there are, and
 * per row (CSS px y in `rows`) the runs of "coloured" pixels (channel spread ≥ 24; frames
 * dimmed by a search are nearly grey) and of painted (non-background) pixels, in CSS px.
 */
export function pixels(page, rows = []) {
  return page.evaluate(
    ({ sel, rows }) => {
      const c = document.querySelector(sel);
      const s = c.width / c.clientWidth;
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      const at = (x, y) => (Math.floor(y * s) * c.width + Math.floor(x * s)) * 4;
      const b = at(1, 17.5);
      const bg = [d[b], d[b + 1], d[b + 2], d[b + 3]];
      let painted = 0;
      let coloured = 0;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] !== bg[0] || d[i + 1] !== bg[1] || d[i + 2] !== bg[2] || d[i + 3] !== bg[3]) painted++;
        if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) >= 24) coloured++;
        colours.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
      }
      const isColoured = (i) => Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) >= 24;
      const isPainted = (i) => d[i] !== bg[0] || d[i + 1] !== bg[1] || d[i + 2] !== bg[2];
      const runsOf = (y, on) => {
        const out = [];
        let start = -1;
        for (let x = 0; x <= c.clientWidth; x++) {
          const yes = x < c.clientWidth && on(at(x, y));
          if (yes && start < 0) start = x;
          if (!yes && start >= 0) {
            out.push([start, x]);
            start = -1;
          }
        }
        return out;
      };
      const runs = rows.map((y) => runsOf(y, isColoured));
      const paintedRuns = rows.map((y) => runsOf(y, isPainted));
      const rgb = (x, y) => {
        const i = at(x, y);
        return [d[i], d[i + 1], d[i + 2]];
      };
      return {
        width: c.clientWidth,
        height: c.clientHeight,
        total: d.length / 4,
        bg,
        painted,
        coloured,
        colours: colours.size,
        runs,
        paintedRuns,
        rootPixel: rgb(c.clientWidth / 2, 9),
        bottomPixel: rgb(c.clientWidth / 2, c.clientHeight - 9),
      };
    },
    { sel: CANVAS, rows },
  );
}

/** The canvas pixel at (x, y) CSS px: [r, g, b]. */
export const pixelAt = (page, x, y) =>
  page.evaluate(
    ({ sel, x, y }) => {
      const c = document.querySelector(sel);
      const s = c.width / c.clientWidth;
      return [...c.getContext("2d").getImageData(Math.floor(x * s), Math.floor(y * s), 1, 1).data.slice(0, 3)];
    },
    { sel: CANVAS, x, y },
  );
