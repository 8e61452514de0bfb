//! The samples a query keeps, summed per stack node where they end: the leaves the call
//! graph's walk starts from (see `walk.rs`), and the bit sets it marks stack nodes in.
//!
//! Consumes a prepared query; produces, in ascending stack-node order, each stack node
//! where weighing samples end (value or divisor non-zero, as pprof's graph counts them,
//! each stack ending where the filters leave it) with their Σ value, Σ mean divisor and
//! lowest sample index.

use super::super::prepared::Prepared;
use super::walk::{EdgeTable, NodeSums, Visit, Walker, NONE};

/// The kept samples summed per stack node where they end (see the module documentation).
pub(super) struct Leaves {
    list: Vec<Visit>,
}

impl Leaves {
    /// The leaves of `prepared`'s kept samples.
    pub fn new(prepared: &Prepared) -> Self {
        let profile = prepared.profile();
        let value = prepared.value();
        let mut list: Vec<Visit> = Vec::new();
        for (i, leaf) in prepared.samples() {
            let Some(leaf) = leaf else { continue };
            let (w, dw) = value.weigh(&profile.samples, i);
            if w == 0 && dw == 0 {
                continue;
            }
            list.push(Visit {
                s: leaf.0,
                w,
                dw,
                first: u32::try_from(i).unwrap_or(NONE),
            });
        }
        list.sort_unstable_by_key(|v| (v.s, v.first));
        list.dedup_by(|later, kept| {
            let same = later.s == kept.s;
            if same {
                kept.w = kept.w.wrapping_add(later.w);
                kept.dw = kept.dw.wrapping_add(later.dw);
            }
            same
        });
        Self { list }
    }

    /// Walks the leaves' paths with `walker` into `sums` (and `edges` when given).
    pub fn walk(&self, walker: &mut Walker, sums: &mut NodeSums, edges: Option<&mut EdgeTable>) {
        walker.walk(self.list.iter().copied(), sums, edges);
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
