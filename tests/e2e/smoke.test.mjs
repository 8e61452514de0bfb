// Smoke test of the built site (dist/) in headless Chromium: the page starts, the engine worker
// answers, <body data-state> is set, nothing is fetched from anywhere but the page's own origin,
// and the same dist/ works from a sub-path; a broken deploy (the engine's files missing) is
// reported, not a page stuck loading. Screenshots go to tests/e2e/out/ (gitignored).
//
// Run with `node --test tests/e2e/` after `make dist` (`make test` does both).

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { dist, launch, openPage as open, out, startServer, version, requireBuilt } from "./lib.mjs";

let browser;

before(async () => {
  await requireBuilt({ cli: false });
  browser = await launch({ viewport: { width: 1000, height: 600 } });
});

after(async () => {
  await browser?.close();
});

/** Opens dist/ served under `prefix` and collects everything the page did. */
async function openPage(prefix, colorScheme = "light", routes = {}) {
  const server = await startServer({ root: dist, prefix, routes });
  const { page, seen } = await open(browser.context, server.url, { colorScheme, waitEngine: false });
  return { page, seen, server };
}

/** What every page load must satisfy, wherever it is served. */
async function checkStarted(page, seen, server) {
  // The yew root mounted and the engine worker replied (a round trip through postMessage).
  await page.waitForSelector('[data-testid="app"]', { timeout: 30_000 });
  const status = page.locator('[data-testid="engine-status"][data-engine="ready"]');
  await status.waitFor({ timeout: 30_000 });
  const text = await status.textContent();
  assert.match(text, new RegExp(`pprofview ${version.replaceAll(".", "\\.")} in a worker`));
  assert.match(text, /self-test ok \(top b 3\/4/);

  assert.equal(await page.getAttribute("body", "data-state"), "empty");
  assert.equal(await page.locator("header h1").textContent(), "pprofview");
  assert.match(await page.locator('[data-testid="empty-state"]').textContent(), /drop a pprof profile/i);

  // Only the page's own origin, every request answered, no script errors (CSP violations
  // show up as console errors too).
  const foreign = seen.requests.filter((u) => !u.startsWith(server.origin + "/"));
  assert.deepEqual(foreign, [], "requests left the page's origin");
  assert.deepEqual(seen.failed, [], "requests failed");
  assert.deepEqual(seen.errors, [], "errors or unexpected warnings in the page");
  const bad = server.log.filter((e) => e.status !== 200 && e.status !== 304);
  assert.deepEqual(bad, [], "the server answered some requests with an error");
  const served = server.log.map((e) => new URL(e.path, server.origin).pathname);
  for (const p of ["worker_loader.js", "worker.js", "worker_bg.wasm"]) {
    assert.ok(served.some((s) => s.endsWith("/" + p)), `the worker's ${p} was not requested`);
  }
}

describe("dist/ in headless Chromium", () => {
  test("starts at the server root, worker replies, nothing leaves the origin", async () => {
    const { page, seen, server } = await openPage("/");
    try {
      await checkStarted(page, seen, server);
      await page.screenshot({ path: path.join(out, "smoke.png") });
    } finally {
      await page.close();
      await server.close();
    }
  });

  test("works unchanged from a sub-path (/some/dir/)", async () => {
    const { page, seen, server } = await openPage("/some/dir/", "dark");
    try {
      await checkStarted(page, seen, server);
      const outside = server.log.filter((e) => !e.path.startsWith("/some/dir/"));
      assert.deepEqual(outside, [], "requests outside the sub-path");
      await page.screenshot({ path: path.join(out, "smoke-subpath-dark.png") });
    } finally {
      await page.close();
      await server.close();
    }
  });

  for (const missing of ["worker_bg.wasm", "worker_loader.js"]) {
    test(`a deploy without ${missing} says the engine could not start`, async () => {
      const gone = (req, res) => {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found\n");
      };
      const { page, server } = await openPage("/", "light", { [`/${missing}`]: gone });
      try {
        await page.locator('[data-testid="engine-status"][data-engine="failed"]').waitFor({ timeout: 30_000 });
        await page.waitForFunction(() => document.body.dataset.state === "error");
        assert.match(await page.locator('[data-testid="error"]').textContent(), /engine could not start/);
        await page.screenshot({ path: path.join(out, `smoke-no-${missing}.png`) });
      } finally {
        await page.close();
        await server.close();
      }
    });
  }
});
