//! Label keys and values with their weight: what pprof's `-tags` report lists.
//!
//! Consumes a prepared query and the output unit numeric values are written in; produces a
//! [`LabelTable`]: every label key of the kept samples (after `-tagshow`/`-taghide`), in
//! alphabetical order, each with the summed value of the samples carrying each of its values,
//! heaviest first (pprof's `printTags`). Numeric values become text before they are summed,
//! so two values that print the same are one row, as in pprof. Never formats the weights.

use super::prepared::Prepared;
use crate::goregex::quote_meta;
use crate::model::units::{scale, scaled_label};
use crate::model::LabelValue;
use rustc_hash::FxHashMap;

/// One label key.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LabelKey {
    /// The key.
    pub key: String,
    /// Whether its values are numbers (a `-tagfocus` on it takes ranges).
    pub numeric: bool,
    /// Σ of the values' weights.
    pub total: i64,
    /// Each value (numbers written in their unit) and the summed value of the samples that
    /// carry it, heaviest first, ties by value.
    pub values: Vec<(String, i64)>,
    /// For numeric keys, per value (same order): the smallest and largest number written as
    /// that text, in the key's unit.
    pub ranges: Vec<(i64, i64)>,
    /// The unit of the key's numbers (pprof's `NumLabelUnits`; empty for string keys).
    pub unit: String,
}

impl LabelKey {
    /// The `-tagfocus`/`-tagignore` value part (after `key=`) that selects exactly the
    /// samples carrying value `i`: `^value$` (escaped) for strings; for numbers the range of
    /// the numbers written as that text, in the key's unit (`1048576bytes`,
    /// `1000bytes:1003bytes`), or `None` when the unit cannot be spelled in a range.
    pub fn value_filter(&self, i: usize) -> Option<String> {
        let (text, _) = self.values.get(i)?;
        if !self.numeric {
            return Some(format!("^{}$", quote_meta(text)));
        }
        let &(lo, hi) = self.ranges.get(i)?;
        // Units outside pprof's families compare without one (pprof scales them to "").
        let known = !scale(1, &self.unit, "minimum").1.is_empty();
        let (_, canonical) = scale(1, &self.unit, &self.unit);
        let suffix = if !known {
            ""
        } else if canonical.bytes().all(|b| b.is_ascii_alphabetic()) {
            canonical.as_ref()
        } else {
            return None;
        };
        Some(if lo == hi {
            format!("{lo}{suffix}")
        } else {
            format!("{lo}{suffix}:{hi}{suffix}")
        })
    }
}

/// Every label key of the kept samples, alphabetically.
pub type LabelTable = Vec<LabelKey>;

/// pprof's tag table of `prepared` (values are the sample values, never mean-divided).
pub fn label_table(prepared: &Prepared, unit: &str) -> LabelTable {
    let profile = prepared.profile();
    let value = prepared.value();
    let units = prepared.label_units();
    // Per key: whether numeric, and per value text its weight and numeric range.
    type Values = FxHashMap<String, (i64, i64, i64)>;
    let mut keys: FxHashMap<&str, (bool, Values)> = FxHashMap::default();
    // Weights per label set first: a million samples share few sets.
    let mut per_set: FxHashMap<u32, i64> = FxHashMap::default();
    for (i, _) in prepared.samples() {
        // A comparison's unchanged samples: pprof has dropped them.
        if profile.samples.is_zero(i) {
            continue;
        }
        let set = profile.samples.labels(i);
        let v = value.value(profile.samples.values(i));
        let w = per_set.entry(set.0).or_insert(0);
        *w = w.wrapping_add(v);
    }
    let mut sets: Vec<(u32, i64)> = per_set.into_iter().collect();
    sets.sort_unstable();
    for (set, w) in sets {
        for l in prepared.label_set(crate::model::LabelSetId(set)) {
            let key = profile.str(l.key);
            let entry = keys.entry(key).or_default();
            let (text, n) = match l.value {
                LabelValue::Str(v) => (profile.str(v).to_string(), 0),
                LabelValue::Num { value, .. } => {
                    entry.0 = true;
                    let u = units.get(key).map_or("", String::as_str);
                    (scaled_label(value, u, unit), value)
                }
            };
            let slot = entry.1.entry(text).or_insert((0, n, n));
            slot.0 = slot.0.wrapping_add(w);
            slot.1 = slot.1.min(n);
            slot.2 = slot.2.max(n);
        }
    }
    let mut out: LabelTable = keys
        .into_iter()
        .map(|(key, (numeric, values))| {
            let mut values: Vec<(String, (i64, i64, i64))> = values.into_iter().collect();
            values.sort_by(|a, b| {
                b.1 .0
                    .wrapping_abs()
                    .cmp(&a.1 .0.wrapping_abs())
                    .then_with(|| a.0.cmp(&b.0))
            });
            let ranges = if numeric {
                values.iter().map(|(_, (_, lo, hi))| (*lo, *hi)).collect()
            } else {
                Vec::new()
            };
            let values: Vec<(String, i64)> =
                values.into_iter().map(|(t, (w, _, _))| (t, w)).collect();
            LabelKey {
                key: key.to_string(),
                numeric,
                ranges,
                unit: if numeric {
                    units.get(key).cloned().unwrap_or_default()
                } else {
                    String::new()
                },
                total: values.iter().fold(0i64, |t, (_, w)| t.wrapping_add(*w)),
                values,
            }
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::{LabelArg, ProfileBuilder};
    use crate::query::Query;
    use std::sync::Arc;

    #[test]
    fn keys_values_and_weights() {
        let mut b = ProfileBuilder::new(&[("space", "bytes")]);
        let (s, n) = (LabelArg::Str, LabelArg::Num);
        b.sample_with(
            &["main"],
            &[5],
            &[("worker", s("a")), ("bytes", n(2048, ""))],
        );
        b.sample_with(
            &["main"],
            &[3],
            &[("worker", s("b")), ("bytes", n(2048, ""))],
        );
        b.sample_with(&["x"], &[4], &[("worker", s("b"))]);
        let p = Arc::new(b.build_profile());
        let t = label_table(&Prepared::unfiltered(&p).expect("prepared"), "minimum");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].key, "bytes");
        assert!(t[0].numeric);
        assert_eq!(t[0].values, [("2kB".to_string(), 8)]);
        assert_eq!(t[0].value_filter(0).as_deref(), Some("2048B"));
        assert_eq!(t[1].value_filter(1).as_deref(), Some("^a$"));
        assert_eq!(t[1].values, [("b".to_string(), 7), ("a".to_string(), 5)]);
        assert_eq!(t[1].total, 12);
        let q = Query {
            taghide: "bytes".into(),
            ..Query::default()
        };
        let t = label_table(&Prepared::new(&p, &q, "minimum").expect("ok"), "minimum");
        assert_eq!(
            t.iter().map(|k| k.key.as_str()).collect::<Vec<_>>(),
            ["worker"]
        );
    }
}
