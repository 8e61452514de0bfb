// The page ⇄ engine worker protocol in headless Chromium (src/session/envelope.rs): the worker
// is started with the build's id in its URL and passes it on to its files; a worker that speaks
// another protocol version, or sees the page's messages as another version, makes the page say
// "the viewer was updated: reload the page"; a message the worker cannot read gets an answer.
//
// How an old worker is simulated: the test server serves the real worker_loader.js with a few
// lines in front that rewrite the version field of the header (bytes 4..8 of every message's
// `m`) on the way out of the worker, or on the way in. The real worker and the real page code
// do everything else: the header checks on both sides are the ones users run.
//
// Needs dist/.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { CPU, dist, engineReady, launch, openPage, requireBuilt, startServer, waitState } from "./lib.mjs";

const LOADER = readFileSync(path.join(dist, "worker_loader.js"), "utf8");
const OTHER_VERSION = 999;

/** Rewrites the header's version of every message the worker posts. */
const OUTGOING = `
const realPost = self.postMessage.bind(self);
self.postMessage = (message, transfer) => {
  if (message && message.m instanceof Uint8Array && message.m.length >= 8) {
    new DataView(message.m.buffer, message.m.byteOffset, 8).setUint32(4, ${OTHER_VERSION}, true);
  }
  return realPost(message, transfer);
};
`;

/** Rewrites the header's version of every message the worker receives (before it reads it). */
const INCOMING = `
self.addEventListener("message", (event) => {
  const m = event.data && event.data.m;
  if (m instanceof Uint8Array && m.length >= 8) new DataView(m.buffer, m.byteOffset, 8).setUint32(4, ${OTHER_VERSION}, true);
});
`;

/** Serves worker_loader.js with `shim` in front of it. */
const shimmed = (shim) => (req, res) => {
  res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
  res.end(`${shim}\n${LOADER}`);
};

let browser;
const servers = {};

before(async () => {
  await requireBuilt({ cli: false });
  browser = await launch({ viewport: { width: 1280, height: 900 } });
  servers.plain = await startServer({ root: dist, routes: { "/p/cpu.pb.gz": CPU } });
  servers.outgoing = await startServer({ root: dist, routes: { "/worker_loader.js": shimmed(OUTGOING), "/p/cpu.pb.gz": CPU } });
  servers.incoming = await startServer({ root: dist, routes: { "/worker_loader.js": shimmed(INCOMING), "/p/cpu.pb.gz": CPU } });
});

after(async () => {
  for (const s of Object.values(servers)) await s.close();
  await browser?.close();
});

/** The page's error text once <body data-state> is "error". */
async function errorText(page) {
  await waitState(page, "error", 30_000);
  return page.locator('[data-testid="error"]').textContent();
}

describe("page ⇄ worker protocol", () => {
  test("the worker is started with the build's id, and its files are fetched with it", async () => {
    const server = servers.plain;
    const { page, seen } = await openPage(browser.context, `${server.url}#v=1&url=p/cpu.pb.gz`);
    try {
      await waitState(page, "ready");
      const build = await page.locator('meta[name="pprofview-build"]').getAttribute("content");
      assert.match(build, /^[0-9a-f]{16}$/, "stamped by www/stamp_build.mjs");
      const paths = server.log.map((e) => e.path);
      for (const file of ["worker_loader.js", "worker.js", "worker_bg.wasm"]) {
        assert.ok(paths.includes(`/${file}?build=${build}`), `${file} was not fetched with ?build=${build}: ${paths.join(" ")}`);
        assert.ok(!paths.includes(`/${file}`), `${file} was also fetched without the build id`);
      }
      assert.deepEqual(seen.errors, []);
    } finally {
      await page.close();
    }
  });

  test("a worker that speaks another protocol version: the page says to reload", async () => {
    const { page } = await openPage(browser.context, `${servers.outgoing.url}#v=1&url=p/cpu.pb.gz`, { waitEngine: false });
    try {
      const text = await errorText(page);
      assert.match(text, /^the viewer was updated: reload the page/, text);
      assert.match(text, new RegExp(`protocol version ${OTHER_VERSION}`));
      assert.equal(await page.locator('[data-testid="engine-status"]').getAttribute("data-engine"), "failed");
      assert.equal(page.workers().length, 0, "the outdated worker was stopped");
    } finally {
      await page.close();
    }
  });

  test("a worker that reads the page's messages as another version refuses them: reload", async () => {
    const { page } = await openPage(browser.context, servers.incoming.url, { waitEngine: false });
    try {
      const text = await errorText(page);
      assert.match(text, /^the viewer was updated: reload the page/, text);
      // Loading a file now sends nothing (a new worker would be of the other build too).
      await page.setInputFiles('[data-testid="file-input"]', CPU);
      await page.waitForTimeout(200);
      assert.match(await errorText(page), /^the viewer was updated: reload the page/);
      assert.equal(page.workers().length, 0, "no new worker was started");
    } finally {
      await page.close();
    }
  });

  test("a message the worker cannot read gets an error reply, not silence", async () => {
    const { page, seen } = await openPage(browser.context, servers.plain.url);
    try {
      await engineReady(page);
      const replies = await page.evaluate(async () => {
        const build = document.querySelector('meta[name="pprofview-build"]').content;
        const worker = new Worker(`./worker_loader.js?build=${build}`);
        const inbox = [];
        let wake = () => {};
        worker.onmessage = (e) => {
          inbox.push(e.data);
          wake();
        };
        const next = async () => {
          const deadline = performance.now() + 20_000;
          while (inbox.length === 0) {
            if (performance.now() > deadline) throw new Error("no reply within 20 s");
            await new Promise((r) => {
              wake = r;
              setTimeout(r, 100);
            });
          }
          return inbox.shift();
        };
        const read = (data) => {
          const m = data.m;
          const view = new DataView(m.buffer, m.byteOffset, m.length);
          return {
            magic: new TextDecoder().decode(m.subarray(0, 4)),
            version: view.getUint32(4, true),
            seq: Number(view.getBigUint64(8, true)),
            text: new TextDecoder().decode(m.subarray(16)),
          };
        };
        const started = read(await next());
        const header = (seq) => {
          const h = new Uint8Array(16);
          h.set(new TextEncoder().encode("PPVW"));
          const v = new DataView(h.buffer);
          v.setUint32(4, started.version, true);
          v.setBigUint64(8, BigInt(seq), true);
          return h;
        };
        const out = { started };
        // This version's header, a body that is not a message.
        const body = new Uint8Array([...header(77), 0xff, 0xff, 0xff, 0xff]);
        worker.postMessage({ m: body, files: [] });
        out.badBody = read(await next());
        // No header at all.
        worker.postMessage({ m: new Uint8Array([1, 2, 3]), files: [] });
        out.noHeader = read(await next());
        // Not even a message object.
        worker.postMessage("hello");
        out.notAnObject = read(await next());
        worker.terminate();
        return out;
      });
      const { started, badBody, noHeader, notAnObject } = replies;
      assert.equal(started.magic, "PPVW");
      assert.ok(started.version >= 1, `protocol version ${started.version}`);
      assert.equal(started.seq, 0);
      for (const [name, reply, seq, words] of [
        ["an undecodable body", badBody, 77, /message 77 does not decode/],
        ["no header", noHeader, 0, /not one of pprofview's \(3 bytes, no protocol header\)/],
        ["not an object", notAnObject, 0, /no protocol header/],
      ]) {
        assert.equal(reply.magic, "PPVW", name);
        assert.equal(reply.version, started.version, `${name}: answered in the worker's version`);
        assert.equal(reply.seq, seq, `${name}: answered with the request's number`);
        assert.match(reply.text, words, `${name}: ${reply.text}`);
      }
      // The worker logs what it refused; nothing else went wrong.
      assert.deepEqual(seen.errors.filter((e) => !/pprofview engine:/.test(e)), []);
    } finally {
      await page.close();
    }
  });
});
