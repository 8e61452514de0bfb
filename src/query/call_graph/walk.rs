//! The pre-order walk the call graph is summed by: each stack node visited once, with the
//! sums of the samples ending in its subtree, instead of each sample's whole path.
//!
//! Consumes visits in the stack tree's pre-order (every visited node's parent visited
//! before it) and produces per report node sums ([`NodeSums`]) and, when asked, the edges
//! ([`EdgeTable`]). A report node (or edge) counts a subtree's samples where it is opened:
//! at the first stack node on the path where it appears, remembered as that stack node and
//! its depth (`sweep::Opened`), so each sample counts once per node and edge, as pprof's
//! per-sample dedupe does (PPROF-SEMANTICS §2.3). Flat is the subtree sum added at the
//! path's last kept frame and taken back at the parent's, which leaves each node its own
//! samples (wrapping arithmetic is exact modulo 2⁶⁴). Edges remember the earliest sample
//! and path position where they were crossed, so they can be listed in the order a walk
//! sample by sample would have created them (later sorts are stable, so that order shows).

use super::super::nodes::{NodeId, NodeTable};
use super::super::prepared::Prepared;
use super::super::sweep::{Opened, PathEntry};
use super::build::EdgeSums;
use crate::model::{LocId, StackId, StackTree};
use rustc_hash::FxHashMap;

/// No node, no sample.
pub(super) const NONE: u32 = u32::MAX;

/// `single[loc]` of a location with several frames.
const MANY: u32 = u32::MAX - 1;

/// One stack node to visit, with the sums over the samples ending in its subtree.
#[derive(Clone, Copy, Debug)]
pub(super) struct Visit {
    /// The stack node.
    pub s: u32,
    /// Σ value.
    pub w: i64,
    /// Σ mean divisor.
    pub dw: i64,
    /// The lowest sample index among them.
    pub first: u32,
}

/// A stack node on the current path.
struct Open {
    node: u32,
    /// One past its subtree.
    end: u32,
    /// The last kept frame on the path through it (`NONE`: none yet).
    last: u32,
    /// Whether frames after `last` were dropped (its samples lose their flat).
    residual: bool,
}

impl PathEntry for Open {
    fn node(&self) -> u32 {
        self.node
    }
}

/// Per report node sums of one walk.
pub(super) struct NodeSums {
    /// Σ value of the samples through the node.
    pub cum: Vec<i64>,
    /// Σ mean divisor of those.
    pub cum_div: Vec<i64>,
    /// Σ value of the samples ending at the node.
    pub flat: Vec<i64>,
    /// Σ mean divisor of those.
    pub flat_div: Vec<i64>,
    /// The lowest index of a sample through the node.
    pub first: Vec<u32>,
    /// The nodes some sample crossed, in the order first crossed.
    pub touched: Vec<u32>,
    opened: Vec<Opened>,
}

impl NodeSums {
    /// Zero sums for `n` nodes.
    pub fn new(n: usize) -> Self {
        Self {
            cum: vec![0; n],
            cum_div: vec![0; n],
            flat: vec![0; n],
            flat_div: vec![0; n],
            first: vec![NONE; n],
            touched: Vec::new(),
            opened: vec![Opened::NEVER; n],
        }
    }

    /// Back to zero (only the touched nodes are written).
    pub fn clear(&mut self) {
        for &n in &self.touched {
            let n = n as usize;
            self.cum[n] = 0;
            self.cum_div[n] = 0;
            self.flat[n] = 0;
            self.flat_div[n] = 0;
            self.first[n] = NONE;
            self.opened[n] = Opened::NEVER;
        }
        self.touched.clear();
    }
}

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

    /// Crosses `from → to` at frame `fi` of stack node `v.s` (depth `depth` below `path`),
    /// `residual` when dropped frames lie between.
    #[allow(clippy::too_many_arguments)]
    fn cross(
        &mut self,
        from: u32,
        to: u32,
        fi: u32,
        residual: bool,
        v: &Visit,
        depth: u32,
        path: &[Open],
    ) {
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
        let Some(edge) = self.edges.get_mut(e as usize) else {
            return;
        };
        if !edge.opened.is_open(v.s, path) {
            let sums = &mut edge.sums;
            sums.weight = sums.weight.wrapping_add(v.w);
            sums.weight_div = sums.weight_div.wrapping_add(v.dw);
            sums.residual |= residual;
            sums.inline &= fi != 0;
            edge.opened = Opened { node: v.s, depth };
            edge.created = edge.created.min((v.first, depth, fi));
        }
    }
}

/// Walks visits over one stack tree (see the module documentation).
pub(super) struct Walker<'a> {
    prepared: &'a Prepared,
    tree: &'a StackTree,
    nodes: &'a NodeTable,
    kept: Option<&'a [bool]>,
    /// Per location: its one frame's node, `NONE` for none, `MANY` for several.
    single: Vec<u32>,
    all_visible: bool,
    path: Vec<Open>,
}

impl<'a> Walker<'a> {
    /// A walker over `prepared`'s stack tree and `nodes`, keeping only the nodes `kept`
    /// marks (all when `None`).
    pub fn new(prepared: &'a Prepared, nodes: &'a NodeTable, kept: Option<&'a [bool]>) -> Self {
        let profile = prepared.profile();
        let single = (0..profile.locations.len())
            .map(|i| match nodes.frames(LocId::from_index(i)) {
                [] => NONE,
                [one] => one.0,
                _ => MANY,
            })
            .collect();
        Self {
            prepared,
            tree: &profile.stacks,
            nodes,
            kept,
            single,
            all_visible: !prepared.filtered().hides_nodes(),
            path: Vec::new(),
        }
    }

    /// The stack tree walked.
    pub fn tree(&self) -> &'a StackTree {
        self.tree
    }

    /// Forgets the path: the next visit starts a new walk.
    pub fn restart(&mut self) {
        self.path.clear();
    }

    /// Visits `v`: its frames open the report nodes (and edges, into `edges` when given)
    /// not yet open on the path, and its own samples go to the path's last kept frame.
    pub fn visit(&mut self, v: Visit, sums: &mut NodeSums, mut edges: Option<&mut EdgeTable>) {
        let id = StackId(v.s);
        while self.path.last().is_some_and(|o| o.end <= v.s) {
            self.path.pop();
        }
        let depth = self.path.len() as u32;
        let (parent_last, parent_residual) = self
            .path
            .last()
            .map_or((NONE, false), |o| (o.last, o.residual));
        let mut at = (parent_last, parent_residual);
        if self.all_visible || self.prepared.node_visible(id) {
            let loc = self.tree.loc(id);
            let path = &self.path;
            let mut frame = |fi: usize, node: u32, at: (u32, bool)| {
                self.frame_at(
                    node,
                    fi as u32,
                    at,
                    &v,
                    depth,
                    path,
                    sums,
                    edges.as_deref_mut(),
                )
            };
            match self.single.get(loc.index()).copied().unwrap_or(NONE) {
                NONE => {}
                MANY => {
                    for (fi, node) in self.nodes.frames(loc).iter().enumerate() {
                        at = frame(fi, node.0, at);
                    }
                }
                one => at = frame(0, one, at),
            }
        }
        let (last, residual) = at;
        if last != NONE && !residual {
            let li = last as usize;
            sums.flat[li] = sums.flat[li].wrapping_add(v.w);
            sums.flat_div[li] = sums.flat_div[li].wrapping_add(v.dw);
        }
        if parent_last != NONE && !parent_residual {
            let pi = parent_last as usize;
            sums.flat[pi] = sums.flat[pi].wrapping_sub(v.w);
            sums.flat_div[pi] = sums.flat_div[pi].wrapping_sub(v.dw);
        }
        self.path.push(Open {
            node: v.s,
            end: self.tree.subtree_end(id).0,
            last,
            residual,
        });
    }

    /// One frame `node` (position `fi` in its location) after `(last, residual)`; returns
    /// the pair after it.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn frame_at(
        &self,
        node: u32,
        fi: u32,
        (last, residual): (u32, bool),
        v: &Visit,
        depth: u32,
        path: &[Open],
        sums: &mut NodeSums,
        edges: Option<&mut EdgeTable>,
    ) -> (u32, bool) {
        let ni = node as usize;
        if self
            .kept
            .is_some_and(|k| !k.get(ni).copied().unwrap_or(false))
        {
            return (last, true);
        }
        let opened = sums.opened[ni];
        if !opened.is_open(v.s, path) {
            if opened.node == NONE {
                sums.touched.push(node);
            }
            sums.cum[ni] = sums.cum[ni].wrapping_add(v.w);
            sums.cum_div[ni] = sums.cum_div[ni].wrapping_add(v.dw);
            sums.first[ni] = sums.first[ni].min(v.first);
            sums.opened[ni] = Opened { node: v.s, depth };
        }
        if let Some(edges) = edges {
            if last != NONE && last != node {
                edges.cross(last, node, fi, residual, v, depth, path);
            }
        }
        (node, false)
    }
}
