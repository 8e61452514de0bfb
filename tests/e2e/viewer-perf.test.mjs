// The page stays responsive while a big profile loads (issue 3, acceptance 2): the benchmark's
// synthetic Go CPU profile (≥ 25 MB gzipped, a million samples) is dropped on the page, and
// from the drop until <body data-state="ready"> the page's requestAnimationFrame callbacks
// never stop for 200 ms or more (decoding happens in the worker, not on the main thread);
// and a file picked while it loads cancels that load.
//
// The profile comes from $PPROFVIEW_SYNTHETIC (`make test-e2e` sets it) or from
// `cargo bench --bench bench -- --synthetic-only`. Needs dist/ and target/release/pprofview.

import assert from "node:assert/strict";
import { statSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { CLI, cliTop, dist, dropAndWatch, fixtures, foreignRequests, launch, legendLines, openPage, startServer, syntheticProfile, requireBuilt, showTop, waitForTable } from "./lib.mjs";

const MAX_GAP_MS = 200;

let browser;
let server;
let synthetic;

before(async () => {
  await requireBuilt({ cli: true });
  synthetic = syntheticProfile();
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  server = await startServer({ root: dist, routes: { "/bench/synthetic.pb.gz": synthetic } });
});

after(async () => {
  await server?.close();
  await browser?.close();
});

test(`main thread keeps painting (rAF gaps < ${MAX_GAP_MS} ms) while a ≥ 25 MB profile loads`, { timeout: 300_000 }, async (t) => {
  const size = statSync(synthetic).size;
  assert.ok(size >= 25e6, `${synthetic} is only ${size} bytes`);
  const { page, seen } = await openPage(browser.context, server.url);
  try {
    // Fetched before the clock starts: only the app's own work is measured.
    await page.evaluate(async () => {
      window.__profile = await (await fetch("bench/synthetic.pb.gz")).blob();
    });
    const r = await page.evaluate(dropAndWatch, "synthetic.pb.gz");
    const summary =
      `synthetic ${(size / 1e6).toFixed(2)} MB: data-state=${r.state} after ${r.stateMs.toFixed(0)} ms ` +
      `(decoded mark ${r.decodedMs?.toFixed(0)} ms, ready mark ${r.readyMs?.toFixed(0)} ms); ` +
      `${r.frames} frames, longest rAF gap ${r.maxGap.toFixed(1)} ms at ${r.maxGapAt.toFixed(0)} ms, longest long task ${r.longestTask.toFixed(0)} ms`;
    t.diagnostic(summary);
    if (r.state !== "ready") {
      assert.fail(`data-state ${r.state}: ${await page.locator('[data-testid="error"]').innerText({ timeout: 1_000 }).catch(() => "")}`);
    }
    assert.ok(r.maxGap < MAX_GAP_MS, `longest gap between animation frames: ${r.maxGap.toFixed(1)} ms`);

    // It is the right profile, whole: the legend's total and the row count match the CLI.
    const cli = cliTop([synthetic]);
    assert.ok((await legendLines(page)).includes(cli.showing), `legend lacks ${cli.showing}`);
    await showTop(page);
    const rows = await page.locator('[data-testid="top-table"]').getAttribute("data-total-rows");
    assert.equal(Number(rows), cli.rows.length, "data-total-rows");
    assert.deepEqual(foreignRequests(seen, server.origin), [], "requests left the page's origin");
  } finally {
    await page.close();
  }
});

test("a new file cancels a load under way: the big profile never shows up", { timeout: 120_000 }, async () => {
  const small = path.join(fixtures, "go_heap.pb.gz");
  const { page } = await openPage(browser.context, server.url);
  try {
    // Start the 30 MB load, and while it is decoding pick a small heap profile.
    await page.evaluate(() => { location.hash = "#v=1&url=bench/synthetic.pb.gz&view=top"; });
    await page.waitForFunction(() => /inflating|decoding/.test(document.querySelector('[data-testid="progress"]')?.textContent ?? ""));
    await page.setInputFiles('[data-testid="file-input"]', small);
    const cli = cliTop([small]);
    await waitForTable(page, cli.showing, cli.rows.length);
    // Long enough for the cancelled load to have finished, had it gone on.
    await page.waitForTimeout(6_000);
    assert.equal(await page.evaluate(() => document.body.dataset.state), "ready");
    assert.ok((await legendLines(page)).includes(cli.showing), "the big profile replaced the small one");
    const rows = await page.locator('[data-testid="top-table"]').getAttribute("data-total-rows");
    assert.equal(Number(rows), cli.rows.length);
    assert.ok(!(await page.evaluate(() => location.hash)).includes("synthetic"), "the link still names the cancelled profile");
  } finally {
    await page.close();
  }
});
