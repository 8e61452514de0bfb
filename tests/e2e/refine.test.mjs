// Refine (issue 12, acceptance 3): filters in the page give the CLI's numbers, live in the
// link and survive it, and are reachable the way users reach them.
// - Six filter combinations on three real profiles (the project's own Go CPU, heap and mutex
//   profiles): the page's top table equals `pprofview top -nodefraction=0` with the same
//   flags, row for row, with the same "Active filters:" legend.
// - The same link opened in a fresh page gives the same table and a pixel-identical flame
//   graph.
// - "Focus on" from the flame graph's and the top table's context menu equals
//   `-focus=^name$`; the filter bar's editor refuses a bad regex inline and applies nothing.
// - The Labels view of the labelled CPU fixture equals `pprofview tags`.
// - Back undoes a filter change.
// Screenshots (filter bar, menu, Labels view) go to tests/e2e/out/.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { CLI, cliTop, CPU, dist, fixtures, HEAP, launch, legendLines, openLink, out, readTable, requireBuilt, startServer, waitState } from "./lib.mjs";

const MUTEX = path.join(fixtures, "go_mutex.pb.gz");
const PROFILES = { cpu: CPU, heap: HEAP, mutex: MUTEX };

// [link keys, CLI flags]: the same query both ways.
const COMBOS = {
  cpu: [
    ["f=descend", ["-focus=descend"]],
    ["h=%5Eruntime%5C.&g=lines", ["-hide=^runtime\\.", "-lines"]],
    ["s=main&noinlines=t", ["-show=main", "-noinlines"]],
    ["sf=cpuA&i=chain", ["-show_from=cpuA", "-ignore=chain"]],
    ["tf=phase%3Dhash&rel=t", ["-tagfocus=phase=hash", "-relative_percentages"]],
    ["prunefrom=absorb&tr=phase", ["-prune_from=absorb", "-tagroot=phase"]],
  ],
  heap: [
    ["si=alloc_space&tf=1kb%3A", ["-sample_index=alloc_space", "-tagfocus=1kb:"]],
    ["f=allocRecords&h=runtime", ["-focus=allocRecords", "-hide=runtime"]],
    ["ti=bytes%3D%3A64&g=files", ["-tagignore=bytes=:64", "-files"]],
    ["si=alloc_objects&s=main%5C.", ["-sample_index=alloc_objects", "-show=main\\."]],
    ["tr=bytes&f=buildIndex", ["-tagroot=bytes", "-focus=buildIndex"]],
    ["sf=heapWork&rel=t&si=inuse_objects", ["-show_from=heapWork", "-relative_percentages", "-sample_index=inuse_objects"]],
  ],
  mutex: [
    ["f=deposit", ["-focus=deposit"]],
    ["i=ledger", ["-ignore=ledger"]],
    ["h=sync&si=contentions", ["-hide=sync", "-sample_index=contentions"]],
    ["s=main&g=filefunctions", ["-show=main", "-filefunctions"]],
    ["sf=write&prunefrom=Unlock", ["-show_from=write", "-prune_from=Unlock"]],
    ["rel=t&f=read&mean=t", ["-relative_percentages", "-focus=read", "-mean"]],
  ],
};

let browser;
let server;

before(async () => {
  await requireBuilt({ cli: true });
  browser = await launch({ viewport: { width: 1400, height: 1000 } });
  server = await startServer({
    root: dist,
    routes: Object.fromEntries(Object.entries(PROFILES).map(([k, f]) => [`/p/${k}.pb.gz`, f])),
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `fragment` (the profile, view and query keys) and waits for the view. */
const open = (fragment) => openLink(browser.context, server, fragment);

/** The page's table (view=top) equals the CLI's, legend lines included. */
async function expectTable(page, file, flags, label) {
  const expected = cliTop([file], flags);
  const table = await readTable(page);
  assert.deepEqual(table.rows, expected.rows, `${label}: rows differ from pprofview top ${flags.join(" ")}`);
  const legend = await legendLines(page);
  const start = expected.header.indexOf("Active filters:");
  const end = expected.header.findIndex((l) => l.startsWith("Showing nodes"));
  const filterLines = start < 0 ? [] : expected.header.slice(start, end);
  for (const line of [expected.showing, ...filterLines]) {
    assert.ok(legend.includes(line), `${label}: legend lacks ${JSON.stringify(line)}; it has ${JSON.stringify(legend)}`);
  }
  return table;
}

/** The value of link key `key` in the page's fragment. */
function linkParam(page, key) {
  return page.evaluate((key) => new URLSearchParams(location.hash.slice(1)).get(key), key);
}

/** Pixels of the flame graph canvas. */
async function canvasShot(page) {
  return page.locator('[data-testid="flame-canvas"]').screenshot();
}

describe("filters in the page equal the CLI", () => {
  for (const [name, combos] of Object.entries(COMBOS)) {
    test(`${name}: six filter combinations, table and link`, async () => {
      for (const [keys, flags] of combos) {
        const fragment = `url=p/${name}.pb.gz&${keys}`;
        const { page, seen } = await open(`${fragment}&view=top`);
        try {
          await expectTable(page, PROFILES[name], flags, `${name} ${keys}`);
          // The link the page writes back holds the same query.
          const written = await page.evaluate(() => location.hash);
          for (const kv of keys.split("&")) {
            const [k] = kv.split("=");
            assert.ok(new URLSearchParams(written.slice(1)).has(k), `${name}: link lost ${k}: ${written}`);
          }
          assert.deepEqual(seen.errors, [], `${name} ${keys}: page errors`);
        } finally {
          await page.close();
        }
      }
    });
  }

  test("the same link in a fresh page: same table, pixel-identical flame graph", async () => {
    const fragment = "url=p/cpu.pb.gz&h=%5Eruntime%5C.&tf=phase%3Drecurse";
    const shots = [];
    const tables = [];
    for (let i = 0; i < 2; i++) {
      const { page } = await open(fragment);
      try {
        shots.push(await canvasShot(page));
        await page.click('[data-testid="view-top"]');
        await waitState(page, "ready");
        tables.push((await readTable(page)).rows);
      } finally {
        await page.close();
      }
    }
    assert.ok(shots[0].equals(shots[1]), "the flame graph differs between two opens of one link");
    assert.deepEqual(tables[0], tables[1]);
    assert.deepEqual(tables[0], cliTop([CPU], ["-hide=^runtime\\.", "-tagfocus=phase=recurse"]).rows);
  });
});

describe("refining from the page", () => {
  test("Focus on from the flame graph's menu equals -focus=^name$; Back undoes it", async () => {
    const { page } = await open("url=p/cpu.pb.gz");
    try {
      const canvas = page.locator('[data-testid="flame-canvas"]');
      const box = await canvas.boundingBox();
      // Find a frame named main.descend: hover rows until the tooltip names it.
      let found = null;
      for (let y = box.y + 10; y < box.y + box.height && !found; y += 18) {
        for (let x = box.x + box.width * 0.7; x < box.x + box.width; x += box.width / 12) {
          await page.mouse.move(x, y);
          const tip = await page.locator('[data-testid="tooltip"]').innerText().catch(() => "");
          if (tip.split("\n")[0].trim() === "main.descend") {
            found = { x, y };
            break;
          }
        }
      }
      assert.ok(found, "no main.descend frame found under the pointer");
      await page.mouse.click(found.x, found.y, { button: "right" });
      await page.locator('[data-testid="context-menu"]').waitFor();
      await page.screenshot({ path: path.join(out, "refine-menu.png") });
      await page.click('[data-testid="menu-focus"]');
      await page.locator('[data-testid="filter-chip"][data-field="focus"]').waitFor();
      await waitState(page, "ready");
      await page.screenshot({ path: path.join(out, "refine-filter-bar.png") });
      assert.equal(await linkParam(page, "f"), "^main\\.descend$");
      await page.click('[data-testid="view-top"]');
      await waitState(page, "ready");
      await expectTable(page, CPU, ["-focus=^main\\.descend$"], "flame menu focus");
      await page.goBack(); // the view switch
      await page.goBack(); // the focus
      await page.locator('[data-testid="filter-chip"]').waitFor({ state: "detached" });
      assert.doesNotMatch(await page.evaluate(() => location.hash), /f=/);
    } finally {
      await page.close();
    }
  });

  test("the top table's menu: Hide and Ignore combine as pprof's Refine menu does", async () => {
    const { page } = await open("url=p/cpu.pb.gz&view=top");
    try {
      const quote = (s) => s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
      // The n-th row on screen, right-clicked, then a menu entry; returns the row's name.
      const refine = async (n, entry) => {
        const row = page.locator('[data-testid="top-row"]').nth(n);
        const name = (await row.locator('[data-col="name"]').innerText()).replace(/ \((partial-)?inline\)$/, "");
        await row.click({ button: "right" });
        await page.click(`[data-testid="${entry}"]`);
        await waitState(page, "ready");
        // The table keeps its rows until the new ones arrive: wait until the refined row is
        // gone from its place (it is ignored or hidden), so the next read sees the new table.
        await page.waitForFunction(
          ({ n, name }) => {
            const cell = document.querySelectorAll('[data-testid="top-row"]')[n]?.querySelector('[data-col="name"]');
            return cell && cell.textContent.replace(/ \((partial-)?inline\)$/, "").trim() !== name;
          },
          { n, name },
          { timeout: 10_000 },
        );
        return name;
      };
      const a = await refine(1, "menu-ignore");
      const b = await refine(1, "menu-ignore");
      const ignore = `-ignore=^${quote(b)}$|^${quote(a)}$`;
      await expectTable(page, CPU, [ignore], "menu ignore twice");
      const c = await refine(2, "menu-hide");
      await expectTable(page, CPU, [ignore, `-hide=^${quote(c)}$`], "menu hide");
    } finally {
      await page.close();
    }
  });

  test("the filter bar: a bad regex is refused inline, presets are chips, toggles apply to the table", async () => {
    const { page, seen } = await open("url=p/cpu.pb.gz&view=top");
    try {
      await page.click('[data-testid="filter-add"]');
      await page.selectOption('[data-testid="filter-field"]', "hide");
      await page.fill('[data-testid="filter-value"]', "(runtime");
      await page.click('[data-testid="filter-apply"]');
      const error = await page.locator('[data-testid="filter-error"]').innerText();
      assert.match(error, /unclosed group/);
      assert.doesNotMatch(await page.evaluate(() => location.hash), /h=/, "nothing applied");
      await page.fill('[data-testid="filter-value"]', "^runtime\\.");
      await page.press('[data-testid="filter-value"]', "Enter");
      await page.locator('[data-testid="filter-chip"][data-field="hide"]').waitFor();
      await waitState(page, "ready");
      await expectTable(page, CPU, ["-hide=^runtime\\."], "editor hide");
      await page.check('[data-testid="toggle-noinlines"]');
      await waitState(page, "ready");
      await expectTable(page, CPU, ["-hide=^runtime\\.", "-noinlines"], "hide inlined");
      await page.selectOption('[data-testid="granularity"]', "lines");
      await waitState(page, "ready");
      await expectTable(page, CPU, ["-hide=^runtime\\.", "-noinlines", "-lines"], "granularity");
      await page.click('[data-testid="preset-my-code"]');
      await waitState(page, "ready");
      const show = await page.locator('[data-testid="filter-chip"][data-field="show"] code').innerText();
      await expectTable(page, CPU, ["-hide=^runtime\\.", "-show=" + show, "-noinlines", "-lines"], "only my code");
      await page.locator('[data-testid="filter-bar"]').screenshot({ path: path.join(out, "refine-filter-bar-presets.png") });
      await page.click('[data-testid="filter-chip"][data-field="hide"] [data-testid="filter-chip-remove"]');
      await page.click('[data-testid="filter-clear"]');
      await page.locator('[data-testid="filter-chip"]').waitFor({ state: "detached" });
      await waitState(page, "ready");
      await expectTable(page, CPU, ["-noinlines", "-lines"], "cleared");
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("a link with a bad regex shows a notice and the rest of the view", async () => {
    const { page } = await open("url=p/cpu.pb.gz&view=top&i=%28&f=descend");
    try {
      await page.locator('[data-testid="warnings"]', { hasText: "unclosed group" }).waitFor();
      await page.waitForFunction(() => !location.hash.includes("i="));
      await waitState(page, "ready");
      await expectTable(page, CPU, ["-focus=descend"], "bad link regex dropped");
    } finally {
      await page.close();
    }
  });

  test("the Labels view equals pprofview tags; a click focuses on a label", async () => {
    const { page } = await open("url=p/cpu.pb.gz&view=tags");
    try {
      await page.locator('[data-testid="labels-view"]').screenshot({ path: path.join(out, "refine-labels.png") });
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="labels-key"]')].map((k) => ({
          key: k.dataset.key,
          total: k.querySelector(".labels-total").textContent.trim(),
          rows: [...k.querySelectorAll('[data-testid="labels-row"]')].map((r) =>
            [r.querySelector('[data-col="weight"]').textContent.trim(), r.querySelector('[data-col="pct"]').textContent.trim(), r.querySelector('[data-col="value"]').textContent.trim()],
          ),
        })),
      );
      const text = execFileSync(CLI, ["tags", CPU], { encoding: "utf8" });
      const expected = [];
      for (const line of text.split("\n")) {
        const key = /^\s*(\S.*?): Total (\S+)$/.exec(line);
        const value = /^\s+(\S+) \(\s*(\S+)\): (.*)$/.exec(line);
        if (key) expected.push({ key: key[1], total: `Total ${key[2]}`, rows: [] });
        else if (value) expected.at(-1).rows.push([value[1], value[2], value[3]]);
      }
      assert.ok(expected.length > 0, "pprofview tags printed no key");
      assert.deepEqual(shown, expected);
      await page.click('[data-testid="labels-key"][data-key="phase"] [data-testid="labels-focus"] >> text=hash');
      await page.locator('[data-testid="filter-chip"][data-field="tagfocus"]').waitFor();
      assert.equal(await linkParam(page, "tf"), "phase=^hash$");
      await page.click('[data-testid="view-top"]');
      await waitState(page, "ready");
      await expectTable(page, CPU, ["-tagfocus=phase=^hash$"], "label focus");
    } finally {
      await page.close();
    }
  });

  test("numeric labels: a click focuses on the range of numbers written as that value", async () => {
    const { page } = await open("url=p/heap.pb.gz&view=tags&si=alloc_space");
    try {
      const first = page.locator('[data-testid="labels-key"][data-key="bytes"] [data-testid="labels-focus"]').first();
      await first.click();
      await page.locator('[data-testid="filter-chip"][data-field="tagfocus"]').waitFor();
      const tf = await linkParam(page, "tf");
      assert.match(tf, /^bytes=-?\d+B(:-?\d+B)?$/);
      await page.click('[data-testid="view-top"]');
      await waitState(page, "ready");
      const table = await expectTable(page, HEAP, ["-sample_index=alloc_space", `-tagfocus=${tf}`], "numeric label focus");
      assert.ok(table.rows.length > 0, "the label's samples are kept");
    } finally {
      await page.close();
    }
  });
});
