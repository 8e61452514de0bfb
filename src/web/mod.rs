//! Browser glue: everything that touches the DOM, Web Workers or other browser APIs.
//!
//! Consumes the browser (through web-sys, gloo and wasm-bindgen) and the core's public API;
//! produces small Rust-shaped handles for `ui` components and the web binaries. It holds no
//! profile logic of its own (that stays in the core) and renders nothing (that is `ui`).
//! Compiled only with the `web` feature.

pub mod canvas;
pub mod engine;
pub mod messages;
pub mod page;
pub mod self_test;
pub mod sources;
pub mod worker;
