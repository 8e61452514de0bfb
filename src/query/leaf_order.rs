//! The samples in the order of the stack-tree node their stack ends at, for sums over the
//! stack tree in one backward pass.
//!
//! Consumes a [`Prepared`]; produces a [`LeafOrder`]: every sample with a stack, sorted by the
//! node where its stack ends after the filters (pre-order, so a subtree's samples are one
//! run), and the samples without one. Walking the stack tree backwards, a node's own samples
//! are then the next run of this list and its children's sums are already known, so subtree
//! sums take one sequential pass with no scattered writes. The order depends only on the
//! profile and the frame filters ([`FrameKey`]): it is kept while only the sample type or the
//! sample filters change.

use super::prepared::Prepared;
use super::reuse::FrameKey;

/// Samples by where their stacks end (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct LeafOrder {
    key: Option<FrameKey>,
    /// Sample indexes, by the stack-tree node their stack ends at.
    pub(crate) samples: Vec<u32>,
    /// That node, for each entry of `samples`.
    pub(crate) leaves: Vec<u32>,
    /// Samples without frames.
    pub(crate) rootless: Vec<u32>,
    /// Where each sample is in `samples` (`u32::MAX`: in `rootless`), so per-sample values
    /// can be put in this order in one sequential pass over the samples.
    pub(crate) position: Vec<u32>,
}

impl LeafOrder {
    /// Makes the order `prepared`'s samples need, unless it is the one already held.
    pub(crate) fn update(&mut self, prepared: &Prepared) {
        let key = FrameKey::of(prepared);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let profile = prepared.profile();
        let filtered = prepared.filtered();
        let n = profile.samples.len();
        let mut keyed: Vec<u64> = Vec::with_capacity(n);
        self.rootless.clear();
        for i in 0..n {
            match profile.samples.stack(i) {
                Some(s) => keyed.push((u64::from(filtered.leaf(s).0) << 32) | i as u64),
                None => self.rootless.push(i as u32),
            }
        }
        radix_sort_high(&mut keyed, profile.stacks.len());
        self.samples.clear();
        self.leaves.clear();
        self.samples.extend(keyed.iter().map(|&k| k as u32));
        self.leaves.extend(keyed.iter().map(|&k| (k >> 32) as u32));
        self.position.clear();
        self.position.resize(n, u32::MAX);
        for (j, &i) in self.samples.iter().enumerate() {
            self.position[i as usize] = j as u32;
        }
        self.key = Some(key);
    }
}

/// Sorts `keys` by their high 32 bits, which are below `bound` (a least-significant-digit
/// radix sort, 11 bits a pass, as many passes as `bound` needs).
fn radix_sort_high(keys: &mut Vec<u64>, bound: usize) {
    const BITS: u32 = 11;
    let bits = usize::BITS - bound.leading_zeros();
    let mut from = std::mem::take(keys);
    let mut to = vec![0u64; from.len()];
    let mut shift = 32;
    while shift < 32 + bits {
        let mut count = vec![0usize; (1 << BITS) + 1];
        let digit = |k: u64| ((k >> shift) & ((1 << BITS) - 1)) as usize;
        for &k in &from {
            count[digit(k) + 1] += 1;
        }
        for d in 0..1 << BITS {
            count[d + 1] += count[d];
        }
        for &k in &from {
            let slot = &mut count[digit(k)];
            to[*slot] = k;
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
        shift += BITS;
    }
    *keys = from;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_orders_by_the_high_half_and_keeps_ties_in_order() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut keys: Vec<u64> = (0..5000u64)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ((x % 3_000_000) << 32) | i
            })
            .collect();
        let mut want = keys.clone();
        want.sort_by_key(|k| k >> 32);
        radix_sort_high(&mut keys, 3_000_000);
        assert_eq!(keys, want);
    }
}
