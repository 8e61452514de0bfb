// Starts pprofview's app. Trunk's pattern_script (Trunk.toml) loads this file with the names of
// the hashed wasm-bindgen module and wasm binary in data attributes, so the page needs no inline
// script and its Content-Security-Policy can allow only the page's own files.
try {
  const tag = document.querySelector("script[data-app-js]");
  // Relative to the page, not to this file, so dist/ works under any sub-path.
  const js = new URL(tag.dataset.appJs, document.baseURI).href;
  const wasm = new URL(tag.dataset.appWasm, document.baseURI).href;
  const { default: init } = await import(js);
  await init({ module_or_path: wasm });
  // Offline after one visit: sw.js caches this build's files (never a profile). The build
  // is named by the app's hashed file name, so a new deploy installs a new worker.
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    const app = (tag.dataset.appJs.match(/-([0-9a-f]{8,})\.js$/) || [])[1] || "dev";
    const engine = document.querySelector('meta[name="pprofview-build"]')?.content || "dev";
    const build = `${app}-${engine}`;
    navigator.serviceWorker.register(`sw.js?build=${build}`).catch((e) => console.warn("pprofview: offline use is not available:", e.message));
  }
} catch (err) {
  console.error("pprofview failed to start:", err);
  document.body.dataset.state = "error";
  const p = document.createElement("p");
  p.className = "boot-error";
  p.dataset.testid = "error";
  p.textContent =
    location.protocol === "file:"
      ? "pprofview cannot start from a file:// address in this browser (it does not load modules and WebAssembly from files). Serve the folder instead, for example: python3 -m http.server -d dist 8080, then open http://127.0.0.1:8080/."
      : `pprofview could not start in this browser: ${err}`;
  document.body.append(p);
}
