// The flame graph (the default view) in headless Chromium, checked against the CLI and
// go tool pprof: the canvas is painted (pixels read back); hovering a frame shows its name
// and the total the top table shows for it; a click zooms (p= in the fragment, the
// breadcrumb) as a history entry that Back and Forward undo and redo; the keyboard zooms and
// Esc zooms out; the search's "matched P% of total" equals `pprofview top -focus=RE`'s
// "Showing nodes" share; the callers/callees view of runtime.mallocgc, opened from a frame's
// context menu, lists the callers and callees `go tool pprof -peek` lists, with the same
// values (golden in tests/e2e/golden/, so the suite needs no Go). Display options (order,
// palette, orientation) and the dark theme are screenshotted. Three tests pin down layout
// faults found while writing this suite: the canvas must be redrawn when its box changes
// height (the search status wraps the header), the frame menu and the tooltip must stay
// visible near the window's right edge and the canvas's bottom.
//
// Needs dist/ (`make dist`) and target/release/pprofview (`make cli`); the shared-profile
// cases are skipped, with a message, when ../shared/testdata/pprof is absent. Screenshots
// (flame-*.png) go to tests/e2e/out/.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  SHARED_MISSING,
  cliTop,
  dist,
  fixtures,
  foreignRequests,
  here,
  launch,
  openPage,
  out,
  parseValue,
  pickFiles,
  readTable,
  requireBuilt,
  sharedTestdata,
  showTop,
  startServer,
  waitState,
  CPU,
  CPU_B,
} from "./lib.mjs";
import { CANVAS, ROW, breadcrumb, canvasBox, hover, linkPath, nextFrame, pixelAt, pixels, rowY, waitBreadcrumb, waitPath } from "./flame_lib.mjs";

const shared = sharedTestdata();
const LARGE = shared && path.join(shared, "upstream", "proftest__large.cpu.pb.gz");


let browser;
let server;

before(async () => {
  await requireBuilt({ cli: true });
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  server = await startServer({ root: dist, routes: { "/profiles/cpu.pb.gz": CPU, "/profiles/cpu_b.pb.gz": CPU_B } });
});

after(async () => {
  await server?.close();
  await browser?.close();
});

/** A page with `files` picked, the flame graph painted. */
async function withFlame(files, body, { colorScheme = "light", fragment = "", canvas = CANVAS } = {}) {
  const { page, seen } = await openPage(browser.context, server.url + fragment, { colorScheme });
  try {
    if (files.length) await pickFiles(page, files);
    await waitState(page, "ready");
    await page.locator(`${canvas}[data-drawn]`).waitFor();
    await body(page, seen);
    assert.deepEqual(foreignRequests(seen, server.origin), [], "requests left the page's origin");
    // Chromium's hint after this suite's own getImageData read-backs is not the page's doing.
    const errors = seen.errors.filter((e) => !/willReadFrequently/.test(e));
    assert.deepEqual(errors, [], "errors in the page");
  } finally {
    await page.close();
  }
}

const linkParam = (page, key) => page.evaluate((key) => new URLSearchParams(location.hash.slice(1)).get(key), key);


/** The "Showing nodes accounting for X, P% of T total" line of `pprofview top -focus=RE`. */
function cliFocus(file, re) {
  const { showing } = cliTop([file], [`-focus=${re}`]);
  const m = /^Showing nodes accounting for (\S+), (\S+) of (\S+) total$/.exec(showing ?? "");
  assert.ok(m, `pprofview top -focus=${re}: no "Showing nodes" line (${showing})`);
  return { value: m[1], pct: m[2], total: m[3] };
}

/** The CLI's top row for `name` (exact), from `pprofview top -nodefraction=0 [flags]`. */
function cliRow(file, name, flags = []) {
  const row = cliTop([file], flags).rows.find((r) => r[5] === name || r[5].replace(/ \((inline|partial-inline)\)$/, "") === name);
  assert.ok(row, `pprofview top has no row for ${name}`);
  return row;
}

/**
 * Parses `go tool pprof -peek` output: for each node, its callers and callees as
 * {name, value} in pprof's order, and the node's own flat/cum columns.
 */
function parsePeek(text) {
  const nodes = [];
  const blocks = text.split(/^-+\+-+$/m).slice(2); // the header, the column titles, then nodes
  for (const block of blocks) {
    const lines = block.split("\n").filter((l) => l.trim());
    const at = lines.findIndex((l) => /^\s*\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+\| \S/.test(l));
    if (at < 0) continue;
    const [, flat, flatPct, , cum, cumPct, name] = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+\| (.*)$/.exec(lines[at]);
    const edge = (l) => {
      const m = /^\s*(\S+)\s+(\S+)\s+\|\s{3}(.*)$/.exec(l);
      if (!m) throw new Error(`cannot parse peek edge ${JSON.stringify(l)}`);
      return { value: m[1], pct: m[2], name: m[3].trim() };
    };
    nodes.push({ name: name.trim(), flat, flatPct, cum, cumPct, callers: lines.slice(0, at).map(edge), callees: lines.slice(at + 1).map(edge) });
  }
  const showing = /^Showing nodes accounting for (\S+), (\S+) of (\S+) total$/m.exec(text);
  return { nodes, total: showing?.[3] };
}

/** Rows of a sandwich table: [{name, value, pct}]. */
const sandwichRows = (page, id) =>
  page.$$eval(`[data-testid="${id}"] [data-testid="sandwich-row"]`, (rs) =>
    rs.map((r) => ({
      name: r.querySelector('[data-col="name"]').textContent.trim(),
      value: r.querySelector('[data-col="value"]').textContent.trim(),
      pct: r.querySelector('[data-col="pct"]').textContent.trim(),
    })),
  );

describe("flame graph", () => {
  test("is the default view, and the canvas is painted", async (t) => {
    await withFlame([CPU], async (page) => {
      assert.equal(await page.locator('[data-testid="view-flame"]').getAttribute("aria-selected"), "true", "the Flame Graph tab is not selected");
      assert.equal(await linkParam(page, "view"), null, "the default view is written into the link");
      assert.equal(await page.locator('[data-testid="top-table"]').count(), 0, "the top table is shown by default");
      const canvas = page.locator(CANVAS);
      const drawn = Number(await canvas.getAttribute("data-drawn"));
      const ms = Number(await canvas.getAttribute("data-draw-ms"));
      assert.ok(drawn > 10, `data-drawn=${drawn}: too few boxes drawn`);
      assert.ok(Number.isFinite(ms) && ms >= 0, `data-draw-ms=${ms}`);
      const px = await pixels(page, [rowY(0), rowY(1)]);
      t.diagnostic(`${drawn} boxes in ${ms} ms; ${px.painted} of ${px.total} pixels painted, ${px.colours} colours, background ${px.bg}`);
      assert.ok(px.painted > 0.2 * px.total, `only ${px.painted} of ${px.total} pixels differ from the background`);
      assert.ok(px.colours >= 8, `only ${px.colours} distinct colours on the canvas`);
      assert.ok(px.coloured > 0.1 * px.total, `only ${px.coloured} coloured (non-grey) pixels`);
      // runtime.main (depth 1) holds every sample of go_cpu: one box across the whole width.
      assert.equal(px.paintedRuns[1].length, 1, `depth 1 is not one box: ${JSON.stringify(px.paintedRuns[1])}`);
      const [[start, end]] = px.paintedRuns[1];
      assert.ok(start === 0 && end >= px.width - 1, `depth 1 is not one full-width box: ${JSON.stringify(px.paintedRuns[1])}`);
      await page.screenshot({ path: path.join(out, "flame-default.png") });
    });
  });

  const hoverCases = [
    { label: "go_cpu", file: () => CPU, shot: "flame-hover.png" },
    { label: "large.cpu (shared)", file: () => LARGE, skip: shared ? false : SHARED_MISSING },
  ];
  for (const c of hoverCases) {
    test(`hover: the root's widest child shows its name and the top table's cum (${c.label})`, { skip: c.skip }, async () => {
      const file = c.file();
      await withFlame([file], async (page) => {
        // Root: "all samples", the profile's total.
        const root = await hover(page, 5, rowY(0));
        const total = cliTop([file]).showing.match(/of (\S+) total$/)[1];
        assert.equal(root?.name, "all samples", `root tooltip ${JSON.stringify(root)}`);
        assert.equal(root.total, total, "the root's total vs the legend's");

        // The widest child of the root is the leftmost box at depth 1 (heaviest first).
        const tip = await hover(page, 5, rowY(1));
        assert.ok(tip?.name, "no tooltip over the first box at depth 1");
        if (c.shot) await page.screenshot({ path: path.join(out, c.shot) });
        assert.ok(tip.file, `the tooltip lacks the file of ${tip.name}`);
        const row = cliRow(file, tip.name);
        assert.equal(tip.total, row[3], `${tip.name}: tooltip total vs pprofview top's cum`);
        // data-total is the raw value, in the profile's unit: nanoseconds.
        const ns = cliRow(file, tip.name, ["-unit=ns"]);
        assert.equal(`${tip.dataTotal}ns`, ns[3], `${tip.name}: data-total vs pprofview top -unit=ns's cum`);
        assert.ok(Number(tip.dataSelf) >= 0 && Number(tip.dataSelf) <= Number(tip.dataTotal), `data-self ${tip.dataSelf}`);

        // And the page's own Top view says the same.
        await page.mouse.move(0, 0);
        await showTop(page);
        const table = await readTable(page);
        const pageRow = table.rows.find((r) => r[5] === row[5]);
        assert.equal(pageRow?.[3], tip.total, `${tip.name}: tooltip total vs the Top view's cum`);
      });
    });
  }

  test("a click zooms: p= and the breadcrumb; Back and Forward undo and redo it", async () => {
    await withFlame([], async (page) => {
      const { width } = await canvasBox(page);
      // Down the left edge: the names of the leftmost boxes, until one narrower than 60%.
      const names = [];
      let depth = 0;
      let rootTotal;
      for (let d = 0; d < 20; d++) {
        const tip = await hover(page, 5, rowY(d));
        assert.ok(tip, `nothing at the left edge of depth ${d}`);
        if (d === 0) rootTotal = Number(tip.dataTotal);
        else names.push(tip.name);
        if (d > 0 && Number(tip.dataTotal) < 0.6 * rootTotal) {
          depth = d;
          break;
        }
      }
      assert.ok(depth > 0, "no frame narrower than 60% of the root down the left edge");
      const name = names.at(-1);
      const notZoomed = await hover(page, width - 5, rowY(depth));
      assert.notEqual(notZoomed?.name, name, `${name} already fills the width`);
      assert.equal(await linkPath(page), null, "p= before any zoom");

      // A click (press and release in place) zooms to the box.
      const box = await canvasBox(page);
      await page.mouse.click(box.x + 5, box.y + rowY(depth));
      await waitPath(page, names);
      await waitBreadcrumb(page, names);
      // The zoomed box now fills the width: its right edge shows it too (scrolled so that at
      // most three rows of its ancestors stay above it).
      const row = Math.min(depth, 3);
      const right = await hover(page, width - 5, rowY(row));
      assert.equal(right?.name, name, `after the zoom, the right edge of row ${row} shows ${right?.name}`);
      await page.screenshot({ path: path.join(out, "flame-zoomed.png") });
      await page.mouse.move(box.x + width / 2, box.y - 40); // off the canvas

      // Back: no p=, no crumbs, zoomed out.
      await page.evaluate(() => history.back());
      await waitPath(page, null);
      await waitBreadcrumb(page, []);
      const back = await hover(page, width - 5, rowY(depth));
      assert.equal(back?.name, notZoomed?.name, "Back did not zoom out");
      await page.mouse.move(box.x + width / 2, box.y - 40);

      // Forward: zoomed again.
      await page.evaluate(() => history.forward());
      await waitPath(page, names);
      await waitBreadcrumb(page, names);
      assert.equal((await hover(page, width - 5, rowY(row)))?.name, name, "Forward did not zoom in again");
      await page.mouse.move(box.x + width / 2, box.y - 40);

      // The breadcrumb's "all" zooms out, as a new entry.
      await page.click('[data-testid="flame-breadcrumb"] button >> nth=0');
      await waitPath(page, null);
      await waitBreadcrumb(page, []);
      await page.evaluate(() => history.back());
      await waitPath(page, names);
    }, { fragment: "#v=1&url=profiles/cpu.pb.gz" });
  });

  test("keyboard: arrows select, Enter zooms, Escape zooms out", async () => {
    await withFlame([], async (page) => {
      // The heaviest-first chain from the root is the left edge.
      const first = [(await hover(page, 5, rowY(1)))?.name, (await hover(page, 5, rowY(2)))?.name];
      assert.ok(first[0] && first[1], `left edge names ${JSON.stringify(first)}`);
      await page.mouse.move(0, 0);
      await page.locator(CANVAS).focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await waitPath(page, first);
      await waitBreadcrumb(page, first);
      await page.screenshot({ path: path.join(out, "flame-keyboard.png") });
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("Enter");
      await waitPath(page, first.slice(0, 1));
      await page.keyboard.press("Escape");
      await waitPath(page, null);
      await waitBreadcrumb(page, []);
    }, { fragment: "#v=1&url=profiles/cpu.pb.gz" });
  });

  const searchCases = [
    // Every match of go_cpu is wide enough to be drawn; large.cpu's setFunctions.func1NNNN
    // are thousands of narrow frames, drawn only as one grey "N small" block.
    { label: "go_cpu", file: () => CPU, res: ["mixBits|rotl", "main\\.descend", "preempt_amd64\\.s"], visible: true, shot: "flame-search.png" },
    { label: "large.cpu (shared)", file: () => LARGE, res: ["time\\.now|sync\\.", "setFunctions\\.func1[0-9]{4}$", "rand\\.go"], skip: shared ? false : SHARED_MISSING },
  ];
  for (const c of searchCases) {
    test(`search: matched share equals pprofview top -focus (${c.label})`, { skip: c.skip }, async (t) => {
      const file = c.file();
      await withFlame([file], async (page) => {
        const before = await pixels(page);
        for (const [i, re] of c.res.entries()) {
          const want = cliFocus(file, re);
          await page.fill('input[data-testid="search"]', re);
          await page.waitForFunction(
            (re) => new URLSearchParams(location.hash.slice(1)).get("q") === re && /^matched /.test(document.querySelector('[data-testid="search-status"]')?.textContent ?? ""),
            re,
            { timeout: 30_000, polling: 50 },
          );
          await nextFrame(page);
          const status = await page.locator('[data-testid="search-status"]').innerText();
          const got = /^matched (\S+) \((\S+) of total\)$/.exec(status.trim());
          assert.ok(got, `search-status ${JSON.stringify(status)} is not "matched X (P% of total)"`);
          t.diagnostic(`${re}: page "${status}", pprofview top -focus: ${want.value}, ${want.pct}`);
          assert.equal(got[2], want.pct, `${re}: matched share vs pprofview top -focus=${re}`);
          const [a, b] = [parseValue(got[1]), parseValue(want.value)];
          assert.ok(Math.abs(a - b) <= 0.005 * Math.max(a, b), `${re}: matched ${got[1]} vs ${want.value}`);
          // Frames that do not match are dimmed (nearly grey): fewer coloured pixels.
          const now = await pixels(page);
          if (parseFloat(want.pct) < 100) {
            assert.ok(now.coloured < before.coloured, `${re}: ${now.coloured} coloured pixels, ${before.coloured} before the search`);
          }
          if (c.visible) assert.ok(now.coloured > 0, `${re}: nothing highlighted`);
          if (i === 0 && c.shot) await page.screenshot({ path: path.join(out, c.shot) });
        }
        // Clearing the search brings every colour back (the header, and so the canvas,
        // changes height with the search status: compare shares).
        await page.fill('input[data-testid="search"]', "");
        await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).has("q") && !document.querySelector('[data-testid="search-status"]'));
        await nextFrame(page);
        await nextFrame(page);
        const cleared = await pixels(page);
        const [was, is] = [before.coloured / before.total, cleared.coloured / cleared.total];
        assert.ok(Math.abs(was - is) < 0.02, `coloured share ${is.toFixed(3)} after clearing the search, ${was.toFixed(3)} before`);
      });
    });
  }

  test("callers and callees of runtime.mallocgc (context menu) equal go tool pprof -peek", async (t) => {
    const golden = parsePeek(readFileSync(path.join(here, "golden", "go_cpu_b.mallocgc.peek.txt"), "utf8"));
    const want = golden.nodes.find((n) => n.name === "runtime.mallocgc");
    assert.ok(want && want.callers.length >= 2, "the golden should show runtime.mallocgc with several callers");
    await withFlame([CPU_B], async (page) => {
      // Find a runtime.mallocgc box: search for it, then look for the boxes left coloured.
      await page.fill('input[data-testid="search"]', "runtime\\.mallocgc$");
      await page.locator('[data-testid="search-status"]').waitFor();
      await nextFrame(page);
      const { height } = await canvasBox(page);
      const rows = [...Array(Math.floor(height / ROW)).keys()];
      const px = await pixels(page, rows.map(rowY));
      // Leftmost first, so that the menu opens well inside the window.
      const candidates = rows.flatMap((d) => px.runs[d].map(([x0, x1]) => ({ x: (x0 + x1) / 2, y: rowY(d) }))).sort((a, b) => a.x - b.x);
      let found = null;
      for (const at of candidates) {
        const tip = await hover(page, at.x, at.y);
        if (tip?.name === "runtime.mallocgc") {
          found = { ...at, tip };
          break;
        }
      }
      assert.ok(found, "no runtime.mallocgc box among the highlighted ones");
      t.diagnostic(`runtime.mallocgc box at (${found.x}, ${found.y})`);

      // Right-click: the menu, with the callers view, copy name and copy path.
      const box = await canvasBox(page);
      await page.mouse.click(box.x + found.x, box.y + found.y, { button: "right" });
      const menu = page.locator('[data-testid="context-menu"]');
      await menu.waitFor();
      for (const id of ["menu-sandwich", "menu-copy-name", "menu-copy-path"]) {
        assert.equal(await menu.locator(`[data-testid="${id}"]`).count(), 1, `the menu lacks ${id}`);
      }
      assert.equal(await linkPath(page), null, "a right-click zoomed");
      await page.screenshot({ path: path.join(out, "flame-context-menu.png") });
      await page.click('[data-testid="menu-sandwich"]');

      await page.locator('[data-testid="sandwich-view"] [data-testid="sandwich-callers"]').waitFor();
      await waitState(page, "ready");
      assert.equal(await linkParam(page, "view"), "sandwich");
      // The link names the function (fn=, link format v2); the zoom (p=) is the flame graph's.
      assert.equal(await linkParam(page, "fn"), "runtime.mallocgc", "fn= names the callers view's function");
      assert.equal(await page.locator('[data-testid="view-sandwich"]').getAttribute("aria-selected"), "true");
      assert.equal((await page.locator('[data-testid="sandwich-function"]').innerText()).trim(), "runtime.mallocgc");
      // The function's own total, each sample once: peek's cum and cum%.
      const head = (await page.locator('[data-testid="sandwich-total"]').innerText()).trim();
      assert.ok(head.startsWith(`${want.cum} (${want.cumPct} of total)`), `sandwich-total ${JSON.stringify(head)} vs peek's ${want.cum} ${want.cumPct}`);

      const total = parseValue(golden.total);
      for (const side of ["callers", "callees"]) {
        const got = await sandwichRows(page, `sandwich-${side}`);
        t.diagnostic(`${side}: ${JSON.stringify(got)}`);
        const byName = (rows) => Object.fromEntries(rows.map((r) => [r.name, r.value]));
        assert.deepEqual(byName(got), byName(want[side]), `${side} of runtime.mallocgc vs go tool pprof -peek`);
        for (const r of got) {
          const share = (100 * parseValue(r.value)) / total;
          assert.ok(Math.abs(parseFloat(r.pct) - share) < 0.01, `${side} ${r.name}: ${r.pct} of total, ${r.value} is ${share.toFixed(2)}% of ${golden.total}`);
        }
      }
      await page.screenshot({ path: path.join(out, "flame-sandwich.png"), fullPage: true });

      // Back returns to the flame graph; a caller's name opens that function's view.
      await page.evaluate(() => history.back());
      await page.locator(CANVAS).waitFor();
      assert.notEqual(await linkParam(page, "view"), "sandwich", "Back stayed in the callers view");
      await page.evaluate(() => history.forward());
      await page.locator('[data-testid="sandwich-callers"]').waitFor();
      const caller = want.callers[0].name;
      await page.click(`[data-testid="sandwich-callers"] [data-testid="sandwich-row"] button:text-is("${caller}")`);
      await page.waitForFunction((n) => document.querySelector('[data-testid="sandwich-function"]')?.textContent.trim() === n, caller);
      assert.equal(await linkParam(page, "fn"), caller);
      const callees = await sandwichRows(page, "sandwich-callees");
      assert.ok(callees.some((r) => r.name === "runtime.mallocgc" && r.value === want.callers[0].value), `${caller}'s callees ${JSON.stringify(callees)} lack runtime.mallocgc ${want.callers[0].value}`);
    });
  });

  test("the callers view opens from a link (#view=sandwich&p=…)", async () => {
    const golden = parsePeek(readFileSync(path.join(here, "golden", "go_cpu_b.mallocgc.peek.txt"), "utf8"));
    const want = golden.nodes.find((n) => n.name === "runtime.mallocgc");
    await withFlame([], async (page) => {
      await page.locator('[data-testid="sandwich-callers"]').waitFor();
      const byName = (rows) => Object.fromEntries(rows.map((r) => [r.name, r.value]));
      assert.deepEqual(byName(await sandwichRows(page, "sandwich-callers")), byName(want.callers), "callers");
      assert.deepEqual(byName(await sandwichRows(page, "sandwich-callees")), byName(want.callees), "callees");
    }, { fragment: "#v=1&url=profiles/cpu_b.pb.gz&view=sandwich&p=runtime.mallocgc", canvas: '[data-testid="sandwich-callers-canvas"]' });
  });

  test("the canvas is redrawn at its new size when the header changes height", async () => {
    // The search status (here a bad regex's message) makes the header taller, and removing
    // it shorter, without any window resize.
    await withFlame([CPU], async (page) => {
      const sizes = () =>
        page.evaluate((sel) => {
          const c = document.querySelector(sel);
          return { bitmap: c.height, css: Math.round(c.clientHeight * devicePixelRatio) };
        }, CANVAS);
      const initial = await sizes();
      assert.equal(initial.bitmap, initial.css, "canvas height before the search");
      await page.fill('input[data-testid="search"]', "(");
      await page.locator('[data-testid="search-status"].bad').waitFor();
      await nextFrame(page);
      await nextFrame(page);
      const shown = await sizes();
      assert.notEqual(shown.css, initial.css, "the search status did not change the canvas's height (nothing to check)");
      await page.screenshot({ path: path.join(out, "flame-bad-regex.png") });
      assert.equal(shown.bitmap, shown.css, `with the search status shown, the canvas bitmap is ${shown.bitmap} px tall in a ${shown.css} px box (stretched: rows are not 18 px and pointer rows are off)`);
      await page.fill('input[data-testid="search"]', "");
      await page.waitForFunction(() => !document.querySelector('[data-testid="search-status"]'));
      await nextFrame(page);
      await nextFrame(page);
      const hidden = await sizes();
      assert.equal(hidden.bitmap, hidden.css, `after clearing the search, the canvas bitmap is ${hidden.bitmap} px tall in a ${hidden.css} px box`);
    });
  });

  test("the context menu stays inside the window when opened near its right edge", async () => {
    await withFlame([CPU], async (page) => {
      const box = await canvasBox(page);
      await page.mouse.click(box.x + box.width - 5, box.y + rowY(1), { button: "right" });
      const menu = page.locator('[data-testid="context-menu"]');
      await menu.waitFor();
      const { rect, vw, vh } = await menu.evaluate((m) => ({ rect: m.getBoundingClientRect().toJSON(), vw: innerWidth, vh: innerHeight }));
      await page.screenshot({ path: path.join(out, "flame-context-menu-edge.png") });
      assert.ok(rect.left >= 0 && rect.right <= vw && rect.bottom <= vh, `the menu (${Math.round(rect.left)}..${Math.round(rect.right)} × ${Math.round(rect.top)}..${Math.round(rect.bottom)}) overflows the ${vw}×${vh} window`);
      await page.keyboard.press("Escape");
      await menu.waitFor({ state: "detached" });
    });
  });

  test("the tooltip stays visible over the bottom rows", async () => {
    await withFlame([CPU], async (page) => {
      // go_cpu's main.link chain runs past the bottom of the canvas at x = 600.
      const { height } = await canvasBox(page);
      const y = Math.floor(height / ROW - 1) * ROW + ROW / 2;
      const tip = await hover(page, 600, y);
      assert.ok(tip?.name, `no frame at (600, ${y})`);
      const { rect, clip, vh } = await page.locator('[data-testid="tooltip"]').evaluate((t) => {
        // The nearest ancestor that clips (overflow other than visible), else the window.
        let el = t.parentElement;
        while (el && getComputedStyle(el).overflow === "visible") el = el.parentElement;
        return { rect: t.getBoundingClientRect().toJSON(), clip: (el ?? document.documentElement).getBoundingClientRect().toJSON(), vh: innerHeight };
      });
      await page.screenshot({ path: path.join(out, "flame-tooltip-bottom.png") });
      const bottom = Math.min(clip.bottom, vh);
      assert.ok(rect.bottom <= bottom + 0.5, `the tooltip of ${tip.name} (${Math.round(rect.top)}..${Math.round(rect.bottom)}) is cut off at ${Math.round(bottom)}`);
    });
  });

  test("display options: order, palette, orientation; dark theme", async () => {
    await withFlame([CPU], async (page) => {
      const light = await pixels(page);
      // Root on top: the root row is the neutral grey.
      assert.deepEqual(light.rootPixel, [0xd0, 0xd0, 0xd0], "the top row is not the root");
      const warmMain = (await pixelAt(page, light.width / 2, rowY(1))).join();
      await page.click('[data-testid="flame-orientation"]');
      await page.waitForFunction((sel) => {
        const c = document.querySelector(sel);
        const s = c.width / c.clientWidth;
        const [r, g, b] = c.getContext("2d").getImageData(Math.floor((c.clientWidth / 2) * s), Math.floor((c.clientHeight - 9) * s), 1, 1).data;
        return r === 0xd0 && g === 0xd0 && b === 0xd0;
      }, CANVAS, { timeout: 10_000 });
      await page.screenshot({ path: path.join(out, "flame-orientation.png") });
      await page.click('[data-testid="flame-orientation"]');
      await page.locator('[data-testid="flame-palette"]').selectOption("colour-blind");
      await nextFrame(page);
      await nextFrame(page);
      const cb = await pixels(page);
      assert.ok(cb.painted > 0.2 * cb.total, "the colour-blind palette paints");
      const main = (await pixelAt(page, light.width / 2, rowY(1))).join();
      assert.notEqual(main, warmMain, "runtime.main has the same colour in both palettes");
      await page.screenshot({ path: path.join(out, "flame-palette.png") });
      await page.locator('[data-testid="flame-order"]').selectOption("name");
      await nextFrame(page);
      await nextFrame(page);
      await page.screenshot({ path: path.join(out, "flame-by-name.png") });
      // Granularity goes into the link (filefunctions, the default, stays out of it).
      await page.locator('[data-testid="granularity"]').selectOption("lines");
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get("g") === "lines");
      await waitState(page, "ready");
      await page.locator('[data-testid="granularity"]').selectOption("filefunctions");
      await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).has("g"));
    });
    await withFlame([CPU], async (page) => {
      const px = await pixels(page);
      assert.ok(px.painted > 0.2 * px.total, "nothing painted in the dark theme");
      await page.screenshot({ path: path.join(out, "flame-dark.png") });
    }, { colorScheme: "dark" });
  });
});
