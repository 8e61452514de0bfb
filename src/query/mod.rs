//! `(&Profile, &Query)` → derived tables: which value, which granularity, which samples
//! (`-focus`/`-ignore`); then the node graph and the top table computed from them.
//!
//! Consumes a [`Profile`] and options; produces tables of numbers
//! ([`TopTable`]). It never formats text (that is `report`) and never mutates the profile.
//! The pipeline order is pprof's (PPROF-SEMANTICS §2.1): the total is computed before any
//! filtering, then samples are filtered, then aggregated at the chosen granularity.

mod calltree;
mod filter;
mod go_regex;
mod graph;
mod nodes;
mod sample_index;
mod sandwich;
mod search;
mod top;

pub use calltree::{CallTree, CallTreeOptions, Frame, SiblingOrder, ELIDED_NAME, NONE};
pub use filter::{CompiledFilter, SampleFilter, SampleMask};
pub use go_regex::compile_go_regex;
pub use graph::{aggregate, Aggregate, Edge, EdgeSet, TreeWeights};
pub use nodes::{go_base, go_clean, Granularity, NodeId, NodeInfo, NodeTable};
pub use sample_index::{resolve_sample_index, ValueSelector};
pub use sandwich::Sandwich;
pub use search::{location_matches, matched_value};
pub use top::{top_table, InlineKind, TopOptions, TopRow, TopTable};

use crate::error::QueryError;
use crate::model::Profile;

/// What to compute from a profile: the value, the samples kept, and their aggregation.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// Sample type by name or index; empty for the profile's default (pprof's
    /// `-sample_index`).
    pub sample_index: String,
    /// Divide every value by the sample's first value (pprof's `-mean`).
    pub mean: bool,
    /// How frames are grouped into nodes.
    pub granularity: Granularity,
    /// Attribute inlined frames to the function they were inlined into (`-noinlines`).
    pub noinlines: bool,
    /// Which samples are kept (`-focus`, `-ignore`).
    pub filter: SampleFilter,
}

impl Default for Query {
    fn default() -> Self {
        Self {
            sample_index: String::new(),
            mean: false,
            granularity: Granularity::Functions,
            noinlines: false,
            filter: SampleFilter::default(),
        }
    }
}

impl Query {
    /// Resolves the value this query reads from each sample.
    pub fn value(&self, profile: &Profile) -> Result<ValueSelector, QueryError> {
        let index = resolve_sample_index(profile, &self.sample_index)?;
        Ok(ValueSelector {
            index,
            mean: self.mean,
        })
    }
}

/// pprof's report total (`computeTotal`): Σ |value| over all samples, or over the samples of
/// the diff base when there are any (label `pprof::base=true`); with `mean`, divided by
/// Σ first value.
pub fn total(profile: &Profile, value: ValueSelector) -> i64 {
    let base_sets = diff_base_label_sets(profile);
    let (mut total, mut div, mut base_total, mut base_div) = (0i64, 0i64, 0i64, 0i64);
    let samples = &profile.samples;
    for i in 0..samples.len() {
        let vals = samples.values(i);
        let v = vals[value.index].wrapping_abs();
        let d = if value.mean { vals[0] } else { 0 };
        total = total.wrapping_add(v);
        div = div.wrapping_add(d);
        if base_sets
            .get(samples.labels(i).index())
            .copied()
            .unwrap_or(false)
        {
            base_total = base_total.wrapping_add(v);
            base_div = base_div.wrapping_add(d);
        }
    }
    if base_total > 0 {
        total = base_total;
        div = base_div;
    }
    if div != 0 {
        total.wrapping_div(div)
    } else {
        total
    }
}

/// For each label set: whether it marks a diff-base sample (`pprof::base` = `true`).
fn diff_base_label_sets(profile: &Profile) -> Vec<bool> {
    use crate::model::{LabelSetId, LabelValue};
    (0..profile.label_sets.len())
        .map(|i| {
            profile
                .label_sets
                .get(LabelSetId::from_index(i))
                .iter()
                .any(|l| {
                    profile.str(l.key) == "pprof::base"
                        && matches!(l.value, LabelValue::Str(v) if profile.str(v) == "true")
                })
        })
        .collect()
}
