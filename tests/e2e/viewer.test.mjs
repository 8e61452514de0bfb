// The web app's top table against the CLI (issue 3, acceptance 1): for real profiles of every
// kind, every row of the page's top table (flat, flat%, sum%, cum, cum%, name) and the legend's
// "Showing nodes accounting for" line equal `pprofview top -nodefraction=0 FILE`, for the
// default sample type and after switching it in the page (`-sample_index=NAME`). Also: several
// files picked at once are merged as `pprofview top A B` merges them.
//
// Needs dist/ (`make dist`) and target/release/pprofview (`make cli`); the profiles from
// ../shared/testdata/pprof are skipped, with a message, when that directory is absent.
// Screenshots go to tests/e2e/out/.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CLI,
  SHARED_MISSING,
  cliTop,
  expectSameAsCli,
  dist,
  fixtures,
  foreignRequests,
  launch,
  legendLines,
  openPage,
  out,
  pickFiles,
  readTable,
  sharedTestdata,
  startServer,
  waitForTable,
  waitState,
  requireBuilt,
  showTop,
} from "./lib.mjs";

const shared = sharedTestdata();

// One of each kind pprof users open. `si`: a sample type to switch to afterwards.
const CASES = [
  { file: "go119_generated/go_cpu_labels_a.pb.gz", si: "samples", kind: "CPU with labels", shot: "ready-cpu" },
  { file: "go119_generated/go_heap.pb.gz", si: "alloc_space", kind: "heap", siShot: "heap-alloc_space" },
  { file: "go119_generated/go_allocs.pb.gz", si: "inuse_objects", kind: "allocs (default_sample_type)" },
  { file: "go119_generated/go_goroutine.pb.gz", kind: "goroutine" },
  { file: "go119_generated/go_mutex.pb.gz", si: "contentions", kind: "mutex" },
  { file: "go119_generated/go_block.pb.gz", si: "contentions", kind: "block" },
  { file: "go119_generated/go_threadcreate.pb.gz", kind: "threadcreate (empty stacks)" },
  { file: "legacy_converted/profile__gobench.heap.pb.gz", si: "alloc_space", kind: "legacy heap, converted" },
  { file: "legacy_converted/profile__java.contention.pb.gz", kind: "legacy Java contention (µs)" },
  { file: "upstream/report__sample.cpu.pb.gz", si: "samples", kind: "upstream sample.cpu" },
  { file: "upstream/proftest__large.cpu.pb.gz", si: "samples", kind: "upstream large.cpu (23k rows)", shot: "ready-large" },
];

let browser;
let server;

before(async () => {
  await requireBuilt({ cli: true });
  browser = await launch();
  server = await startServer({ root: dist });
});

after(async () => {
  await server?.close();
  await browser?.close();
});

const typeOf = (expected) => expected.header.find((l) => l.startsWith("Type: "))?.slice(6);

describe("top table equals pprofview top -nodefraction=0", () => {
  for (const c of CASES) {
    test(`${c.kind}: ${c.file}`, { skip: shared ? false : SHARED_MISSING }, async (t) => {
      const file = path.join(shared, c.file);
      const { page, seen } = await openPage(browser.context, server.url);
      try {
        const start = Date.now();
        await pickFiles(page, [file]);
        await waitState(page, "ready");
        await showTop(page);
        const expected = cliTop([file]);
        const table = await expectSameAsCli(page, expected, c.file);
        t.diagnostic(`${table.total} rows, loaded and read in ${Date.now() - start} ms`);
        assert.ok((await legendLines(page)).join("\n").includes(path.basename(file)), "the legend names the file");

        const select = page.locator('select[data-testid="sample-type"]');
        assert.equal(await select.inputValue(), typeOf(expected), "the sample type <select> shows the default type");
        if (c.shot) await page.screenshot({ path: path.join(out, `${c.shot}.png`) });
        if (c.si) {
          const values = await select.locator("option").evaluateAll((os) => os.map((o) => o.value));
          assert.ok(values.includes(c.si), `sample types ${JSON.stringify(values)} lack ${c.si}`);
          await select.selectOption(c.si);
          const switched = cliTop([file], [`-sample_index=${c.si}`]);
          await waitForTable(page, switched.showing, switched.rows.length);
          await expectSameAsCli(page, switched, `${c.file} -sample_index=${c.si}`);
          if (c.siShot) await page.screenshot({ path: path.join(out, `${c.siShot}.png`) });
        }
        assert.deepEqual(foreignRequests(seen, server.origin), [], "requests left the page's origin");
        assert.deepEqual(seen.errors, [], "errors in the page");
      } finally {
        await page.close();
      }
    });
  }

  test("two files picked together are merged like pprofview top A B", async () => {
    const files = [path.join(fixtures, "go_cpu.pb.gz"), path.join(fixtures, "go_cpu_b.pb.gz")];
    const { page, seen } = await openPage(browser.context, server.url);
    try {
      await pickFiles(page, files);
      await waitState(page, "ready");
      await showTop(page);
      await expectSameAsCli(page, cliTop(files), "go_cpu + go_cpu_b");
      const legend = (await legendLines(page)).join("\n");
      for (const f of files) assert.ok(legend.includes(path.basename(f)), `the legend names ${path.basename(f)}`);
      assert.deepEqual(seen.errors, [], "errors in the page");
    } finally {
      await page.close();
    }
  });
});
