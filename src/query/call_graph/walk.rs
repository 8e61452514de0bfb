//! The walk the call graph is summed by: the paths of the stack nodes where samples end,
//! each stack node on them visited once in the tree's pre-order, instead of each sample's
//! whole path.
//!
//! Consumes leaves (stack nodes with the sums of the samples ending there, in ascending
//! order) and produces per report node sums ([`NodeSums`]) and, when asked, the edges
//! ([`EdgeTable`]). The stack tree is numbered in pre-order, so a leaf's ancestors not yet
//! visited all come after everything visited before; they are found by walking up to the
//! first ancestor still on the path (one bit per stack node). A report node (or edge)
//! counts a subtree's samples where it is opened: at the first stack node on the path where
//! it appears, remembered as that stack node and its depth (`sweep::Opened`), so each
//! sample counts once per node and edge, as pprof's per-sample dedupe does (PPROF-SEMANTICS
//! §2.3). The subtree's sums are known when its stack node leaves the path: the openings
//! wait on a stack until then. A stack node's own samples go to the path's last kept frame
//! (flat) unless a dropped frame follows it. Edges remember the earliest sample and path
//! position where they were crossed, so they can be listed in the order a walk sample by
//! sample would have created them (later sorts are stable, so that order shows).

use super::super::nodes::NodeTable;
use super::super::prepared::Prepared;
use super::super::sweep::{Opened, PathEntry};
pub(super) use super::edges::EdgeTable;
use super::leaves::{bit, clear_bit, set_bit};
use crate::model::{LocId, StackId, StackTree};

/// No node, no sample.
pub(super) const NONE: u32 = u32::MAX;

/// `single[loc]` of a location with several frames.
const MANY: u32 = u32::MAX - 1;

/// One stack node to visit, with the sums over the samples ending there.
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
    /// Where its openings start on the opening stack.
    events: u32,
    /// Σ value of the samples ending in its subtree, so far.
    w: i64,
    /// Σ mean divisor of those.
    dw: i64,
    /// The lowest index among them.
    first: u32,
}

/// A report node or edge opened at a stack node, summed when that node leaves the path.
#[derive(Clone, Copy)]
struct Event {
    id: u32,
    edge: bool,
    depth: u32,
    fi: u32,
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

/// Walks leaves over one stack tree (see the module documentation).
pub(super) struct Walker<'a> {
    prepared: &'a Prepared,
    tree: &'a StackTree,
    nodes: &'a NodeTable,
    kept: Option<&'a [bool]>,
    /// Per location: its one frame's node, `NONE` for none, `MANY` for several.
    single: Vec<u32>,
    all_visible: bool,
    path: Vec<Open>,
    /// The openings waiting for their stack node to leave the path.
    events: Vec<Event>,
    /// Per stack node: whether it is on the path.
    on_path: Vec<u64>,
    /// A leaf's ancestors not yet on the path, leaf first.
    chain: Vec<u32>,
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
            events: Vec::new(),
            on_path: vec![0; profile.stacks.len().div_ceil(64)],
            chain: Vec::new(),
        }
    }

    /// Walks the paths of `leaves` (each a stack node, in ascending order, with the sums of
    /// the samples ending there) into `sums`, and into `edges` when given.
    pub fn walk(
        &mut self,
        leaves: impl IntoIterator<Item = Visit>,
        sums: &mut NodeSums,
        mut edges: Option<&mut EdgeTable>,
    ) {
        let parents = self.tree.parents_raw();
        for leaf in leaves {
            let mut chain = std::mem::take(&mut self.chain);
            chain.clear();
            let mut s = leaf.s;
            while s != NONE && !bit(&self.on_path, s as usize) {
                chain.push(s);
                s = parents.get(s as usize).copied().unwrap_or(NONE);
            }
            if chain.first() != Some(&leaf.s) {
                // Only a leaf listed twice is on the path already: its samples join its own.
                self.add_own(leaf, sums);
            }
            for (k, &s) in chain.iter().enumerate().rev() {
                let v = if k == 0 {
                    leaf
                } else {
                    Visit {
                        s,
                        w: 0,
                        dw: 0,
                        first: NONE,
                    }
                };
                self.visit(v, sums, edges.as_deref_mut());
            }
            self.chain = chain;
        }
        while self.close(sums, edges.as_deref_mut()) {}
    }

    /// Adds `leaf`'s samples to the path's last node when that is the leaf.
    fn add_own(&mut self, leaf: Visit, sums: &mut NodeSums) {
        let Some(o) = self.path.last_mut().filter(|o| o.node == leaf.s) else {
            return;
        };
        o.w = o.w.wrapping_add(leaf.w);
        o.dw = o.dw.wrapping_add(leaf.dw);
        o.first = o.first.min(leaf.first);
        if o.last != NONE && !o.residual {
            let li = o.last as usize;
            sums.flat[li] = sums.flat[li].wrapping_add(leaf.w);
            sums.flat_div[li] = sums.flat_div[li].wrapping_add(leaf.dw);
        }
    }

    /// Takes the path's last stack node off it, adding its subtree's sums to what was
    /// opened there and to its parent's. `false` when the path is empty.
    fn close(&mut self, sums: &mut NodeSums, mut edges: Option<&mut EdgeTable>) -> bool {
        let Some(o) = self.path.pop() else {
            return false;
        };
        clear_bit(&mut self.on_path, o.node as usize);
        let (w, dw, first) = (o.w, o.dw, o.first);
        for ev in self.events.drain(o.events as usize..) {
            if ev.edge {
                if let Some(edges) = edges.as_deref_mut() {
                    edges.add(ev.id, (w, dw, first), ev.depth, ev.fi);
                }
            } else {
                let ni = ev.id as usize;
                sums.cum[ni] = sums.cum[ni].wrapping_add(w);
                sums.cum_div[ni] = sums.cum_div[ni].wrapping_add(dw);
                sums.first[ni] = sums.first[ni].min(first);
            }
        }
        if let Some(p) = self.path.last_mut() {
            p.w = p.w.wrapping_add(w);
            p.dw = p.dw.wrapping_add(dw);
            p.first = p.first.min(first);
        }
        true
    }

    /// Visits `v`: its frames open the report nodes (and edges, into `edges` when given)
    /// not yet open on the path, and its own samples go to the path's last kept frame.
    fn visit(&mut self, v: Visit, sums: &mut NodeSums, mut edges: Option<&mut EdgeTable>) {
        let id = StackId(v.s);
        while self.path.last().is_some_and(|o| o.end <= v.s) {
            self.close(sums, edges.as_deref_mut());
        }
        let depth = self.path.len() as u32;
        let (parent_last, parent_residual) = self
            .path
            .last()
            .map_or((NONE, false), |o| (o.last, o.residual));
        let mut at = (parent_last, parent_residual);
        let events = self.events.len() as u32;
        if self.all_visible || self.prepared.node_visible(id) {
            let loc = self.tree.loc(id);
            match self.single.get(loc.index()).copied().unwrap_or(NONE) {
                NONE => {}
                MANY => {
                    for (fi, node) in self.nodes.frames(loc).iter().enumerate() {
                        at = self.frame_at(
                            node.0,
                            fi as u32,
                            at,
                            v.s,
                            depth,
                            sums,
                            edges.as_deref_mut(),
                        );
                    }
                }
                one => at = self.frame_at(one, 0, at, v.s, depth, sums, edges),
            }
        }
        let (last, residual) = at;
        if last != NONE && !residual {
            let li = last as usize;
            sums.flat[li] = sums.flat[li].wrapping_add(v.w);
            sums.flat_div[li] = sums.flat_div[li].wrapping_add(v.dw);
        }
        self.path.push(Open {
            node: v.s,
            end: self.tree.subtree_end(id).0,
            last,
            residual,
            events,
            w: v.w,
            dw: v.dw,
            first: v.first,
        });
        set_bit(&mut self.on_path, v.s as usize);
    }

    /// One frame `node` (position `fi` in its location) of stack node `s` after
    /// `(last, residual)`; returns the pair after it.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn frame_at(
        &mut self,
        node: u32,
        fi: u32,
        (last, residual): (u32, bool),
        s: u32,
        depth: u32,
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
        if !opened.is_open(s, &self.path) {
            if opened.node == NONE {
                sums.touched.push(node);
            }
            sums.opened[ni] = Opened { node: s, depth };
            self.events.push(Event {
                id: node,
                edge: false,
                depth,
                fi,
            });
        }
        if let Some(edges) = edges {
            if last != NONE && last != node {
                if let Some(e) = edges.cross(last, node, fi, residual, s, depth, &self.path) {
                    self.events.push(Event {
                        id: e,
                        edge: true,
                        depth,
                        fi,
                    });
                }
            }
        }
        (node, false)
    }
}
