// Starts pprofview's engine worker (src/bin/worker.rs): loads the wasm-bindgen glue, then the
// worker's wasm. The page starts it with `new Worker("./worker_loader.js")`; paths here are
// relative to this file, so dist/ works under any sub-path. (Trunk's generated shim passes a
// bare path to the init function, which current wasm-bindgen warns about on every load.)
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" }).catch((err) => {
  // A rejected promise would not reach the page; an uncaught error fires the Worker's
  // `error` event there, and the page reports it.
  setTimeout(() => {
    throw new Error(`the engine's WebAssembly could not be loaded: ${err}`);
  });
});
