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
} catch (err) {
  console.error("pprofview failed to start:", err);
  document.body.dataset.state = "error";
  const p = document.createElement("p");
  p.className = "boot-error";
  p.dataset.testid = "error";
  p.textContent = `pprofview could not start in this browser: ${err}`;
  document.body.append(p);
}
