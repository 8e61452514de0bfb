//! Every kept sample as a stack of report nodes: what pprof's `-traces` report lists.
//!
//! Consumes a prepared query and a granularity; produces one [`Trace`] per kept sample with a
//! non-empty stack, in the profile's order: its labels (after `-tagshow`/`-taghide`) grouped
//! by key, its value (mean-divided in mean mode) and its frames leaf first, each marked
//! inlined when it is not its location's outermost line (pprof's `printTraces`). Formatting
//! is `report`'s. [`trace_groups`] merges identical traces (the Traces view).

use super::nodes::{Granularity, NodeId, NodeTable};
use super::prepared::Prepared;
use crate::model::{LabelValue, StackId};
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

/// One sample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// String labels: key and its values in order, keys in first-seen order.
    pub labels: Vec<(String, Vec<String>)>,
    /// Numeric labels: key, its values, and the key's unit.
    pub num_labels: Vec<(String, Vec<i64>, String)>,
    /// The sample's value (divided by its first value in mean mode).
    pub value: i64,
    /// Frames from the leaf to the root, each with whether it was inlined.
    pub frames: Vec<(NodeId, bool)>,
}

/// Identical traces merged: the same frames and the same labels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceGroup {
    /// The frames and labels they share; `value` is the sum of theirs.
    pub trace: Trace,
    /// How many samples were merged.
    pub samples: u64,
}

/// The traces of `prepared` at `granularity`, with the node table that names their frames.
pub fn traces(prepared: &Prepared, granularity: Granularity) -> (NodeTable, Vec<Trace>) {
    let nodes = NodeTable::untrimmed(prepared, granularity, prepared.query().noinlines);
    let mut out = Vec::new();
    for (i, stack) in prepared.samples() {
        // A comparison's unchanged samples: pprof has dropped them.
        if prepared.profile().samples.is_zero(i) {
            continue;
        }
        let frames = frames(prepared, &nodes, stack);
        if frames.is_empty() {
            continue;
        }
        let (labels, num_labels) = labels(prepared, i);
        out.push(Trace {
            labels,
            num_labels,
            value: sample_value(prepared, i),
            frames,
        });
    }
    (nodes, out)
}

/// The traces of [`traces`] with identical ones merged, heaviest first (by absolute
/// value, then by samples; ties keep the order of first appearance). Samples are grouped by
/// call path and label set before any frame is listed, so a profile of a million samples
/// over a few thousand stacks costs a few thousand frame lists.
pub fn trace_groups(prepared: &Prepared, granularity: Granularity) -> (NodeTable, Vec<TraceGroup>) {
    let nodes = NodeTable::untrimmed(prepared, granularity, prepared.query().noinlines);
    let profile = prepared.profile();
    // (call path, label set) → group; then groups with equal frames and labels merge.
    let mut by_key: FxHashMap<(Option<StackId>, u32), usize> = FxHashMap::default();
    let mut by_trace: FxHashMap<(Vec<(NodeId, bool)>, u32), usize> = FxHashMap::default();
    let mut groups: Vec<TraceGroup> = Vec::new();
    for (i, stack) in prepared.samples() {
        if profile.samples.is_zero(i) {
            continue;
        }
        let set = profile.samples.labels(i);
        let value = sample_value(prepared, i);
        let at = match by_key.entry((stack, set.index() as u32)) {
            Entry::Occupied(e) => Some(*e.get()),
            Entry::Vacant(e) => {
                let frames = frames(prepared, &nodes, stack);
                if frames.is_empty() {
                    None
                } else {
                    let at = *by_trace
                        .entry((frames.clone(), set.index() as u32))
                        .or_insert_with(|| {
                            let (labels, num_labels) = labels(prepared, i);
                            groups.push(TraceGroup {
                                trace: Trace {
                                    labels,
                                    num_labels,
                                    value: 0,
                                    frames,
                                },
                                samples: 0,
                            });
                            groups.len() - 1
                        });
                    e.insert(at);
                    Some(at)
                }
            }
        };
        if let Some(g) = at.and_then(|at| groups.get_mut(at)) {
            g.trace.value = g.trace.value.wrapping_add(value);
            g.samples += 1;
        }
    }
    groups.sort_by(|a, b| {
        b.trace
            .value
            .unsigned_abs()
            .cmp(&a.trace.value.unsigned_abs())
            .then(b.samples.cmp(&a.samples))
    });
    (nodes, groups)
}

/// The value of sample `i` as `-traces` prints it (mean-divided in mean mode).
fn sample_value(prepared: &Prepared, i: usize) -> i64 {
    let (v, d) = prepared.value().weigh(&prepared.profile().samples, i);
    if d != 0 {
        v.wrapping_div(d)
    } else {
        v
    }
}

/// The visible frames of `stack`, leaf first, each with whether it was inlined.
fn frames(prepared: &Prepared, nodes: &NodeTable, stack: Option<StackId>) -> Vec<(NodeId, bool)> {
    let tree = &prepared.profile().stacks;
    let mut frames = Vec::new();
    let mut at = stack;
    while let Some(s) = at {
        if prepared.node_visible(s) {
            let f = nodes.frames(tree.loc(s));
            for (pos, &n) in f.iter().enumerate().rev() {
                frames.push((n, pos != 0));
            }
        }
        at = tree.parent(s);
    }
    frames
}

/// String and numeric labels of sample `i` that the filters keep, grouped by key.
type Labels = (Vec<(String, Vec<String>)>, Vec<(String, Vec<i64>, String)>);

fn labels(prepared: &Prepared, i: usize) -> Labels {
    let profile = prepared.profile();
    let units = prepared.label_units();
    let mut labels: Vec<(String, Vec<String>)> = Vec::new();
    let mut num_labels: Vec<(String, Vec<i64>, String)> = Vec::new();
    for l in prepared.labels(i) {
        let key = profile.str(l.key);
        match l.value {
            LabelValue::Str(v) => match labels.iter_mut().find(|(k, _)| k == key) {
                Some((_, vs)) => vs.push(profile.str(v).to_string()),
                None => labels.push((key.to_string(), vec![profile.str(v).to_string()])),
            },
            LabelValue::Num { value, .. } => match num_labels.iter_mut().find(|(k, _, _)| k == key)
            {
                Some((_, vs, _)) => vs.push(value),
                None => {
                    let unit = units.get(key).cloned().unwrap_or_default();
                    num_labels.push((key.to_string(), vec![value], unit));
                }
            },
        }
    }
    (labels, num_labels)
}
