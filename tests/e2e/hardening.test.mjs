// Hostile input in headless Chromium: a profile whose function names, file names and label
// keys and values are HTML and script, opened in every view (flame graph tooltip and frame
// menu, Top, Labels, Traces, Peek, Details, Callers); link values with HTML (#q=, #f=); link
// URLs of other schemes (javascript:, data:, file:, blob:); downloads that announce more than
// the limit, announce more than they send, or are not profiles. In each case: no dialog, no
// script error, no request other than the page's own files and the profile, and the hostile
// strings shown as text.
//
// Needs dist/ and target/release/pprofview (the malformed download is compared with its error).

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { cliError, cliTop, dist, engineReady, launch, readTable, requireBuilt, showTop, startServer, waitState } from "./lib.mjs";
import { CANVAS, canvasBox, hover, rowY } from "./flame_lib.mjs";
import { writeProfile } from "./pprof_writer.mjs";

const HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", '"><svg onload=alert(3)>', "javascript:alert(4)"];
const MIB = 1 << 20;

let browser;
let server;
let dir;
let garbage;
let hostile;
/** Open responses of the stalling routes, ended after each test. */
const hanging = [];

/** Serves `announced` as Content-Length, sends `send` bytes of zeros, then stalls. */
const stalling = (announced, send) => (req, res) => {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(announced) });
  hanging.push(res);
  if (send > 0) res.write(Buffer.alloc(send));
};

before(async () => {
  await requireBuilt({ cli: true });
  dir = await mkdtemp(path.join(os.tmpdir(), "pprofview-hardening-"));
  const [a, b, c, d] = HOSTILE;
  hostile = path.join(dir, "hostile.pb.gz");
  await writeFile(
    hostile,
    writeProfile({
      sampleTypes: [["samples", "count"]],
      samples: [
        { stack: [b, a, "main"], values: [30], labels: [[a, b], [c, d]] },
        { stack: [d, c, "main"], values: [20], labels: [[b, a], [d, c]] },
      ],
      fileOf: (name) => (name === "main" ? "main.go" : HOSTILE[(HOSTILE.indexOf(name) + 1) % 4]),
    }),
  );
  garbage = path.join(dir, "garbage.pb.gz");
  await writeFile(garbage, gzipSync(Buffer.from("<html><script>alert(5)</script> not a profile\n")));
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  server = await startServer({
    root: dist,
    routes: {
      "/p/hostile.pb.gz": hostile,
      "/p/garbage.pb.gz": garbage,
      "/p/huge.pb.gz": stalling(2 ** 31, 64 << 10),
      "/p/lying.pb.gz": stalling(900 * MIB, 4 * MIB),
    },
  });
});

after(async () => {
  for (const res of hanging) res.destroy();
  await server?.close();
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Paths the page may request: its own files, and `extra` (the profile). */
const allowedPaths = (extra) => new Set(["/", "/index.html", ...readdirSync(dist).map((f) => `/${f}`), ...extra]);

/**
 * Opens `fragment` with listeners on dialogs (dismissed and recorded), console errors, page
 * errors and requests, all registered before the page loads.
 */
async function open(fragment) {
  const page = await browser.context.newPage();
  const seen = { dialogs: [], errors: [], requests: [] };
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => seen.errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") seen.errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("request", (r) => seen.requests.push(r.url()));
  page.on("worker", (w) => w.on("console", (m) => m.type() === "error" && seen.errors.push(`worker: ${m.text()}`)));
  await page.goto(`${server.url}${fragment}`);
  await engineReady(page);
  return { page, seen };
}

/** No dialog, no error, only allowed requests, nothing injected into the DOM. */
async function assertClean(page, seen, { profiles = [], errors = [] } = {}) {
  assert.deepEqual(seen.dialogs, [], "no dialog");
  const unexpected = seen.errors.filter((e) => !errors.some((re) => re.test(e)) && !/willReadFrequently/.test(e));
  assert.deepEqual(unexpected, [], "no script or console error");
  const allowed = allowedPaths(profiles);
  for (const r of seen.requests) {
    const u = new URL(r);
    assert.equal(u.origin, server.origin, `a request to another origin: ${r}`);
    assert.ok(allowed.has(u.pathname), `a request for ${r}, which is neither the page's nor the profile`);
  }
  const injected = await page.evaluate(() => ({
    handlers: document.querySelectorAll("[onerror], [onload], [onclick]").length,
    inlineScripts: document.querySelectorAll("script:not([src])").length,
    images: [...document.querySelectorAll("img")].map((i) => i.getAttribute("src")),
    svgs: [...document.querySelectorAll("svg")].filter((s) => s.hasAttribute("onload")).length,
  }));
  assert.deepEqual(injected, { handlers: 0, inlineScripts: 0, images: [], svgs: 0 }, "nothing injected into the page");
}

/** The text of `selector` (waits for it). */
async function textOf(page, selector) {
  await page.locator(selector).first().waitFor();
  return page.locator(selector).first().textContent();
}

const assertAllShown = (text, where, strings = HOSTILE) => {
  for (const s of strings) assert.ok(text.includes(s), `${where} does not show ${JSON.stringify(s)} as text:\n${text.slice(0, 800)}`);
};

/**
 * Right-clicks the last frame at depth 2 (a hostile name) and picks `item` from its menu; returns
 * the frame's full name (the menu title's `title`).
 */
async function fromFrameMenu(page, item) {
  await page.click('[data-testid="view-flame"]');
  await page.locator(`${CANVAS}[data-drawn]`).waitFor();
  const box = await canvasBox(page);
  // The right-hand frame: `"><svg onload=alert(3)>`, which pprof names `"><svg onload=alert>`.
  await page.mouse.click(box.x + box.width - 5, box.y + rowY(2), { button: "right" });
  await page.locator('[data-testid="context-menu"] .menu-title').waitFor();
  const name = await page.locator('[data-testid="context-menu"] .menu-title').getAttribute("title");
  await page.click(`[data-testid="${item}"]`);
  return name;
}

describe("hostile input", () => {
  test("HTML and script in names, files and labels are text in every view", async () => {
    // Function names are shown as pprof simplifies them (template-like <…> and argument
    // lists dropped): the command line's names, which are still HTML-like, must be the text.
    const names = cliTop([hostile]).rows.map((r) => r[5]);
    assert.ok(names.some((n) => n.includes("<svg onload=")), `the names ${JSON.stringify(names)}`);
    const { page, seen } = await open("#v=1&url=p/hostile.pb.gz");
    try {
      await waitState(page, "ready");
      await page.locator(`${CANVAS}[data-drawn]`).waitFor();
      // Flame graph tooltips: every frame of depth 1 to 3, across the width.
      const { width } = await canvasBox(page);
      const tipNames = new Set();
      const tipFiles = new Set();
      for (const depth of [1, 2, 3]) {
        for (const x of [5, width * 0.3, width * 0.7, width - 5]) {
          const tip = await hover(page, x, rowY(depth));
          if (tip?.name) tipNames.add(tip.name);
          if (tip?.file) tipFiles.add(tip.file);
        }
      }
      await page.mouse.move(0, 0);
      // A name that simplifies to nothing is "<unknown>" in the table; the flame graph names
      // that frame by its file (here a hostile string as well).
      for (const n of tipNames) assert.ok(names.includes(n) || HOSTILE.includes(n), `a tooltip names ${JSON.stringify(n)}`);
      for (const n of names.filter((n) => n !== "<unknown>")) assert.ok(tipNames.has(n), `no tooltip shows ${JSON.stringify(n)} as text`);
      assertAllShown([...tipFiles].join("\n"), "the tooltips' file names");

      await showTop(page);
      const table = await readTable(page);
      assert.deepEqual(table.rows.map((r) => r[5]), names, "the top table's names");

      await page.click('[data-testid="view-tags"]');
      assertAllShown(await textOf(page, '[data-testid="labels-view"]:not(.empty)'), "the Labels view");

      await page.click('[data-testid="view-traces"]');
      await page.locator('[data-testid="trace"]').first().waitFor();
      const traces = await page.locator('[data-testid="traces-view"]').textContent();
      assertAllShown(traces, "the Traces view", [...HOSTILE, ...names]);
      for (const [k, v] of [[HOSTILE[0], HOSTILE[1]], [HOSTILE[3], HOSTILE[2]]]) {
        assert.ok(traces.includes(`${k}: ${v}`), `the Traces view lacks the label ${k}: ${v}`);
      }

      await page.click('[data-testid="view-details"]');
      await page.locator('[data-testid="details-view"]').waitFor();

      const peeked = await fromFrameMenu(page, "menu-peek");
      assert.equal(peeked, '"><svg onload=alert>', "the frame menu's name");
      await page.locator('[data-testid="peek-block"]').first().waitFor();
      assert.equal(await page.locator('[data-testid="peek-block"]').first().getAttribute("data-name"), peeked);
      assertAllShown(await page.locator('[data-testid="peek-view"]').textContent(), "the Peek view", [peeked, "main"]);

      const pivot = await fromFrameMenu(page, "menu-sandwich");
      assert.equal(await textOf(page, '[data-testid="sandwich-function"]'), pivot, "the Callers view's function");
      assertAllShown(await page.locator('[data-testid="sandwich-view"]').textContent(), "the Callers view", [pivot, "main"]);

      // The Source view: the function's name and its file (`javascript:alert(4)`) are text.
      const listed = await fromFrameMenu(page, "menu-source");
      await page.locator('[data-testid="source-file"]').first().waitFor();
      assert.equal(await page.locator('[data-testid="source-file"]').first().getAttribute("data-function"), listed);
      assertAllShown(await page.locator('[data-testid="source-view"]').textContent(), "the Source view", [listed, HOSTILE[3]]);

      await assertClean(page, seen, { profiles: ["/p/hostile.pb.gz"] });
    } finally {
      await page.close();
    }
  });

  test("HTML in the link's values (#q=, #f=) stays text", async () => {
    const q = "<img src=x onerror=alert(1)>";
    const f = "<script>alert(2)</script>";
    const { page, seen } = await open(`#v=1&url=p/hostile.pb.gz&view=top&q=${encodeURIComponent(q)}&f=${encodeURIComponent(f)}`);
    try {
      await page.waitForFunction(() => ["ready", "error"].includes(document.body.dataset.state), null, { timeout: 30_000 });
      assert.equal(await page.locator('[data-testid="search"]').inputValue(), q);
      assertAllShown(await textOf(page, '[data-testid="filter-bar"]'), "the filter bar", [f]);
      await assertClean(page, seen, { profiles: ["/p/hostile.pb.gz"] });
    } finally {
      await page.close();
    }
  });

  for (const [url, scheme] of [
    ["javascript:alert(1)", "javascript"],
    ["JavaScript:alert(document.domain)", "javascript"],
    ["data:application/octet-stream;base64,H4sIAAAAAAAA", "data"],
    ["file:///etc/passwd", "file"],
    ["blob:http://127.0.0.1/0b8e", "blob"],
  ]) {
    test(`#url=${url.slice(0, 24)}… is refused, naming ${scheme}:`, async () => {
      const { page, seen } = await open(`#v=1&url=${encodeURIComponent(url)}&base=${encodeURIComponent(url)}`);
      try {
        const text = await textOf(page, '[data-testid="warnings"]');
        assert.ok(text.toLowerCase().includes(`${scheme}:`), `the notice does not name ${scheme}: ${text}`);
        assert.equal(await page.evaluate(() => document.body.dataset.state), "empty");
        await assertClean(page, seen);
      } finally {
        await page.close();
      }
    });
  }
});

describe("downloads", () => {
  test("a Content-Length over the limit is refused before the body, and the tab keeps working", async () => {
    const { page, seen } = await open("#v=1&url=p/huge.pb.gz");
    try {
      await waitState(page, "error");
      assert.match(await page.locator('[data-testid="error"]').textContent(), /the file is 2048 MB; this viewer reads profiles up to 1024 MB/);
      assert.equal(await page.evaluate(() => 1 + 1), 2);
      await assertClean(page, seen, { profiles: ["/p/huge.pb.gz"] });
    } finally {
      await page.close();
    }
  });

  test("a Content-Length that lies costs only the bytes that arrive", async () => {
    const { page, seen } = await open("#v=1&url=p/lying.pb.gz");
    try {
      const engine = page.workers().find((w) => w.url().includes("worker_loader.js"));
      assert.ok(engine, `no engine worker among ${page.workers().map((w) => w.url())}`);
      // The 4 MiB sent of the 900 MiB announced have arrived once progress shows them, or
      // after a moment; the engine's memory must stay far below what was announced.
      await page.waitForTimeout(1_500);
      const bytes = await engine.evaluate(() => self.pprofviewWasm.memory.buffer.byteLength);
      assert.ok(bytes < 200 * MIB, `the engine holds ${bytes >> 20} MiB for a download of 4 MiB announced as 900 MiB`);
      assert.equal(await page.evaluate(() => document.body.dataset.state), "loading");
      hanging.splice(0).forEach((res) => res.destroy());
      await waitState(page, "error");
      assert.match(await page.locator('[data-testid="error"]').textContent(), /the download broke off/);
      await assertClean(page, seen, { profiles: ["/p/lying.pb.gz"], errors: [/ERR_CONTENT_LENGTH_MISMATCH|net::ERR_/] });
    } finally {
      await page.close();
    }
  });

  test("a downloaded file that is not a profile gets the command line's message", async () => {
    const { page, seen } = await open("#v=1&url=p/garbage.pb.gz");
    try {
      await waitState(page, "error");
      const text = await page.locator('[data-testid="error"]').textContent();
      const want = cliError(garbage);
      assert.ok(text.includes(want), `the page says ${JSON.stringify(text)}, the CLI ${JSON.stringify(want)}`);
      await assertClean(page, seen, { profiles: ["/p/garbage.pb.gz"] });
    } finally {
      await page.close();
    }
  });
});
