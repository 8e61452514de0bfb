//! Unit-x positions of every call-tree node.
//!
//! Consumes a [`CallTree`] in display order; produces each node's left edge and width as
//! fractions of the root's weight. Children start at their parent's left edge and follow
//! each other in display order; the parent's self weight is the gap on the right.

use crate::query::CallTree;

/// Positions of a call tree's nodes in unit x (root = `0.0..1.0`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlameLayout {
    /// Left edge of each node.
    pub x0: Vec<f64>,
    /// Width of each node (its weight over the root's).
    pub width: Vec<f64>,
}

impl FlameLayout {
    /// Lays out `tree`. A tree whose root weighs nothing gets zero widths everywhere.
    pub fn new(tree: &CallTree) -> Self {
        let n = tree.len();
        let mut x0 = vec![0.0f64; n];
        let root = tree.weight.first().copied().unwrap_or(0);
        // Dividing (not multiplying by 1/root) rounds once: the root is exactly 0..1 and
        // every width is the correctly rounded weight / root.
        let unit = |w: i64| {
            if root == 0 {
                0.0
            } else {
                w as f64 / root as f64
            }
        };
        let width: Vec<f64> = tree.weight.iter().map(|&w| unit(w)).collect();
        for node in 0..n {
            // Parents come first, so x0[node] is final here.
            // Offsets are summed as integers, so long sibling runs do not drift.
            let mut before = 0i64;
            for c in tree.children(node as u32) {
                let c = c as usize;
                x0[c] = x0[node] + unit(before);
                before = before.wrapping_add(tree.weight[c]);
            }
        }
        Self { x0, width }
    }

    /// Right edge of `node`.
    pub fn x1(&self, node: u32) -> f64 {
        let i = node as usize;
        self.x0[i] + self.width[i]
    }
}
