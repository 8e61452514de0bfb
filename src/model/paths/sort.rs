//! Sorting a [`PathTable`]'s paths: the order its tree is built in.
//!
//! A most-significant-digit radix sort over depths: at depth `d`, a range of paths that agree
//! on their first `d` frames is ordered by their next frames alone, gathered into a scratch
//! array of packed keys (whose loads are independent of one another), then each run of equal
//! frames is sorted further down. A path that ends sorts before its extensions. The sort also
//! says how many leading frames each path shares with the one before it: that is where the
//! ranges split.

use super::PathTable;

/// Ranges at most this long are sorted by comparing whole path tails.
const SMALL_RANGE: usize = 24;

/// How the radix sort packs frames into one `u128` sort key: `per` frames of `bits` bits
/// each (the frame's key plus one; 0 once the path has ended), first frame highest, in the
/// top 96 bits, above the path's index in the low 32. One gather of a path's frames (which
/// lie together) serves `per` levels of the sort.
struct Packing {
    bits: u32,
    per: usize,
}

impl Packing {
    fn for_max_key(max_key: u32) -> Self {
        let bits = (64 - (u64::from(max_key) + 1).leading_zeros()).max(1);
        Self {
            bits,
            per: (96 / bits) as usize,
        }
    }

    #[inline]
    fn pack(&self, path: &[u32], depth: usize, index: u32) -> u128 {
        let mut frames: u128 = 0;
        for j in depth..depth + self.per {
            let key = path.get(j).map_or(0, |&k| u128::from(k) + 1);
            frames = frames << self.bits | key;
        }
        let unused = 96 - self.bits * self.per as u32;
        (frames << unused) << 32 | u128::from(index)
    }

    /// How many leading frames two different packed keys share.
    fn equal_frames(&self, a: u128, b: u128) -> usize {
        ((a ^ b).leading_zeros() / self.bits) as usize
    }
}

impl PathTable {
    /// The indices of the non-empty paths in lexicographic order (root first; ties by
    /// index), and for each how many leading frames it shares with the one before it.
    pub(super) fn sorted(&self) -> (Vec<u32>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.len() as u32)
            .filter(|&i| !self.path(i as usize).is_empty())
            .collect();
        // Ranges are split where their paths first differ, so the split depth is the
        // shared length at each boundary; the first path shares nothing.
        let mut shared = vec![0u32; order.len()];
        let packing = Packing::for_max_key(self.max_key);
        let mut scratch: Vec<u128> = Vec::new();
        let mut work = vec![(0usize, order.len(), 0usize)];
        while let Some((lo, hi, depth)) = work.pop() {
            let range = &mut order[lo..hi];
            if range.len() <= SMALL_RANGE {
                range.sort_unstable_by(|&a, &b| {
                    let (a_path, b_path) = (self.path(a as usize), self.path(b as usize));
                    a_path[depth..].cmp(&b_path[depth..]).then(a.cmp(&b))
                });
                for i in 1..range.len() {
                    let a = &self.path(range[i - 1] as usize)[depth..];
                    let b = &self.path(range[i] as usize)[depth..];
                    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
                    shared[lo + i] = (depth + common) as u32;
                }
                continue;
            }
            // Frames `depth..depth + per` of each path, packed above its index.
            scratch.clear();
            scratch.extend(
                range
                    .iter()
                    .map(|&p| packing.pack(self.path(p as usize), depth, p)),
            );
            scratch.sort_unstable();
            let mut run_start = 0;
            while run_start < scratch.len() {
                let frames = scratch[run_start] >> 32;
                let mut run_end = run_start + 1;
                while run_end < scratch.len() && scratch[run_end] >> 32 == frames {
                    run_end += 1;
                }
                if run_start > 0 {
                    let before = scratch[run_start - 1];
                    shared[lo + run_start] =
                        (depth + packing.equal_frames(before, scratch[run_start])) as u32;
                }
                let first = scratch[run_start] as u32 as usize;
                let len = self.path(first).len();
                if len < depth + packing.per {
                    // Identical paths that end among these frames.
                    shared[lo + run_start + 1..lo + run_end].fill(len as u32);
                } else if run_end - run_start > 1 {
                    work.push((lo + run_start, lo + run_end, depth + packing.per));
                }
                run_start = run_end;
            }
            for (slot, &k) in range.iter_mut().zip(&scratch) {
                *slot = k as u32;
            }
        }
        (order, shared)
    }
}
