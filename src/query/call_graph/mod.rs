//! pprof's call graph as its visual reports draw it (`newTrimmedGraph` in visual mode): the
//! nodes and edges left after every filter and every trimming step, in pprof's order.
//!
//! Consumes a [`Prepared`] query, a granularity and [`GraphOptions`]; produces a
//! [`CallGraph`] of raw numbers (formatting is `report::dot_text`'s job). The steps, each
//! rebuilding the graph's edges when it drops nodes (so dropped frames leave residual edges
//! and take flat with them, PPROF-SEMANTICS §2.6; the kept nodes' sums and tags stay):
//!
//! 1. drop nodes whose |cum| is under `node_fraction` of Σ flat ("Dropped N nodes");
//! 2. sort by entropy (`order.rs`), then with a `node_count`: trim tags and edges, keep the
//!    first nodes until nodes plus their tags (at most 4 each) reach `node_count`;
//! 3. drop tags and edges under their cutoffs ("Dropped N edges"), then residual edges
//!    whose callee is reachable another way.

mod build;
mod edges;
mod leaves;
mod order;
mod tags;
mod tree;
mod walk;

use super::nodes::{Granularity, NodeId, NodeInfo, NodeTable};
use super::prepared::Prepared;
use super::top::{cutoff, mask_of};
use crate::error::QueryError;
use build::{build, rebuild, Built, TagSums};

/// The trimming options of the call graph (pprof's flags in parentheses).
#[derive(Clone, Debug, PartialEq)]
pub struct GraphOptions {
    /// Keep about this many nodes, tags counted; 0 keeps all (`-nodecount`, 80 for `-dot`).
    pub node_count: usize,
    /// Drop nodes with |cum| below this fraction of Σ flat (`-nodefraction`).
    pub node_fraction: f64,
    /// Drop edges (and tags) below this fraction of Σ flat (`-edgefraction`).
    pub edge_fraction: f64,
    /// The unit numeric tags are named in (`-unit` as given: `minimum` names each alone).
    pub tag_unit: String,
    /// pprof's call tree instead of the call graph (`-call_tree`): a node per call path.
    pub call_tree: bool,
}

impl Default for GraphOptions {
    /// pprof's defaults for `-dot`: 80 nodes, 0.5 % node fraction, 0.1 % edge fraction.
    fn default() -> Self {
        Self {
            node_count: 80,
            node_fraction: 0.005,
            edge_fraction: 0.001,
            tag_unit: "minimum".to_string(),
            call_tree: false,
        }
    }
}

/// A tag of a node (pprof's `graph.Tag`): a label string or a numeric label's value, with
/// the value of the samples carrying it through (cum) or ending at (flat) the node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// What it shows: `key:value` lines joined by `\n` (the two characters), or a number.
    pub name: String,
    /// The number's unit (empty for label strings).
    pub unit: String,
    /// The number (0 for label strings).
    pub value: i64,
    /// Σ value of the samples ending at the node.
    pub flat: i64,
    /// Σ mean divisor of those samples.
    pub flat_div: i64,
    /// Σ value of the samples through the node.
    pub cum: i64,
    /// Σ mean divisor of those samples.
    pub cum_div: i64,
}

impl Tag {
    /// pprof's `FlatValue`: flat, divided in mean mode.
    pub fn flat_value(&self) -> i64 {
        div(self.flat, self.flat_div)
    }

    /// pprof's `CumValue`: cum, divided in mean mode.
    pub fn cum_value(&self) -> i64 {
        div(self.cum, self.cum_div)
    }
}

/// A node of the call graph.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphNode {
    /// The node in the granularity's [`NodeTable`].
    pub id: NodeId,
    /// pprof's printable name (`PrintableName`).
    pub name: String,
    /// Function name, file (cleaned), line, address and mapping file: what the label is
    /// made of (pprof's `NodeInfo`).
    pub function: String,
    /// The node's source file (empty unless the granularity names files).
    pub file: String,
    /// Line number (0 unless `lines` or `addresses`).
    pub line: i64,
    /// Address (0 unless `addresses`).
    pub address: u64,
    /// Mapping file (only for nodes without a function name).
    pub objfile: String,
    /// Σ value of samples ending here.
    pub flat: i64,
    /// Σ mean divisor of those.
    pub flat_div: i64,
    /// Σ value of samples through here.
    pub cum: i64,
    /// Σ mean divisor of those.
    pub cum_div: i64,
    /// Label-string tags, in no particular order (the writer sorts them).
    pub label_tags: Vec<Tag>,
    /// Numeric tags grouped by the label string of their samples ("" for none).
    pub numeric_tags: Vec<(String, Vec<Tag>)>,
}

impl GraphNode {
    /// pprof's `FlatValue`: flat, divided in mean mode.
    pub fn flat_value(&self) -> i64 {
        div(self.flat, self.flat_div)
    }

    /// pprof's `CumValue`: cum, divided in mean mode.
    pub fn cum_value(&self) -> i64 {
        div(self.cum, self.cum_div)
    }
}

/// A caller→callee edge between nodes of the graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphEdge {
    /// The caller: an index into [`CallGraph::nodes`].
    pub from: usize,
    /// The callee: an index into [`CallGraph::nodes`]; `None` for a callee that is not in
    /// the graph though its edge is (its values summed to zero, or `-drop_negative` dropped
    /// it): pprof still draws that edge, to a node `N0` it never defines.
    pub to: Option<usize>,
    /// The callee's printable name (for a callee outside the graph too).
    pub callee_name: String,
    /// Σ value of the samples making the call, each once.
    pub weight: i64,
    /// Σ mean divisor of those.
    pub weight_div: i64,
    /// Every crossing was an inlined call (pprof draws `(inline)`).
    pub inline: bool,
    /// Dropped nodes lie between (pprof draws it dotted).
    pub residual: bool,
}

impl GraphEdge {
    /// pprof's `WeightValue`: the weight, divided in mean mode.
    pub fn weight_value(&self) -> i64 {
        div(self.weight, self.weight_div)
    }
}

/// The result of [`call_graph`].
#[derive(Clone, Debug)]
pub struct CallGraph {
    /// The nodes in pprof's order (entropy order); node `i` is pprof's `N{i+1}`.
    pub nodes: Vec<GraphNode>,
    /// The edges out of the nodes, in pprof's drawing order (|weight|, then names).
    pub edges: Vec<GraphEdge>,
    /// Nodes left after the node fraction (before `node_count`).
    pub nodes_before_count: usize,
    /// Nodes dropped by the node fraction.
    pub dropped_nodes: usize,
    /// Edges dropped by the edge fraction.
    pub dropped_edges: usize,
}

impl CallGraph {
    /// Σ flat value over the nodes ("Showing nodes accounting for …").
    pub fn flat_sum(&self) -> i64 {
        self.nodes
            .iter()
            .fold(0i64, |a, n| a.wrapping_add(n.flat_value()))
    }
}

fn div(v: i64, d: i64) -> i64 {
    if d == 0 {
        v
    } else {
        v.wrapping_div(d)
    }
}

/// pprof's trimmed call graph of `prepared` at `granularity` (see the module documentation).
pub fn call_graph(
    prepared: &Prepared,
    granularity: Granularity,
    options: &GraphOptions,
) -> Result<CallGraph, QueryError> {
    let bad = |f: f64| f.is_nan() || f < 0.0;
    if bad(options.node_fraction) || bad(options.edge_fraction) {
        return Err(QueryError::BadOption(
            "node and edge fractions must be non-negative numbers".to_string(),
        ));
    }
    let nodes = NodeTable::new(prepared, granularity, prepared.query().noinlines);
    let unit = options.tag_unit.as_str();
    let tree = options.call_tree;
    let (mut g, leaves) = if tree {
        (tree::build_tree(prepared, &nodes, unit), None)
    } else {
        let (g, leaves) = build(prepared, &nodes, unit);
        (g, Some(leaves))
    };
    let total_value = g
        .present
        .iter()
        .fold(0i64, |a, n| a.wrapping_add(g.flat[n.index()]));
    let node_cutoff = cutoff(total_value, options.node_fraction);
    let edge_cutoff = cutoff(total_value, options.edge_fraction);
    let mut dropped_nodes = 0;
    if node_cutoff > 0 {
        let keep: Vec<NodeId> = g
            .present
            .iter()
            .copied()
            .filter(|n| g.cum[n.index()].wrapping_abs() >= node_cutoff)
            .collect();
        if keep.len() != g.present.len() {
            dropped_nodes = g.present.len() - keep.len();
            let mask = mask_of(&keep, g.table.len());
            match &leaves {
                Some(leaves) => rebuild(prepared, &nodes, leaves, &mask, &mut g),
                None => tree::trim_tree(&mut g, &mask, &nodes),
            }
        }
    }
    let nodes_before_count = g.present.len();
    order::sort_entropy(&mut g, &nodes, prepared);
    if options.node_count > 0 {
        g.trim_tags(node_cutoff);
        g.trim_edges(edge_cutoff);
        let top = order::select_top(&g, options.node_count);
        if top.len() != g.present.len() {
            let mask = mask_of(&top, g.table.len());
            match &leaves {
                Some(leaves) => rebuild(prepared, &nodes, leaves, &mask, &mut g),
                None => tree::trim_tree(&mut g, &mask, &nodes),
            }
            order::sort_entropy(&mut g, &nodes, prepared);
        }
    }
    g.trim_tags(node_cutoff);
    let dropped_edges = g.trim_edges(edge_cutoff);
    order::remove_redundant_edges(&mut g, &nodes);
    Ok(finish(
        prepared,
        &nodes,
        g,
        nodes_before_count,
        dropped_nodes,
        dropped_edges,
    ))
}

fn tag(g: &Built, name: u32, t: &TagSums) -> Tag {
    Tag {
        name: g.strings[name as usize].clone(),
        unit: g.strings[t.unit as usize].clone(),
        value: t.value,
        flat: t.flat,
        flat_div: t.flat_div,
        cum: t.cum,
        cum_div: t.cum_div,
    }
}

/// The public graph from the last pass.
fn finish(
    prepared: &Prepared,
    nodes: &NodeTable,
    g: Built,
    nodes_before_count: usize,
    dropped_nodes: usize,
    dropped_edges: usize,
) -> CallGraph {
    let profile = prepared.profile();
    let mut position = vec![None; g.table.len()];
    for (i, n) in g.present.iter().enumerate() {
        position[n.index()] = Some(i);
    }
    let out_nodes = g
        .present
        .iter()
        .map(|&gn| {
            let i = gn.index();
            let n = g.table[i];
            let info: &NodeInfo = nodes.info(n);
            let mut numeric: Vec<(String, Vec<Tag>)> = Vec::new();
            let mut groups: Vec<(&(u32, u32), &TagSums)> = g.numeric_tags[i].iter().collect();
            groups.sort_by_key(|(k, _)| **k);
            for ((labels, name), t) in groups {
                let key = &g.strings[*labels as usize];
                if numeric.last().is_none_or(|(k, _)| k != key) {
                    numeric.push((key.clone(), Vec::new()));
                }
                if let Some((_, list)) = numeric.last_mut() {
                    list.push(tag(&g, *name, t));
                }
            }
            GraphNode {
                id: n,
                name: nodes.name(n).to_string(),
                function: profile.str(info.name).to_string(),
                file: nodes.file(n).to_string(),
                line: info.lineno,
                address: info.address,
                objfile: profile.str(info.objfile).to_string(),
                flat: g.flat[i],
                flat_div: g.flat_div[i],
                cum: g.cum[i],
                cum_div: g.cum_div[i],
                label_tags: g.label_tags[i]
                    .iter()
                    .map(|(name, t)| tag(&g, *name, t))
                    .collect(),
                numeric_tags: numeric,
            }
        })
        .collect();
    let mut edges: Vec<&build::EdgeSums> = g
        .edges
        .iter()
        .filter(|e| !e.removed && position[e.from.index()].is_some())
        .collect();
    edges.sort_by(|a, b| order::edge_order(a, b, nodes, &g.table));
    let edges = edges
        .into_iter()
        .filter_map(|e| {
            Some(GraphEdge {
                from: position[e.from.index()]?,
                to: position[e.to.index()],
                callee_name: g.name(nodes, e.to).to_string(),
                weight: e.weight,
                weight_div: e.weight_div,
                inline: e.inline,
                residual: e.residual,
            })
        })
        .collect();
    CallGraph {
        nodes: out_nodes,
        edges,
        nodes_before_count,
        dropped_nodes,
        dropped_edges,
    }
}

#[cfg(test)]
mod tests;
