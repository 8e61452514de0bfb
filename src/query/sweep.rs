//! pprof's `graph.newGraph` numbers (flat, cum, edges) in one pre-order sweep of the stack
//! tree: the fast form of [`aggregate`](super::graph::aggregate), with identical results.
//!
//! Consumes a prepared query's subtree sums ([`SubtreeSums`]), a [`NodeTable`] and an
//! optional kept-node mask; produces an [`Aggregate`]. The rules are `aggregate`'s (see
//! `graph.rs`); what changes is how "is this node already on the path?" is answered. Instead
//! of an open count per node, undone when the path closes, each report node (and edge)
//! remembers the stack-tree node where it was last opened and that node's depth on the path:
//! it is open exactly when the path still holds that node at that depth. Nothing is undone,
//! subtrees that no sample crosses are skipped whole, and a stack node's own weight is never
//! stored: flat gets the subtree sum at the node and loses it again at the parent, which adds
//! up to the node's own samples (wrapping arithmetic is exact modulo 2⁶⁴, so the sums are
//! bit-for-bit those of `aggregate`). The weights take one value per stack-tree node (plus
//! the mean divisor in mean mode, and a flag) instead of `TreeWeights`' five.

use super::graph::{Aggregate, Edge, EdgeSet};
use super::nodes::{NodeId, NodeTable};
use super::prepared::Prepared;
use crate::model::{LocId, StackId};
use rustc_hash::FxHashMap;

const NONE: u32 = u32::MAX;

/// Per stack-tree node sums of one value selection over the samples a query keeps, each
/// counted at the node where its stack ends after the filters.
#[derive(Clone, Debug)]
pub struct SubtreeSums {
    /// Σ value over the subtree.
    sub_w: Vec<i64>,
    /// Σ mean divisor over the subtree (empty unless the value is a mean).
    sub_dw: Vec<i64>,
    /// Whether a sample with a non-zero value or divisor ends in the subtree, one bit per
    /// node (a bool per node would be 8 MB on a big profile, at the load's peak).
    crossed: Vec<u64>,
}

impl SubtreeSums {
    /// Sums the samples `prepared` keeps (pprof skips a sample whose value and divisor are
    /// both zero; so does `crossed`).
    pub fn new(prepared: &Prepared) -> Self {
        Self::new_in(prepared, None)
    }

    /// The sums over the kept samples `only` also selects (all when `None`; indexed by
    /// sample): the graph of just those samples.
    pub fn new_in(prepared: &Prepared, only: Option<&[bool]>) -> Self {
        let profile = prepared.profile();
        let value = prepared.value();
        let n = profile.stacks.len();
        let mut sub_w = vec![0i64; n];
        let mut sub_dw = if value.mean {
            vec![0i64; n]
        } else {
            Vec::new()
        };
        let mut crossed = vec![0u64; n.div_ceil(64)];
        prepared.for_each_weighed_in(only, |s, w, dw| {
            sub_w[s] = sub_w[s].wrapping_add(w);
            if let Some(d) = sub_dw.get_mut(s) {
                *d = d.wrapping_add(dw);
            }
            set_bit(&mut crossed, s);
        });
        let parents = profile.stacks.parents_raw();
        for s in (0..n).rev() {
            let p = parents[s];
            if !bit(&crossed, s) || p == NONE {
                continue;
            }
            let p = p as usize;
            sub_w[p] = sub_w[p].wrapping_add(sub_w[s]);
            if !sub_dw.is_empty() {
                sub_dw[p] = sub_dw[p].wrapping_add(sub_dw[s]);
            }
            set_bit(&mut crossed, p);
        }
        Self {
            sub_w,
            sub_dw,
            crossed,
        }
    }

    #[inline]
    fn dw(&self, s: usize) -> i64 {
        self.sub_dw.get(s).copied().unwrap_or(0)
    }
}

#[inline]
fn bit(bits: &[u64], i: usize) -> bool {
    bits[i / 64] >> (i % 64) & 1 != 0
}

#[inline]
fn set_bit(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

/// A stack-tree node on the current path.
struct Open {
    /// The node.
    node: u32,
    /// One past its subtree.
    end: u32,
    /// The last kept frame on the path through it (`NONE`: none yet).
    last: u32,
    /// Whether frames after `last` were trimmed (the samples ending here lose their flat).
    residual: bool,
}

/// An entry of a current path (root first) that names its stack node.
pub(super) trait PathEntry {
    /// The stack node of this entry.
    fn node(&self) -> u32;
}

impl PathEntry for Open {
    fn node(&self) -> u32 {
        self.node
    }
}

impl PathEntry for (u32, u32) {
    fn node(&self) -> u32 {
        self.0
    }
}

/// Where a report node or an edge was opened: the stack node and its depth on the path.
#[derive(Clone, Copy)]
pub(super) struct Opened {
    /// The stack node it was opened at.
    pub(super) node: u32,
    /// That node's depth on the path.
    pub(super) depth: u32,
}

impl Opened {
    /// Never opened.
    pub(super) const NEVER: Self = Self {
        node: NONE,
        depth: 0,
    };

    /// Whether it is still open at stack node `s`, whose parent path is `path`.
    #[inline]
    pub(super) fn is_open<P: PathEntry>(self, s: u32, path: &[P]) -> bool {
        self.node == s
            || path
                .get(self.depth as usize)
                .is_some_and(|o| o.node() == self.node)
    }
}

/// Per report node while sweeping: its cum so far and where it was opened.
#[derive(Clone, Copy)]
struct NodeState {
    cum: i64,
    opened: Opened,
}

/// Per edge while sweeping.
#[derive(Clone, Copy)]
struct EdgeState {
    weight: i64,
    inline: bool,
    opened: Opened,
}

/// `single[loc]` of a location with several frames.
const MANY: u32 = u32::MAX - 1;

/// The sweep's state and tables (see [`sweep`]).
struct Sweep<'a> {
    nodes: &'a NodeTable,
    kept: Option<&'a [bool]>,
    edges: EdgeSet,
    state: Vec<NodeState>,
    flat: Vec<i64>,
    /// `cum_div` and `flat_div`, in mean mode only.
    div: Option<(Vec<i64>, Vec<i64>)>,
    edge_index: FxHashMap<u64, u32>,
    /// The edges found, in order, and their sums.
    found: Vec<(NodeId, NodeId)>,
    edge_state: Vec<EdgeState>,
    /// Per report node: the last edge into it looked up, (from, edge): most lookups repeat.
    last_edge: Vec<(u32, u32)>,
}

impl Sweep<'_> {
    /// One frame `node`, at position `fi` of stack node `s`'s location (path depth `depth`
    /// below `path`), reached after frame `last`. Returns (last, residual) after it.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn frame(
        &mut self,
        node: NodeId,
        fi: usize,
        s: u32,
        depth: u32,
        path: &[Open],
        last: u32,
        (w, dw): (i64, i64),
    ) -> (u32, bool) {
        let ni = node.index();
        if self.kept.is_some_and(|k| !k[ni]) {
            return (last, true);
        }
        let st = &mut self.state[ni];
        if !st.opened.is_open(s, path) {
            st.cum = st.cum.wrapping_add(w);
            st.opened = Opened { node: s, depth };
            if let Some((cum_div, _)) = &mut self.div {
                cum_div[ni] = cum_div[ni].wrapping_add(dw);
            }
        }
        let track = match self.edges {
            EdgeSet::None => false,
            EdgeSet::IntoInlined => self.nodes.maybe_inlined(node),
            EdgeSet::All => true,
        };
        if track && last != NONE && last != node.0 {
            let e = match self.last_edge[ni] {
                (from, e) if from == last => e,
                _ => {
                    let key = (u64::from(last) << 32) | u64::from(node.0);
                    let next = self.found.len() as u32;
                    let e = *self.edge_index.entry(key).or_insert(next);
                    if e == next {
                        self.found.push((NodeId(last), node));
                        self.edge_state.push(EdgeState {
                            weight: 0,
                            inline: fi != 0,
                            opened: Opened::NEVER,
                        });
                    }
                    self.last_edge[ni] = (last, e);
                    e
                }
            };
            let edge = &mut self.edge_state[e as usize];
            if !edge.opened.is_open(s, path) {
                edge.weight = edge.weight.wrapping_add(w);
                edge.inline &= fi != 0;
                edge.opened = Opened { node: s, depth };
            }
        }
        (node.0, false)
    }
}

/// [`aggregate`](super::graph::aggregate)'s result, computed by one sweep (see the module
/// documentation): the filtered tree over `nodes`, keeping only nodes with `kept[n]` (all
/// when `None`), and collecting the `edges` asked for.
pub fn sweep(
    prepared: &Prepared,
    sums: &SubtreeSums,
    nodes: &NodeTable,
    kept: Option<&[bool]>,
    edges: EdgeSet,
) -> Aggregate {
    let n_nodes = nodes.len();
    let mean = !sums.sub_dw.is_empty();
    let profile = prepared.profile();
    // Each location's one frame, so most stack nodes cost one lookup, not two.
    let single: Vec<u32> = (0..profile.locations.len())
        .map(|i| match nodes.frames(LocId::from_index(i)) {
            [] => NONE,
            [one] => one.0,
            _ => MANY,
        })
        .collect();
    let mut w = Sweep {
        nodes,
        kept,
        edges,
        state: vec![
            NodeState {
                cum: 0,
                opened: Opened::NEVER,
            };
            n_nodes
        ],
        flat: vec![0; n_nodes],
        div: mean.then(|| (vec![0; n_nodes], vec![0; n_nodes])),
        edge_index: FxHashMap::default(),
        found: Vec::new(),
        edge_state: Vec::new(),
        last_edge: vec![(NONE, NONE); n_nodes],
    };
    let mut path: Vec<Open> = Vec::new();
    let tree = &profile.stacks;
    let locs = tree.locs();
    let all_visible = !prepared.filtered().hides_nodes();
    let n = tree.len().min(sums.sub_w.len());
    let mut s = 0usize;
    while s < n {
        let id = StackId::from_index(s);
        let end = tree.subtree_end(id).0;
        if !bit(&sums.crossed, s) {
            // No sample crosses the subtree: it adds nothing to any number and no edge.
            s = end as usize;
            continue;
        }
        while path.last().is_some_and(|o| o.end as usize <= s) {
            path.pop();
        }
        let depth = path.len() as u32;
        let (parent_last, parent_residual) =
            path.last().map_or((NONE, false), |o| (o.last, o.residual));
        let (mut last, mut residual) = (parent_last, parent_residual);
        let sub = (sums.sub_w[s], if mean { sums.dw(s) } else { 0 });
        let s32 = s as u32;
        if all_visible || prepared.node_visible(id) {
            let loc = locs[s];
            match single[loc.index()] {
                NONE => {}
                MANY => {
                    for (fi, &node) in nodes.frames(loc).iter().enumerate() {
                        (last, residual) = w.frame(node, fi, s32, depth, &path, last, sub);
                    }
                }
                one => (last, residual) = w.frame(NodeId(one), 0, s32, depth, &path, last, sub),
            }
        }
        // Flat: the node's own samples are its subtree sum less its children's; each child
        // takes its sum back from the frame its samples would otherwise reach here.
        if last != NONE && !residual {
            let li = last as usize;
            w.flat[li] = w.flat[li].wrapping_add(sub.0);
            if let Some((_, flat_div)) = &mut w.div {
                flat_div[li] = flat_div[li].wrapping_add(sub.1);
            }
        }
        if parent_last != NONE && !parent_residual {
            let pi = parent_last as usize;
            w.flat[pi] = w.flat[pi].wrapping_sub(sub.0);
            if let Some((_, flat_div)) = &mut w.div {
                flat_div[pi] = flat_div[pi].wrapping_sub(sub.1);
            }
        }
        path.push(Open {
            node: s32,
            end,
            last,
            residual,
        });
        s += 1;
    }
    let (cum_div, flat_div) = w
        .div
        .unwrap_or_else(|| (vec![0; n_nodes], vec![0; n_nodes]));
    Aggregate {
        flat: w.flat,
        flat_div,
        cum: w.state.iter().map(|st| st.cum).collect(),
        cum_div,
        edges: w
            .found
            .iter()
            .zip(&w.edge_state)
            .map(|(&(from, to), st)| Edge {
                from,
                to,
                weight: st.weight,
                inline: st.inline,
            })
            .collect(),
    }
}
