// Links, sharing and hosting in headless Chromium: a view built in one browser (profile by
// #url=, a base, a filter, zoom, search, palette, table sort), opened from its copied link in
// a fresh browser, draws a pixel-identical flame graph and an identical top table; a link
// pinned with sha= warns when the file at its URL changed; a link made from a dropped file
// explains that the profile stayed with its author; the ticket summary and the top table's
// TSV come from the view's numbers; the flame graph's SVG export holds exactly the labels the
// canvas drew and its PNG export is an image; the downloaded profile gives the view's
// `pprofview top`; a link with the profile embedded opens with no request for a profile; the
// viewer works offline after one visit.
//
// Needs dist/ and target/release/pprofview. Screenshots (share-*.png) go to tests/e2e/out/.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { CLI, CPU, CPU_B, cliTop, dist, launch, openLink, openPage, out, readTable, requireBuilt, startServer, waitState } from "./lib.mjs";
import { CANVAS, canvasBox, rowY, waitPath } from "./flame_lib.mjs";

let server;
let served = CPU; // what /p/var.pb.gz serves (changed by the sha test)

before(async () => {
  await requireBuilt({ cli: true });
  server = await startServer({
    root: dist,
    routes: {
      "/p/cpu.pb.gz": CPU,
      "/p/cpu_b.pb.gz": CPU_B,
      "/p/var.pb.gz": (req, res) => {
        res.writeHead(200, { "content-type": "application/gzip" });
        res.end(readFileSync(served));
      },
    },
  });
});

after(async () => {
  await server?.close();
});

/** The flame canvas's pixels as a data URL. */
const canvasPixels = (page) => page.evaluate((sel) => document.querySelector(sel).toDataURL("image/png"), CANVAS);

/** Clicks Copy link and returns the link the page shows. */
async function copyLink(page) {
  await page.click('[data-testid="copy-link"]');
  const box = page.locator('[data-testid="share-text"]');
  await box.waitFor();
  return box.inputValue();
}

/** Waits for the flame graph to be drawn and two frames to pass. */
async function flameDrawn(page) {
  await page.locator(`${CANVAS}[data-drawn]`).waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe("sharing", () => {
  test("a copied link reopens the same view in a fresh browser: flame graph pixels and top table", async () => {
    const a = await launch({ viewport: { width: 1280, height: 900 } });
    const b = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, seen } = await openLink(a.context, server, "url=p/cpu_b.pb.gz&base=p/cpu.pb.gz");
      await flameDrawn(page);
      // A filter (the preset chip), a zoom (a click), a search and a palette, all by hand.
      await page.click("text=Hide Go runtime");
      await waitState(page, "ready");
      await flameDrawn(page);
      const box = await canvasBox(page);
      await page.mouse.click(box.x + 5, box.y + rowY(2));
      await page.waitForFunction(() => /[#&]p=/.test(location.hash));
      await page.fill('[data-testid="search"]', "main");
      await page.selectOption('[data-testid="flame-palette"]', "colour-blind");
      await page.mouse.move(0, 0);
      await flameDrawn(page);
      await page.waitForTimeout(300);
      const flameA = await canvasPixels(page);
      await page.screenshot({ path: path.join(out, "share-a.png") });
      // The table sorted by cum, then the link.
      await page.click('[data-testid="view-top"]');
      await waitState(page, "ready");
      await page.click('[data-col="cum"] >> nth=0');
      await page.waitForFunction(() => /[#&]sort=/.test(location.hash));
      const tableA = await readTable(page);
      const link = await copyLink(page);
      assert.match(link, /[#&]v=2&/);
      for (const key of ["url=", "base=", "h=", "p=", "q=main", "sort=", "palette=cb", "view=top", "sha="]) {
        assert.ok(link.includes(key), `the link lacks ${key}: ${link}`);
      }
      assert.deepEqual(seen.errors, []);

      const opened = await openPage(b.context, link);
      await waitState(opened.page, "ready");
      const tableB = await readTable(opened.page);
      assert.deepEqual(tableB, tableA, "the top table");
      await opened.page.click('[data-testid="view-flame"]');
      await flameDrawn(opened.page);
      await opened.page.waitForTimeout(300);
      const flameB = await canvasPixels(opened.page);
      await opened.page.screenshot({ path: path.join(out, "share-b.png") });
      assert.ok(flameA === flameB, "the flame graph is not pixel-identical (see share-a.png and share-b.png)");
      assert.deepEqual(opened.seen.errors, []);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test("sha= warns when the file at the link's URL changed since the link was made", async () => {
    const browser = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      served = CPU;
      const { page } = await openLink(browser.context, server, "url=p/var.pb.gz");
      const link = await copyLink(page);
      assert.match(link, /sha=[0-9a-f]{16}/);
      const same = await openPage(browser.context, link);
      await waitState(same.page, "ready");
      assert.equal(await same.page.locator('[data-testid="warnings"]').count(), 0, "no warning for the same file");
      served = CPU_B;
      const changed = await openPage(browser.context, link);
      await waitState(changed.page, "ready");
      const warning = await changed.page.locator('[data-testid="warnings"]').textContent();
      assert.match(warning, /not the one this link was made from: it changed since/);
      await changed.page.screenshot({ path: path.join(out, "share-sha-changed.png") });
    } finally {
      served = CPU;
      await browser.close();
    }
  });

  test("a link made from a dropped file says the profile stayed on its author's machine", async () => {
    const browser = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page } = await openPage(browser.context, server.url);
      await page.setInputFiles('[data-testid="file-input"]', [CPU]);
      await waitState(page, "ready");
      const link = await copyLink(page);
      assert.match(link, /file=go_cpu\.pb\.gz/);
      assert.doesNotMatch(link, /url=/);
      const other = await openPage(browser.context, link);
      const note = await other.page.locator('[data-testid="link-files"]').textContent();
      assert.match(note, /go_cpu\.pb\.gz, a file on its author's computer/);
      assert.deepEqual(other.seen.requests.filter((u) => u.includes("go_cpu")), [], "nothing is fetched for it");
      await other.page.screenshot({ path: path.join(out, "share-dropped-file.png") });
    } finally {
      await browser.close();
    }
  });

  test("the ticket summary and the TSV export carry the view's numbers", async () => {
    const browser = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, seen } = await openLink(browser.context, server, "url=p/cpu.pb.gz&h=runtime");
      await page.click('[data-testid="copy-summary"]');
      await page.locator('[data-testid="share-text"]').waitFor();
      const summary = await page.locator('[data-testid="share-text"]').inputValue();
      const cli = cliTop([CPU], ["-hide=runtime"]);
      assert.ok(summary.includes(cli.showing), `the summary lacks "${cli.showing}"`);
      const first = cli.rows[0];
      assert.ok(summary.includes(`| ${first.slice(0, 5).join(" | ")} | \`${first[5]}\` |`), `the summary lacks the first row:\n${summary}`);
      assert.match(summary, /\[Open this view in pprofview\]\(<http:\/\/127\.0\.0\.1:\d+\/#v=2&url=p\/cpu\.pb\.gz&h=runtime/);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-tsv"]')]);
      const tsv = readFileSync(await download.path(), "utf8").trim().split("\n").map((l) => l.split("\t"));
      assert.equal(download.suggestedFilename(), "cpu-top.tsv");
      assert.deepEqual(tsv[0], ["flat", "flat%", "sum%", "cum", "cum%", "name"]);
      assert.deepEqual(tsv.slice(1), cli.rows, "every row as pprofview top -nodefraction=0 prints it");
      assert.deepEqual(seen.errors, []);
    } finally {
      await browser.close();
    }
  });

  test("the viewer works offline after one visit", async () => {
    const browser = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, seen } = await openPage(browser.context, server.url);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await browser.context.setOffline(true);
      await page.reload();
      await waitState(page, "empty");
      await page.click('[data-testid="example"]');
      await waitState(page, "ready");
      await flameDrawn(page);
      assert.deepEqual(seen.errors, []);
    } finally {
      await browser.context.setOffline(false);
      await browser.close();
    }
  });

  test("exports: the SVG holds the canvas's labels, the PNG is an image, the profile gives the view's top", async () => {
    const browser = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      // Record what the flame canvas draws (the labels of its last frame).
      await browser.context.addInitScript(() => {
        const fill = CanvasRenderingContext2D.prototype.fillText;
        const reset = CanvasRenderingContext2D.prototype.setTransform;
        window.__drawn = new Map();
        CanvasRenderingContext2D.prototype.setTransform = function (...a) {
          if (this.canvas.isConnected) window.__drawn.set(this.canvas, []);
          return reset.apply(this, a);
        };
        CanvasRenderingContext2D.prototype.fillText = function (text, ...a) {
          window.__drawn.get(this.canvas)?.push(text);
          return fill.call(this, text, ...a);
        };
      });
      const { page, seen } = await openLink(browser.context, server, "url=p/cpu.pb.gz&h=runtime&orient=flame");
      await flameDrawn(page);
      await page.mouse.move(0, 0);
      await page.waitForTimeout(200);
      const drawn = await page.evaluate((sel) => window.__drawn.get(document.querySelector(sel)), CANVAS);
      assert.ok(drawn.length > 10, `the canvas drew ${drawn.length} labels`);
      const [svgFile] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-svg"]')]);
      const svg = readFileSync(await svgFile.path(), "utf8");
      assert.match(svgFile.suggestedFilename(), /^cpu-flame\.svg$/);
      const unescape = (t) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
      const legend = await page.locator('[data-testid="legend"] .legend-line').allTextContents();
      const labels = texts.filter((t) => !legend.includes(t));
      assert.deepEqual([...labels].sort(), [...drawn].sort(), "the SVG's labels are the canvas's");
      const [pngFile] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="export-png"]')]);
      const png = readFileSync(await pngFile.path());
      assert.equal(png.subarray(1, 4).toString(), "PNG", "a PNG file");
      assert.ok(png.readUInt32BE(16) > 500 && png.readUInt32BE(20) > 200, "the image has the graph's size");
      const [proto] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="download-profile"]')]);
      const top = execFileSync(CLI, ["top", "-nodefraction=0", await proto.path()], { encoding: "utf8" });
      const view = execFileSync(CLI, ["top", "-nodefraction=0", "-relative_percentages", "-hide=runtime", CPU], { encoding: "utf8" });
      const body = (t) => t.split("\n").filter((l) => !/^\s*(File:|Time:|Active filters:|hide=)/.test(l)).join("\n");
      assert.equal(body(top), body(view), "pprofview top of the downloaded profile");
      await page.screenshot({ path: path.join(out, "share-exports.png") });
      assert.deepEqual(seen.errors, []);
    } finally {
      await browser.close();
    }
  });

  test("a link with the profile embedded opens with no request for a profile", async () => {
    const browser = await launch({ viewport: { width: 1280, height: 900 } });
    try {
      const { page } = await openLink(browser.context, server, "url=p/cpu.pb.gz&f=main");
      await page.click('[data-testid="embed-link"]');
      await page.locator('[data-testid="embed-warning"]').waitFor();
      assert.match(await page.locator('[data-testid="embed-warning"]').textContent(), /Anyone who can read the ticket/);
      await page.click('[data-testid="embed-confirm"]');
      await page.waitForFunction(() => /[#&]embed=/.test(document.querySelector('[data-testid="share-text"]')?.value ?? ""));
      const link = await page.locator('[data-testid="share-text"]').inputValue();
      assert.doesNotMatch(link, /[#&]url=/);
      const { page: opened, seen } = await openPage(browser.context, link);
      await waitState(opened, "ready");
      const profiles = seen.requests.filter((u) => /\.pb(\.gz)?$|\/p\//.test(u));
      assert.deepEqual(profiles, [], "no profile was requested");
      assert.match(await opened.locator('[data-testid="legend"]').textContent(), /embedded profile/);
      const table = await (async () => {
        await opened.click('[data-testid="view-top"]');
        await waitState(opened, "ready");
        return readTable(opened);
      })();
      const cli = cliTop([CPU], ["-focus=main"]);
      assert.deepEqual(table.rows.map((r) => r.slice(0, 6)), cli.rows, "the embedded profile's view equals pprofview top -focus=main");
      assert.deepEqual(seen.errors, []);
    } finally {
      await browser.close();
    }
  });
});
