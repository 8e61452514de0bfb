//! pprof's `-peek` numbers: the nodes a regex names, each with its flat and cum and its
//! direct callers and callees (the edges of pprof's call graph) with their values.
//!
//! Consumes a [`Prepared`] query, a granularity and a selection of nodes (a regex on the
//! printable name for `peek`); produces a [`Peek`], raw numbers that `report::peek_text`
//! prints as `go tool pprof -peek` does and a page can show as they are. pprof's peek is its
//! tree report (`printTree`) without any trimming (`-nodecount`, `-nodefraction` and
//! `-edgefraction` do not apply), restricted to the matching nodes of the whole graph:
//!
//! * the nodes are the graph's (`newGraph`: flat or cum non-zero, not negative under
//!   `-drop_negative`), in its order (`-flat` or `-cum`, then name), and a node's flat and
//!   cum are its graph values (divided in mean mode);
//! * its callers and callees are the graph's edges into and out of it, each counted once per
//!   sample however often the call recurs on its path, ordered by |value| then name; an edge
//!   value is never divided by the mean divisor (pprof prints the raw edge weight);
//! * the legend's "Showing nodes accounting for" sums the flat of every node, matched or not.
//!
//! Every edge of a matched node lies on a sample through it, so the edges come from a
//! second graph of just those samples (the node's [`Pivot`], shared with the callers view).

use super::graph::{Aggregate, Edge, EdgeSet};
use super::nodes::{Granularity, NodeId, NodeTable};
use super::pivot::Pivot;
use super::prepared::Prepared;
use super::sweep::{sweep, SubtreeSums};
use super::top::{present_nodes, sort_nodes};
use regex::Regex;
use std::cmp::Ordering;

/// One caller or callee of a peeked node: an edge of pprof's call graph.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeekLink {
    /// The other node's printable name (the caller's, or the callee's).
    pub name: String,
    /// Σ value of the samples making this call, each sample once; not divided in mean mode.
    pub value: i64,
    /// Whether every one of those calls was inlined (pprof prints ` (inline)`).
    pub inline: bool,
}

/// One node the selection matched, with its callers and callees.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeekEntry {
    /// The node's printable name.
    pub name: String,
    /// Flat value (divided in mean mode).
    pub flat: i64,
    /// Cum value (divided in mean mode); callers' and callees' percentages are of it.
    pub cum: i64,
    /// Who calls it, heaviest first (|value|, then name).
    pub callers: Vec<PeekLink>,
    /// What it calls, heaviest first (|value|, then name).
    pub callees: Vec<PeekLink>,
}

/// The result of [`peek`]: the matched nodes in pprof's order and what the legend needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Peek {
    /// The matched nodes of the graph, sorted as pprof sorts the graph (`-flat`/`-cum`).
    pub entries: Vec<PeekEntry>,
    /// The report total (percentages of flat and cum are relative to it).
    pub total: i64,
    /// Σ flat over every node of the graph, matched or not ("Showing nodes accounting for").
    pub graph_flat: i64,
    /// Number of nodes in the graph, matched or not.
    pub graph_nodes: usize,
    /// The smallest non-zero |flat| over the graph's nodes (|cum| for a node without flat),
    /// 0 when there is none: what pprof's `minimum` output unit is chosen from.
    pub smallest: i64,
}

/// `go tool pprof -peek REGEX`'s numbers: the graph's nodes whose printable name `regex`
/// matches (anywhere in the name, as Go's `MatchString`), at `granularity`, sorted by cum
/// when `cum_sort` (pprof's `-cum`), else by flat.
pub fn peek(prepared: &Prepared, granularity: Granularity, regex: &Regex, cum_sort: bool) -> Peek {
    peek_selected(
        prepared,
        granularity,
        |nodes, n| regex.is_match(nodes.name(n)),
        cum_sort,
    )
}

/// [`peek`] for the nodes `select(nodes, node)` picks (a page can select one function by
/// name instead of by regex).
pub fn peek_selected(
    prepared: &Prepared,
    granularity: Granularity,
    select: impl Fn(&NodeTable, NodeId) -> bool,
    cum_sort: bool,
) -> Peek {
    let profile = prepared.profile();
    let pivot = Pivot::new(prepared, granularity, select);
    let nodes = &pivot.nodes;
    let drop_negative = prepared.query().drop_negative;
    let graph = sweep(
        prepared,
        &SubtreeSums::new(prepared),
        nodes,
        None,
        EdgeSet::None,
    );
    let present = present_nodes(&graph, nodes, None, drop_negative);
    let mut out = Peek {
        total: prepared.total(),
        graph_nodes: present.len(),
        ..Peek::default()
    };
    for &n in &present {
        let flat = graph.flat_value(n);
        out.graph_flat = out.graph_flat.wrapping_add(flat);
        let mut v = flat.wrapping_abs();
        if v == 0 {
            v = graph.cum_value(n).wrapping_abs();
        }
        if v > 0 && (out.smallest == 0 || v < out.smallest) {
            out.smallest = v;
        }
    }
    let mut matched: Vec<NodeId> = present
        .into_iter()
        .filter(|n| pivot.selected[n.index()])
        .collect();
    if matched.is_empty() {
        return out;
    }
    sort_nodes(&mut matched, &graph, nodes, profile, cum_sort);
    let within = SubtreeSums::new_in(prepared, Some(&pivot.samples));
    let local = sweep(prepared, &within, nodes, None, EdgeSet::All);
    out.entries = entries(&matched, &graph, &local, &pivot);
    out
}

/// The entries of the `matched` nodes: values from the whole `graph`, edges from `local`
/// (the graph of the samples through them, which holds every edge touching them).
fn entries(
    matched: &[NodeId],
    graph: &Aggregate,
    local: &Aggregate,
    pivot: &Pivot,
) -> Vec<PeekEntry> {
    let nodes = &pivot.nodes;
    let mut callers: Vec<Vec<&Edge>> = vec![Vec::new(); nodes.len()];
    let mut callees: Vec<Vec<&Edge>> = vec![Vec::new(); nodes.len()];
    for e in &local.edges {
        if pivot.selected[e.to.index()] {
            callers[e.to.index()].push(e);
        }
        if pivot.selected[e.from.index()] {
            callees[e.from.index()].push(e);
        }
    }
    let links = |edges: &mut Vec<&Edge>, other: fn(&Edge) -> NodeId| -> Vec<PeekLink> {
        edges.sort_by(|a, b| edge_order(a, b, nodes, other));
        edges
            .iter()
            .map(|e| PeekLink {
                name: nodes.name(other(e)).to_string(),
                value: e.weight,
                inline: e.inline,
            })
            .collect()
    };
    matched
        .iter()
        .map(|&n| PeekEntry {
            name: nodes.name(n).to_string(),
            flat: graph.flat_value(n),
            cum: graph.cum_value(n),
            callers: links(&mut callers[n.index()], |e| e.from),
            callees: links(&mut callees[n.index()], |e| e.to),
        })
        .collect()
}

/// pprof's edge order (`edgeList.Less`): |weight| descending, then the caller's name, then
/// the callee's (of which one is the peeked node, so the other decides). Edges pprof leaves
/// in map order (equal names, or weights of opposite signs and equal names) go by node.
fn edge_order(a: &Edge, b: &Edge, nodes: &NodeTable, other: fn(&Edge) -> NodeId) -> Ordering {
    b.weight
        .wrapping_abs()
        .cmp(&a.weight.wrapping_abs())
        .then_with(|| nodes.name(a.from).cmp(nodes.name(b.from)))
        .then_with(|| nodes.name(a.to).cmp(nodes.name(b.to)))
        .then_with(|| other(a).cmp(&other(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::from_folded;
    use crate::query::{compile_go_regex, Sandwich};
    use std::sync::Arc;

    fn prepared(folded: &str) -> Prepared {
        let b = from_folded(folded, &[("cpu", "nanoseconds")]).expect("folded");
        Prepared::unfiltered(&Arc::new(b.build_profile())).expect("query")
    }

    fn peek_of(p: &Prepared, re: &str) -> Peek {
        let re = compile_go_regex(re).expect("regex");
        peek(p, Granularity::Functions, &re, false)
    }

    fn links(l: &[PeekLink]) -> Vec<(&str, i64)> {
        l.iter().map(|l| (l.name.as_str(), l.value)).collect()
    }

    #[test]
    fn edges_count_each_sample_once_and_skip_self_calls() {
        let p = prepared("main;a;b;a;c 20\nmain;a 10\nmain;b;a 10\nmain;a;a;d 5");
        let found = peek_of(&p, "^a$");
        assert_eq!(found.total, 45);
        assert_eq!(found.graph_flat, 45);
        let [a] = &found.entries[..] else {
            panic!("one entry: {found:?}")
        };
        assert_eq!((a.flat, a.cum), (20, 45));
        assert_eq!(links(&a.callers), [("main", 35), ("b", 30)]);
        assert_eq!(links(&a.callees), [("b", 20), ("c", 20), ("d", 5)]);
    }

    #[test]
    fn without_recursion_the_callers_view_has_the_same_first_level() {
        let folded = "main;x;f;g 7\nmain;y;f 3\nmain;y;f;h 2\nmain;g 4";
        let p = prepared(folded);
        let found = peek_of(&p, "^f$");
        let s = Sandwich::of_profile(&p, Granularity::Functions, "f", usize::MAX);
        let first = |t: &crate::query::CallTree| -> Vec<(String, i64)> {
            let mut v: Vec<(String, i64)> = t
                .children(0)
                .map(|c| (t.name(c).to_string(), t.total[c as usize]))
                .collect();
            v.sort();
            v
        };
        let sorted = |l: &[PeekLink]| -> Vec<(String, i64)> {
            let mut v: Vec<(String, i64)> = l.iter().map(|l| (l.name.clone(), l.value)).collect();
            v.sort();
            v
        };
        let [f] = &found.entries[..] else {
            panic!("one entry: {found:?}")
        };
        assert_eq!(sorted(&f.callers), first(&s.callers));
        assert_eq!(sorted(&f.callees), first(&s.callees));
        assert_eq!(f.cum, s.callees.total[0]);
    }

    #[test]
    fn nothing_matched_keeps_the_graph_numbers() {
        let p = prepared("main;a 3\nmain;b 1");
        let found = peek_of(&p, "zzz");
        assert!(found.entries.is_empty());
        assert_eq!(
            (found.graph_nodes, found.graph_flat, found.smallest),
            (3, 4, 1)
        );
    }
}
