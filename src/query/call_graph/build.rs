//! pprof's `graph.newGraph` for the call graph, with the parts the top table's sweep leaves
//! out: residual edges, edge mean divisors and the label tags of every node (pprof's
//! `LabelTags` and `NumericTags`). Summed by walking the stack tree once (`walk.rs`, from
//! `leaves.rs`'s leaves) and once per tag class (`tags.rs`), not sample by sample; a trimming
//! pass walks again for the edges only ([`rebuild`]).
//!
//! Consumes a prepared query, a [`NodeTable`] and a kept-node mask when trimming; produces
//! a [`Built`] graph indexed by node id. Rules (PPROF-SEMANTICS §2.3): a sample's weight goes
//! to every kept node on its path once (cum), to its last kept frame when no frame after it
//! was dropped (flat), and to each caller→callee pair of consecutive kept frames once; an
//! edge is residual when a dropped frame lies between, inline when the callee was inlined
//! in every crossing. Tags: the sample's string labels, `key:value` sorted and joined with
//! `\n`, as one tag; its `bytes` numeric labels (formatted in the requested unit) under that
//! label string. `pprof::base` is never a tag.

use super::super::nodes::{NodeId, NodeTable};
use super::super::prepared::Prepared;
use super::leaves::Leaves;
use super::tags::add_tags;
use super::walk::{EdgeTable, NodeSums, Walker, NONE};
use crate::model::merge::BASE_LABEL;
use crate::model::units::scaled_label;
use crate::model::{LabelValue, StackId};
use rustc_hash::FxHashMap;

/// Sums of one tag of one node.
#[derive(Clone, Debug, Default)]
pub(super) struct TagSums {
    /// The number the tag was first made from (numeric tags).
    pub value: i64,
    /// Its unit (numeric tags).
    pub unit: u32,
    pub flat: i64,
    pub flat_div: i64,
    pub cum: i64,
    pub cum_div: i64,
    /// The earliest sample that made it (numeric tags: `value` is that sample's).
    pub first: u32,
}

impl TagSums {
    fn add(&mut self, w: i64, dw: i64, flat: bool) {
        if flat {
            self.flat = self.flat.wrapping_add(w);
            self.flat_div = self.flat_div.wrapping_add(dw);
        } else {
            self.cum = self.cum.wrapping_add(w);
            self.cum_div = self.cum_div.wrapping_add(dw);
        }
    }
}

/// An edge while it is summed.
#[derive(Clone, Debug)]
pub(super) struct EdgeSums {
    pub from: NodeId,
    pub to: NodeId,
    pub weight: i64,
    pub weight_div: i64,
    pub inline: bool,
    pub residual: bool,
    /// Removed by trimming.
    pub removed: bool,
}

/// The graph of one pass (see the module documentation).
#[derive(Debug, Default)]
pub(super) struct Built {
    /// Per graph node: its node of the [`NodeTable`] (the same node in a graph; in a call
    /// tree, every path to a node has a graph node of its own).
    pub table: Vec<NodeId>,
    pub flat: Vec<i64>,
    pub flat_div: Vec<i64>,
    pub cum: Vec<i64>,
    pub cum_div: Vec<i64>,
    /// pprof's `selectNodesForGraph`: nodes with a value (not negative under
    /// `-drop_negative`), in node-id order until sorted.
    pub present: Vec<NodeId>,
    pub edges: Vec<EdgeSums>,
    /// Per node: label string (an index into `strings`) → sums.
    pub label_tags: Vec<FxHashMap<u32, TagSums>>,
    /// Per node: (label string, tag name) → sums.
    pub numeric_tags: Vec<FxHashMap<(u32, u32), TagSums>>,
    /// Interned tag names, label strings and units; 0 is "".
    pub strings: Vec<String>,
}

/// The tags a label set gives a sample.
pub(super) struct SetTags {
    /// The label string (0: none).
    pub labels: u32,
    /// The numeric tags: (name, number, unit).
    pub numeric: Vec<(u32, i64, u32)>,
}

fn intern(strings: &mut Vec<String>, index: &mut FxHashMap<String, u32>, s: String) -> u32 {
    if s.is_empty() {
        return 0;
    }
    *index.entry(s).or_insert_with_key(|k| {
        strings.push(k.clone());
        (strings.len() - 1) as u32
    })
}

/// Builds the untrimmed graph of `prepared` over `nodes` (numeric tags named in
/// `tag_unit`, pprof's `-unit` as given), with the leaves [`rebuild`] reuses: one walk
/// of the stack tree for the numbers and edges, one per tag class for the tags.
pub(super) fn build(prepared: &Prepared, nodes: &NodeTable, tag_unit: &str) -> (Built, Leaves) {
    let n = nodes.len();
    let mut g = Built::default();
    for i in 0..n as u32 {
        g.push_node(NodeId(i));
    }
    let leaves = Leaves::new(prepared);
    walk_into(prepared, nodes, &leaves, None, &mut g);
    add_tags(prepared, nodes, &mut g, tag_unit);
    g.select_present(prepared.query().drop_negative);
    (g, leaves)
}

/// `g` built again keeping only the nodes `kept` marks: what [`build`] with that mask would
/// make. A kept node's sums and tags do not depend on the mask (a sample counts through
/// every kept node on its path, and its flat stays with its leaf frame, or is lost when
/// that is dropped), so only the edges are walked again and the dropped nodes cleared.
pub(super) fn rebuild(
    prepared: &Prepared,
    nodes: &NodeTable,
    leaves: &Leaves,
    kept: &[bool],
    g: &mut Built,
) {
    walk_into(prepared, nodes, leaves, Some(kept), g);
    for (i, k) in kept.iter().enumerate() {
        if !k {
            if let Some(t) = g.label_tags.get_mut(i) {
                t.clear();
            }
            if let Some(t) = g.numeric_tags.get_mut(i) {
                t.clear();
            }
        }
    }
    g.select_present(prepared.query().drop_negative);
}

/// Walks `leaves` keeping `kept` into `g`'s node sums and edges.
fn walk_into(
    prepared: &Prepared,
    nodes: &NodeTable,
    leaves: &Leaves,
    kept: Option<&[bool]>,
    g: &mut Built,
) {
    let n = nodes.len();
    let mut walker = Walker::new(prepared, nodes, kept);
    let mut sums = NodeSums::new(n);
    let mut edges = EdgeTable::new(n);
    leaves.walk(&mut walker, &mut sums, Some(&mut edges));
    g.flat = sums.flat;
    g.flat_div = sums.flat_div;
    g.cum = sums.cum;
    g.cum_div = sums.cum_div;
    g.edges = edges.finish();
}

/// Calls `f(sample, value, divisor, path)` for every kept sample that weighs something,
/// with its call path from the leaf up (stack nodes): the walk both graphs are built from.
pub(super) fn for_each_path(prepared: &Prepared, mut f: impl FnMut(usize, i64, i64, &[StackId])) {
    let profile = prepared.profile();
    let parents = profile.stacks.parents_raw();
    let value = prepared.value();
    let mut path: Vec<StackId> = Vec::new();
    for (i, leaf) in prepared.samples() {
        let Some(leaf) = leaf else { continue };
        let (w, dw) = value.weigh(&profile.samples, i);
        if w == 0 && dw == 0 {
            continue;
        }
        path.clear();
        let mut s = leaf.0;
        while s != NONE {
            path.push(StackId(s));
            s = parents[s as usize];
        }
        f(i, w, dw, &path);
    }
}

/// The tags of each label set, made once per set.
pub(super) struct Tagger<'a> {
    prepared: &'a Prepared,
    tag_unit: &'a str,
    bytes_unit: String,
    index: FxHashMap<String, u32>,
    sets: FxHashMap<u32, SetTags>,
}

impl<'a> Tagger<'a> {
    /// Tags named in `tag_unit`.
    pub fn new(prepared: &'a Prepared, tag_unit: &'a str) -> Self {
        let bytes_unit = prepared
            .label_units()
            .get("bytes")
            .cloned()
            .unwrap_or_default();
        Self {
            prepared,
            tag_unit,
            bytes_unit,
            index: FxHashMap::default(),
            sets: FxHashMap::default(),
        }
    }

    /// The tags of sample `i`, their names interned in `g`.
    pub fn tags(&mut self, g: &mut Built, i: usize) -> &SetTags {
        if g.strings.is_empty() {
            // Index 0 is "" (no labels, no unit).
            g.strings.push(String::new());
        }
        let profile = self.prepared.profile();
        let set = profile.samples.labels(i);
        let (prepared, unit, bytes_unit) = (self.prepared, self.tag_unit, &self.bytes_unit);
        let index = &mut self.index;
        self.sets.entry(set.0).or_insert_with(|| {
            let mut strs = Vec::new();
            let mut numeric = Vec::new();
            for l in prepared.label_set(set) {
                let key = profile.str(l.key);
                match l.value {
                    LabelValue::Str(v) if key != BASE_LABEL => {
                        strs.push(format!("{key}:{}", profile.str(v)));
                    }
                    LabelValue::Num { value, .. } if key == "bytes" => {
                        numeric.push((scaled_label(value, bytes_unit, unit), value));
                    }
                    _ => {}
                }
            }
            strs.sort();
            let labels = intern(&mut g.strings, index, strs.join("\\n"));
            let unit = intern(&mut g.strings, index, bytes_unit.clone());
            let numeric = numeric
                .into_iter()
                .map(|(name, v)| (intern(&mut g.strings, index, name), v, unit))
                .collect();
            SetTags { labels, numeric }
        })
    }
}

impl Built {
    /// Adds a graph node for table node `t`, with nothing summed yet.
    pub fn push_node(&mut self, t: NodeId) -> NodeId {
        self.table.push(t);
        self.flat.push(0);
        self.flat_div.push(0);
        self.cum.push(0);
        self.cum_div.push(0);
        self.label_tags.push(FxHashMap::default());
        self.numeric_tags.push(FxHashMap::default());
        NodeId((self.table.len() - 1) as u32)
    }

    /// pprof's `selectNodesForGraph`: the nodes with a value, not negative under
    /// `-drop_negative`.
    pub fn select_present(&mut self, drop_negative: bool) {
        self.present = (0..self.table.len() as u32)
            .map(NodeId)
            .filter(|m| {
                let (flat, cum) = (self.flat[m.index()], self.cum[m.index()]);
                let negative = flat < 0 || (flat == 0 && cum < 0);
                (flat != 0 || cum != 0) && !(drop_negative && negative)
            })
            .collect();
    }

    /// The printable name of graph node `n`.
    pub fn name<'t>(&self, nodes: &'t NodeTable, n: NodeId) -> &'t str {
        nodes.name(self.table[n.index()])
    }

    pub(super) fn add_sample(&mut self, ni: usize, w: i64, dw: i64, tags: &SetTags, flat: bool) {
        if flat {
            self.flat[ni] = self.flat[ni].wrapping_add(w);
            self.flat_div[ni] = self.flat_div[ni].wrapping_add(dw);
        } else {
            self.cum[ni] = self.cum[ni].wrapping_add(w);
            self.cum_div[ni] = self.cum_div[ni].wrapping_add(dw);
        }
        if tags.labels != 0 {
            self.label_tags[ni]
                .entry(tags.labels)
                .or_default()
                .add(w, dw, flat);
        }
        for &(name, value, unit) in &tags.numeric {
            self.numeric_tags[ni]
                .entry((tags.labels, name))
                .or_insert_with(|| TagSums {
                    value,
                    unit,
                    ..TagSums::default()
                })
                .add(w, dw, flat);
        }
    }
}

impl Built {
    /// pprof's `TrimLowFrequencyTags` on the graph's nodes.
    pub fn trim_tags(&mut self, cutoff: i64) {
        let keep = |t: &TagSums| t.flat.wrapping_abs() >= cutoff || t.cum.wrapping_abs() >= cutoff;
        for n in &self.present {
            self.label_tags[n.index()].retain(|_, t| keep(t));
            self.numeric_tags[n.index()].retain(|_, t| keep(t));
        }
    }

    /// pprof's `TrimLowFrequencyEdges`: drops the edges into the graph's nodes under
    /// `cutoff`, returning how many.
    pub fn trim_edges(&mut self, cutoff: i64) -> usize {
        let mut present = vec![false; self.flat.len()];
        for n in &self.present {
            present[n.index()] = true;
        }
        let mut dropped = 0;
        for e in &mut self.edges {
            if !e.removed && present[e.to.index()] && e.weight.wrapping_abs() < cutoff {
                e.removed = true;
                dropped += 1;
            }
        }
        dropped
    }
}
