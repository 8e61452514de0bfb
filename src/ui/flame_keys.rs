//! Keyboard control of a flame graph canvas.
//!
//! Consumes key presses on the focused canvas; moves the selection between boxes (arrows),
//! zooms to it (Enter), zooms out (Escape) and scrolls (Page Up / Page Down / Home / End).

use super::flame_canvas::ROW_PX;
use super::flame_input::{path_names, Inputs};
use crate::layout::Orientation;
use crate::query::CallTree;
use web_sys::KeyboardEvent;

/// The neighbour of `n` in its row (`step` = −1 left, +1 right).
fn sideways(tree: &CallTree, n: u32, step: i64) -> u32 {
    let d = tree.depth(n);
    let (lo, hi) = (tree.row_start[d] as i64, tree.row_start[d + 1] as i64);
    let m = (i64::from(n) + step).clamp(lo, hi - 1);
    m as u32
}

/// Handles `e`; returns whether it was a flame graph key.
pub(super) fn on_key(inputs: &Inputs, e: &KeyboardEvent) -> bool {
    let mut st = inputs.surface.borrow_mut();
    let tree = st.tree().clone();
    if tree.is_empty() {
        return false;
    }
    let flame = st.viewport_mut().orientation == Orientation::Flame;
    let current = st.selected_mut().unwrap_or(0);
    let rows = tree.depth_count();
    let first_child = |n: u32| tree.children(n).next().unwrap_or(n);
    let parent = |n: u32| match tree.parent[n as usize] {
        crate::query::NONE => n,
        p => p,
    };
    let page = st.viewport_mut().height;
    let next = match e.key().as_str() {
        "ArrowLeft" => Some(sideways(&tree, current, -1)),
        "ArrowRight" => Some(sideways(&tree, current, 1)),
        "ArrowUp" if flame => Some(first_child(current)),
        "ArrowUp" => Some(parent(current)),
        "ArrowDown" if flame => Some(parent(current)),
        "ArrowDown" => Some(first_child(current)),
        "Enter" => {
            let path = path_names(&tree, current);
            st.zoom_to(current);
            drop(st);
            if path != inputs.props.path {
                inputs.props.on_zoom.emit(path);
            }
            return true;
        }
        "Escape" => {
            st.zoom_to(0);
            drop(st);
            if !inputs.props.path.is_empty() {
                inputs.props.on_zoom.emit(Vec::new());
            }
            return true;
        }
        "PageDown" | "PageUp" | "Home" | "End" => {
            let vp = st.viewport_mut();
            let target = match e.key().as_str() {
                "PageDown" => vp.scroll + page,
                "PageUp" => vp.scroll - page,
                "Home" => 0.0,
                _ => f64::MAX / 4.0,
            };
            vp.scroll_to(target, rows);
            return true;
        }
        _ => None,
    };
    let Some(n) = next else { return false };
    *st.selected_mut() = Some(n);
    // Keep the selection on screen: centre it when it is outside, and scroll to its row.
    let (x0, x1) = (st.layout().x0[n as usize], st.layout().x1(n));
    let vp = st.viewport_mut();
    if x1 <= vp.x0 || x0 >= vp.x1 {
        let span = vp.x1 - vp.x0;
        let mid = (x0 + x1) / 2.0;
        vp.show_range(mid - span / 2.0, mid + span / 2.0);
    }
    let top = tree.depth(n) as f64 * ROW_PX;
    if top < vp.scroll || top + ROW_PX > vp.scroll + vp.height {
        vp.scroll_to(top - vp.height / 2.0, rows);
    }
    true
}
