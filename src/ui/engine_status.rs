//! The status bar: whether the engine worker started and what it reported.
//!
//! Consumes an [`EngineStatus`]; produces a footer line, `data-testid="engine-status"`, whose
//! `data-engine` attribute is `starting`, `ready` or `failed` (e2e waits on it). It shows the
//! worker's words; it must not invent a status of its own.

use yew::prelude::*;

/// What is known about the engine worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineStatus {
    /// Spawned, no reply yet.
    Starting,
    /// Replied and its core self-test passed.
    Ready {
        /// The core's version.
        version: String,
        /// The self-test's summary.
        detail: String,
    },
    /// The worker could not start or died before replying.
    Unavailable(String),
    /// Replied, but its core self-test failed.
    Failed {
        /// The core's version.
        version: String,
        /// What went wrong.
        error: String,
    },
}

impl EngineStatus {
    /// The status after the worker answered `Hello`.
    pub fn from_hello(version: String, self_test: Result<String, String>) -> Self {
        match self_test {
            Ok(detail) => EngineStatus::Ready { version, detail },
            Err(error) => EngineStatus::Failed { version, error },
        }
    }
}

/// Properties of [`EngineStatusBar`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct EngineStatusProps {
    /// What to show.
    pub status: EngineStatus,
}

/// The status bar at the bottom of the page.
#[component]
pub fn EngineStatusBar(props: &EngineStatusProps) -> Html {
    let (state, text) = match &props.status {
        EngineStatus::Starting => ("starting", "engine: starting…".to_string()),
        EngineStatus::Ready { version, detail } => (
            "ready",
            format!("engine: pprofview {version} in a worker · self-test ok ({detail})"),
        ),
        EngineStatus::Unavailable(error) => ("failed", format!("engine: could not start: {error}")),
        EngineStatus::Failed { version, error } => (
            "failed",
            format!("engine: pprofview {version} in a worker · self-test FAILED: {error}"),
        ),
    };
    html! {
        <footer class="app-footer">
            <span class="engine-status" data-testid="engine-status" data-engine={state}>
                { text }
            </span>
        </footer>
    }
}
