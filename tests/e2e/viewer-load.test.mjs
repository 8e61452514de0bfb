// Every way into the viewer (issue 3): the file picker, a drop on the window, `#url=` links
// (relative, absolute, repeated to merge, from a sub-path), the example button; and every way
// out of it: a PNG, a truncated gzip, a URL that 404s, an unreachable or cross-origin host all
// show a message naming the file or URL and leave the page usable. Nothing is fetched from
// anywhere but the page's origin and the profile URLs named in the fragment.
//
// Needs dist/ (`make dist`) and target/release/pprofview (`make cli`); uses only the project's
// own fixtures. Screenshots (empty, loading, error, example) go to tests/e2e/out/.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CLI,
  cliError,
  cliTop,
  dist,
  dropFiles,
  expectSameAsCli,
  fixtures,
  foreignRequests,
  launch,
  openPage,
  out,
  pickFiles,
  repo,
  startServer,
  waitState,
  requireBuilt,
  showTop,
  CPU,
  CPU_B,
  HEAP,
} from "./lib.mjs";


// A loading that waits for the test: the first half of the bytes, then the rest on release().
let release = () => {};
function slowRoute(req, res) {
  const bytes = readFileSync(HEAP);
  const half = bytes.length >> 1;
  res.writeHead(200, { "content-type": "application/gzip", "content-length": bytes.length, "cache-control": "no-store" });
  res.write(bytes.subarray(0, half));
  new Promise((r) => (release = r)).then(() => res.end(bytes.subarray(half)));
}

let browser;
let server;
let tmp;

before(async () => {
  await requireBuilt({ cli: true });
  tmp = await mkdtemp(path.join(os.tmpdir(), "pprofview-e2e-bytes-"));
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  server = await startServer({
    root: dist,
    routes: {
      "/profiles/cpu.pb.gz": CPU,
      "/profiles/cpu_b.pb.gz": CPU_B,
      "/profiles/heap.pb.gz": HEAP,
      "/slow/heap.pb.gz": slowRoute,
    },
  });
});

after(async () => {
  release();
  await server?.close();
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A page at `fragment`, checked to make no request outside its origin but `allowed`. */
async function withPage(fragment, body, { allowed = [] } = {}) {
  const { page, seen } = await openPage(browser.context, server.url + fragment);
  try {
    await body(page, seen);
    assert.deepEqual(foreignRequests(seen, server.origin, allowed), [], "requests left the page's origin");
  } finally {
    await page.close();
  }
}

const fragmentParams = (page) => page.evaluate(() => [...new URLSearchParams(location.hash.slice(1))]);
const errorText = (page) => page.locator('[data-testid="error"]').innerText();

/** Waits for the error state and returns the message, which must name `url`. */
async function errorNaming(page, url) {
  await waitState(page, "error");
  const text = await errorText(page);
  assert.ok(text.includes(url), `error text ${JSON.stringify(text)} lacks ${JSON.stringify(url)}`);
  return text;
}

describe("loading profiles", () => {
  test("empty page, then the file picker", async () => {
    await withPage("", async (page, seen) => {
      await page.screenshot({ path: path.join(out, "empty.png") });
      await pickFiles(page, [CPU]);
      await waitState(page, "ready");
      await showTop(page);
      await expectSameAsCli(page, cliTop([CPU]), "picked go_cpu");
      const marks = await page.evaluate(() => ["pprofview:decoded", "pprofview:ready"].map((n) => performance.getEntriesByName(n).map((e) => e.startTime)));
      assert.ok(marks[0].length >= 1, "no pprofview:decoded mark");
      assert.ok(marks[1].length >= 1, "no pprofview:ready mark");
      assert.ok(marks[0][0] <= marks[1][0], `decoded (${marks[0][0]}) after ready (${marks[1][0]})`);
      assert.deepEqual(seen.errors, [], "errors in the page");
    });
  });

  test("drop on the window", async () => {
    await withPage("", async (page, seen) => {
      await dropFiles(page, [{ name: "dropped.pb.gz", bytes: readFileSync(CPU) }]);
      await waitState(page, "ready");
      await showTop(page);
      await expectSameAsCli(page, cliTop([CPU]), "dropped go_cpu");
      assert.match(await page.locator('[data-testid="legend"]').innerText(), /dropped\.pb\.gz/);
      assert.deepEqual(seen.errors, [], "errors in the page");
    });
  });

  test("paste of a file", async () => {
    await withPage("", async (page) => {
      await page.evaluate(async (b64) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], "pasted.pb.gz"));
        document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
      }, readFileSync(HEAP).toString("base64"));
      await waitState(page, "ready");
      await showTop(page);
      await expectSameAsCli(page, cliTop([HEAP]), "pasted go_heap");
    });
  });

  test("#url= relative, with a sub-path; progress while loading", async () => {
    await withPage("#v=1&url=slow/heap.pb.gz", async (page) => {
      await waitState(page, "loading");
      await page.locator('[data-testid="progress"]').waitFor();
      await page.screenshot({ path: path.join(out, "loading.png") });
      release();
      await waitState(page, "ready");
      assert.equal(await page.locator('[data-testid="progress"]').count(), 0, "progress still shown when ready");
      await showTop(page);
      await expectSameAsCli(page, cliTop([HEAP]), "#url=slow/heap.pb.gz");
      assert.deepEqual((await fragmentParams(page)).slice(0, 2), [["v", "2"], ["url", "slow/heap.pb.gz"]]);
    });
  });

  test("#url= absolute, repeated: merged", async () => {
    const a = `${server.origin}/profiles/cpu.pb.gz`;
    const b = `${server.origin}/profiles/cpu_b.pb.gz`;
    await withPage(`#v=1&url=${encodeURIComponent(a)}&url=${encodeURIComponent(b)}`, async (page, seen) => {
      await waitState(page, "ready");
      await showTop(page);
      await expectSameAsCli(page, cliTop([CPU, CPU_B]), "two url= merged");
      assert.deepEqual(seen.errors, [], "errors in the page");
    });
  });

  test("the example button", async () => {
    await withPage("", async (page, seen) => {
      await page.click('[data-testid="example"]');
      await waitState(page, "ready");
      // dist/example.pb.gz is the project's go_cpu fixture.
      await showTop(page);
      await expectSameAsCli(page, cliTop([CPU]), "example");
      assert.ok((await fragmentParams(page)).some(([k, v]) => k === "url" && v === "example.pb.gz"), `fragment: ${await page.evaluate(() => location.hash)}`);
      assert.equal(await page.locator('[data-testid="view-top"]').count(), 1, "no Top view tab");
      await page.screenshot({ path: path.join(out, "example.png") });
      assert.deepEqual(seen.errors, [], "errors in the page");
    });
  });

  test("from a sub-path: dist/ under /some/dir/ with #url=profiles/…", async () => {
    const sub = await startServer({ root: dist, prefix: "/some/dir/", routes: { "/some/dir/profiles/heap.pb.gz": HEAP } });
    const { page, seen } = await openPage(browser.context, `${sub.url}#v=1&url=profiles/heap.pb.gz`);
    try {
      await waitState(page, "ready");
      await showTop(page);
      await expectSameAsCli(page, cliTop([HEAP]), "sub-path #url=profiles/heap.pb.gz");
      assert.deepEqual(sub.log.filter((e) => !e.path.startsWith("/some/dir/")), [], "requests outside the sub-path");
      assert.deepEqual(sub.log.filter((e) => e.status !== 200 && e.status !== 304), [], "requests that failed");
      assert.deepEqual(foreignRequests(seen, sub.origin), [], "requests left the page's origin");
    } finally {
      await page.close();
      await sub.close();
    }
  });

  test("unknown link keys are kept and warned about, not fatal", async () => {
    await withPage("#v=1&url=profiles/cpu.pb.gz&zzz=1", async (page) => {
      await waitState(page, "ready");
      const warnings = page.locator('[data-testid="warnings"]');
      await warnings.waitFor();
      assert.match(await warnings.innerText(), /zzz/);
      assert.ok((await fragmentParams(page)).some(([k]) => k === "zzz"), "the unknown key was dropped from the fragment");
    });
  });
});

describe("load errors leave the page usable", () => {
  // The same bytes the page gets, as files, so the CLI's message can be read for them.
  const bad = () => {
    const png = path.join(tmp, "shot.png");
    writeFileSync(png, readFileSync(path.join(repo, "docs", "screenshot.png")));
    const cut = path.join(tmp, "cut.pb.gz");
    writeFileSync(cut, readFileSync(CPU).subarray(0, 1000));
    return [png, cut];
  };

  test("a PNG and a truncated gzip (picked and dropped), then a good file", async () => {
    await withPage("", async (page) => {
      const [png, cut] = bad();
      for (const [i, file] of [png, cut].entries()) {
        const name = path.basename(file);
        const want = `${name}: ${cliError(file)}`;
        if (i === 0) await pickFiles(page, [file]);
        else await dropFiles(page, [{ name, bytes: readFileSync(file) }]);
        await errorNaming(page, want);
        if (i === 0) await page.screenshot({ path: path.join(out, "error.png") });
      }
      await pickFiles(page, [CPU]);
      await waitState(page, "ready");
      await showTop(page);
      await expectSameAsCli(page, cliTop([CPU]), "good file after errors");
      assert.equal(await page.locator('[data-testid="error"]').count(), 0, "the error is still shown");
    });
  });

  test("#url= that 404s names the URL", async () => {
    await withPage("#v=1&url=profiles/missing.pb.gz", async (page) => {
      await waitState(page, "error");
      const text = await errorText(page);
      assert.match(text, /profiles\/missing\.pb\.gz/, `error text: ${text}`);
      assert.match(text, /404|not found/i, `error text: ${text}`);
      await dropFiles(page, [{ name: "ok.pb.gz", bytes: readFileSync(CPU) }]);
      await waitState(page, "ready");
    });
  });

  test("#url= on another origin without CORS names the URL and Access-Control-Allow-Origin", async () => {
    // Same files, another port: another origin, and no Access-Control-Allow-Origin header.
    const other = await startServer({ root: fixtures });
    const url = `${other.origin}/go_cpu.pb.gz`;
    try {
      await withPage(
        `#v=1&url=${encodeURIComponent(url)}`,
        async (page) => {
          const text = await errorNaming(page, url);
          assert.match(text, /Access-Control-Allow-Origin/, `error text: ${text}`);
        },
        { allowed: [url] },
      );
    } finally {
      await other.close();
    }
  });

  test("#url= on an unreachable host names the URL", async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise((resolve) => {
      const s = http.createServer().listen(0, "127.0.0.1", () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    const url = `http://127.0.0.1:${port}/gone.pb.gz`;
    await withPage(
      `#v=1&url=${encodeURIComponent(url)}`,
      async (page) => {
        await errorNaming(page, url);
        await pickFiles(page, [HEAP]);
        await waitState(page, "ready");
      },
      { allowed: [url] },
    );
  });
});
