//! A radix heap: the priority queue of the best-first expansion (`heaviest.rs`).
//!
//! Entries come out by increasing key, ties by increasing rank, and every key pushed is at
//! least the last one taken out — which a best-first walk down a tree whose children never
//! weigh more than their parent guarantees (the key is the weight, inverted). Each entry sits
//! in the bucket of the highest bit in which its key differs from the last key taken; taking
//! the next key only ever moves entries to lower buckets. Entries whose key equals the last
//! key taken wait in a small binary heap by rank. Everything else is plain vectors, appended
//! to and read in order: no sifting through cold memory, and 64-bit keys (cheap in wasm).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A monotone priority queue of `(key, rank, value)` (see the module documentation).
pub(super) struct RadixHeap {
    /// The last key taken out (or peeked at).
    last: u64,
    /// Entries with key `last`, by rank.
    equal: BinaryHeap<Reverse<(u64, u32)>>,
    /// `buckets[b - 1]`: entries whose key's highest bit differing from `last` is bit
    /// `b - 1`, as (key, rank, value).
    buckets: Vec<Vec<(u64, u64, u32)>>,
    len: usize,
}

impl RadixHeap {
    pub(super) fn new() -> Self {
        Self {
            last: 0,
            equal: BinaryHeap::new(),
            buckets: (0..64).map(|_| Vec::new()).collect(),
            len: 0,
        }
    }

    /// Whether nothing is queued.
    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The last key taken out (or peeked at): keys pushed must not be smaller.
    pub(super) fn floor(&self) -> u64 {
        self.last
    }

    #[inline]
    fn place(&mut self, key: u64, rank: u64, value: u32) {
        match 64 - (key ^ self.last).leading_zeros() {
            0 => self.equal.push(Reverse((rank, value))),
            b => self.buckets[b as usize - 1].push((key, rank, value)),
        }
    }

    /// Queues `value` under `key` and `rank`; `key` must be at least [`RadixHeap::floor`].
    pub(super) fn push(&mut self, key: u64, rank: u64, value: u32) {
        debug_assert!(key >= self.last, "radix heap keys must not decrease");
        self.place(key, rank, value);
        self.len += 1;
    }

    /// The first queued entry, left in place (the floor rises to its key).
    pub(super) fn peek(&mut self) -> Option<(u64, u64, u32)> {
        if self.equal.is_empty() {
            let from = self.buckets.iter().position(|b| !b.is_empty())?;
            let mut moving = std::mem::take(&mut self.buckets[from]);
            self.last = moving.iter().map(|e| e.0).min()?;
            for &(key, rank, value) in &moving {
                self.place(key, rank, value);
            }
            // Every entry moved to a lower bucket; keep the allocation.
            moving.clear();
            self.buckets[from] = moving;
        }
        let &Reverse((rank, value)) = self.equal.peek()?;
        Some((self.last, rank, value))
    }

    /// Takes the first queued entry out.
    pub(super) fn pop(&mut self) -> Option<(u64, u64, u32)> {
        let first = self.peek()?;
        self.equal.pop();
        self.len -= 1;
        Some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_order_while_pushes_stay_above_the_floor() {
        let mut h = RadixHeap::new();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut rnd = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        h.push(5, 0, 0);
        let mut last = (0u64, 0u64);
        let mut popped = 0;
        let mut next_rank = 1;
        while let Some((k, r, _)) = h.pop() {
            assert!((k, r) >= last, "{:?} after {last:?}", (k, r));
            last = (k, r);
            popped += 1;
            if popped < 5_000 {
                for i in 0..rnd() % 4 {
                    // Often the same key (a tie), sometimes far above.
                    let k2 = k + [0, 0, rnd() % 100, rnd() % (1 << 40)][(rnd() % 4) as usize];
                    next_rank += 1 + rnd() % 3;
                    h.push(k2, next_rank, i as u32);
                }
            }
        }
        assert!(h.is_empty());
        assert!(popped > 100);
    }
}
