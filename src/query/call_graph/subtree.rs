//! The samples a query keeps, summed per stack-tree subtree: what the call graph's walk
//! visits (see `walk.rs`).
//!
//! Consumes a prepared query; produces per stack node the Σ value, Σ mean divisor and
//! lowest sample index of the weighing samples (value or divisor non-zero, as pprof's graph
//! counts them) that end in its subtree, where each stack ends after the filters. The
//! stack tree is numbered in pre-order, so one pass from the last node to the first adds
//! each node into its parent.

use super::super::prepared::Prepared;
use super::walk::{EdgeTable, NodeSums, Visit, Walker, NONE};
use crate::model::StackId;

/// Per stack node sums of the kept samples (see the module documentation).
pub(super) struct Subtree {
    w: Vec<i64>,
    /// Empty unless the value is a mean.
    dw: Vec<i64>,
    first: Vec<u32>,
    /// Whether a weighing sample ends in the subtree, one bit per node.
    crossed: Vec<u64>,
}

impl Subtree {
    /// The sums of `prepared`'s kept samples.
    pub fn new(prepared: &Prepared) -> Self {
        let profile = prepared.profile();
        let value = prepared.value();
        let n = profile.stacks.len();
        let mut w = vec![0i64; n];
        let mut dw = if value.mean {
            vec![0i64; n]
        } else {
            Vec::new()
        };
        let mut first = vec![NONE; n];
        let mut crossed = vec![0u64; n.div_ceil(64)];
        for (i, leaf) in prepared.samples() {
            let Some(leaf) = leaf else { continue };
            let (sw, sdw) = value.weigh(&profile.samples, i);
            let s = leaf.index();
            if (sw == 0 && sdw == 0) || s >= n {
                continue;
            }
            w[s] = w[s].wrapping_add(sw);
            if let Some(d) = dw.get_mut(s) {
                *d = d.wrapping_add(sdw);
            }
            first[s] = first[s].min(u32::try_from(i).unwrap_or(NONE));
            set_bit(&mut crossed, s);
        }
        let parents = profile.stacks.parents_raw();
        for s in (0..n).rev() {
            let p = parents.get(s).copied().unwrap_or(NONE);
            if !bit(&crossed, s) || p == NONE {
                continue;
            }
            let p = p as usize;
            w[p] = w[p].wrapping_add(w[s]);
            if !dw.is_empty() {
                dw[p] = dw[p].wrapping_add(dw[s]);
            }
            first[p] = first[p].min(first[s]);
            set_bit(&mut crossed, p);
        }
        Self {
            w,
            dw,
            first,
            crossed,
        }
    }

    /// Walks every crossed stack node with `walker`, skipping subtrees no sample crosses.
    pub fn walk(
        &self,
        walker: &mut Walker,
        sums: &mut NodeSums,
        mut edges: Option<&mut EdgeTable>,
    ) {
        walker.restart();
        let tree = walker.tree();
        let n = tree.len().min(self.w.len());
        let mut s = 0usize;
        while s < n {
            if !bit(&self.crossed, s) {
                s = (tree.subtree_end(StackId::from_index(s)).index()).max(s + 1);
                continue;
            }
            let v = Visit {
                s: s as u32,
                w: self.w[s],
                dw: self.dw.get(s).copied().unwrap_or(0),
                first: self.first[s],
            };
            walker.visit(v, sums, edges.as_deref_mut());
            s += 1;
        }
    }
}

/// Whether bit `i` is set.
#[inline]
pub(super) fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|b| b >> (i % 64) & 1 != 0)
}

/// Sets bit `i`.
#[inline]
pub(super) fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(b) = bits.get_mut(i / 64) {
        *b |= 1 << (i % 64);
    }
}

/// Clears bit `i`.
#[inline]
pub(super) fn clear_bit(bits: &mut [u64], i: usize) {
    if let Some(b) = bits.get_mut(i / 64) {
        *b &= !(1 << (i % 64));
    }
}
