//! The order and selection pprof's visual reports apply to the call graph: the entropy
//! order of nodes (`EntropyOrder`), the top nodes counted with their tags
//! (`selectTopNodes`), the edge order (`edgeList.Less`) and the removal of redundant
//! residual edges (`RemoveRedundantEdges`).

use super::build::{Built, EdgeSums};
use crate::query::nodes::{NodeId, NodeTable};
use crate::query::prepared::Prepared;
use std::cmp::Ordering;
use std::collections::VecDeque;

/// Most tags shown per node (pprof's `maxNodelets`).
pub const MAX_NODELETS: usize = 4;

/// pprof's `edgeEntropyScore`: the entropy of the edges' weights (and the node's own
/// `self_weight`), in bits.
fn edge_entropy(edges: &[&EdgeSums], self_weight: i64) -> f64 {
    let mut total = self_weight;
    for e in edges {
        if e.weight > 0 {
            total = total.wrapping_add(e.weight.wrapping_abs());
        }
    }
    let mut score = 0.0;
    if total != 0 {
        for e in edges {
            let frac = e.weight.wrapping_abs() as f64 / total as f64;
            score += -frac * frac.log2();
        }
        if self_weight > 0 {
            let frac = self_weight.wrapping_abs() as f64 / total as f64;
            score += -frac * frac.log2();
        }
    }
    score
}

/// Go's `int64(x)` on amd64: NaN and values out of range become `i64::MIN` (a negative
/// flat makes pprof's entropy NaN, and such nodes then sort last).
fn go_int64(x: f64) -> i64 {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if x.is_nan() || !(-LIMIT..LIMIT).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

/// Sorts the graph's nodes as pprof's `EntropyOrder`: by |entropy score| (favouring entry
/// and leaf nodes and those whose calls spread), then name, then |flat|, then identity.
pub(super) fn sort_entropy(g: &mut Built, nodes: &NodeTable, prepared: &Prepared) {
    let n = g.flat.len();
    let mut ins: Vec<Vec<&EdgeSums>> = vec![Vec::new(); n];
    let mut outs: Vec<Vec<&EdgeSums>> = vec![Vec::new(); n];
    for e in g.edges.iter().filter(|e| !e.removed) {
        ins[e.to.index()].push(e);
        outs[e.from.index()].push(e);
    }
    let mut score = vec![0i64; n];
    for &node in &g.present {
        let i = node.index();
        let mut s = 0.0;
        s += if ins[i].is_empty() {
            1.0
        } else {
            edge_entropy(&ins[i], 0)
        };
        s += if outs[i].is_empty() {
            1.0
        } else {
            edge_entropy(&outs[i], g.flat[i])
        };
        score[i] = go_int64(s * g.cum[i] as f64).wrapping_add(g.flat[i]);
    }
    let profile = prepared.profile();
    let (flat, table) = (&g.flat, &g.table);
    let names = |n: NodeId| nodes.name(table[n.index()]);
    g.present.sort_by(|&a, &b| {
        score[b.index()]
            .wrapping_abs()
            .cmp(&score[a.index()].wrapping_abs())
            .then_with(|| names(a).cmp(names(b)))
            .then_with(|| {
                flat[b.index()]
                    .wrapping_abs()
                    .cmp(&flat[a.index()].wrapping_abs())
            })
            .then_with(|| {
                let (ta, tb) = (table[a.index()], table[b.index()]);
                if ta == tb {
                    // A call tree's nodes of one function: pprof leaves them in map order.
                    a.cmp(&b)
                } else {
                    nodes
                        .go_sprint(ta, profile)
                        .cmp(&nodes.go_sprint(tb, profile))
                }
            })
    });
}

/// pprof's `selectTopNodes` in visual mode: the first nodes until they and their tags with
/// flat (at most [`MAX_NODELETS`] each) number `max_nodes`.
pub(super) fn select_top(g: &Built, max_nodes: usize) -> Vec<NodeId> {
    let mut max = max_nodes;
    let mut count = 0;
    for (i, n) in g.present.iter().enumerate() {
        let ni = n.index();
        let tags = g.label_tags[ni].values().filter(|t| t.flat != 0).count()
            + g.numeric_tags[ni].values().filter(|t| t.flat != 0).count();
        count += tags.min(MAX_NODELETS) + 1;
        if count >= max {
            max = i + 1;
            break;
        }
    }
    g.present[..max.min(g.present.len())].to_vec()
}

/// pprof's edge order: |weight| descending, then the caller's printable name, then the
/// callee's.
pub(super) fn edge_order(
    a: &EdgeSums,
    b: &EdgeSums,
    nodes: &NodeTable,
    table: &[NodeId],
) -> Ordering {
    let name = |n: NodeId| nodes.name(table[n.index()]);
    b.weight
        .wrapping_abs()
        .cmp(&a.weight.wrapping_abs())
        .then_with(|| name(a.from).cmp(name(b.from)))
        .then_with(|| name(a.to).cmp(name(b.to)))
}

/// pprof's `RemoveRedundantEdges`: from the last node to the first, its lightest incoming
/// edges while they are residual are removed when the callee is reachable from the caller
/// without them.
pub(super) fn remove_redundant_edges(g: &mut Built, nodes: &NodeTable) {
    let n = g.flat.len();
    let mut ins: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in g.edges.iter().enumerate() {
        if !e.removed {
            ins[e.to.index()].push(i);
        }
    }
    for list in &mut ins {
        list.sort_by(|&a, &b| edge_order(&g.edges[a], &g.edges[b], nodes, &g.table));
    }
    for k in (0..g.present.len()).rev() {
        let node = g.present[k].index();
        for j in (0..ins[node].len()).rev() {
            let e = ins[node][j];
            if g.edges[e].removed {
                continue;
            }
            if !g.edges[e].residual {
                break;
            }
            if redundant(g, &ins, e) {
                g.edges[e].removed = true;
            }
        }
    }
}

/// Whether the callee of edge `e` is reachable from its caller without `e`.
fn redundant(g: &Built, ins: &[Vec<usize>], e: usize) -> bool {
    let (src, dst) = (g.edges[e].from, g.edges[e].to);
    let mut seen = vec![false; g.flat.len()];
    seen[dst.index()] = true;
    let mut queue = VecDeque::from([dst]);
    while let Some(n) = queue.pop_front() {
        for &ie in &ins[n.index()] {
            let edge = &g.edges[ie];
            if ie == e || edge.removed || seen[edge.from.index()] {
                continue;
            }
            if edge.from == src {
                return true;
            }
            seen[edge.from.index()] = true;
            queue.push_back(edge.from);
        }
    }
    false
}
