//! The engine's Web Worker binary (built by trunk as `worker.js` + `worker_bg.wasm`, started by
//! the app through `worker_loader.js`).
//!
//! Consumes messages from the app; produces replies. It only registers the library's
//! [`Engine`] worker; all behaviour lives there.

use gloo::worker::Registrable;
use pprofview::web::engine::Engine;

fn main() {
    Engine::registrar().register();
}
