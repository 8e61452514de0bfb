//! The page's yew components, one per file.
//!
//! Consumes the app's state (and, through `web`, the engine's replies); produces the DOM that
//! users see and that CONTRACT §3 names (`data-testid`s). Components hold no profile logic:
//! anything computed from a profile comes from the core through the engine. Compiled only
//! with the `web` feature.

mod app;
mod empty_state;
mod engine_status;
mod header;

pub use app::App;
pub use empty_state::EmptyState;
pub use engine_status::{EngineStatus, EngineStatusBar, EngineStatusProps};
pub use header::Header;
