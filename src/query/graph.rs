//! Flat, cum and call edges per node: pprof's `graph.newGraph`, computed on the stack tree.
//!
//! Consumes the stack tree, per-tree-node sample weights ([`TreeWeights`]) and a
//! [`NodeTable`]; produces an [`Aggregate`]. pprof walks every sample; this walks every
//! distinct call-path prefix once, in pre-order, which gives identical numbers:
//!
//! * **cum**: a node gets the weight of every sample whose path contains it, once per
//!   sample however often it recurs. In the tree that is the subtree weight at the node's
//!   shallowest occurrence on each path (tracked with an "open on the current path" count).
//! * **flat**: a sample's weight goes to its last *kept* frame, and only when the true leaf
//!   frames were kept; trimmed leaf frames lose it (pprof's `residual` rule).
//! * **edges**: caller→callee between consecutive kept frames, once per sample per pair;
//!   inline when the callee was inlined (not its location's outermost line). An edge exists
//!   as soon as one non-skipped sample (value or mean divisor non-zero) crosses it.

use super::nodes::{NodeId, NodeTable};
use super::prepared::Prepared;
use crate::model::StackId;
use rustc_hash::FxHashMap;

/// Sample weights summed per stack-tree node, for one value selection.
#[derive(Clone, Debug)]
pub struct TreeWeights {
    /// Σ value of samples whose stack is exactly this node.
    pub self_w: Vec<i64>,
    /// Σ mean divisor of those samples.
    pub self_dw: Vec<i64>,
    /// Σ value over the subtree.
    pub sub_w: Vec<i64>,
    /// Σ mean divisor over the subtree.
    pub sub_dw: Vec<i64>,
    /// Number of non-skipped samples in the subtree (value or divisor non-zero).
    pub sub_n: Vec<u32>,
}

impl TreeWeights {
    /// Sums the value of every sample `prepared` keeps into the tree, each at the node where
    /// its stack ends after the filters: the weights of the filtered profile.
    pub fn new(prepared: &Prepared) -> Self {
        let profile = prepared.profile();
        let n = profile.stacks.len();
        let mut self_w = vec![0i64; n];
        let mut self_dw = vec![0i64; n];
        let mut self_n = vec![0u32; n];
        prepared.for_each_weighed(|s, w, dw| {
            self_w[s] = self_w[s].wrapping_add(w);
            self_dw[s] = self_dw[s].wrapping_add(dw);
            self_n[s] = self_n[s].saturating_add(1);
        });
        let (mut sub_w, mut sub_dw, mut sub_n) = (self_w.clone(), self_dw.clone(), self_n);
        let parents = profile.stacks.parents_raw();
        for s in (0..n).rev() {
            let p = parents[s];
            if p != u32::MAX {
                let p = p as usize;
                sub_w[p] = sub_w[p].wrapping_add(sub_w[s]);
                sub_dw[p] = sub_dw[p].wrapping_add(sub_dw[s]);
                sub_n[p] = sub_n[p].saturating_add(sub_n[s]);
            }
        }
        Self {
            self_w,
            self_dw,
            sub_w,
            sub_dw,
            sub_n,
        }
    }
}

/// A caller→callee edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The caller.
    pub from: NodeId,
    /// The callee.
    pub to: NodeId,
    /// Σ value of the samples crossing it.
    pub weight: i64,
    /// Whether every crossing was an inlined call.
    pub inline: bool,
}

/// Per-node flat and cum (plus mean divisors) and edges, for one set of kept nodes.
#[derive(Clone, Debug, Default)]
pub struct Aggregate {
    /// Value of samples whose (kept) leaf is the node.
    pub flat: Vec<i64>,
    /// Mean divisor summed like `flat`.
    pub flat_div: Vec<i64>,
    /// Value of samples containing the node.
    pub cum: Vec<i64>,
    /// Mean divisor summed like `cum`.
    pub cum_div: Vec<i64>,
    /// Edges, when requested.
    pub edges: Vec<Edge>,
}

impl Aggregate {
    /// Zero flat and cum for `n_nodes` nodes, no edges.
    pub fn empty(n_nodes: usize) -> Self {
        Self {
            flat: vec![0; n_nodes],
            flat_div: vec![0; n_nodes],
            cum: vec![0; n_nodes],
            cum_div: vec![0; n_nodes],
            edges: Vec::new(),
        }
    }

    /// pprof's `FlatValue`: flat, divided by its divisor in mean mode.
    pub fn flat_value(&self, n: NodeId) -> i64 {
        div(self.flat[n.index()], self.flat_div[n.index()])
    }

    /// pprof's `CumValue`: cum, divided by its divisor in mean mode.
    pub fn cum_value(&self, n: NodeId) -> i64 {
        div(self.cum[n.index()], self.cum_div[n.index()])
    }

    /// Whether the node appears in the graph (pprof drops nodes with flat = cum = 0).
    pub fn present(&self, n: NodeId) -> bool {
        self.flat[n.index()] != 0 || self.cum[n.index()] != 0
    }
}

fn div(v: i64, d: i64) -> i64 {
    if d == 0 {
        v
    } else {
        v.wrapping_div(d)
    }
}

struct Open {
    end: u32,
    undo_nodes: usize,
    undo_edges: usize,
    last: u32,
    residual: bool,
}

const NONE: u32 = u32::MAX;

/// Which edges [`aggregate`] collects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeSet {
    /// None.
    None,
    /// Only edges into nodes that appear as inlined frames somewhere: enough to label
    /// nodes `(inline)` / `(partial-inline)`, since every other edge is a real call.
    IntoInlined,
    /// Every edge (the call graph).
    All,
}

/// Aggregates the filtered tree over `nodes`, keeping only nodes with `kept[n]` (all when `None`),
/// and collecting the `edges` asked for.
pub fn aggregate(
    prepared: &Prepared,
    weights: &TreeWeights,
    nodes: &NodeTable,
    kept: Option<&[bool]>,
    edges: EdgeSet,
) -> Aggregate {
    let n_nodes = nodes.len();
    let mut out = Aggregate::empty(n_nodes);
    let mut open_count = vec![0u32; n_nodes];
    let mut edge_index: FxHashMap<u64, u32> = FxHashMap::default();
    let mut edge_open: Vec<u32> = Vec::new();
    let mut undo_nodes: Vec<u32> = Vec::new();
    let mut undo_edges: Vec<u32> = Vec::new();
    let mut path: Vec<Open> = Vec::new();
    let tree = &prepared.profile().stacks;
    let all_visible = !prepared.filtered().hides_nodes();

    for s in 0..tree.len() {
        while path.last().is_some_and(|o| o.end as usize <= s) {
            if let Some(o) = path.pop() {
                for &n in &undo_nodes[o.undo_nodes..] {
                    open_count[n as usize] -= 1;
                }
                undo_nodes.truncate(o.undo_nodes);
                for &e in &undo_edges[o.undo_edges..] {
                    edge_open[e as usize] -= 1;
                }
                undo_edges.truncate(o.undo_edges);
            }
        }
        let (mut last, mut residual) = path.last().map_or((NONE, false), |o| (o.last, o.residual));
        let (undo_n0, undo_e0) = (undo_nodes.len(), undo_edges.len());
        let id = StackId::from_index(s);
        let (sub_w, sub_dw, crossed) = (weights.sub_w[s], weights.sub_dw[s], weights.sub_n[s] > 0);
        let frames = if all_visible || prepared.node_visible(id) {
            nodes.frames(tree.loc(id))
        } else {
            &[]
        };
        for (fi, &n) in frames.iter().enumerate() {
            let ni = n.index();
            if kept.is_some_and(|k| !k[ni]) {
                residual = true;
                continue;
            }
            if open_count[ni] == 0 {
                out.cum[ni] = out.cum[ni].wrapping_add(sub_w);
                out.cum_div[ni] = out.cum_div[ni].wrapping_add(sub_dw);
            }
            open_count[ni] += 1;
            undo_nodes.push(n.0);
            let track = match edges {
                EdgeSet::None => false,
                EdgeSet::IntoInlined => nodes.maybe_inlined(n),
                EdgeSet::All => true,
            };
            if track && last != NONE && last != n.0 && crossed {
                let key = (u64::from(last) << 32) | u64::from(n.0);
                let next = out.edges.len() as u32;
                let e = *edge_index.entry(key).or_insert(next);
                let inline = fi != 0;
                if e == next {
                    out.edges.push(Edge {
                        from: NodeId(last),
                        to: n,
                        weight: 0,
                        inline,
                    });
                    edge_open.push(0);
                }
                let ei = e as usize;
                if edge_open[ei] == 0 {
                    let edge = &mut out.edges[ei];
                    edge.weight = edge.weight.wrapping_add(sub_w);
                    edge.inline &= inline;
                }
                edge_open[ei] += 1;
                undo_edges.push(e);
            }
            last = n.0;
            residual = false;
        }
        if last != NONE && !residual {
            let li = last as usize;
            out.flat[li] = out.flat[li].wrapping_add(weights.self_w[s]);
            out.flat_div[li] = out.flat_div[li].wrapping_add(weights.self_dw[s]);
        }
        path.push(Open {
            end: tree.subtree_end(id).0,
            undo_nodes: undo_n0,
            undo_edges: undo_e0,
            last,
            residual,
        });
    }
    out
}
