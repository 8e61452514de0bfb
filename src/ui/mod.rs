//! The page's yew components, one per file.
//!
//! Consumes the app's state (and, through `web`, the engine's replies); produces the DOM that
//! users see and that CONTRACT §3 names (`data-testid`s). Components hold no profile logic:
//! anything computed from a profile comes from the core through the engine. Compiled only
//! with the `web` feature.

mod app;
mod empty_state;
mod engine_status;
mod error_view;
mod legend;
mod progress;
mod toolbar;
mod top_table;

pub use app::App;
pub use empty_state::{EmptyState, EmptyStateProps};
pub use engine_status::{EngineStatus, EngineStatusBar, EngineStatusProps};
pub use error_view::{ErrorView, ErrorViewProps};
pub use legend::{Legend, LegendProps};
pub use progress::{LoadProgress, LoadProgressProps};
pub use toolbar::{Toolbar, ToolbarProps};
pub use top_table::{TopTable, TopTableProps};
