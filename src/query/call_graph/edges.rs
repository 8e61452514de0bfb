//! The call graph's edges while a walk sums them (see `walk.rs`): each caller→callee pair
//! found once through a hash map (with a per-callee cache of the last pair, since most
//! lookups repeat), opened at most once per path, and listed at the end in the order a walk
//! sample by sample would have created them.

use super::super::nodes::NodeId;
use super::super::sweep::{Opened, PathEntry};
use super::build::EdgeSums;
use super::walk::NONE;
use rustc_hash::FxHashMap;

/// An edge while it is summed.
struct EdgeState {
    sums: EdgeSums,
    opened: Opened,
    /// Where a walk sample by sample would have created it: (sample, depth, frame).
    created: (u32, u32, u32),
}

/// The edges of one walk.
pub(super) struct EdgeTable {
    index: FxHashMap<u64, u32>,
    /// Per report node: the last edge into it looked up, (from, edge): most lookups repeat.
    last_edge: Vec<(u32, u32)>,
    edges: Vec<EdgeState>,
}

impl EdgeTable {
    /// No edges yet, between `n` nodes.
    pub fn new(n: usize) -> Self {
        Self {
            index: FxHashMap::default(),
            last_edge: vec![(NONE, NONE); n],
            edges: Vec::new(),
        }
    }

    /// The edges, in the order a walk sample by sample creates them.
    pub fn finish(self) -> Vec<EdgeSums> {
        let mut edges = self.edges;
        edges.sort_by_key(|e| e.created);
        edges.into_iter().map(|e| e.sums).collect()
    }

    /// Crosses `from → to` at frame `fi` of stack node `s` (depth `depth` below `path`),
    /// `residual` when dropped frames lie between. Returns the edge when this opens it.
    #[allow(clippy::too_many_arguments)]
    pub fn cross<P: PathEntry>(
        &mut self,
        from: u32,
        to: u32,
        fi: u32,
        residual: bool,
        s: u32,
        depth: u32,
        path: &[P],
    ) -> Option<u32> {
        let e = match self.last_edge[to as usize] {
            (f, e) if f == from => e,
            _ => {
                let key = (u64::from(from) << 32) | u64::from(to);
                let next = self.edges.len() as u32;
                let e = *self.index.entry(key).or_insert(next);
                if e == next {
                    self.edges.push(EdgeState {
                        sums: EdgeSums {
                            from: NodeId(from),
                            to: NodeId(to),
                            weight: 0,
                            weight_div: 0,
                            inline: true,
                            residual: false,
                            removed: false,
                        },
                        opened: Opened::NEVER,
                        created: (NONE, NONE, NONE),
                    });
                }
                self.last_edge[to as usize] = (from, e);
                e
            }
        };
        let edge = self.edges.get_mut(e as usize)?;
        if edge.opened.is_open(s, path) {
            return None;
        }
        edge.sums.residual |= residual;
        edge.sums.inline &= fi != 0;
        edge.opened = Opened { node: s, depth };
        Some(e)
    }

    /// Adds the sums of the subtree where edge `e` was opened (at `depth`, frame `fi`).
    pub fn add(&mut self, e: u32, (w, dw, first): (i64, i64, u32), depth: u32, fi: u32) {
        if let Some(edge) = self.edges.get_mut(e as usize) {
            edge.sums.weight = edge.sums.weight.wrapping_add(w);
            edge.sums.weight_div = edge.sums.weight_div.wrapping_add(dw);
            edge.created = edge.created.min((first, depth, fi));
        }
    }
}
