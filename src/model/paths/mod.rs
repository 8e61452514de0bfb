//! Call paths collected flat, then turned into a [`StackTree`] by sorting them.
//!
//! Decoding stores every sample's frame keys, root first, back to back ([`PathTable`]).
//! Sorting the paths lexicographically lists the prefix tree's nodes in depth-first
//! pre-order: walking the sorted paths, a path shares its first `lcp` frames with the one
//! before it and adds one new node per frame after that. So the tree comes out already
//! numbered as [`StackTree`] requires, without a hash lookup per frame (a chain of cache
//! misses on a big tree) and without renumbering.
//!
//! The sort is in `sort.rs`. A deep path identical to an earlier one is stored once: a file of
//! many identical deep stacks (deep recursion, a goroutine pile-up, a crafted file) would
//! otherwise cost memory per frame of every sample, where the tree costs it per distinct node.

use super::ids::LocId;
use super::stacks::StackTree;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

mod sort;

/// The leaf of an empty path in [`PathTable::into_tree`]'s result.
pub const NO_LEAF: u32 = u32::MAX;

const NO_PARENT: u32 = u32::MAX;

/// One past each node's last descendant, for a pre-order `parent` column: a node's subtree
/// size is one plus its children's, summed from the last node back.
fn subtree_ends(parent: &[u32]) -> Vec<u32> {
    let mut end = vec![1u32; parent.len()];
    for s in (0..parent.len()).rev() {
        let p = parent[s];
        if p != NO_PARENT {
            end[p as usize] += end[s];
        }
    }
    for (s, e) in end.iter_mut().enumerate() {
        *e += s as u32;
    }
    end
}

/// Paths at least this long are looked up among the earlier ones before being stored
/// (shorter ones cost little, and most profiles have few repeats).
const DEDUPE_FROM: usize = 64;

/// Sorted paths turned into nodes together (see `into_tree`).
const BATCH: usize = 256;

/// Keys per storage chunk. Chunks never move once filled, so collecting paths neither copies
/// them when growing nor holds twice their size for a moment, as one doubling buffer would.
const CHUNK: usize = 1 << 20;

/// Paths of `u32` frame keys, stored root first, back to back in chunks.
#[derive(Debug, Default)]
pub struct PathTable {
    chunks: Vec<Vec<u32>>,
    /// Per path: its chunk (high 32 bits) and one past its last key there (low 32 bits).
    /// A path starts where the one before it ended, or at 0 when it opened a new chunk.
    ends: Vec<u64>,
    /// The largest key added.
    max_key: u32,
    /// The first deep path (see [`DEDUPE_FROM`]) with each hash of its keys.
    deep: FxHashMap<u64, u32>,
    /// Deep paths stored empty because they equal an earlier one: (path, that path).
    copies: Vec<(u32, u32)>,
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

    /// Adds a path given leaf first (as a sample lists its locations).
    pub fn push_leaf_first(&mut self, keys: &[u32]) {
        if !self.stored_before(keys, true) {
            self.max_key = keys.iter().fold(self.max_key, |m, &k| m.max(k));
            self.chunk_for(keys.len()).extend(keys.iter().rev());
            self.close_path();
        }
    }

    /// Adds a path given root first.
    pub fn push_root_first(&mut self, keys: &[u32]) {
        if !self.stored_before(keys, false) {
            self.max_key = keys.iter().fold(self.max_key, |m, &k| m.max(k));
            self.chunk_for(keys.len()).extend_from_slice(keys);
            self.close_path();
        }
    }

    /// For a deep path equal to an earlier one: adds it as a copy of that one and says so.
    fn stored_before(&mut self, keys: &[u32], leaf_first: bool) -> bool {
        if keys.len() < DEDUPE_FROM {
            return false;
        }
        let mut hasher = FxHasher::default();
        keys.hash(&mut hasher);
        leaf_first.hash(&mut hasher);
        let hash = hasher.finish();
        let this = self.ends.len() as u32;
        let Some(&earlier) = self.deep.get(&hash) else {
            self.deep.insert(hash, this);
            return false;
        };
        let stored = self.path(earlier as usize);
        let same = if leaf_first {
            stored.iter().eq(keys.iter().rev())
        } else {
            stored == keys
        };
        if !same {
            return false;
        }
        // An empty entry (it ends where the last path ended), resolved in `into_tree`.
        let last = self.ends.last().copied().unwrap_or(0);
        self.ends.push(last);
        self.copies.push((this, earlier));
        true
    }

    /// The chunk with room for `n` more keys, opened when the last one is full.
    fn chunk_for(&mut self, n: usize) -> &mut Vec<u32> {
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.len() + n <= c.capacity());
        if !fits {
            self.chunks.push(Vec::with_capacity(CHUNK.max(n)));
        }
        let last = self.chunks.len() - 1;
        &mut self.chunks[last]
    }

    fn close_path(&mut self) {
        let chunk = self.chunks.len() - 1;
        let end = self.chunks[chunk].len();
        self.ends.push((chunk as u64) << 32 | end as u64);
    }

    /// Path `i`, root first.
    pub fn path(&self, i: usize) -> &[u32] {
        let end = self.ends[i];
        let chunk = (end >> 32) as usize;
        let start = match i.checked_sub(1).map(|j| self.ends[j]) {
            Some(prev) if prev >> 32 == end >> 32 => prev as u32 as usize,
            _ => 0,
        };
        &self.chunks[chunk][start..end as u32 as usize]
    }

    /// Builds the prefix tree of all paths, mapping frame keys to locations with `loc_of`.
    /// Returns the tree and, per path, its leaf node ([`NO_LEAF`] for an empty path).
    pub fn into_tree(self, mut loc_of: impl FnMut(u32) -> LocId) -> (StackTree, Vec<u32>) {
        let (order, shared_with_prev) = self.sorted();
        let mut leaf = vec![NO_LEAF; self.len()];
        // Each path adds a node per frame after the ones it shares: size the columns exactly.
        let n_nodes: usize = order
            .iter()
            .zip(&shared_with_prev)
            .map(|(&p, &shared)| self.path(p as usize).len() - shared as usize)
            .sum();
        let mut parent: Vec<u32> = Vec::with_capacity(n_nodes);
        let mut loc: Vec<LocId> = Vec::with_capacity(n_nodes);
        // The nodes of the previous path, root first.
        let mut open: Vec<u32> = Vec::new();
        // Paths are read in sorted order, which is all over memory. A batch's new frames are
        // first copied together in a short loop whose loads do not wait on one another (so
        // their cache misses overlap), then turned into nodes.
        let mut new_frames: Vec<u32> = Vec::new();
        let mut new_ends: Vec<usize> = Vec::new();
        for (batch, shared) in order.chunks(BATCH).zip(shared_with_prev.chunks(BATCH)) {
            new_frames.clear();
            new_ends.clear();
            for (&p, &from) in batch.iter().zip(shared) {
                new_frames.extend_from_slice(&self.path(p as usize)[from as usize..]);
                new_ends.push(new_frames.len());
            }
            let mut start = 0;
            for ((&p, &from), &end) in batch.iter().zip(shared).zip(&new_ends) {
                open.truncate(from as usize);
                for &key in &new_frames[start..end] {
                    let id = parent.len() as u32;
                    parent.push(open.last().copied().unwrap_or(NO_PARENT));
                    loc.push(loc_of(key));
                    open.push(id);
                }
                start = end;
                leaf[p as usize] = open.last().copied().unwrap_or(NO_LEAF);
            }
        }
        for &(copy, of) in &self.copies {
            leaf[copy as usize] = leaf[of as usize];
        }
        // The paths go before the last column is made, which keeps the peak lower.
        drop((order, shared_with_prev, self));
        let subtree_end = subtree_ends(&parent);
        (StackTree::from_columns(parent, loc, subtree_end), leaf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StackId, StackTreeBuilder};

    /// Every path of `tree` from the root to `s`, root first, as keys.
    fn path_of(tree: &StackTree, s: Option<StackId>) -> Vec<u32> {
        let mut p: Vec<u32> = tree.path_leaf_first(s).map(|l| l.0).collect();
        p.reverse();
        p
    }

    fn check(paths: &[Vec<u32>]) {
        let mut table = PathTable::new();
        for p in paths {
            table.push_root_first(p);
        }
        let (tree, leaves) = table.into_tree(LocId);
        // Same node count as the hash-based builder.
        let mut b = StackTreeBuilder::new();
        for p in paths {
            b.intern_root_first(p.iter().copied());
        }
        assert_eq!(tree.len(), b.len());
        for (p, &leaf) in paths.iter().zip(&leaves) {
            let leaf = (leaf != NO_LEAF).then_some(StackId(leaf));
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
    fn deep_repeats_are_stored_once_and_keep_their_leaves() {
        let deep: Vec<u32> = (0..100).collect();
        let mut other = deep.clone();
        other[99] = 7;
        let mut paths = Vec::new();
        for i in 0..50 {
            paths.push(if i % 5 == 0 {
                other.clone()
            } else {
                deep.clone()
            });
            paths.push(vec![1, 2, i]);
        }
        check(&paths);
        let mut table = PathTable::new();
        for p in &paths {
            let leaf_first: Vec<u32> = p.iter().rev().copied().collect();
            table.push_leaf_first(&leaf_first);
        }
        let stored: usize = table.chunks.iter().map(Vec::len).sum();
        assert_eq!(
            stored,
            2 * 100 + 50 * 3,
            "each deep path once, every short one"
        );
        let (tree, leaves) = table.into_tree(LocId);
        for (p, &leaf) in paths.iter().zip(&leaves) {
            assert_eq!(&path_of(&tree, Some(StackId(leaf))), p);
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
        // The same shapes with keys up to u32::MAX: two frames per sort level, not 32.
        let wide: Vec<Vec<u32>> = paths
            .iter()
            .map(|p| p.iter().map(|&k| u32::MAX - k).collect())
            .collect();
        check(&wide);
        // And with keys of about 20 bits: four frames per level.
        let mid: Vec<Vec<u32>> = paths
            .iter()
            .map(|p| p.iter().map(|&k| 1_000_000 + k * 7).collect())
            .collect();
        check(&mid);
    }
}
