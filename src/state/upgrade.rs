//! Old link formats read as the current one: one upgrader per old version, applied in
//! order, so a link pasted into a ticket years ago opens the view its author saw.
//!
//! Consumes a parsed link and the version it declared (`v`; links without one are version
//! 1); produces the same view in the current format's terms.

use super::url::{UrlState, View};

/// Brings `state`, parsed from a link of `version`, to the current format.
pub fn upgrade(state: &mut UrlState, version: u32) {
    if version < 2 {
        v1_to_v2(state);
    }
}

/// Version 1 had one key, `p`, for the flame graph's zoom and for the callers view's
/// function (the last name of the path). Version 2 keeps the zoom in `p` and names the
/// function in `fn`.
fn v1_to_v2(state: &mut UrlState) {
    if matches!(state.view, View::Sandwich | View::Peek) && state.function.is_empty() {
        if let Some(last) = state.p.last() {
            state.function = last.clone();
        }
    }
}
