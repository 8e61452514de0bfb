// The Source view (pprof's -list) in headless Chromium, against `pprofview list`: a link's
// function shows the lines with values as the CLI prints them (with its inlined calls and a
// message saying how to supply the text); a chosen folder lays the listing over the text
// exactly as `pprofview list -source_path=DIR` prints it; a `src=` link fetches only the
// listed file, and a 404 names the URL; a folder without the file names the path it looked
// for; a file dropped onto the view gives the text; the flame graph's and the top table's
// menus open the view for the clicked function.
//
// Needs dist/ and the release CLI. Screenshots (source-*.png) go to tests/e2e/out/.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { CLI, CPU, dist, launch, openLink, out, repo, requireBuilt, startServer } from "./lib.mjs";
import { CANVAS, canvasBox, rowY } from "./flame_lib.mjs";

const SOURCES = path.join(repo, "tests", "fixtures", "sources", "recorded");
const MAIN_GO = path.join(SOURCES, "goprof", "main.go");
const ABSORB = "main.(*hasher).absorb";
const ABSORB_RE = "^main\\.\\(\\*hasher\\)\\.absorb$";
const LINK = `url=p/cpu.pb.gz&view=source&fn=${encodeURIComponent(ABSORB)}`;

let browser;
let server;
let dir;

before(async () => {
  await requireBuilt({ cli: true });
  dir = await mkdtemp(path.join(os.tmpdir(), "pprofview-source-"));
  await writeFile(path.join(dir, "other.go"), "package other\n");
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  server = await startServer({
    root: dist,
    routes: {
      "/p/cpu.pb.gz": CPU,
      "/src/goprof/main.go": (req, res) => {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        res.end(readFileSync(MAIN_GO));
      },
    },
  });
});

after(async () => {
  await server?.close();
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `pprofview list REGEX -source_path=DIR CPU`: per ROUTINE, its header, totals and lines. */
function cliList(regex, sourcePath) {
  const text = execFileSync(CLI, ["list", regex, `-source_path=${sourcePath}`, CPU], { encoding: "utf8" });
  const routines = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("ROUTINE")) routines.push({ routine: line, totals: null, lines: [] });
    else if (routines.length && routines.at(-1).totals === null) routines.at(-1).totals = line.trim();
    else {
      const m = /^\s*(\S+)\s+(\S+)\s+(\d+):(.*)$/.exec(line);
      if (m && routines.length) routines.at(-1).lines.push([m[1], m[2], m[3], m[4]]);
    }
  }
  return routines;
}

/** The page's routines: header, totals, and rows as [flat, cum, line, text]. */
const pageRoutines = (page) =>
  page.$$eval('[data-testid="source-file"]', (files) =>
    files.map((f) => ({
      routine: f.querySelector('[data-testid="source-routine"]').textContent,
      totals: f.querySelector('[data-testid="source-totals"]').textContent.trim(),
      hasText: f.querySelector("table").classList.contains("with-text"),
      lines: [...f.querySelectorAll('[data-testid="source-line"]')].map((r) =>
        ["flat", "cum", "line", "text"].map((c) => r.querySelector(`[data-col="${c}"]`).textContent),
      ),
      inlined: [...f.querySelectorAll('[data-testid="source-inline"]')].map((r) => r.textContent),
      missing: f.querySelector('[data-testid="source-missing"]')?.textContent ?? "",
    })),
  );

/** Waits until every listed file of the view has its text. */
async function waitText(page) {
  await page.waitForFunction(() => {
    const tables = [...document.querySelectorAll('[data-testid="source-file"] table')];
    return tables.length > 0 && tables.every((t) => t.classList.contains("with-text"));
  }, null, { timeout: 30_000, polling: 50 });
}

/** Waits until the first listed file says why it has no text, and returns the message. */
async function waitMissing(page, pattern) {
  const missing = page.locator('[data-testid="source-missing"]').first();
  await missing.filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
  return missing.textContent();
}

const noErrors = (seen) => seen.errors.filter((e) => !/willReadFrequently|404/.test(e));

describe("source view", () => {
  test("a link's function: the lines with values, then the chosen folder's text, as pprofview list prints them", async () => {
    const { page, seen } = await openLink(browser.context, server, LINK);
    try {
      await page.locator('[data-testid="source-line"]').first().waitFor();
      const want = cliList(ABSORB_RE, SOURCES);
      assert.equal(want.length, 1);
      const [got] = await pageRoutines(page);
      assert.equal(got.routine, want[0].routine);
      assert.equal(got.totals.replace(/\s+/g, " "), want[0].totals.replace(/\s+/g, " "));
      assert.equal(got.hasText, false);
      // Without text: only the lines with values, each as the CLI prints it.
      const valued = want[0].lines.filter(([flat, cum]) => flat !== "." || cum !== ".").map((l) => l.slice(0, 3));
      assert.ok(valued.length >= 2, "absorb has several hot lines");
      assert.deepEqual(got.lines.map((l) => l.slice(0, 3)), valued);
      assert.ok(got.inlined.some((t) => t.includes("main.mixBits")), got.inlined.join("\n"));
      assert.match(got.missing, /Choose the folder that contains goprof\/main\.go, or add src=… to the link/);
      // Hot lines carry a meter (not colour alone), the hottest one full.
      const meters = await page.$$eval('[data-testid="source-line"] meter.heat-cum', (ms) => ms.map((m) => Number(m.value)));
      assert.equal(meters.length, valued.length);
      assert.equal(Math.max(...meters), 1000);
      await page.screenshot({ path: path.join(out, "source-no-text.png") });

      // Choose the folder: the text appears, every line of pprof's window.
      await page.setInputFiles('[data-testid="source-folder"]', SOURCES);
      await waitText(page);
      const [withText] = await pageRoutines(page);
      assert.deepEqual(withText.lines, want[0].lines);
      assert.equal(withText.missing, "");
      const hash = new URL(page.url()).hash;
      assert.ok(!/recorded|sources|main\.go|noinline/.test(decodeURIComponent(hash)), `the link holds no source: ${hash}`);
      await page.screenshot({ path: path.join(out, "source-folder.png"), fullPage: false });
      assert.deepEqual(noErrors(seen), []);
    } finally {
      await page.close();
    }
  });

  test("src= fetches the listed file from the template; a 404 names the URL", async () => {
    const template = encodeURIComponent("src/{file}");
    const { page, seen } = await openLink(browser.context, server, `${LINK}&src=${template}`);
    try {
      await waitText(page);
      const [got] = await pageRoutines(page);
      assert.deepEqual(got.lines, cliList(ABSORB_RE, SOURCES)[0].lines);
      const fetched = server.log.filter((e) => e.path.startsWith("/src/") || e.path.startsWith("/missing/"));
      assert.deepEqual(fetched.map((e) => e.path), ["/src/goprof/main.go"]);
    } finally {
      await page.close();
    }
    const missing = encodeURIComponent("missing/{file}");
    const second = await openLink(browser.context, server, `${LINK}&src=${missing}`);
    try {
      const message = await waitMissing(second.page, /404/);
      assert.match(message, /missing\/goprof\/main\.go/);
      assert.match(message, /HTTP 404/);
      await second.page.screenshot({ path: path.join(out, "source-404.png") });
      assert.deepEqual(noErrors(second.seen), []);
      assert.deepEqual(noErrors(seen), []);
    } finally {
      await second.page.close();
    }
  });

  test("a folder without the file names the path it looked for", async () => {
    const { page } = await openLink(browser.context, server, LINK);
    try {
      await page.locator('[data-testid="source-line"]').first().waitFor();
      await page.setInputFiles('[data-testid="source-folder"]', dir);
      const message = await waitMissing(page, /not in the chosen folder/);
      assert.match(message, /goprof\/main\.go is not in the chosen folder/);
      assert.match(message, /Choose the folder that contains goprof\/main\.go/);
    } finally {
      await page.close();
    }
  });

  test("a source file dropped onto the view gives the text; the profile stays loaded", async () => {
    const { page, seen } = await openLink(browser.context, server, LINK);
    try {
      await page.locator('[data-testid="source-line"]').first().waitFor();
      const text = readFileSync(MAIN_GO, "utf8");
      const dt = await page.evaluateHandle((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "main.go", { type: "text/plain" }));
        return dt;
      }, text);
      for (const type of ["dragenter", "dragover", "drop"]) {
        await page.dispatchEvent('[data-testid="source-view"]', type, { dataTransfer: dt });
      }
      await dt.dispose();
      await waitText(page);
      const [got] = await pageRoutines(page);
      assert.deepEqual(got.lines, cliList(ABSORB_RE, SOURCES)[0].lines);
      assert.equal(await page.evaluate(() => document.body.dataset.state), "ready");
      assert.match(await page.locator('[data-testid="legend"]').textContent(), /p\/cpu\.pb\.gz/);
      assert.deepEqual(noErrors(seen), []);
    } finally {
      await page.close();
    }
  });

  test("the flame graph's menu opens the Source view of the clicked function", async () => {
    const { page, seen } = await openLink(browser.context, server, "url=p/cpu.pb.gz");
    try {
      await page.locator(`${CANVAS}[data-drawn]`).waitFor();
      const box = await canvasBox(page);
      await page.mouse.click(box.x + 5, box.y + rowY(1), { button: "right" });
      const name = await page.locator('[data-testid="context-menu"] .menu-title').getAttribute("title");
      await page.click('[data-testid="menu-source"]');
      await page.locator('[data-testid="source-view"]').waitFor();
      const params = new URLSearchParams(new URL(page.url()).hash.slice(1));
      assert.equal(params.get("view"), "source");
      assert.equal(params.get("fn"), name);
      await page.locator('[data-testid="source-file"], [data-testid="source-problem"]').first().waitFor();
      const functions = await page.$$eval('[data-testid="source-file"]', (fs) => fs.map((f) => f.dataset.function));
      assert.ok(functions.length > 0 && functions.every((f) => f === name), `${name}: ${functions}`);
      await page.screenshot({ path: path.join(out, "source-menu.png") });
      // The top table's row menu too.
      await page.click('[data-testid="view-top"]');
      const row = page.locator('[data-testid="top-row"]').first();
      const rowName = (await row.locator('[data-col="name"]').textContent()).trim();
      await row.click({ button: "right" });
      await page.click('[data-testid="menu-source"]');
      await page.locator(`[data-testid="source-file"][data-function="${rowName.replace(/"/g, '\\"')}"]`).first().waitFor();
      assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get("fn"), rowName);
      assert.deepEqual(noErrors(seen), []);
    } finally {
      await page.close();
    }
  });
});
