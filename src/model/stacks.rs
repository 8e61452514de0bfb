//! The stack prefix tree: every distinct call path of a profile, stored once.
//!
//! A sample's stack is a single [`StackId`], the tree node of its leaf frame. Walking
//! `parent` links from there reaches the root frame. Samples that share a prefix share the
//! tree nodes of that prefix, so a profile with a million samples of depth 100 costs far
//! fewer than 100 million frames.
//!
//! Invariant of a finished [`StackTree`]: nodes are numbered in depth-first pre-order. A
//! parent comes before its children, and the subtree of node `s` is exactly the id range
//! `s..subtree_end(s)`. Aggregations are therefore single linear scans.

use super::ids::{LocId, StackId};
use rustc_hash::FxHashMap;

const NO_PARENT: u32 = u32::MAX;

/// A finished stack prefix tree, in pre-order (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StackTree {
    parent: Vec<u32>,
    loc: Vec<LocId>,
    subtree_end: Vec<u32>,
}

impl StackTree {
    /// A tree from its columns, which must already be in pre-order with `subtree_end`
    /// one past each node's last descendant (as [`super::PathTable::into_tree`] makes them).
    pub(super) fn from_columns(parent: Vec<u32>, loc: Vec<LocId>, subtree_end: Vec<u32>) -> Self {
        debug_assert!(parent.len() == loc.len() && loc.len() == subtree_end.len());
        Self {
            parent,
            loc,
            subtree_end,
        }
    }

    /// Number of tree nodes (distinct call-path prefixes).
    pub fn len(&self) -> usize {
        self.loc.len()
    }

    /// Whether the tree has no nodes (every sample has an empty stack, or there are none).
    pub fn is_empty(&self) -> bool {
        self.loc.is_empty()
    }

    /// The caller's node, or `None` for a root frame.
    #[inline]
    pub fn parent(&self, s: StackId) -> Option<StackId> {
        let p = self.parent[s.index()];
        (p != NO_PARENT).then_some(StackId(p))
    }

    /// The location of this node's frame.
    #[inline]
    pub fn loc(&self, s: StackId) -> LocId {
        self.loc[s.index()]
    }

    /// One past the last node of `s`'s subtree (pre-order numbering).
    #[inline]
    pub fn subtree_end(&self, s: StackId) -> StackId {
        StackId(self.subtree_end[s.index()])
    }

    /// Raw parent column: `u32::MAX` marks a root. Indexed by `StackId::index`.
    pub fn parents_raw(&self) -> &[u32] {
        &self.parent
    }

    /// Location column, indexed by `StackId::index`.
    pub fn locs(&self) -> &[LocId] {
        &self.loc
    }

    /// The locations of the path ending at `s`, leaf first (as in `Sample.location_id`).
    pub fn path_leaf_first(&self, s: Option<StackId>) -> PathIter<'_> {
        PathIter {
            tree: self,
            next: s,
        }
    }
}

/// Iterator over the locations of a call path, leaf first. See [`StackTree::path_leaf_first`].
#[derive(Clone, Debug)]
pub struct PathIter<'a> {
    tree: &'a StackTree,
    next: Option<StackId>,
}

impl Iterator for PathIter<'_> {
    type Item = LocId;
    fn next(&mut self) -> Option<LocId> {
        let s = self.next?;
        self.next = self.tree.parent(s);
        Some(self.tree.loc(s))
    }
}

/// Children at which a node's child list gets a hash index (short lists are scanned).
const INDEX_AT: u32 = 8;

/// Builds a stack tree by interning paths of `u32` frame keys, mapped to locations when
/// finishing (decoding uses slots of raw location ids, transforms use `LocId`s).
///
/// Each node keeps its children as a linked list. Most lookups happen on nodes created a
/// moment ago (the unique tail of a new stack), whose lists are empty and whose arrays are
/// hot in cache, so they cost no hashing at all; nodes with many children (and the roots)
/// also get an entry per child in a hash index.
#[derive(Debug)]
pub struct StackTreeBuilder {
    nodes: Vec<BuildNode>,
    first_root: u32,
    n_roots: u32,
    index: FxHashMap<u64, u32>,
}

/// A node under construction; one struct so that a lookup step touches one cache line.
#[derive(Clone, Copy, Debug)]
struct BuildNode {
    parent: u32,
    key: u32,
    first_child: u32,
    next_sibling: u32,
    n_children: u32,
}

impl Default for StackTreeBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl StackTreeBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self {
            nodes: Vec::new(),
            first_root: NO_PARENT,
            n_roots: 0,
            index: FxHashMap::default(),
        }
    }

    /// An empty builder with room for about `nodes` nodes.
    pub fn with_capacity(nodes: usize) -> Self {
        let mut b = Self::new();
        b.nodes.reserve(nodes);
        b
    }

    /// Number of nodes so far.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Makes room for `more` nodes.
    pub fn reserve(&mut self, more: usize) {
        self.nodes.reserve(more);
    }

    /// Whether no node was added yet.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn index_key(parent: u32, key: u32) -> u64 {
        (u64::from(parent) << 32) | u64::from(key)
    }

    /// The child of `parent` (or the root) whose frame key is `key`, created when new.
    ///
    /// # Panics
    /// When the tree would exceed `u32::MAX - 1` nodes.
    #[inline]
    pub fn child(&mut self, parent: Option<StackId>, key: u32) -> StackId {
        let p = parent.map_or(NO_PARENT, |p| p.0);
        let (count, head) = if p == NO_PARENT {
            (self.n_roots, self.first_root)
        } else {
            let n = &self.nodes[p as usize];
            (n.n_children, n.first_child)
        };
        if count >= INDEX_AT || p == NO_PARENT {
            if let Some(&c) = self.index.get(&Self::index_key(p, key)) {
                return StackId(c);
            }
        } else {
            let mut c = head;
            while c != NO_PARENT {
                let n = &self.nodes[c as usize];
                if n.key == key {
                    return StackId(c);
                }
                c = n.next_sibling;
            }
        }
        self.insert(p, key, head)
    }

    /// A new child of `parent` (or a new root) with frame key `key`, when the caller knows
    /// that none exists yet (copying a tree whose paths are already distinct): no search.
    ///
    /// # Panics
    /// When the tree would exceed `u32::MAX - 1` nodes.
    #[inline]
    pub fn new_child(&mut self, parent: Option<StackId>, key: u32) -> StackId {
        let p = parent.map_or(NO_PARENT, |p| p.0);
        let head = if p == NO_PARENT {
            self.first_root
        } else {
            self.nodes[p as usize].first_child
        };
        self.insert(p, key, head)
    }

    fn insert(&mut self, p: u32, key: u32, head: u32) -> StackId {
        let id = u32::try_from(self.nodes.len())
            .ok()
            .filter(|&n| n != NO_PARENT)
            .expect("stack tree under 4 billion nodes");
        self.nodes.push(BuildNode {
            parent: p,
            key,
            first_child: NO_PARENT,
            next_sibling: head,
            n_children: 0,
        });
        if p == NO_PARENT {
            self.first_root = id;
            self.n_roots += 1;
            self.index.insert(Self::index_key(p, key), id);
            return StackId(id);
        }
        let parent_node = &mut self.nodes[p as usize];
        parent_node.first_child = id;
        parent_node.n_children += 1;
        match parent_node.n_children {
            n if n == INDEX_AT => {
                // The list just got long: index every child of this parent.
                let mut c = id;
                while c != NO_PARENT {
                    let n = self.nodes[c as usize];
                    self.index.insert(Self::index_key(p, n.key), c);
                    c = n.next_sibling;
                }
            }
            n if n > INDEX_AT => {
                self.index.insert(Self::index_key(p, key), id);
            }
            _ => {}
        }
        StackId(id)
    }

    /// Interns a whole path given root first; `None` for an empty path.
    pub fn intern_root_first(&mut self, keys: impl IntoIterator<Item = u32>) -> Option<StackId> {
        let mut node = None;
        for k in keys {
            node = Some(self.child(node, k));
        }
        node
    }

    /// The frame key of (unfinished) node `s`.
    pub fn key(&self, s: StackId) -> u32 {
        self.nodes[s.index()].key
    }

    /// Finishes the tree: maps each frame key to its location with `loc_of`, and renumbers
    /// nodes in pre-order. Returns the tree and the renumbering (`old id → new id`), which
    /// callers apply to the stack ids they stored.
    pub fn finish(mut self, mut loc_of: impl FnMut(u32) -> LocId) -> (StackTree, Vec<u32>) {
        let n = self.nodes.len();
        self.index = FxHashMap::default();
        // Child lists are newest first; walking them that way gives a deterministic order.
        let mut new_of_old = vec![0u32; n];
        let mut parent = Vec::with_capacity(n);
        let mut loc = Vec::with_capacity(n);
        let mut stack: Vec<u32> = Vec::new();
        let mut next = self.first_root;
        loop {
            // Descend from `next` along first children, visiting each node once.
            while next != NO_PARENT {
                let old = next as usize;
                let node = self.nodes[old];
                new_of_old[old] = parent.len() as u32;
                parent.push(if node.parent == NO_PARENT {
                    NO_PARENT
                } else {
                    new_of_old[node.parent as usize]
                });
                loc.push(loc_of(node.key));
                stack.push(next);
                next = node.first_child;
            }
            // Then the next sibling of the deepest node that has one.
            match stack.pop() {
                Some(done) => next = self.nodes[done as usize].next_sibling,
                None => break,
            }
        }
        drop(self);
        let mut size = vec![1u32; n];
        for s in (0..n).rev() {
            let p = parent[s];
            if p != NO_PARENT {
                size[p as usize] += size[s];
            }
        }
        let subtree_end = size
            .iter()
            .enumerate()
            .map(|(s, &sz)| s as u32 + sz)
            .collect();
        (
            StackTree {
                parent,
                loc,
                subtree_end,
            },
            new_of_old,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(paths: &[&[u32]]) -> (StackTree, Vec<Option<StackId>>) {
        let mut b = StackTreeBuilder::new();
        let ids: Vec<_> = paths
            .iter()
            .map(|p| b.intern_root_first(p.iter().copied()))
            .collect();
        let (tree, remap) = b.finish(LocId);
        let ids = ids
            .into_iter()
            .map(|s| s.map(|s| StackId(remap[s.index()])))
            .collect();
        (tree, ids)
    }

    #[test]
    fn shared_prefixes_are_stored_once_and_paths_round_trip() {
        let (tree, ids) = build(&[&[1, 2, 3], &[1, 2, 4], &[5], &[1, 2, 3], &[]]);
        assert_eq!(tree.len(), 5); // 1, 1-2, 1-2-3, 1-2-4, 5
        assert_eq!(ids[0], ids[3]);
        assert_eq!(ids[4], None);
        let path: Vec<u32> = tree.path_leaf_first(ids[1]).map(|l| l.0).collect();
        assert_eq!(path, vec![4, 2, 1]);
    }

    #[test]
    fn numbering_is_preorder_with_contiguous_subtrees() {
        let (tree, _) = build(&[&[1, 2, 3], &[5, 6], &[1, 7], &[1, 2, 8]]);
        for s in 0..tree.len() {
            let s = StackId::from_index(s);
            if let Some(p) = tree.parent(s) {
                assert!(p < s);
                assert!(s < tree.subtree_end(p));
            }
            let end = tree.subtree_end(s);
            for d in s.0 + 1..end.0 {
                // every node inside the range descends from s
                let mut a = tree.parent(StackId(d));
                while let Some(x) = a {
                    if x == s {
                        break;
                    }
                    a = tree.parent(x);
                }
                assert_eq!(a, Some(s));
            }
        }
    }
}
