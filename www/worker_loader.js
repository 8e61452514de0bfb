// Starts pprofview's engine worker (src/bin/worker.rs): loads the wasm-bindgen glue, then the
// worker's wasm. The page starts it with `new Worker("./worker_loader.js?build=ID")`; paths here
// are relative to this file, so dist/ works under any sub-path. (Trunk's generated shim passes a
// bare path to the init function, which current wasm-bindgen warns about on every load.)
//
// The page's query string (its build id: a hash of the worker's files, see www/stamp_build.mjs)
// goes on to both files, so that a browser never serves a cached worker.js or worker_bg.wasm of
// an older build to a newer page: it caches by the whole URL.
const build = self.location.search;
importScripts(`./worker.js${build}`);
// The instance's exports stay reachable as `self.pprofviewWasm`, so that a benchmark (or a
// curious user in the devtools) can read the engine's memory size:
// `pprofviewWasm.memory.buffer.byteLength` (wasm memory never shrinks: it is the peak).
wasm_bindgen({ module_or_path: `./worker_bg.wasm${build}` }).then((exports) => {
  self.pprofviewWasm = exports;
}).catch((err) => {
  // A rejected promise would not reach the page; an uncaught error fires the Worker's
  // `error` event there, and the page reports it.
  setTimeout(() => {
    throw new Error(`the engine's WebAssembly could not be loaded: ${err}`);
  });
});
