//! The page-level state that automation and users' scripts read from the DOM.
//!
//! Consumes a [`LoadState`]; produces the `data-state` attribute of `<body>` (CONTRACT §3:
//! `empty|loading|ready|error`, kept current at all times). It must not read state back from
//! the DOM: the app's own state is the source of truth and this only mirrors it.

use gloo::utils::body;

/// What the page holds, as reported by `<body data-state>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadState {
    /// No profile loaded.
    Empty,
    /// A profile is being read or decoded.
    Loading,
    /// A profile is shown.
    Ready,
    /// The last load failed; the `error` element says why.
    Error,
}

impl LoadState {
    /// The attribute value, exactly as CONTRACT §3 spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            LoadState::Empty => "empty",
            LoadState::Loading => "loading",
            LoadState::Ready => "ready",
            LoadState::Error => "error",
        }
    }
}

/// Sets `<body data-state="…">` to `state`.
pub fn set_body_state(state: LoadState) {
    if let Err(err) = body().set_attribute("data-state", state.as_str()) {
        gloo::console::error!("pprofview: cannot set body data-state", err);
    }
}
