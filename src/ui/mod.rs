//! The page's yew components, one per file.
//!
//! Consumes the app's state (and, through `web`, the engine's replies); produces the DOM that
//! users see and that CONTRACT §3 names (`data-testid`s). Components hold no profile logic:
//! anything computed from a profile comes from the core through the engine. Compiled only
//! with the `web` feature.

mod app;
mod app_ctx;
mod app_data;
mod app_share;
mod app_views;
mod canvas_host;
mod compare_bar;
mod details_view;
mod diff_legend;
mod empty_state;
mod engine_status;
mod error_view;
mod filter_bar;
mod flame_canvas;
mod flame_input;
mod flame_keys;
mod flame_menu;
mod flame_tooltip;
mod flame_view;
mod graph_canvas;
mod graph_view;
mod labels_view;
mod legend;
mod peek_view;
mod progress;
mod sandwich_view;
mod share_bar;
mod source_drop;
mod source_files;
mod source_view;
mod toolbar;
mod top_table;
mod traces_view;
mod type_notice;

pub use app::App;
pub use compare_bar::{display_name, CompareBar, CompareBarProps};
pub use details_view::{DetailsPanel, DetailsPanelProps};
pub use empty_state::{EmptyState, EmptyStateProps};
pub use engine_status::{EngineStatus, EngineStatusBar, EngineStatusProps};
pub use error_view::{ErrorView, ErrorViewProps};
pub use filter_bar::{FilterBar, FilterBarProps};
pub use flame_canvas::{FlameCanvas, FlameCanvasProps};
pub use flame_menu::{FrameMenu, FrameMenuProps, MenuAt};
pub use flame_tooltip::{FlameTooltip, FlameTooltipProps, Hover};
pub use flame_view::{FlameView, FlameViewProps};
pub use graph_view::{GraphPanel, GraphPanelProps};
pub use labels_view::{LabelsPanel, LabelsPanelProps};
pub use legend::{Legend, LegendProps};
pub use peek_view::{PeekPanel, PeekPanelProps};
pub use progress::{LoadProgress, LoadProgressProps};
pub use sandwich_view::{SandwichView, SandwichViewProps};
pub use share_bar::{ShareBar, ShareBarProps};
pub use source_files::{SourceFiles, SourceFilesAction};
pub use source_view::{SourcePanel, SourcePanelProps};
pub use toolbar::{Toolbar, ToolbarProps};
pub use top_table::{TopTable, TopTableProps};
pub use traces_view::{TracesPanel, TracesPanelProps};
pub use type_notice::{EmptyTypeNotice, EmptyTypeNoticeProps};
