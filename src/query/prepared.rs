//! A [`Query`] compiled against one profile: the form every report and view consumes.
//!
//! Consumes a loaded profile and a query; produces a [`Prepared`]: the value read from each
//! sample, the report total (computed before filtering unless `-relative_percentages`, as
//! pprof does), the filter overlay ([`Filtered`]), pprof's warnings in its order, and the
//! per-sample-type context a legend needs ([`ReportContext`]). Regexes are compiled and masks
//! built once here; the top table, the flame graph's call tree, the callers view, search,
//! `tags` and `traces` all read the profile through it. Granularity is not part of it: one
//! prepared query serves every granularity.

use super::filters::{apply, num_label_units, Filtered};
use super::label_frames::with_label_frames;
use super::sample_index::{resolve_sample_index, ValueSelector};
use super::spec::Query;
use crate::error::QueryError;
use crate::model::{Label, LabelSetId, LabelValue, Line, LocId, Profile, StackId};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// What every report of one query shares: which value, its total and unit, the legend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportContext {
    /// The sample type's name as pprof prints it (`mean_` prefixed in mean mode).
    pub sample_type: String,
    /// The value read from each sample.
    pub value: ValueSelector,
    /// The report total: percentages are of this.
    pub total: i64,
    /// The sample type's unit as the profile writes it.
    pub sample_unit: String,
    /// pprof's `ActiveFilters` (`focus=RE`, …).
    pub active_filters: Vec<String>,
}

/// A query compiled against a profile (see the module documentation).
#[derive(Clone, Debug)]
pub struct Prepared {
    profile: Arc<Profile>,
    query: Query,
    context: ReportContext,
    filtered: Filtered,
    units: FxHashMap<String, String>,
    warnings: Vec<String>,
}

impl Prepared {
    /// Compiles `query` against `profile`. `unit` is the output unit label frames
    /// (`-tagroot`) write numeric values in (`minimum` unless the CLI's `-unit` says
    /// otherwise).
    pub fn new(profile: &Arc<Profile>, query: &Query, unit: &str) -> Result<Self, QueryError> {
        let compiled = query.compile().map_err(QueryError::BadField)?;
        let (mut units, mut warnings) = num_label_units(profile);
        // pprof warns about `-tagroot=,` (set, but no key) too, so the flags decide whether
        // this step runs, not the keys left after dropping empty ones.
        let profile = if query.tagroot.is_empty() && query.tagleaf.is_empty() {
            Arc::clone(profile)
        } else {
            let (p, root_hit, leaf_hit) =
                with_label_frames(profile, &compiled.tagroot, &compiled.tagleaf, unit);
            if !query.tagroot.is_empty() && !root_hit {
                warnings.push("TagRoot expression matched no samples".to_string());
            }
            if !query.tagleaf.is_empty() && !leaf_hit {
                warnings.push("TagLeaf expression matched no samples".to_string());
            }
            units = num_label_units(&p).0;
            Arc::new(p)
        };
        let index = resolve_sample_index(&profile, &query.sample_index)?;
        let value = ValueSelector {
            index,
            mean: query.mean,
            before: false,
        };
        warnings.extend(compiled.notes.iter().cloned());
        let (filtered, filter_warnings) = apply(&profile, &compiled, &units);
        warnings.extend(filter_warnings);
        let keep = query
            .relative_percentages
            .then(|| filtered.keep_mask())
            .flatten();
        let st = profile.sample_types[index];
        let type_name = profile.str(st.ty);
        let context = ReportContext {
            sample_type: if query.mean {
                format!("mean_{type_name}")
            } else {
                type_name.to_string()
            },
            value,
            total: total(&profile, value, keep),
            sample_unit: profile.str(st.unit).to_string(),
            active_filters: query.active_filters(),
        };
        Ok(Self {
            profile,
            query: query.clone(),
            context,
            filtered,
            units,
            warnings,
        })
    }

    /// The same query reading each sample's base part (a comparison's "before"): what the
    /// base alone shows through the same filters. `None` when the profile is no comparison.
    pub fn base_side(&self) -> Option<Prepared> {
        if !self.profile.samples.is_compared() {
            return None;
        }
        let mut side = self.clone();
        side.context.value.before = true;
        Some(side)
    }

    /// Whether the profile is a comparison (`-base`/`-diff_base`).
    pub fn is_comparison(&self) -> bool {
        self.profile.samples.is_compared()
    }

    /// Calls `f(stack node, value, mean divisor)` for every kept sample that ends at a stack
    /// node, where its stack ends after the filters, skipping those whose value and divisor
    /// are both zero (as pprof's graph does).
    #[inline]
    pub fn for_each_weighed(&self, f: impl FnMut(usize, i64, i64)) {
        self.for_each_weighed_in(None, f);
    }

    /// [`for_each_weighed`](Self::for_each_weighed) over the kept samples `only` also
    /// selects (all when `None`; indexed by sample).
    #[inline]
    pub fn for_each_weighed_in(&self, only: Option<&[bool]>, mut f: impl FnMut(usize, i64, i64)) {
        let value = self.value();
        let samples = &self.profile.samples;
        for (i, stack) in self.samples() {
            if only.is_some_and(|o| !o.get(i).copied().unwrap_or(false)) {
                continue;
            }
            let Some(s) = stack else { continue };
            let (w, dw) = value.weigh(samples, i);
            if w != 0 || dw != 0 {
                f(s.index(), w, dw);
            }
        }
    }

    /// The weight of sample `i` whose value is `v`: `|v|`, or for a comparison
    /// `|after| + |before|`, so a flame graph box holds what either side had there.
    #[inline]
    pub fn weight(&self, i: usize, v: i64) -> i64 {
        match self.profile.samples.before(i) {
            Some(b) => {
                let before = b[self.context.value.index];
                v.wrapping_add(before)
                    .wrapping_abs()
                    .wrapping_add(before.wrapping_abs())
            }
            None => v.wrapping_abs(),
        }
    }

    /// The query with no filter on `profile` (the default sample type).
    pub fn unfiltered(profile: &Arc<Profile>) -> Result<Self, QueryError> {
        Self::new(profile, &Query::default(), "minimum")
    }

    /// The profile read (with label frames when the query adds them).
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The profile, shared.
    pub fn profile_arc(&self) -> &Arc<Profile> {
        &self.profile
    }

    /// The query this was compiled from.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The value, total and legend context.
    pub fn context(&self) -> &ReportContext {
        &self.context
    }

    /// The value read from each sample.
    pub fn value(&self) -> ValueSelector {
        self.context.value
    }

    /// The report total.
    pub fn total(&self) -> i64 {
        self.context.total
    }

    /// pprof's notes for stderr, in its order (label unit conflicts, range readings,
    /// filters that matched nothing).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The filter overlay.
    pub fn filtered(&self) -> &Filtered {
        &self.filtered
    }

    /// The unit of each numeric label key.
    pub fn label_units(&self) -> &FxHashMap<String, String> {
        &self.units
    }

    /// The kept samples, in order, each with where its stack ends after the filters
    /// (`None` for a sample without frames).
    pub fn samples(&self) -> impl Iterator<Item = (usize, Option<StackId>)> + '_ {
        let samples = &self.profile.samples;
        (0..samples.len())
            .filter(|&i| self.filtered.keeps(i))
            .map(|i| (i, samples.stack(i).map(|s| self.filtered.leaf(s))))
    }

    /// The lines of `loc` after the filters (`None`: gone from every stack).
    #[inline]
    pub fn lines(&self, loc: LocId) -> Option<&[Line]> {
        self.filtered.lines(&self.profile, loc)
    }

    /// Whether stack-tree node `s` shows its frames.
    #[inline]
    pub fn node_visible(&self, s: StackId) -> bool {
        self.filtered.node_visible(s)
    }

    /// The labels of sample `i` that the filters keep (`-tagshow`/`-taghide`), in file order.
    pub fn labels(&self, i: usize) -> impl Iterator<Item = &Label> + '_ {
        self.label_set(self.profile.samples.labels(i))
    }

    /// The labels of a label set that the filters keep.
    pub fn label_set(&self, set: LabelSetId) -> impl Iterator<Item = &Label> + '_ {
        self.profile
            .label_sets
            .get(set)
            .iter()
            .filter(|l| self.filtered.key_shown(l.key))
    }
}

/// pprof's report total (`computeTotal`) over the samples `keep` keeps (all when `None`):
/// Σ |value|, or over the samples of the diff base when there are any (label
/// `pprof::base=true`); with `mean`, divided by Σ first value.
pub fn total(profile: &Profile, value: ValueSelector, keep: Option<&[bool]>) -> i64 {
    let base_sets = diff_base_label_sets(profile);
    let (mut total, mut div, mut base_total, mut base_div) = (0i64, 0i64, 0i64, 0i64);
    let samples = &profile.samples;
    for i in 0..samples.len() {
        if keep.is_some_and(|k| !k[i]) {
            continue;
        }
        let vals = samples.values(i);
        let v = vals[value.index].wrapping_abs();
        let d = if value.mean { vals[0] } else { 0 };
        total = total.wrapping_add(v);
        div = div.wrapping_add(d);
        if base_sets[samples.labels(i).index()] {
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
