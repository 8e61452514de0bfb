//! The flame graph's zoom: the link's call path, and the part of the tree the engine loads.
//!
//! Consumes zoom actions (a click, a link, Back/Forward) and the flame view's report that
//! a stand-in is on the zoom path; produces the zoom path and
//! [`AppState::flame_under`], the call path the flame graph is loaded below. A profile with
//! more call paths than the engine sends has its lightest frames summed into stand-ins;
//! zooming into one loads the tree below its parent, and the load is dropped once the zoom
//! leaves it, so the whole graph comes back.

use super::AppState;
use crate::query::ELIDED_NAME;

/// The user zoomed to `path`. A path ending in a stand-in zooms to the stand-in's parent
/// and loads the tree below it (the frames the stand-in summed then have their own boxes).
pub(super) fn zoom(state: &mut AppState, mut path: Vec<String>) {
    if path.last().is_some_and(|name| name == ELIDED_NAME) {
        path.pop();
        state.flame_under = path.clone();
    }
    state.link.p = path;
    keep_load_on_path(state);
}

/// The flame view found a stand-in below the zoom path `path` (or the path going on inside
/// one): load below it.
pub(super) fn load_below(state: &mut AppState, path: Vec<String>) {
    if path == state.link.p && !path.is_empty() {
        state.flame_under = path;
    }
}

/// Drops the load below a call path once the zoom path leaves it (a zoom out, a new
/// link, Back).
pub(super) fn keep_load_on_path(state: &mut AppState) {
    if !state.link.p.starts_with(&state.flame_under) {
        state.flame_under.clear();
    }
}
