//! Every kept sample as a stack of report nodes: what pprof's `-traces` report lists.
//!
//! Consumes a prepared query and a granularity; produces one [`Trace`] per kept sample with a
//! non-empty stack, in the profile's order: its labels (after `-tagshow`/`-taghide`) grouped
//! by key, its value (mean-divided in mean mode) and its frames leaf first, each marked
//! inlined when it is not its location's outermost line (pprof's `printTraces`). Formatting
//! is `report`'s.

use super::nodes::{Granularity, NodeId, NodeTable};
use super::prepared::Prepared;
use crate::model::LabelValue;

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

/// The traces of `prepared` at `granularity`, with the node table that names their frames.
pub fn traces(prepared: &Prepared, granularity: Granularity) -> (NodeTable, Vec<Trace>) {
    let profile = prepared.profile();
    let nodes = NodeTable::untrimmed(prepared, granularity, prepared.query().noinlines);
    let value = prepared.value();
    let units = prepared.label_units();
    let tree = &profile.stacks;
    let mut out = Vec::new();
    for (i, stack) in prepared.samples() {
        // A comparison's unchanged samples: pprof has dropped them.
        if profile.samples.is_zero(i) {
            continue;
        }
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
        if frames.is_empty() {
            continue;
        }
        let mut labels: Vec<(String, Vec<String>)> = Vec::new();
        let mut num_labels: Vec<(String, Vec<i64>, String)> = Vec::new();
        for l in prepared.labels(i) {
            let key = profile.str(l.key);
            match l.value {
                LabelValue::Str(v) => match labels.iter_mut().find(|(k, _)| k == key) {
                    Some((_, vs)) => vs.push(profile.str(v).to_string()),
                    None => labels.push((key.to_string(), vec![profile.str(v).to_string()])),
                },
                LabelValue::Num { value, .. } => {
                    match num_labels.iter_mut().find(|(k, _, _)| k == key) {
                        Some((_, vs, _)) => vs.push(value),
                        None => {
                            let unit = units.get(key).cloned().unwrap_or_default();
                            num_labels.push((key.to_string(), vec![value], unit));
                        }
                    }
                }
            }
        }
        let (v, d) = value.weigh(&profile.samples, i);
        out.push(Trace {
            labels,
            num_labels,
            value: if d != 0 { v.wrapping_div(d) } else { v },
            frames,
        });
    }
    (nodes, out)
}
