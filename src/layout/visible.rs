//! What a viewport shows: boxes wide enough to see, and merged blocks for the rest.
//!
//! Consumes a call tree, its layout and a viewport; produces [`Item`]s in CSS pixels.
//! A node is drawn as a box when it is at least [`MIN_BOX_PX`] wide; consecutive
//! siblings narrower than that, under a parent that is drawn, become one merged block
//! holding their summed weight, so nothing vanishes silently. Nodes under a narrow node
//! are never shown (they are narrower still). Only rows inside the viewport are emitted,
//! and within a row only children of drawn boxes in the horizontal range are visited.

use super::{FlameLayout, Viewport};
use crate::query::CallTree;

/// Boxes narrower than this (CSS px) are merged with their narrow siblings.
pub const MIN_BOX_PX: f64 = 3.0;

/// What an item stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// One call-tree node.
    Node(u32),
    /// Siblings `first..=last` (consecutive in display order), each too narrow to see.
    Merged {
        /// First node of the run.
        first: u32,
        /// Last node of the run.
        last: u32,
    },
}

/// One thing to draw, in CSS pixels (not clipped to the viewport).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// Node or merged run.
    pub kind: ItemKind,
    /// Depth row.
    pub depth: usize,
    /// Left edge.
    pub x: f64,
    /// Width.
    pub w: f64,
    /// Top edge.
    pub y: f64,
}

/// Every item the viewport shows, row by row from the root down.
pub fn visible_items(tree: &CallTree, layout: &FlameLayout, vp: &Viewport) -> Vec<Item> {
    let mut out = Vec::new();
    if tree.is_empty() {
        return out;
    }
    let rows = vp.visible_depths(tree.depth_count());
    let min_unit = MIN_BOX_PX * vp.unit_per_px();
    // Drawn boxes of the previous depth that reach into the horizontal range.
    let mut parents: Vec<u32> = Vec::new();
    if layout.width[0] >= min_unit && overlaps(layout, 0, vp) {
        parents.push(0);
    }
    if rows.contains(&0) {
        out.extend(parents.iter().map(|&n| node_item(layout, vp, n, 0)));
    }
    let mut next: Vec<u32> = Vec::new();
    for depth in 1..rows.end {
        if parents.is_empty() {
            break;
        }
        next.clear();
        let emit = depth >= rows.start;
        for &p in &parents {
            let kids = tree.children(p);
            let (lo, hi) = (kids.start as usize, kids.end as usize);
            // First child whose right edge is past the left of the view.
            let mut i = lo + layout.x1_slice(lo, hi).partition_point(|&x1| x1 <= vp.x0);
            while i < hi && layout.x0[i] < vp.x1 {
                if layout.width[i] >= min_unit {
                    next.push(i as u32);
                    if emit {
                        out.push(node_item(layout, vp, i as u32, depth));
                    }
                    i += 1;
                } else {
                    let (first, last) = narrow_run(layout, lo, hi, i, min_unit);
                    if emit {
                        out.push(merged_item(layout, vp, first, last, depth));
                    }
                    i = last as usize + 1;
                }
            }
        }
        std::mem::swap(&mut parents, &mut next);
    }
    out
}

/// The item under pixel (`px`, `py`), if any: the same item [`visible_items`] emits there.
pub fn hit_test(
    tree: &CallTree,
    layout: &FlameLayout,
    vp: &Viewport,
    px: f64,
    py: f64,
) -> Option<Item> {
    if tree.is_empty() || px < 0.0 || px >= vp.width || py < 0.0 || py >= vp.height {
        return None;
    }
    let depth = vp.depth_at(py)?;
    if depth >= tree.depth_count() {
        return None;
    }
    let x = vp.to_unit(px);
    let min_unit = MIN_BOX_PX * vp.unit_per_px();
    let contains = |n: usize| layout.x0[n] <= x && x < layout.x0[n] + layout.width[n];
    if layout.width[0] < min_unit || !contains(0) {
        return None;
    }
    let mut at = 0u32;
    for d in 1..=depth {
        let kids = tree.children(at);
        let (lo, hi) = (kids.start as usize, kids.end as usize);
        let i = child_at(layout, lo, hi, x)?;
        if layout.width[i] < min_unit {
            if d != depth {
                return None;
            }
            let (first, last) = narrow_run(layout, lo, hi, i, min_unit);
            return Some(merged_item(layout, vp, first, last, d));
        }
        at = i as u32;
    }
    Some(node_item(layout, vp, at, depth))
}

impl FlameLayout {
    /// Right edges of nodes `lo..hi` (an iterator-free view for binary search).
    fn x1_slice(&self, lo: usize, hi: usize) -> X1Slice<'_> {
        X1Slice {
            layout: self,
            lo,
            hi,
        }
    }
}

/// Right edges of a sibling run, searchable by `partition_point`.
struct X1Slice<'a> {
    layout: &'a FlameLayout,
    lo: usize,
    hi: usize,
}

impl X1Slice<'_> {
    /// Index (relative to `lo`) of the first right edge for which `pred` is false;
    /// right edges are non-decreasing along siblings.
    fn partition_point(&self, pred: impl Fn(&f64) -> bool) -> usize {
        let (mut a, mut b) = (0usize, self.hi - self.lo);
        while a < b {
            let m = a + (b - a) / 2;
            let i = self.lo + m;
            if pred(&(self.layout.x0[i] + self.layout.width[i])) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        a
    }
}

/// The sibling among `lo..hi` under unit x `x`. Siblings tile their run: each reaches
/// from its left edge to the next one's (the last to its own right edge), so a point
/// never falls between two siblings through rounding (`x0 + width` of one may differ
/// from the next one's `x0` by an ulp).
fn child_at(layout: &FlameLayout, lo: usize, hi: usize, x: f64) -> Option<usize> {
    // One past the last sibling starting at or before `x` (left edges never decrease).
    let (mut a, mut b) = (lo, hi);
    while a < b {
        let m = a + (b - a) / 2;
        if layout.x0[m] <= x {
            a = m + 1;
        } else {
            b = m;
        }
    }
    let i = a.checked_sub(1).filter(|&i| i >= lo)?;
    let end = if i + 1 < hi {
        layout.x0[i + 1]
    } else {
        layout.x1(i as u32)
    };
    (x < end).then_some(i)
}

/// The maximal run of narrow siblings (within `lo..hi`) around narrow node `i`.
fn narrow_run(layout: &FlameLayout, lo: usize, hi: usize, i: usize, min_unit: f64) -> (u32, u32) {
    let (mut first, mut last) = (i, i);
    while first > lo && layout.width[first - 1] < min_unit {
        first -= 1;
    }
    while last + 1 < hi && layout.width[last + 1] < min_unit {
        last += 1;
    }
    (first as u32, last as u32)
}

fn overlaps(layout: &FlameLayout, n: usize, vp: &Viewport) -> bool {
    layout.x0[n] < vp.x1 && layout.x0[n] + layout.width[n] > vp.x0
}

fn node_item(layout: &FlameLayout, vp: &Viewport, n: u32, depth: usize) -> Item {
    let i = n as usize;
    Item {
        kind: ItemKind::Node(n),
        depth,
        x: vp.to_px(layout.x0[i]),
        w: layout.width[i] / vp.unit_per_px(),
        y: vp.row_top(depth),
    }
}

fn merged_item(layout: &FlameLayout, vp: &Viewport, first: u32, last: u32, depth: usize) -> Item {
    let x0 = layout.x0[first as usize];
    let x1 = layout.x1(last);
    Item {
        kind: ItemKind::Merged { first, last },
        depth,
        x: vp.to_px(x0),
        w: (x1 - x0) / vp.unit_per_px(),
        y: vp.row_top(depth),
    }
}
