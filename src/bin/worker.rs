//! The engine's Web Worker binary (built by trunk as `worker.js` + `worker_bg.wasm`, started by
//! the app through `worker_loader.js`).
//!
//! Consumes messages from the app; produces replies. It only starts the library's worker
//! loop; all behaviour lives in `pprofview::web::worker` and the session.

fn main() {
    pprofview::web::worker::run();
}
