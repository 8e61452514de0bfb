//! The engine: a Web Worker that runs the core off the main thread, and its messages.
//!
//! Consumes [`EngineRequest`]s posted by the app; produces [`EngineReply`]s. Both sides use
//! this one definition: `src/bin/worker.rs` registers [`Engine`] inside the worker and the app
//! starts it with [`spawn`]. Today it only answers `Hello` (version and core self-test); the
//! viewer's `Session` protocol replaces these messages later. It must never touch the DOM (a
//! worker has none).

use gloo::worker::{HandlerId, Spawnable, Worker, WorkerBridge, WorkerScope};
use serde::{Deserialize, Serialize};

/// Where trunk puts the worker's loader shim, relative to the page (works under any sub-path).
pub const LOADER_PATH: &str = "./worker_loader.js";

/// A message from the app to the engine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EngineRequest {
    /// Asks the engine who it is and whether the core works here.
    Hello,
}

/// The engine's answer to [`EngineRequest::Hello`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineReply {
    /// The core's version (`CARGO_PKG_VERSION`).
    pub version: String,
    /// The core self-test's summary, or what went wrong.
    pub self_test: Result<String, String>,
}

/// The worker itself: stateless for now.
#[derive(Debug, Default)]
pub struct Engine;

impl Worker for Engine {
    type Message = ();
    type Input = EngineRequest;
    type Output = EngineReply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Engine
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        match msg {
            EngineRequest::Hello => scope.respond(
                id,
                EngineReply {
                    version: env!("CARGO_PKG_VERSION").to_string(),
                    self_test: super::self_test::run(),
                },
            ),
        }
    }
}

/// Starts the engine worker; `on_reply` runs on the main thread for each reply. Dropping the
/// returned bridge terminates the worker.
pub fn spawn(on_reply: impl Fn(EngineReply) + 'static) -> WorkerBridge<Engine> {
    Engine::spawner()
        .callback(on_reply)
        .spawn_with_loader(LOADER_PATH)
}
