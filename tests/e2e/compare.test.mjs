// Compare (issue 13, acceptance 3): a before/after pair compared in the page gives the CLI's
// numbers, through the Compare… picker and through a link; the diff flame graph is painted
// in both palettes with its colour legend; the tooltip's delta is the table's; a profile
// compared with itself says "No difference".
// Profiles: the project's heap pair (a cache that grows between two snapshots) and its two
// CPU profiles of different load. Screenshots go to tests/e2e/out/compare-*.png.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { cliTop, CPU, CPU_B, dist, fixtures, launch, legendLines, openLink, out, parseValue, readTable, requireBuilt, startServer, waitState } from "./lib.mjs";

const BEFORE = path.join(fixtures, "go_heap_before.pb.gz");
const AFTER = path.join(fixtures, "go_heap_after.pb.gz");
const ROUTES = { "/p/before.pb.gz": BEFORE, "/p/after.pb.gz": AFTER, "/p/cpu.pb.gz": CPU, "/p/cpu_b.pb.gz": CPU_B };

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

/** Opens `fragment` (the profile, view and query keys) and waits for the view. */
const open = (fragment) => openLink(browser.context, server, fragment);

/** Sorts the table in pprof's own order (the comparison's default is by delta). */
async function pprofOrder(page) {
  const head = '[data-testid="top-head"][data-col="sum%"]';
  const sorted = () => page.evaluate((head) => document.querySelector(head)?.getAttribute("aria-sort") === "ascending", head);
  for (let i = 0; i < 2 && !(await sorted()); i++) {
    await page.click(head);
    await page.waitForTimeout(50);
  }
  assert.ok(await sorted(), "the table is not in pprof's order");
  await waitState(page, "ready");
}

/** The table equals `pprofview top -nodefraction=0 FLAGS FILE`, rows and "Showing" line. */
async function expectCli(page, file, flags, label) {
  const expected = cliTop([file], flags);
  await pprofOrder(page);
  const table = await readTable(page);
  assert.deepEqual(table.rows, expected.rows, `${label}: rows differ from pprofview top ${flags.join(" ")}`);
  const legend = await legendLines(page);
  assert.ok(legend.includes(expected.showing), `${label}: legend lacks ${expected.showing}: ${JSON.stringify(legend)}`);
  return expected;
}

/**
 * Per palette colour, how many canvas pixels are near it, once `enough(counts)` holds or
 * after 5 s (the canvas repaints on the animation frame after the legend changes).
 */
async function countColours(page, colours, enough) {
  let counts = await countOnce(page, colours);
  for (let i = 0; i < 50 && !enough(counts); i++) {
    await page.waitForTimeout(100);
    counts = await countOnce(page, colours);
  }
  return counts;
}

/** Per palette colour, how many canvas pixels are near it now. */
function countOnce(page, colours) {
  return page.evaluate((colours) => {
    // Read a copy, so polling never reads back the page's own canvas twice.
    const c = document.querySelector('[data-testid="flame-canvas"]');
    const copy = document.createElement("canvas");
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const counts = colours.map(() => 0);
    for (let i = 0; i < d.length; i += 4) {
      colours.forEach(([r, g, b], k) => {
        if (Math.abs(d[i] - r) < 40 && Math.abs(d[i + 1] - g) < 40 && Math.abs(d[i + 2] - b) < 40) counts[k]++;
      });
    }
    return counts;
  }, colours);
}

describe("comparing two profiles in the page", () => {
  test("a #url=…&base=… link opens the comparison; its table is pprofview top -base, row for row", async () => {
    for (const [key, flag] of [["base", "-base"], ["diff_base", "-diff_base"]]) {
      for (const si of ["", "alloc_space"]) {
        const siKey = si ? `&si=${si}` : "";
        const { page, seen } = await open(`url=p/after.pb.gz&${key}=p/before.pb.gz${siKey}&view=top`);
        try {
          const legend = await page.locator('[data-testid="compare-legend"]').innerText();
          const verb = key === "base" ? "minus base" : "compared with base";
          assert.equal(legend.replace(/\s+/g, " ").trim(), `after.pb.gz ${verb} before.pb.gz`);
          // The comparison's own order: biggest growth first.
          const first = await readTable(page);
          const deltas = first.rows.map((r) => parseValue(r[0]));
          assert.deepEqual(deltas, [...deltas].sort((a, b) => b - a), `${key}: not sorted by delta`);
          const flags = [`${flag}=${BEFORE}`, ...(si ? [`-sample_index=${si}`] : [])];
          await expectCli(page, AFTER, flags, `${key} ${si}`);
          // Before + delta = after in every row's extra cells.
          const cells = await page.$$eval('[data-testid="top-row"]', (rows) =>
            rows.map((r) => ["before", "after", "delta"].map((c) => r.querySelector(`[data-col="${c}"]`)?.textContent.trim())),
          );
          assert.ok(cells.length > 0);
          for (const [b, a, d] of cells) {
            const texts = [b, a, d].map((v) => v.replace(/^\+/, ""));
            const [vb, va, vd] = texts.map(parseValue);
            // Each cell is rounded to its last printed digit.
            const slack = texts.reduce((s, t) => {
              const unit = /[a-zA-Zµ]*$/.exec(t)[0];
              const decimals = (/\.(\d+)/.exec(t)?.[1] ?? "").length;
              return s + 0.5 * 10 ** -decimals * parseValue(`1${unit}`);
            }, 0);
            assert.ok(Math.abs(vb + vd - va) <= slack * 1.001, `${b} + ${d} ≠ ${a}`);
          }
          if (key === "base" && !si) await page.screenshot({ path: path.join(out, "compare-table.png") });
          assert.deepEqual(seen.errors, []);
          const link = await page.evaluate(() => new URLSearchParams(location.hash.slice(1)));
          assert.ok(link, "the page kept its link");
        } finally {
          await page.close();
        }
      }
    }
  });

  test("Compare… with a picked file; the toggles are pprof's flags; Stop comparing", async () => {
    const { page, seen } = await open("url=p/after.pb.gz&view=top");
    try {
      await page.setInputFiles('[data-testid="compare-input"]', [BEFORE]);
      await page.locator('[data-testid="compare-legend"]').waitFor();
      await waitState(page, "ready");
      await expectCli(page, AFTER, [`-base=${BEFORE}`], "picked base");
      // A dropped file has no address: the link leaves it out.
      const hash = await page.evaluate(() => location.hash);
      assert.ok(!/[#&]base=/.test(hash), `a picked base leaked into the link: ${hash}`);
      await page.selectOption('[data-testid="compare-mode"]', "diff_base");
      await page.check('[data-testid="toggle-dropneg"]');
      await waitState(page, "ready");
      await page.waitForFunction(() => location.hash.includes("dropneg=t"));
      await expectCli(page, AFTER, [`-diff_base=${BEFORE}`, "-drop_negative"], "diff_base + drop_negative");
      await page.uncheck('[data-testid="toggle-dropneg"]');
      await page.check('[data-testid="toggle-norm"]');
      await page.waitForFunction(() => location.hash.includes("norm=t") && !location.hash.includes("dropneg"));
      await waitState(page, "ready");
      await expectCli(page, AFTER, [`-diff_base=${BEFORE}`, "-normalize"], "diff_base + normalize");
      await page.screenshot({ path: path.join(out, "compare-picked.png") });
      await page.click('[data-testid="compare-clear"]');
      await page.locator('[data-testid="compare-button"]').waitFor();
      await waitState(page, "ready");
      await expectCli(page, AFTER, [], "after Stop comparing");
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("two files merged, then compared instead, then swapped", async () => {
    const { page } = await open("url=p/cpu.pb.gz&url=p/cpu_b.pb.gz&view=top");
    try {
      await page.click('[data-testid="compare-instead"]');
      await page.locator('[data-testid="compare-legend"]').waitFor();
      await waitState(page, "ready");
      assert.match(await page.locator('[data-testid="compare-legend"]').innerText(), /cpu_b\.pb\.gz minus base cpu\.pb\.gz/);
      await expectCli(page, CPU_B, [`-base=${CPU}`], "compare instead");
      await page.click('[data-testid="compare-swap"]');
      await page.waitForFunction(() => /cpu\.pb\.gz minus base cpu_b\.pb\.gz/.test(document.querySelector('[data-testid="compare-legend"]')?.innerText ?? ""));
      await waitState(page, "ready");
      await expectCli(page, CPU, [`-base=${CPU_B}`], "swapped");
    } finally {
      await page.close();
    }
  });
});

describe("the diff flame graph", () => {
  test("painted red and green with its legend; orange and blue in the colour-blind palette; the tooltip's delta is the table's", async () => {
    const { page, seen } = await open("url=p/after.pb.gz&base=p/before.pb.gz&g=functions");
    try {
      const legend = page.locator('[data-testid="diff-legend"]');
      await legend.waitFor();
      assert.equal(await legend.getAttribute("data-palette"), "warm");
      const [red, green] = await countColours(page, [[0xe8, 0x55, 0x4a], [0x4f, 0xbf, 0x5a]], ([r, g]) => r > 500 && g > 100);
      assert.ok(red > 500 && green > 100, `red ${red} / green ${green} pixels`);
      await page.screenshot({ path: path.join(out, "compare-flame.png") });
      // Hover main.newEntry (the leak: one call path) and read its deltas.
      const canvas = page.locator('[data-testid="flame-canvas"]');
      const box = await canvas.boundingBox();
      let tip = null;
      for (let y = box.y + 8; y < box.y + box.height && !tip; y += 17) {
        for (let x = box.x + 5; x < box.x + box.width; x += box.width / 40) {
          await page.mouse.move(x, y);
          const t = page.locator('[data-testid="tooltip"]');
          if (!(await t.isVisible().catch(() => false))) continue;
          if ((await t.innerText()).split("\n")[0].trim() === "main.newEntry") {
            tip = {
              delta: await t.locator('[data-testid="tooltip-delta"]').innerText(),
              selfDelta: await t.locator('[data-testid="tooltip-self-delta"]').innerText(),
              before: await t.locator('[data-testid="tooltip-before"]').innerText(),
              after: await t.locator('[data-testid="tooltip-after"]').innerText(),
              pct: await t.locator('[data-testid="tooltip-delta-pct"]').innerText(),
            };
            break;
          }
        }
      }
      assert.ok(tip, "no main.newEntry frame under the pointer");
      await page.screenshot({ path: path.join(out, "compare-tooltip.png") });
      const row = cliTop([AFTER], [`-base=${BEFORE}`]).rows.find((r) => r[5] === "main.newEntry");
      const flat = parseValue(row[0]);
      assert.ok(Math.abs(parseValue(tip.selfDelta.split(/\s/)[0].replace(/^\+/, "")) - flat) <= Math.abs(flat) * 0.01, `tooltip self delta ${tip.selfDelta} vs table ${row[0]}`);
      assert.ok(Math.abs(parseValue(tip.delta.split(/\s/)[0].replace(/^\+/, "")) - flat) <= Math.abs(flat) * 0.01, `tooltip delta ${tip.delta} vs table ${row[0]}`);
      const va = parseValue(tip.after);
      const vb = parseValue(tip.before);
      assert.ok(Math.abs(va - vb - flat) <= Math.abs(flat) * 0.01, `after − before ≠ delta: ${JSON.stringify(tip)}`);
      // The same function in the diff table.
      await page.click('[data-testid="view-top"]');
      await waitState(page, "ready");
      const cell = await page.$$eval('[data-testid="top-row"]', (rows) => {
        const r = rows.find((r) => r.querySelector('[data-col="name"]')?.textContent.trim() === "main.newEntry");
        return r && ["delta", "delta%"].map((c) => r.querySelector(`[data-col="${c}"]`)?.textContent.trim());
      });
      assert.ok(cell, "main.newEntry not in the diff table");
      assert.equal(cell[0], tip.selfDelta.split(/\s/)[0], "table delta vs tooltip self delta");
      // Colour-blind palette: orange and blue, and the legend follows.
      await page.click('[data-testid="view-flame"]');
      await legend.waitFor();
      await page.selectOption('[data-testid="flame-palette"]', "colour-blind");
      await page.waitForFunction(() => document.querySelector('[data-testid="diff-legend"]')?.dataset.palette !== "warm");
      const [orange, blue] = await countColours(page, [[0xee, 0x77, 0x33], [0x55, 0x99, 0xdd]], ([o, b]) => o > 500 && b > 100);
      assert.ok(orange > 500 && blue > 100, `orange ${orange} / blue ${blue} pixels`);
      await page.screenshot({ path: path.join(out, "compare-flame-colour-blind.png") });
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("a profile compared with itself: No difference, an empty table, a grey flame graph", async () => {
    const { page, seen } = await open("url=p/after.pb.gz&base=p/after.pb.gz");
    try {
      await page.locator('[data-testid="no-difference"]').waitFor();
      const [red, green, grey] = await countColours(page, [[0xe8, 0x55, 0x4a], [0x4f, 0xbf, 0x5a], [0xd9, 0xd9, 0xd9]], ([, , grey]) => grey > 1000);
      assert.ok(grey > 1000 && red === 0 && green === 0, `grey ${grey}, red ${red}, green ${green}`);
      await page.screenshot({ path: path.join(out, "compare-self.png") });
      await page.click('[data-testid="view-top"]');
      await waitState(page, "ready");
      const table = await readTable(page);
      assert.equal(table.total, 0);
      assert.deepEqual(cliTop([AFTER], [`-base=${AFTER}`]).rows, []);
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("a base that cannot be compared: the profile opens alone and the page says why", async () => {
    const { page } = await open("url=p/cpu.pb.gz&base=p/before.pb.gz");
    try {
      const warnings = await page.locator('[data-testid="warnings"]').innerText();
      assert.match(warnings, /Cannot compare/);
      assert.match(warnings, /before\.pb\.gz/);
      assert.equal(await page.locator('[data-testid="compare-legend"]').count(), 0);
    } finally {
      await page.close();
    }
  });
});
