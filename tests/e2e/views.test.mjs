// The Traces, Peek and Details views and the empty-sample-type notice in headless Chromium,
// against the CLI: the Traces view of the goroutine fixture lists the stacks of `pprofview
// traces` (identical ones merged), biggest pile-up first with its count and the summary
// line; the Peek view's rows are the lines of `pprofview peek REGEX` (from the search box and
// from a frame's menu); the Details view lists every sample type with the total the picker
// shows; a profile whose default type is all zero says so and offers the types with data; a
// pasted `?debug=2` goroutine dump opens with its pile-ups named by state and wait.
//
// Needs dist/ and target/release/pprofview. Screenshots (views-*.png) go to tests/e2e/out/.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { readFileSync } from "node:fs";
import { CLI, CPU, HEAP, dist, fixtures, launch, openLink, openPage, out, requireBuilt, startServer, waitState } from "./lib.mjs";
import { CANVAS, canvasBox, rowY } from "./flame_lib.mjs";
import { writeProfile } from "./pprof_writer.mjs";

const GOROUTINE = path.join(fixtures, "go_goroutine.pb.gz");
const DUMP = path.join(fixtures, "go_dump_goroutine.debug2.txt");

let browser;
let server;
let dir;
let zeroDefault;

before(async () => {
  await requireBuilt({ cli: true });
  dir = await mkdtemp(path.join(os.tmpdir(), "pprofview-views-"));
  // The last type (pprof's default without default_sample_type) is zero in every sample.
  zeroDefault = path.join(dir, "zero.pb.gz");
  const samples = [
    { stack: ["work", "main"], values: [7, 0] },
    { stack: ["idle", "main"], values: [3, 0] },
  ];
  await writeFile(zeroDefault, writeProfile({ sampleTypes: [["samples", "count"], ["gpu", "nanoseconds"]], samples }));
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  server = await startServer({
    root: dist,
    routes: { "/p/gor.pb.gz": GOROUTINE, "/p/cpu.pb.gz": CPU, "/p/heap.pb.gz": HEAP, "/p/zero.pb.gz": zeroDefault },
  });
});

after(async () => {
  await server?.close();
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const cli = (args) => execFileSync(CLI, args, { encoding: "utf8" });

/** `pprofview traces` blocks as {key: labels + frames, value}. */
function cliTraces(file) {
  return cli(["traces", file])
    .split("-----------+-------------------------------------------------------\n")
    .slice(1)
    .map((block) => {
      const lines = block.split("\n").filter((l) => l.length > 13);
      const labels = lines.filter((l) => l[10] === ":").map((l) => `${l.slice(0, 10).trim()}: ${l.slice(11).trim()}`).sort();
      const frames = lines.filter((l) => l[10] !== ":").map((l) => l.slice(13));
      const value = lines.find((l) => l[10] !== ":")?.slice(0, 10).trim();
      return { key: JSON.stringify([labels, frames]), value: Number(value) };
    })
    .filter((b) => b.value !== undefined && !Number.isNaN(b.value));
}

/** The Traces view's blocks: {key, value, samples}. */
const pageTraces = (page) =>
  page.$$eval('[data-testid="trace"]', (ts) =>
    ts.map((t) => {
      const labels = [...t.querySelectorAll('[data-testid="trace-label"]')].map((l) => l.textContent.trim()).sort();
      const frames = [...t.querySelectorAll('[data-testid="trace-frame"]')].map((f) => f.textContent.trim());
      return { key: JSON.stringify([labels, frames]), value: t.dataset.value, samples: Number(t.dataset.samples) };
    }),
  );

/** The Peek view's rows as `pprofview peek` prints its lines (without separators). */
const pagePeek = (page) =>
  page.$$eval('[data-testid="peek-row"]', (rows) =>
    rows.map((r) => {
      const cell = (c) => r.querySelector(`[data-col="${c}"]`)?.textContent.trim();
      if (r.dataset.kind === "node") return ["node", cell("flat"), cell("flat%"), cell("sum%"), cell("cum"), cell("cum%"), cell("name")].join(" ");
      const name = r.querySelector('[data-col="name"]').textContent.replace(/^[↑↓]\s*/, "").trim();
      return ["call", cell("value"), cell("pct"), name].join(" ");
    }),
  );

function cliPeek(file, regex) {
  return cli(["peek", regex, file])
    .split("\n")
    .filter((l) => l.includes("|") && !l.includes("calls calls%") && !l.startsWith("-----"))
    .map((l) => {
      const [left, right] = [l.slice(0, l.indexOf("|")), l.slice(l.indexOf("|") + 1)];
      const cells = left.trim().split(/\s+/);
      return cells.length === 2 ? ["call", ...cells, right.trim()].join(" ") : ["node", ...cells, right.trim()].join(" ");
    });
}

describe("views", () => {
  test("Traces: the goroutine fixture's stacks as pprofview traces lists them, pile-ups first", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=p/gor.pb.gz&view=traces");
    try {
      await page.locator('[data-testid="traces-view"]').waitFor();
      const summary = await page.locator('[data-testid="traces-summary"] li').allTextContents();
      assert.equal(summary[0], "3 goroutines waiting in runtime.chanrecv ← main.parkOnReceive (30% of 10)");
      const traces = await pageTraces(page);
      const cliBlocks = cliTraces(GOROUTINE);
      const sums = new Map();
      for (const b of cliBlocks) sums.set(b.key, (sums.get(b.key) ?? 0) + b.value);
      assert.equal(traces.length, sums.size, "distinct stacks");
      for (const t of traces) assert.equal(Number(t.value), sums.get(t.key), `goroutines of ${t.key}`);
      const values = traces.map((t) => Number(t.value));
      assert.deepEqual(values, [...values].sort((a, b) => b - a), "biggest first");
      assert.match(await page.locator('[data-testid="trace-value"]').first().textContent(), /^3 goroutines$/);
      assert.match(await page.locator('[data-testid="legend"]').textContent(), /10 goroutines in \d+ samples/);
      await page.screenshot({ path: path.join(out, "views-traces.png") });
      // The search box keeps the stacks with a matching frame.
      await page.fill('[data-testid="search"]', "parkOnSelect");
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="trace"]').length === 1, null, { timeout: 10_000 });
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("Peek: the search regex's blocks are the lines of pprofview peek; a frame's menu opens Peek", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=p/cpu.pb.gz&view=peek&q=main%5C.desc");
    try {
      await page.locator('[data-testid="peek-block"]').first().waitFor();
      assert.deepEqual(await pagePeek(page), cliPeek(CPU, "main\\.desc"));
      await page.screenshot({ path: path.join(out, "views-peek.png") });
      // From the flame graph: right-click the root's first child, pick Peek.
      await page.fill('[data-testid="search"]', "");
      await page.click('[data-testid="view-flame"]');
      await page.locator(`${CANVAS}[data-drawn]`).waitFor();
      const box = await canvasBox(page);
      await page.mouse.click(box.x + 5, box.y + rowY(1), { button: "right" });
      await page.click('[data-testid="menu-peek"]');
      await page.locator('[data-testid="peek-block"]').first().waitFor();
      const name = await page.locator('[data-testid="peek-block"]').first().getAttribute("data-name");
      const quoted = `^${name.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&")}$`;
      assert.deepEqual(await pagePeek(page), cliPeek(CPU, quoted), `peek of ${name}`);
      assert.deepEqual(seen.errors.filter((e) => !/willReadFrequently/.test(e)), []);
    } finally {
      await page.close();
    }
  });

  test("Details: every sample type with its total, as the picker shows it", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=p/heap.pb.gz&view=details");
    try {
      await page.locator('[data-testid="details-view"]').waitFor();
      const rows = await page.$$eval('[data-testid="details-sample-type"]', (rs) =>
        rs.map((r) => [r.dataset.name, r.querySelector('[data-col="total"]').textContent.trim()]),
      );
      const options = await page.$$eval('[data-testid="sample-type"] option', (os) => os.map((o) => [o.value, o.textContent]));
      assert.deepEqual(rows.map((r) => r[0]), options.map((o) => o[0]), "the same types as the picker");
      for (const [name, total] of rows) {
        assert.ok(total, `${name} has a total`);
        assert.ok(options.find((o) => o[0] === name)[1].endsWith(`· ${total}`), `picker shows ${name}'s total ${total}`);
      }
      assert.match(cli(["top", "-unit=MB", HEAP]), new RegExp(`of ${rows.find((r) => r[0] === "inuse_space")[1]} total`));
      const facts = await page.locator('[data-testid="details-facts"]').textContent();
      assert.match(facts, /Symbolized\s*yes/);
      await page.screenshot({ path: path.join(out, "views-details.png") });
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("an all-zero default sample type explains itself and offers the types with data", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=p/zero.pb.gz");
    try {
      const notice = page.locator('[data-testid="empty-type"]');
      await notice.waitFor();
      assert.match(await notice.textContent(), /Every sample's gpu is zero/);
      const choices = await page.$$eval('[data-testid="empty-type-choice"]', (bs) => bs.map((b) => b.textContent.trim()));
      assert.deepEqual(choices, ["samples · 10"]);
      assert.match(await page.locator('[data-testid="sample-type"] option[value="gpu"]').textContent(), /all zero/);
      await page.screenshot({ path: path.join(out, "views-zero-type.png") });
      await page.click('[data-testid="empty-type-choice"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="sample-type"]').value === "samples");
      await waitState(page, "ready");
      assert.equal(await notice.count(), 0, "the notice is gone");
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("a pasted debug=2 goroutine dump shows its pile-ups with state and wait labels", async () => {
    const { page, seen } = await openPage(browser.context, server.url);
    try {
      const text = readFileSync(DUMP, "utf8");
      await page.evaluate((text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        window.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data }));
      }, text);
      await waitState(page, "ready");
      assert.match(await page.locator('[data-testid="legend"]').textContent(), /pasted text · 15 goroutines/);
      await page.click('[data-testid="view-traces"]');
      await page.locator('[data-testid="trace"]').first().waitFor();
      const summary = await page.locator('[data-testid="traces-summary"] li').allTextContents();
      const blocks = cliTraces(DUMP);
      const sums = new Map();
      for (const b of blocks) sums.set(b.key, (sums.get(b.key) ?? 0) + b.value);
      const biggest = Math.max(...sums.values());
      assert.match(summary[0] ?? "", new RegExp(`^${biggest} goroutines \\[chan receive, < 1 min\\] waiting in main\\.dumpReceive`));
      const labels = await page.locator('[data-testid="trace"]').first().locator('[data-testid="trace-label"]').allTextContents();
      assert.ok(labels.includes("state: chan receive") && labels.includes("wait: < 1 min"), `labels ${labels}`);
      const traces = await pageTraces(page);
      assert.equal(traces.length, sums.size, "distinct stacks as pprofview traces lists them");
      for (const t of traces) assert.equal(Number(t.value), sums.get(t.key), `goroutines of ${t.key}`);
      await page.screenshot({ path: path.join(out, "views-pasted-dump.png") });
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });
});
