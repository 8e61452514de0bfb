// The graph view (issue 17, acceptance 3): pprof's call graph drawn without Graphviz. Its
// nodes are exactly `pprofview dot`'s (names in pprof's order, cum as pprof prints it), after
// filters too; hovering a node shows its tooltip; a click selects the function in every view
// (the search box gets ^name$ and the flame graph marks it); the right-click menu refines;
// drag pans and the wheel zooms. Screenshots go to tests/e2e/out/graph-*.png.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { CLI, CPU, HEAP, dist, launch, openLink, out, requireBuilt, startServer, waitState } from "./lib.mjs";

const ROUTES = { "/p/cpu.pb.gz": CPU, "/p/heap.pb.gz": HEAP };

let browser;
let server;

before(async () => {
  await requireBuilt({ cli: true });
  browser = await launch({ viewport: { width: 1400, height: 1000 } });
  server = await startServer({ root: dist, routes: ROUTES });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Unescapes a DOT string's `\"` and `\\`. */
const undot = (s) => s.replace(/\\(["\\])/g, "$1");

/** `pprofview dot FLAGS FILE`'s nodes: [name, cum] in pprof's order (N1, N2, …). */
function cliNodes(file, flags = []) {
  const dot = execFileSync(CLI, ["dot", ...flags, file], { encoding: "utf8" });
  const nodes = [];
  for (const line of dot.split("\n")) {
    const m = /^N\d+ \[label=.* tooltip="((?:[^"\\]|\\.)*)"/.exec(line);
    if (!m) continue;
    const tip = undot(m[1]);
    const cut = tip.lastIndexOf(" (");
    nodes.push([tip.slice(0, cut), tip.slice(cut + 2, -1)]);
  }
  assert.ok(nodes.length > 0, `pprofview dot ${flags.join(" ")} printed no nodes`);
  return nodes;
}

/** The graph view's nodes as its node list names them: [name, cum]. */
async function pageNodes(page) {
  await page.locator('[data-testid="graph-node"]').first().waitFor({ state: "attached", timeout: 60_000 });
  return page.$$eval('[data-testid="graph-node"]', (li) => li.map((l) => [l.dataset.name, l.dataset.cum]));
}

/** The page point at the centre of the node named `name`, from its scene box and the camera. */
async function nodePoint(page, name) {
  return page.evaluate((name) => {
    const li = [...document.querySelectorAll('[data-testid="graph-node"]')].find((l) => l.dataset.name === name);
    const canvas = document.querySelector('[data-testid="graph-canvas"]');
    const [scale, cx, cy] = canvas.dataset.camera.split(",").map(Number);
    const [l, t, w, h] = li.dataset.rect.split(",").map(Number);
    const box = canvas.getBoundingClientRect();
    return { x: box.left + (l + w / 2 - cx) * scale, y: box.top + (t + h / 2 - cy) * scale };
  }, name);
}

/** Waits until the canvas has drawn with a camera. */
const drawn = (page) => page.waitForFunction(() => document.querySelector('[data-testid="graph-canvas"]')?.dataset.camera, null, { timeout: 30_000 });

describe("graph view", () => {
  for (const [label, fragment, file, flags] of [
    ["Go CPU", "url=p/cpu.pb.gz&view=graph", CPU, []],
    ["Go heap, alloc_space", "url=p/heap.pb.gz&view=graph&si=alloc_space", HEAP, ["-sample_index=alloc_space"]],
    ["Go CPU, focus and hide", "url=p/cpu.pb.gz&view=graph&f=runFor&h=fold", CPU, ["-focus=runFor", "-hide=fold"]],
  ]) {
    test(`its nodes are pprofview dot's (${label})`, async () => {
      const { page, seen } = await openLink(browser.context, server, fragment);
      try {
        assert.deepEqual(await pageNodes(page), cliNodes(file, flags));
        await drawn(page);
        if (flags.length === 0 && file === CPU) {
          await page.screenshot({ path: path.join(out, "graph-view.png") });
          // The page's SVG export is pprofview svg -graph's image.
          const [dl] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-graph-svg"]')]);
          assert.equal(dl.suggestedFilename(), "callgraph.svg");
          const svg = readFileSync(await dl.path(), "utf8");
          const cli = execFileSync(CLI, ["svg", "-graph", file], { encoding: "utf8" });
          const body = (t) => t.slice(t.indexOf("<path"));
          assert.equal(body(svg), body(cli), "the page's graph SVG differs from pprofview svg -graph's drawing");
        }
        assert.deepEqual(seen.errors, []);
      } finally {
        await page.close();
      }
    });
  }

  test("the colour-blind palette draws orange where pprof draws red, and stays in the link", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=p/cpu.pb.gz&view=graph");
    try {
      await pageNodes(page);
      await drawn(page);
      // Pixels near pprof's hottest red (#b20000) and near the orange that replaces it.
      const count = () => page.evaluate(() => {
        const c = document.querySelector('[data-testid="graph-canvas"]');
        const copy = document.createElement("canvas");
        [copy.width, copy.height] = [c.width, c.height];
        const ctx = copy.getContext("2d", { willReadFrequently: true });
        ctx.drawImage(c, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const near = (i, [r, g, b]) => Math.abs(d[i] - r) < 25 && Math.abs(d[i + 1] - g) < 25 && Math.abs(d[i + 2] - b) < 25;
        let red = 0, orange = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (near(i, [178, 0, 0])) red++;
          if (near(i, [178, 98, 0])) orange++;
        }
        return { red, orange };
      });
      const before = await count();
      assert.ok(before.red > 100, `no red hot edges: ${JSON.stringify(before)}`);
      await page.selectOption('[data-testid="graph-palette"]', "colour-blind");
      await page.waitForFunction(() => location.hash.includes("palette="));
      let after = await count();
      for (let i = 0; i < 50 && after.orange < 100; i++) {
        await page.waitForTimeout(100);
        after = await count();
      }
      assert.ok(after.orange > 100 && after.red < 10, `not repainted orange: ${JSON.stringify(after)}`);
      await page.screenshot({ path: path.join(out, "graph-colour-blind.png") });
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("hover shows a node's tooltip; a click selects the function in the flame graph", async () => {
    // The search brings its first match into view.
    const { page, seen } = await openLink(browser.context, server, "url=p/cpu.pb.gz&view=graph&q=descend");
    try {
      await pageNodes(page);
      await drawn(page);
      const at = await nodePoint(page, "main.descend");
      await page.mouse.move(at.x, at.y);
      const tip = page.locator('[data-testid="tooltip"]');
      await tip.waitFor();
      const text = await tip.innerText();
      assert.match(text, /main\.descend/);
      assert.match(text, /630ms/);
      await page.screenshot({ path: path.join(out, "graph-hover.png") });
      await page.mouse.click(at.x, at.y);
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get("q") === "^main\\.descend$");
      assert.equal(await page.inputValue('[data-testid="search"]'), "^main\\.descend$");
      // The graph keeps its camera and outlines the selected node.
      await page.click('[data-testid="view-flame"]');
      await waitState(page, "ready");
      const status = page.locator('[data-testid="search-status"]');
      await page.waitForFunction(() => /^matched /.test(document.querySelector('[data-testid="search-status"]')?.textContent ?? ""));
      const expected = execFileSync(CLI, ["top", "-focus=^main\\.descend$", CPU], { encoding: "utf8" });
      const pct = /Showing nodes accounting for \S+, (\S+) of/.exec(expected)[1];
      assert.match(await status.innerText(), new RegExp(`\\(${pct.replace(".", "\\.")} of total\\)`));
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("the right-click menu refines like the flame graph's; drag pans and the wheel zooms", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=p/cpu.pb.gz&view=graph");
    try {
      await pageNodes(page);
      await drawn(page);
      const camera = () => page.$eval('[data-testid="graph-canvas"]', (c) => c.dataset.camera.split(",").map(Number));
      const [s0, x0, y0] = await camera();
      const box = await page.locator('[data-testid="graph-canvas"]').boundingBox();
      await page.mouse.move(box.x + 20, box.y + box.height - 20);
      await page.mouse.down();
      await page.mouse.move(box.x + 120, box.y + box.height - 80, { steps: 5 });
      await page.mouse.up();
      const [s1, x1, y1] = await camera();
      assert.equal(s1, s0);
      assert.ok(Math.abs(x0 - x1 - 100 / s0) < 1 && Math.abs(y0 - y1 + 60 / s0) < 1, `drag moved the camera from ${[x0, y0]} to ${[x1, y1]}`);
      await page.mouse.wheel(0, -300);
      await page.waitForFunction((s) => Number(document.querySelector('[data-testid="graph-canvas"]').dataset.camera.split(",")[0]) > s, s1);
      // Typing a search brings the node into view.
      await page.fill('[data-testid="search"]', "chainBottom");
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get("q") === "chainBottom");
      await page.waitForTimeout(300);
      const at = await nodePoint(page, "main.chainBottom");
      await page.mouse.click(at.x, at.y, { button: "right" });
      await page.locator('[data-testid="context-menu"]').waitFor();
      await page.screenshot({ path: path.join(out, "graph-menu.png") });
      await page.click('[data-testid="menu-focus"]');
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get("f") === "^main\\.chainBottom$");
      await waitState(page, "ready");
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-node"]').length > 0 && /focus/.test(document.querySelector('[data-testid="legend"]')?.innerText ?? ""));
      assert.deepEqual(await pageNodes(page), cliNodes(CPU, ["-focus=^main\\.chainBottom$"]));
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });
});
