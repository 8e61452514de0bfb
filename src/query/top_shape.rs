//! The top table's graph numbers again after a change of sample type or sample filter, from
//! what the last query learned of the frames.
//!
//! Consumes a prepared query and a [`TopScratch`]; produces the [`Aggregate`] that
//! [`aggregate`](super::graph::aggregate) gives with every node kept (the top table as the
//! viewer shows it: nothing trimmed). Which frame occurrences count for cum (the first of
//! their report node on their path: recursion counts once), which frame a stack node's own
//! samples go to (flat), and which occurrences of an edge count, depend only on the frames,
//! not on the values: a *shape* made by one forward sweep and kept in the scratch while the
//! frames stay the same ([`FrameKey`], granularity, `-noinlines`). Each query is then one
//! backward pass over the stack tree: a node's own samples are the next run of the samples
//! in stack order ([`LeafOrder`]), its children's sums wait on a stack, and its counted
//! occurrences take its subtree sum. No array as long as the stack tree is written.
//!
//! The numbers are `aggregate`'s exactly (wrapping sums are the same in any order); the
//! edges are the same set, listed in the order of their first occurrence in the stack tree
//! (the top table reads only their weights and inline flags).

use super::graph::{Aggregate, Edge};
use super::leaf_order::LeafOrder;
use super::nodes::{Granularity, NodeId, NodeTable};
use super::prepared::Prepared;
use super::reuse::FrameKey;
use super::sweep::Opened;
use crate::model::StackId;
use rustc_hash::FxHashMap;

const NONE: u32 = u32::MAX;
/// `Shape::code` of a stack node with several frames (they are `NodeTable::frames`).
const MANY: u32 = u32::MAX - 1;
/// Shapes kept: a change of frame filter and back costs nothing the second time.
const KEPT_SHAPES: usize = 2;

/// What the top table's aggregation depends on besides the values (see the module
/// documentation).
struct Shape {
    key: (FrameKey, Granularity, bool),
    nodes: NodeTable,
    /// Per stack node: its one frame, [`MANY`], or [`NONE`] (it shows none).
    code: Vec<u32>,
    /// Per stack node: the last frame on the path through it ([`NONE`]: none yet).
    last: Vec<u32>,
    /// Frame occurrences that are not the first of their node on their path, as (stack
    /// node, frame position), ascending.
    repeats: Vec<(u32, u32)>,
    /// The first occurrences of each edge into a node that is inlined somewhere, on each
    /// path: (stack node, edge, whether the callee was inlined there), ascending.
    edge_uses: Vec<(u32, u32, bool)>,
    /// Each edge's (caller, callee).
    edges: Vec<(NodeId, NodeId)>,
}

/// The memory and tables the top table's aggregation keeps from one query to the next (see
/// the module documentation): the shape of the last frames seen, the samples in stack order,
/// and buffers. Held by a viewer's engine; the command line has no use for it.
#[derive(Default)]
pub struct TopScratch {
    /// The shapes of the last frames seen, most recently used last.
    shapes: Vec<Shape>,
    leaves: LeafOrder,
    /// (value, mean divisor) of each sample, in `leaves` order.
    values: Vec<(i64, i64)>,
    /// Subtree sums waiting for their parent: (stack node, Σ value, Σ divisor, crossed).
    pending: Vec<(u32, i64, i64, bool)>,
}

impl std::fmt::Debug for TopScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopScratch")
            .field("shapes", &self.shapes.len())
            .finish()
    }
}

impl Shape {
    /// The shape of `prepared`'s frames at `granularity` (see the module documentation).
    fn new(prepared: &Prepared, key: (FrameKey, Granularity, bool)) -> Self {
        let nodes = NodeTable::new(prepared, key.1, key.2);
        let tree = &prepared.profile().stacks;
        let n = tree.len();
        let all_visible = !prepared.filtered().hides_nodes();
        let mut shape = Shape {
            key,
            nodes,
            code: Vec::with_capacity(n),
            last: Vec::with_capacity(n),
            repeats: Vec::new(),
            edge_uses: Vec::new(),
            edges: Vec::new(),
        };
        let nodes = &shape.nodes;
        let mut opened = vec![Opened::NEVER; nodes.len()];
        let mut edge_index: FxHashMap<u64, u32> = FxHashMap::default();
        let mut edge_opened: Vec<Opened> = Vec::new();
        // The path: (stack node, end of its subtree); the last frame per node is `last`.
        let mut path: Vec<(u32, u32)> = Vec::new();
        for s in 0..n {
            let id = StackId::from_index(s);
            while path.last().is_some_and(|o| o.1 as usize <= s) {
                path.pop();
            }
            let depth = path.len() as u32;
            let s32 = s as u32;
            let mut last = path.last().map_or(NONE, |o| shape.last[o.0 as usize]);
            let frames = if all_visible || prepared.node_visible(id) {
                nodes.frames(tree.loc(id))
            } else {
                &[]
            };
            shape.code.push(match frames {
                [] => NONE,
                [one] => one.0,
                _ => MANY,
            });
            for (fi, &node) in frames.iter().enumerate() {
                let ni = node.index();
                if opened[ni].is_open(s32, &path) {
                    shape.repeats.push((s32, fi as u32));
                } else {
                    opened[ni] = Opened { node: s32, depth };
                }
                if nodes.maybe_inlined(node) && last != NONE && last != node.0 {
                    let key = (u64::from(last) << 32) | u64::from(node.0);
                    let next = shape.edges.len() as u32;
                    let e = *edge_index.entry(key).or_insert(next);
                    if e == next {
                        shape.edges.push((NodeId(last), node));
                        edge_opened.push(Opened::NEVER);
                    }
                    let eo = &mut edge_opened[e as usize];
                    if !eo.is_open(s32, &path) {
                        *eo = Opened { node: s32, depth };
                        shape.edge_uses.push((s32, e, fi != 0));
                    }
                }
                last = node.0;
            }
            shape.last.push(last);
            path.push((s32, tree.subtree_end(id).0));
        }
        shape
    }
}

impl TopScratch {
    /// The node table of `prepared` at `granularity` (kept from the last query when its
    /// frames are the same), and the aggregate of every node (see the module
    /// documentation).
    pub(crate) fn aggregate(
        &mut self,
        prepared: &Prepared,
        granularity: Granularity,
    ) -> (&NodeTable, Aggregate) {
        let key = (
            FrameKey::of(prepared),
            granularity,
            prepared.query().noinlines,
        );
        let shape = match self.shapes.iter().position(|s| s.key == key) {
            Some(i) => self.shapes.remove(i),
            None => {
                // The least recently used goes before the new one is made.
                if self.shapes.len() >= KEPT_SHAPES {
                    self.shapes.remove(0);
                }
                Shape::new(prepared, key)
            }
        };
        self.leaves.update(prepared);
        let agg = sums(
            prepared,
            &shape,
            &self.leaves,
            &mut self.values,
            &mut self.pending,
        );
        self.shapes.push(shape);
        let last = self.shapes.len() - 1;
        (&self.shapes[last].nodes, agg)
    }
}

/// The backward pass (see the module documentation).
fn sums(
    prepared: &Prepared,
    shape: &Shape,
    leaves: &LeafOrder,
    values: &mut Vec<(i64, i64)>,
    pending: &mut Vec<(u32, i64, i64, bool)>,
) -> Aggregate {
    let profile = prepared.profile();
    let value = prepared.value();
    let filtered = prepared.filtered();
    values.clear();
    values.resize(leaves.samples.len(), (0, 0));
    for (i, &at) in leaves.position.iter().enumerate() {
        if filtered.keeps(i) {
            if let Some(slot) = values.get_mut(at as usize) {
                *slot = value.weigh(&profile.samples, i);
            }
        }
    }
    let nodes = &shape.nodes;
    let n_nodes = nodes.len();
    let mut out = Aggregate::empty(n_nodes);
    // Per edge: (weight, inline, crossed by a sample).
    let mut edges: Vec<(i64, bool, bool)> = vec![(0, true, false); shape.edges.len()];
    let tree = &profile.stacks;
    let locs = tree.locs();
    let (mut j, mut r, mut u) = (values.len(), shape.repeats.len(), shape.edge_uses.len());
    pending.clear();
    for s in (0..tree.len()).rev() {
        let id = StackId::from_index(s);
        let (mut w, mut dw, mut crossed) = (0i64, 0i64, false);
        while j > 0 && leaves.leaves[j - 1] as usize == s {
            j -= 1;
            let (v, d) = values[j];
            w = w.wrapping_add(v);
            dw = dw.wrapping_add(d);
            crossed |= v != 0 || d != 0;
        }
        let last = shape.last[s];
        if last != NONE {
            let li = last as usize;
            out.flat[li] = out.flat[li].wrapping_add(w);
            out.flat_div[li] = out.flat_div[li].wrapping_add(dw);
        }
        let end = tree.subtree_end(id).0;
        while let Some(&(_, cw, cdw, cc)) = pending.last().filter(|p| p.0 < end) {
            w = w.wrapping_add(cw);
            dw = dw.wrapping_add(cdw);
            crossed |= cc;
            pending.pop();
        }
        let mut count = |fi: usize, node: NodeId| {
            let s32 = s as u32;
            while r > 0 && shape.repeats[r - 1] > (s32, fi as u32) {
                r -= 1;
            }
            if r > 0 && shape.repeats[r - 1] == (s32, fi as u32) {
                r -= 1;
                return;
            }
            let ni = node.index();
            out.cum[ni] = out.cum[ni].wrapping_add(w);
            out.cum_div[ni] = out.cum_div[ni].wrapping_add(dw);
        };
        match shape.code[s] {
            NONE => {}
            MANY => {
                for (fi, &node) in nodes.frames(locs[s]).iter().enumerate().rev() {
                    count(fi, node);
                }
            }
            one => count(0, NodeId(one)),
        }
        while u > 0 && shape.edge_uses[u - 1].0 as usize == s {
            u -= 1;
            let (_, e, inline) = shape.edge_uses[u];
            if crossed {
                let edge = &mut edges[e as usize];
                edge.0 = edge.0.wrapping_add(w);
                edge.1 &= inline;
                edge.2 = true;
            }
        }
        if crossed || w != 0 || dw != 0 {
            pending.push((s as u32, w, dw, crossed));
        }
    }
    out.edges = shape
        .edges
        .iter()
        .zip(&edges)
        .filter(|(_, e)| e.2)
        .map(|(&(from, to), &(weight, inline, _))| Edge {
            from,
            to,
            weight,
            inline,
        })
        .collect();
    out
}
