//! Call paths collected flat, then turned into a [`StackTree`] by sorting them.
//!
//! Decoding stores every sample's frame keys, root first, in one buffer ([`PathTable`]).
//! Sorting the paths lexicographically lists the prefix tree's nodes in depth-first
//! pre-order: walking the sorted paths, a path shares its first `lcp` frames with the one
//! before it and adds one new node per frame after that. So the tree comes out already
//! numbered as [`StackTree`] requires, without a hash lookup per frame (a chain of cache
//! misses on a big tree) and without renumbering.
//!
//! The sort is a most-significant-digit radix sort over depths: at depth `d` a range of
//! paths that agree on their first `d` frames is ordered by frame `d` alone (gathered into a
//! contiguous scratch array, whose loads are independent of one another), then each run of
//! equal frames is sorted at depth `d + 1`. A path that ends sorts before its extensions.

use super::ids::{LocId, StackId};
use super::stacks::StackTree;

/// Ranges at most this long are sorted by comparing whole path tails.
const SMALL_RANGE: usize = 24;

/// Paths of `u32` frame keys, stored root first in one flat buffer.
#[derive(Debug, Default)]
pub struct PathTable {
    keys: Vec<u32>,
    /// `ends[i]` is one past the last key of path `i`; path `i` starts at `ends[i - 1]`.
    ends: Vec<u64>,
}

impl PathTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of paths added.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no path was added.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Number of frames in all paths.
    pub fn frames(&self) -> usize {
        self.keys.len()
    }

    /// Adds a path given leaf first (as a sample lists its locations).
    pub fn push_leaf_first(&mut self, keys: impl DoubleEndedIterator<Item = u32>) {
        self.keys.extend(keys.rev());
        self.ends.push(self.keys.len() as u64);
    }

    /// Adds a path given root first.
    pub fn push_root_first(&mut self, keys: impl IntoIterator<Item = u32>) {
        self.keys.extend(keys);
        self.ends.push(self.keys.len() as u64);
    }

    /// Path `i`, root first.
    pub fn path(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.keys[start as usize..self.ends[i] as usize]
    }

    /// Builds the prefix tree of all paths, mapping frame keys to locations with `loc_of`.
    /// Returns the tree and, per path, its leaf node (`None` for an empty path).
    pub fn into_tree(
        self,
        mut loc_of: impl FnMut(u32) -> LocId,
    ) -> (StackTree, Vec<Option<StackId>>) {
        let (order, shared_with_prev) = self.sorted();
        let mut leaf = vec![None; self.len()];
        let n_nodes_guess = self.keys.len() / 2;
        let mut parent: Vec<u32> = Vec::with_capacity(n_nodes_guess);
        let mut loc: Vec<LocId> = Vec::with_capacity(n_nodes_guess);
        let mut subtree_end: Vec<u32> = Vec::with_capacity(n_nodes_guess);
        // The nodes of the previous path, root first.
        let mut open: Vec<u32> = Vec::new();
        for (&p, &shared) in order.iter().zip(&shared_with_prev) {
            let path = self.path(p as usize);
            let shared = shared as usize;
            let n = parent.len() as u32;
            for closed in open.drain(shared..) {
                subtree_end[closed as usize] = n;
            }
            for &key in &path[shared..] {
                let id = parent.len() as u32;
                parent.push(open.last().copied().unwrap_or(u32::MAX));
                loc.push(loc_of(key));
                subtree_end.push(0);
                open.push(id);
            }
            leaf[p as usize] = open.last().map(|&s| StackId(s));
        }
        let n = parent.len() as u32;
        for closed in open.drain(..) {
            subtree_end[closed as usize] = n;
        }
        parent.shrink_to_fit();
        loc.shrink_to_fit();
        subtree_end.shrink_to_fit();
        (StackTree::from_columns(parent, loc, subtree_end), leaf)
    }

    /// The indices of the non-empty paths in lexicographic order (root first; ties by
    /// index), and for each how many leading frames it shares with the one before it.
    fn sorted(&self) -> (Vec<u32>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.len() as u32)
            .filter(|&i| !self.path(i as usize).is_empty())
            .collect();
        // Ranges are split where their paths first differ, so the split depth is the
        // shared length at each boundary; the first path shares nothing.
        let mut shared = vec![0u32; order.len()];
        let mut scratch: Vec<u64> = Vec::new();
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
            // Frame `depth` of each path, plus one (0: the path ends here), above its index.
            scratch.clear();
            scratch.extend(range.iter().map(|&p| {
                let key = self
                    .path(p as usize)
                    .get(depth)
                    .map_or(0, |&k| u64::from(k) + 1);
                key << 32 | u64::from(p)
            }));
            scratch.sort_unstable();
            let mut run_start = 0;
            while run_start < scratch.len() {
                let key = scratch[run_start] >> 32;
                let mut run_end = run_start + 1;
                while run_end < scratch.len() && scratch[run_end] >> 32 == key {
                    run_end += 1;
                }
                if run_start > 0 {
                    shared[lo + run_start] = depth as u32;
                }
                if key == 0 {
                    // Identical paths that end here.
                    shared[lo + run_start + 1..lo + run_end].fill(depth as u32);
                } else if run_end - run_start > 1 {
                    work.push((lo + run_start, lo + run_end, depth + 1));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StackTreeBuilder;

    /// Every path of `tree` from the root to `s`, root first, as keys.
    fn path_of(tree: &StackTree, s: Option<StackId>) -> Vec<u32> {
        let mut p: Vec<u32> = tree.path_leaf_first(s).map(|l| l.0).collect();
        p.reverse();
        p
    }

    fn check(paths: &[Vec<u32>]) {
        let mut table = PathTable::new();
        for p in paths {
            table.push_root_first(p.iter().copied());
        }
        let (tree, leaves) = table.into_tree(LocId);
        // Same node count as the hash-based builder.
        let mut b = StackTreeBuilder::new();
        for p in paths {
            b.intern_root_first(p.iter().copied());
        }
        assert_eq!(tree.len(), b.len());
        for (p, &leaf) in paths.iter().zip(&leaves) {
            assert_eq!(&path_of(&tree, leaf), p);
        }
        // Pre-order with contiguous subtrees.
        for s in 0..tree.len() {
            let s = StackId::from_index(s);
            let end = tree.subtree_end(s);
            assert!(end > s);
            if let Some(p) = tree.parent(s) {
                assert!(p < s && s < tree.subtree_end(p));
                assert!(end <= tree.subtree_end(p));
            }
            for d in s.0 + 1..end.0 {
                assert!(path_of(&tree, Some(StackId(d))).starts_with(&path_of(&tree, Some(s))));
            }
        }
        // No two siblings (or roots) share a key.
        let mut seen = std::collections::HashSet::new();
        for s in 0..tree.len() {
            let s = StackId::from_index(s);
            assert!(seen.insert((tree.parent(s), tree.loc(s))));
        }
    }

    #[test]
    fn shared_prefixes_become_one_node_in_preorder() {
        check(&[
            vec![1, 2, 3],
            vec![1, 2, 4],
            vec![5],
            vec![1, 2, 3],
            vec![],
            vec![1, 2],
        ]);
    }

    #[test]
    fn large_ranges_take_the_radix_path() {
        // Deterministic pseudo-random paths, many sharing long prefixes.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m) as u32
        };
        let paths: Vec<Vec<u32>> = (0..2000)
            .map(|_| {
                let depth = next(40) as usize;
                (0..depth)
                    .map(|d| if d < 5 { d as u32 } else { next(4) })
                    .collect()
            })
            .collect();
        check(&paths);
    }
}
