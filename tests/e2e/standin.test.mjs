// Stand-ins open: a profile with more call paths than the engine sends (250k) shows its
// lightest frames summed into a grey stand-in; zooming into it loads the tree below its
// parent from the worker, so the frames it stood for get their own boxes. Their totals add
// up to the stand-in's, and each equals `pprofview top`'s cum for the same frame (the native
// test tests/flame/under.rs checks the subtree against the full call tree). A link to the
// zoomed frame opens with the frames loaded; zooming out brings the whole graph back.
//
// The profile is written by the test (tests/e2e/pprof_writer.mjs): main → heavy → a_k → b_m
// (500 × 500 call paths of 100 each) and main → light → c → l_j (40 leaves of 50 + j,
// lighter than every b_m, so all of them are summed into one stand-in under c). Needs dist/
// and target/release/pprofview. Screenshots (standin-*.png) go to tests/e2e/out/.

import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { cliTop, dist, foreignRequests, launch, openLink, out, requireBuilt, startServer } from "./lib.mjs";
import { CANVAS, canvasBox, hover, rowY, waitBreadcrumb, waitPath } from "./flame_lib.mjs";
import { writeProfile } from "./pprof_writer.mjs";

const STAND_IN = "(smaller frames, not loaded: zoomed too far)";
const LEAVES = 40;
const leafValue = (j) => 50 + j;
const STAND_IN_TOTAL = Array.from({ length: LEAVES }, (_, j) => leafValue(j)).reduce((a, b) => a + b, 0);

let browser;
let server;
let dir;
let file;

before(async () => {
  await requireBuilt({ cli: true });
  const samples = [];
  for (let k = 0; k < 500; k++) {
    for (let m = 0; m < 500; m++) samples.push({ stack: [`b_${m}`, `a_${k}`, "heavy", "main"], values: [100] });
  }
  for (let j = 0; j < LEAVES; j++) samples.push({ stack: [`l_${j}`, "c", "light", "main"], values: [leafValue(j)] });
  dir = await mkdtemp(path.join(os.tmpdir(), "pprofview-standin-"));
  file = path.join(dir, "wide.pb.gz");
  await writeFile(file, writeProfile({ sampleTypes: [["samples", "count"]], samples }));
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  server = await startServer({ root: dist, routes: { "/profiles/wide.pb.gz": file } });
});

after(async () => {
  await server?.close();
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The frames along row `depth`, left to right, hovering every `step` px: [{name, total}]. */
async function rowFrames(page, depth, step = 8) {
  const { width } = await canvasBox(page);
  const frames = [];
  for (let x = 1; x < width; x += step) {
    const tip = await hover(page, x, rowY(depth));
    if (tip && frames.at(-1)?.name !== tip.name) frames.push({ name: tip.name, total: Number(tip.dataTotal) });
  }
  return frames;
}

/** Waits until hovering the middle of row `depth` shows a frame whose name matches `re`. */
async function waitFrameAt(page, depth, re, timeout = 20_000) {
  const { width } = await canvasBox(page);
  const end = Date.now() + timeout;
  let tip;
  while (Date.now() < end) {
    tip = await hover(page, width / 2, rowY(depth));
    if (tip && re.test(tip.name)) return tip;
    await page.waitForTimeout(100);
  }
  throw new Error(`row ${depth} still shows ${JSON.stringify(tip?.name)}, not ${re}`);
}

/** Checks that row `depth` holds every l_j with `pprofview top`'s cum, adding up to the stand-in. */
function checkLeaves(frames) {
  assert.ok(!frames.some((f) => f.name === STAND_IN), "a stand-in is left under c");
  const names = frames.map((f) => f.name).sort();
  const want = Array.from({ length: LEAVES }, (_, j) => `l_${j}`).sort();
  assert.deepEqual(names, want, "the frames the stand-in stood for");
  const cli = new Map(cliTop([file], ["-nodefraction=0"]).rows.map((r) => [r[5], Number(r[3])]));
  for (const f of frames) assert.equal(f.total, cli.get(f.name), `${f.name}: flame total vs pprofview top's cum`);
  assert.equal(frames.reduce((a, f) => a + f.total, 0), STAND_IN_TOTAL, "the loaded frames add up to the stand-in");
}

describe("stand-ins", () => {
  test("zooming into a stand-in loads the frames it stood for; zooming out brings the whole graph back", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=profiles/wide.pb.gz&p=main;light");
    try {
      await page.locator(`${CANVAS}[data-drawn]`).waitFor();
      await waitBreadcrumb(page, ["main", "light"]);
      // Zoomed to light (row 2): c fills row 3 and the stand-in row 4.
      const standIn = await waitFrameAt(page, 4, /^\(smaller frames/);
      assert.equal(Number(standIn.dataTotal), STAND_IN_TOTAL, "the stand-in's total");
      await page.screenshot({ path: path.join(out, "standin-before.png") });

      const box = await canvasBox(page);
      await page.mouse.click(box.x + box.width / 2, box.y + rowY(4));
      await waitPath(page, ["main", "light", "c"]);
      await waitBreadcrumb(page, ["main", "light", "c"]);
      // Zoomed to c (row 3, its three ancestors above): the leaves in row 4.
      await waitFrameAt(page, 4, /^l_\d+$/);
      checkLeaves(await rowFrames(page, 4));
      await page.screenshot({ path: path.join(out, "standin-loaded.png") });

      // Zoom out: the whole graph again (heavy is a real frame there, not a stand-in).
      await page.click('[data-testid="flame-breadcrumb"] button >> nth=0');
      await waitPath(page, null);
      const heavy = await waitFrameAt(page, 2, /^heavy$/);
      assert.equal(Number(heavy.dataTotal), 500 * 500 * 100, "heavy's total in the whole graph");
      assert.deepEqual(foreignRequests(seen, server.origin), [], "requests left the page's origin");
      assert.deepEqual(seen.errors, [], "errors in the page");
    } finally {
      await page.close();
    }
  });

  test("a link zoomed to the stand-in's parent opens with its frames loaded", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=profiles/wide.pb.gz&p=main;light;c");
    try {
      await page.locator(`${CANVAS}[data-drawn]`).waitFor();
      await waitBreadcrumb(page, ["main", "light", "c"]);
      await waitFrameAt(page, 4, /^l_\d+$/);
      checkLeaves(await rowFrames(page, 4));
      assert.deepEqual(seen.errors, [], "errors in the page");
    } finally {
      await page.close();
    }
  });
});
