//! The top table: nodes with flat and cum, trimmed and sorted as pprof's text report.
//!
//! Consumes a [`Prepared`] query; produces a [`TopTable`] of raw numbers (formatting is
//! `report::top`'s job). The total is the prepared one; the graph covers only what the
//! query's filters keep. Follows pprof's `newTrimmedGraph` + `TextItems`: drop nodes
//! whose |cum| is under `node_fraction` of Σ flat, keep the first `node_count` after
//! sorting, rebuild from the samples after each step (so dropped leaves lose their flat),
//! and label nodes reached only through inlined calls. Each graph is one sweep of the stack
//! tree (`sweep.rs`, pprof's `newGraph`); with a [`TopScratch`], the first one (every node)
//! comes from the shape the last query's frames left (`top_shape.rs`).

use super::graph::{Aggregate, EdgeSet};
use super::nodes::{Granularity, NodeId, NodeTable};
use super::prepared::Prepared;
use super::sweep::{sweep, SubtreeSums};
use super::top_shape::TopScratch;
use crate::error::QueryError;
use crate::model::Profile;
use std::cmp::Ordering;

/// Trimming and sorting options of the top table (pprof's names in parentheses).
#[derive(Clone, Debug, PartialEq)]
pub struct TopOptions {
    /// Keep at most this many nodes; 0 keeps all (`-nodecount`).
    pub node_count: usize,
    /// Drop nodes with |cum| below this fraction of the graph's Σ flat (`-nodefraction`).
    pub node_fraction: f64,
    /// Drop edges below this fraction; affects only inline labels here (`-edgefraction`).
    pub edge_fraction: f64,
    /// Sort by cum instead of flat (`-cum`).
    pub cum_sort: bool,
}

impl Default for TopOptions {
    /// pprof's defaults for `-top`: all nodes, 0.5 % node fraction, 0.1 % edge fraction.
    fn default() -> Self {
        Self {
            node_count: 0,
            node_fraction: 0.005,
            edge_fraction: 0.001,
            cum_sort: false,
        }
    }
}

/// How a node is reached from its callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlineKind {
    /// Through at least one real call (or no caller at all).
    Called,
    /// Only through inlined calls: pprof prints `(inline)`.
    Inline,
    /// Through both: pprof prints `(partial-inline)`.
    PartialInline,
}

/// One row of the top table.
#[derive(Clone, Debug, PartialEq)]
pub struct TopRow {
    /// The node.
    pub node: NodeId,
    /// Its printable name.
    pub name: String,
    /// What a filter on this row names: its function name, else its file, else its printable
    /// name (the page's "Focus on" uses `^target$`).
    pub target: String,
    /// Flat value (mean-divided in mean mode).
    pub flat: i64,
    /// Cum value (mean-divided in mean mode).
    pub cum: i64,
    /// How it is called.
    pub inline: InlineKind,
}

/// The result of [`top_table`].
#[derive(Clone, Debug, PartialEq)]
pub struct TopTable {
    /// Rows in display order.
    pub rows: Vec<TopRow>,
    /// The report total (percentages are relative to it).
    pub total: i64,
    /// Nodes dropped by the node fraction.
    pub dropped_nodes: usize,
    /// Nodes left after the node fraction (before `node_count`).
    pub nodes_before_count: usize,
}

impl TopTable {
    /// Σ flat over the shown rows ("Showing nodes accounting for …").
    pub fn flat_sum(&self) -> i64 {
        self.rows.iter().fold(0i64, |a, r| a.wrapping_add(r.flat))
    }
}

/// Computes the top table of a prepared query (at its granularity, `functions` by default).
pub fn top_table(prepared: &Prepared, options: &TopOptions) -> Result<TopTable, QueryError> {
    check(options)?;
    let granularity = prepared.query().granularity_or(Granularity::Functions);
    let nodes = NodeTable::new(prepared, granularity, prepared.query().noinlines);
    let weights = SubtreeSums::new(prepared);
    // Every pass collects the edges that decide inline labels (cheap: only edges into
    // inlinable nodes), so whichever pass builds the final graph already has them.
    let agg = sweep(prepared, &weights, &nodes, None, EdgeSet::IntoInlined);
    Ok(finish(prepared, options, &nodes, agg, Some(weights)))
}

/// [`top_table`] with `scratch`, which keeps what the frames decide from one query to the
/// next: after a change of sample type or sample filter, the graph takes one pass over the
/// stack tree (see [`TopScratch`]). The table is the same.
pub fn top_table_in(
    prepared: &Prepared,
    options: &TopOptions,
    scratch: &mut TopScratch,
) -> Result<TopTable, QueryError> {
    check(options)?;
    let granularity = prepared.query().granularity_or(Granularity::Functions);
    let (nodes, agg) = scratch.aggregate(prepared, granularity);
    Ok(finish(prepared, options, nodes, agg, None))
}

fn check(options: &TopOptions) -> Result<(), QueryError> {
    let bad = |f: f64| f.is_nan() || f < 0.0;
    if bad(options.node_fraction) || bad(options.edge_fraction) {
        return Err(QueryError::BadOption(
            "node and edge fractions must be non-negative numbers".to_string(),
        ));
    }
    Ok(())
}

/// pprof's trimming and sorting from the graph of every node (`agg`); `weights`, when
/// trimming rebuilds the graph, made when first needed.
fn finish(
    prepared: &Prepared,
    options: &TopOptions,
    nodes: &NodeTable,
    mut agg: Aggregate,
    mut weights: Option<SubtreeSums>,
) -> TopTable {
    let profile = prepared.profile();
    let total = prepared.total();
    let drop_negative = prepared.query().drop_negative;
    let edges = EdgeSet::IntoInlined;
    let mut again = |kept: &[bool]| {
        let w = weights.get_or_insert_with(|| SubtreeSums::new(prepared));
        sweep(prepared, w, nodes, Some(kept), edges)
    };
    let mut present: Vec<NodeId> = present_nodes(&agg, nodes, None, drop_negative);
    let total_value = present
        .iter()
        .fold(0i64, |a, n| a.wrapping_add(agg.flat[n.index()]));
    let node_cutoff = cutoff(total_value, options.node_fraction);
    let edge_cutoff = cutoff(total_value, options.edge_fraction);

    let mut dropped_nodes = 0;
    if node_cutoff > 0 {
        let keep: Vec<NodeId> = present
            .iter()
            .copied()
            .filter(|n| agg.cum[n.index()].wrapping_abs() >= node_cutoff)
            .collect();
        if keep.len() != present.len() {
            dropped_nodes = present.len() - keep.len();
            let mask = mask_of(&keep, nodes.len());
            agg = again(&mask);
            present = present_nodes(&agg, nodes, Some(&mask), drop_negative);
        }
    }
    let nodes_before_count = present.len();
    sort_nodes(&mut present, &agg, nodes, profile, options.cum_sort);
    if options.node_count > 0 && options.node_count < present.len() {
        present.truncate(options.node_count);
        let mask = mask_of(&present, nodes.len());
        agg = again(&mask);
        present = present_nodes(&agg, nodes, Some(&mask), drop_negative);
        sort_nodes(&mut present, &agg, nodes, profile, options.cum_sort);
    }
    let inline = inline_kinds(&agg, edge_cutoff, nodes.len());

    let rows = present
        .iter()
        .map(|&n| TopRow {
            node: n,
            name: nodes.name(n).to_string(),
            target: refine_target(profile, nodes, n),
            flat: agg.flat_value(n),
            cum: agg.cum_value(n),
            inline: inline[n.index()],
        })
        .collect();
    TopTable {
        rows,
        total,
        dropped_nodes,
        nodes_before_count,
    }
}

/// What a filter on node `n` names: its function, else its file, else its printable name.
fn refine_target(profile: &Profile, nodes: &NodeTable, n: NodeId) -> String {
    let function = profile.str(nodes.info(n).name);
    if !function.is_empty() {
        return function.to_string();
    }
    match nodes.file(n) {
        "" => nodes.name(n).to_string(),
        file => file.to_string(),
    }
}

/// `|int64(float64(total) * fraction)|`, as pprof computes its cutoffs.
pub(super) fn cutoff(total: i64, fraction: f64) -> i64 {
    ((total as f64 * fraction) as i64).wrapping_abs()
}

/// A mask over `len` nodes with `nodes` set.
pub(super) fn mask_of(nodes: &[NodeId], len: usize) -> Vec<bool> {
    let mut mask = vec![false; len];
    for n in nodes {
        mask[n.index()] = true;
    }
    mask
}

/// pprof's `selectNodesForGraph`: nodes with a value, without the negative ones under
/// `-drop_negative` (flat below zero, or no flat and cum below zero).
pub(super) fn present_nodes(
    agg: &Aggregate,
    nodes: &NodeTable,
    kept: Option<&[bool]>,
    drop_negative: bool,
) -> Vec<NodeId> {
    let negative = |n: NodeId| {
        let (flat, cum) = (agg.flat[n.index()], agg.cum[n.index()]);
        flat < 0 || (flat == 0 && cum < 0)
    };
    (0..nodes.len() as u32)
        .map(NodeId)
        .filter(|n| kept.is_none_or(|k| k[n.index()]) && agg.present(*n))
        .filter(|&n| !(drop_negative && negative(n)))
        .collect()
}

/// pprof's `FlatNameOrder` / `CumNameOrder` on raw (not mean-divided) sums.
pub(super) fn sort_nodes(
    list: &mut [NodeId],
    agg: &Aggregate,
    nodes: &NodeTable,
    profile: &Profile,
    cum: bool,
) {
    let flat = |n: &NodeId| agg.flat[n.index()].wrapping_abs();
    let cumv = |n: &NodeId| agg.cum[n.index()].wrapping_abs();
    list.sort_by(|a, b| {
        let primary = if cum {
            cumv(b).cmp(&cumv(a))
        } else {
            flat(b).cmp(&flat(a))
        };
        primary
            .then_with(|| nodes.name(*a).cmp(nodes.name(*b)))
            .then_with(|| {
                if cum {
                    flat(b).cmp(&flat(a))
                } else {
                    cumv(b).cmp(&cumv(a))
                }
            })
            .then_with(|| tie_break(*a, *b, nodes, profile))
    });
}

fn tie_break(a: NodeId, b: NodeId, nodes: &NodeTable, profile: &Profile) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    nodes
        .go_sprint(a, profile)
        .cmp(&nodes.go_sprint(b, profile))
}

/// Inline label per node from its incoming edges at or above the edge cutoff.
fn inline_kinds(agg: &Aggregate, edge_cutoff: i64, n_nodes: usize) -> Vec<InlineKind> {
    let mut inline = vec![false; n_nodes];
    let mut called = vec![false; n_nodes];
    for e in &agg.edges {
        if e.weight.wrapping_abs() < edge_cutoff {
            continue;
        }
        if e.inline {
            inline[e.to.index()] = true;
        } else {
            called[e.to.index()] = true;
        }
    }
    (0..n_nodes)
        .map(|i| match (inline[i], called[i]) {
            (true, true) => InlineKind::PartialInline,
            (true, false) => InlineKind::Inline,
            _ => InlineKind::Called,
        })
        .collect()
}
