//! The viewer's state: what the page shows, changed only by [`Action`]s through one pure
//! [`reduce`], and the link format that carries it ([`url`]).
//!
//! Consumes actions (user input and the session's responses); produces the next
//! [`AppState`]. No browser, no I/O, no profile: the web app dispatches actions and renders
//! the state, and native tests check every transition. It depends only on the session's
//! protocol types.

mod app;
pub mod display;
pub mod embed;
mod escape;
mod loaded;
pub mod presets;
pub mod profile_url;
pub mod source_url;
mod upgrade;
pub mod url;
mod zoom;

pub use app::{reduce, Action, AppState, LoadPhase};
pub use presets::{Preset, PRESETS};
pub use url::{UrlState, View};
