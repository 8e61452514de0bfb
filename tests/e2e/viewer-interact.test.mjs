// Working with a loaded profile (issue 3): sorting by a column header, the search box (regex
// filter, <mark> highlights, and a matched share equal to `go tool pprof -focus=RE`'s, from
// goldens in tests/e2e/golden/), the fragment keeping sample type and search so that a
// reload restores them, and the dark theme.
//
// Needs dist/ (`make dist`) and target/release/pprofview (`make cli`); the large.cpu case is
// skipped, with a message, when ../shared/testdata/pprof is absent. Screenshots (sorted,
// searched, dark) go to tests/e2e/out/.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CLI,
  SHARED_MISSING,
  bodyState,
  cliTop,
  dist,
  engineReady,
  fixtures,
  foreignRequests,
  here,
  launch,
  openPage,
  out,
  parseValue,
  pickFiles,
  readTable,
  sharedTestdata,
  startServer,
  visibleRows,
  waitState,
  requireBuilt,
  showTop,
  CPU,
  HEAP,
} from "./lib.mjs";

const shared = sharedTestdata();

/** A golden of tests/e2e/golden/: the focus regex and the "Showing nodes" value and share. */
function golden(name) {
  const text = readFileSync(path.join(here, "golden", name), "utf8");
  const re = /^\s*focus=(.*)$/m.exec(text)[1];
  const [, value, pct] = /^Showing nodes accounting for (\S+), (\S+) of \S+ total$/m.exec(text);
  return { re, value, pct };
}

let browser;
let server;

before(async () => {
  await requireBuilt({ cli: true });
  browser = await launch({ viewport: { width: 1280, height: 1000 } });
  server = await startServer({ root: dist, routes: { "/profiles/heap.pb.gz": HEAP } });
});

after(async () => {
  await server?.close();
  await browser?.close();
});

// Rows without sum% (which a filter or another order may recompute).
const noSum = (r) => [r[0], r[1], r[3], r[4], r[5]];

/** Every row of the page's table is the CLI row its data-rank names. */
function expectRowsFromCli(table, cli, label) {
  for (let i = 0; i < table.rows.length; i++) {
    assert.deepEqual(noSum(table.rows[i]), noSum(cli.rows[table.ranks[i]] ?? []), `${label}: row ${i} (rank ${table.ranks[i]})`);
  }
}

const fragment = (page) => page.evaluate(() => [...new URLSearchParams(location.hash.slice(1))]);
const statusText = (page) => page.locator('[data-testid="search-status"]').innerText();

/** Types `re` into the search box and waits for `matched` rows and a "matched …" status. */
async function search(page, re, matched) {
  await page.fill('input[data-testid="search"]', re);
  await page.waitForFunction(
    (matched) => {
      const box = document.querySelector('[data-testid="top-table"]');
      const status = document.querySelector('[data-testid="search-status"]');
      return Number(box?.dataset.matchedRows) === matched && /matched/.test(status?.textContent ?? "");
    },
    matched,
    { timeout: 30_000, polling: 50 },
  );
}

/** Searches, and checks the filtered rows, the <mark>s, the status against the golden and q=. */
async function checkSearch(page, cli, g, label) {
  const re = new RegExp(g.re);
  const want = cli.rows.filter((r) => re.test(r[5]));
  assert.ok(want.length > 0 && want.length < cli.rows.length, `${label}: the golden's regex should match some rows`);
  await search(page, g.re, want.length);
  const table = await readTable(page);
  assert.equal(table.total, cli.rows.length, `${label}: data-total-rows stays the whole table`);
  assert.equal(table.matched, want.length, `${label}: data-matched-rows`);
  expectRowsFromCli(table, cli, label);
  assert.ok(table.ranks.every((r, i) => i === 0 || r > table.ranks[i - 1]), `${label}: filtered rows keep pprof's order`);
  for (const row of await visibleRows(page)) {
    assert.match(row.cells[5], re, `${label}: row ${row.row} does not match`);
  }
  const marks = await page.$$eval('[data-testid="top-row"] [data-col="name"] mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length > 0, `${label}: no <mark> in the names`);
  for (const m of marks) assert.match(m, re, `${label}: <mark>${m}</mark> does not match`);
  const status = await statusText(page);
  const got = /matched\s+(\S+)\s+\((\S+) of total\)/.exec(status);
  assert.ok(got, `${label}: search-status ${JSON.stringify(status)} is not "matched X (P% of total)"`);
  assert.equal(got[2], g.pct, `${label}: matched share vs go tool pprof -focus (${status})`);
  // The value may be scaled to another unit than pprof's report uses (0.53s for 530ms).
  const [a, b] = [parseValue(got[1]), parseValue(g.value)];
  assert.ok(Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b)), `${label}: matched ${got[1]} vs go tool pprof's ${g.value}`);
  assert.ok((await fragment(page)).some(([k, v]) => k === "q" && v === g.re), `${label}: fragment lacks q=`);
}

describe("interacting with the top table", () => {
  test("clicking the cum header sorts by cum, descending", async () => {
    const { page, seen } = await openPage(browser.context, server.url);
    try {
      await pickFiles(page, [CPU]);
      await waitState(page, "ready");
      await showTop(page);
      const byCum = cliTop([CPU], ["-cum"]);
      await page.click('[data-testid="top-head"][data-col="cum"]');
      await page.waitForFunction(
        (first) => document.querySelector('[data-testid="top-row"][data-row="0"] [data-col="cum"]')?.textContent.trim() === first,
        byCum.rows[0][3],
        { timeout: 10_000 },
      );
      const table = await readTable(page);
      const cums = table.rows.map((r) => r[3]);
      assert.deepEqual(cums, byCum.rows.map((r) => r[3]), "cum column vs pprofview top -cum");
      const values = cums.map(parseValue);
      assert.ok(values.every((v, i) => i === 0 || v <= values[i - 1]), "cum is not descending");
      assert.deepEqual([...table.ranks].sort((a, b) => a - b), [...table.ranks.keys()], "data-rank is not a permutation");
      expectRowsFromCli(table, cliTop([CPU]), "sorted by cum");
      await page.screenshot({ path: path.join(out, "sorted.png") });
      assert.deepEqual(seen.errors, [], "errors in the page");
    } finally {
      await page.close();
    }
  });

  test("search: go_cpu, matched share equals go tool pprof -focus", async () => {
    const { page, seen } = await openPage(browser.context, server.url);
    try {
      await pickFiles(page, [CPU]);
      await waitState(page, "ready");
      await showTop(page);
      await checkSearch(page, cliTop([CPU]), golden("go_cpu.focus.txt"), "go_cpu");
      await page.screenshot({ path: path.join(out, "searched.png") });
      const params = await fragment(page);
      assert.deepEqual(params[0], ["v", "2"], "v=2 comes first");
      assert.deepEqual(seen.errors, [], "errors in the page");
    } finally {
      await page.close();
    }
  });

  test("search: large.cpu, matched share equals go tool pprof -focus", { skip: shared ? false : SHARED_MISSING }, async () => {
    const file = path.join(shared, "upstream", "proftest__large.cpu.pb.gz");
    const { page } = await openPage(browser.context, server.url);
    try {
      await pickFiles(page, [file]);
      await waitState(page, "ready");
      await showTop(page);
      await checkSearch(page, cliTop([file]), golden("large_cpu.focus.txt"), "large.cpu");
    } finally {
      await page.close();
    }
  });

  test("a reload restores the sample type and the search from the fragment", async () => {
    const { page, seen } = await openPage(browser.context, `${server.url}#v=1&url=profiles/heap.pb.gz&view=top`);
    try {
      await waitState(page, "ready");
      const select = page.locator('select[data-testid="sample-type"]');
      await select.selectOption("alloc_space");
      const cli = cliTop([HEAP], ["-sample_index=alloc_space"]);
      const re = "main\\.";
      const matched = cli.rows.filter((r) => new RegExp(re).test(r[5])).length;
      await page.waitForFunction((rows) => Number(document.querySelector('[data-testid="top-table"]')?.dataset.totalRows) === rows, cli.rows.length);
      await search(page, re, matched);
      await page.waitForFunction(() => {
        const p = new URLSearchParams(location.hash.slice(1));
        return p.get("si") === "alloc_space" && p.get("q") === "main\\.";
      });
      const before = await statusText(page);
      const hash = await page.evaluate(() => location.hash);
      assert.match(hash, /^#v=2&/, "v=2 comes first");

      await page.reload();
      await engineReady(page);
      await waitState(page, "ready");
      await page.waitForFunction((m) => Number(document.querySelector('[data-testid="top-table"]')?.dataset.matchedRows) === m, matched);
      assert.equal(await page.evaluate(() => location.hash), hash, "the fragment changed on reload");
      assert.equal(await select.inputValue(), "alloc_space");
      assert.equal(await page.locator('input[data-testid="search"]').inputValue(), re);
      assert.equal(await statusText(page), before);
      const table = await readTable(page);
      expectRowsFromCli(table, cli, "after reload");
      assert.deepEqual(foreignRequests(seen, server.origin), [], "requests left the page's origin");
    } finally {
      await page.close();
    }
  });

  test("editing the fragment's search changes the view without loading the profile again", async () => {
    const { page, seen } = await openPage(browser.context, `${server.url}#v=1&url=profiles/heap.pb.gz&view=top`);
    try {
      await waitState(page, "ready");
      const fetches = () => seen.requests.filter((u) => u.includes("profiles/heap.pb.gz")).length;
      const before = fetches();
      await page.evaluate(() => { location.hash = "#v=1&url=profiles/heap.pb.gz&view=top&q=main%5C."; });
      await page.waitForFunction(() => document.querySelector('input[data-testid="search"]')?.value === "main\\.");
      await page.waitForFunction(() => {
        const t = document.querySelector('[data-testid="top-table"]');
        return t && Number(t.dataset.matchedRows) < Number(t.dataset.totalRows);
      });
      assert.equal(await bodyState(page), "ready");
      assert.equal(fetches(), before, "the profile was fetched again for a search change");
    } finally {
      await page.close();
    }
  });

  test("dark theme follows prefers-color-scheme", async () => {
    const background = async (colorScheme) => {
      const { page } = await openPage(browser.context, server.url, { colorScheme });
      try {
        await pickFiles(page, [CPU]);
        await waitState(page, "ready");
        if (colorScheme === "dark") await page.screenshot({ path: path.join(out, "ready-dark.png") });
        // Luminance of the first opaque background from <body> up.
        return await page.evaluate(() => {
          for (const el of [document.body, document.documentElement]) {
            const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(getComputedStyle(el).backgroundColor);
            if (m && (m[4] === undefined || Number(m[4]) > 0)) return (0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3]) / 255;
          }
          return 1; // transparent all the way: the browser's white canvas
        });
      } finally {
        await page.close();
      }
    };
    const light = await background("light");
    const dark = await background("dark");
    assert.ok(dark < 0.5 && light > 0.5, `background luminance: light ${light.toFixed(2)}, dark ${dark.toFixed(2)}`);
  });
});
