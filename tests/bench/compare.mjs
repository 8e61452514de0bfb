// Comparison in the browser: time from navigation to the first painted view
// (`pprofview:ready`) for profile A alone, B alone, and A compared with base B
// (`#url=A&base=B`: both fetched and decoded in the worker, then the -base comparison).
// The Compare issue's target: the comparison costs at most the two loads plus 30 %.
//
//   node tests/bench/compare.mjs [--runs N] AFTER.pb.gz BASE.pb.gz
// (`make bench` passes the bench's two synthetic profiles.)

import path from "node:path";
import { dist, launch, startServer } from "../e2e/lib.mjs";

const args = process.argv.slice(2);
let runs = 3;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length !== 2) {
  console.error("usage: node tests/bench/compare.mjs [--runs N] AFTER.pb.gz BASE.pb.gz");
  process.exit(2);
}
const [after, base] = files;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Milliseconds from navigation to the pprofview:ready mark for `fragment`, fresh page. */
async function timeToReady(browser, server, fragment) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.url}#v=1&${fragment}`);
    const handle = await page.waitForFunction(
      () => {
        if (document.body.dataset.state === "error") return { error: document.querySelector('[data-testid="error"]')?.innerText ?? "error" };
        const m = performance.getEntriesByName("pprofview:ready")[0];
        return m ? { ms: m.startTime } : null;
      },
      null,
      { timeout: 300_000, polling: 50 },
    );
    const r = await handle.jsonValue();
    if (r.error) throw new Error(r.error);
    const memory = await page.evaluate(() => document.querySelector('[data-testid="engine-status"]')?.innerText ?? "");
    return { ms: r.ms, memory };
  } finally {
    await page.close();
  }
}

const browser = await launch({ viewport: { width: 1400, height: 900 } });
const server = await startServer({ root: dist, routes: { "/a.pb.gz": path.resolve(after), "/b.pb.gz": path.resolve(base) } });
try {
  const cases = [
    ["A alone", "url=a.pb.gz"],
    ["B alone", "url=b.pb.gz"],
    ["A with base B", "url=a.pb.gz&base=b.pb.gz"],
  ];
  const results = {};
  for (let i = 0; i < runs; i++) {
    for (const [name, fragment] of cases) {
      const { ms } = await timeToReady(browser, server, fragment);
      (results[name] ??= []).push(ms);
      console.log(`  run ${i + 1}: ${name.padEnd(14)} ${ms.toFixed(0)} ms`);
    }
  }
  const [a, b, c] = cases.map(([name]) => median(results[name]));
  console.log(`\n== comparison in Chromium: navigation → first flame graph, median of ${runs} fresh pages ==`);
  console.log(`  ${path.basename(after)} alone ${a.toFixed(0)} ms, ${path.basename(base)} alone ${b.toFixed(0)} ms`);
  const ratio = c / (a + b);
  console.log(`  ${path.basename(after)} with base ${path.basename(base)}: ${c.toFixed(0)} ms → ${ratio.toFixed(2)} × the two loads (${ratio <= 1.3 ? "target met" : "TARGET MISSED"}; target ≤ 1.30)`);
} finally {
  await browser.close();
  await server.close();
}
