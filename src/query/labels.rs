//! Label keys and values with their weight: what pprof's `-tags` report lists.
//!
//! Consumes a prepared query and the output unit numeric values are written in; produces a
//! [`LabelTable`]: every label key of the kept samples (after `-tagshow`/`-taghide`), in
//! alphabetical order, each with the summed value of the samples carrying each of its values,
//! heaviest first (pprof's `printTags`). Numeric values become text before they are summed,
//! so two values that print the same are one row, as in pprof. Never formats the weights.

use super::prepared::Prepared;
use crate::model::units::scaled_label;
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
}

/// Every label key of the kept samples, alphabetically.
pub type LabelTable = Vec<LabelKey>;

/// pprof's tag table of `prepared` (values are the sample values, never mean-divided).
pub fn label_table(prepared: &Prepared, unit: &str) -> LabelTable {
    let profile = prepared.profile();
    let value = prepared.value();
    let units = prepared.label_units();
    let mut keys: FxHashMap<&str, (bool, FxHashMap<String, i64>)> = FxHashMap::default();
    // Weights per label set first: a million samples share few sets.
    let mut per_set: FxHashMap<u32, i64> = FxHashMap::default();
    for (i, _) in prepared.samples() {
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
            let text = match l.value {
                LabelValue::Str(v) => profile.str(v).to_string(),
                LabelValue::Num { value, .. } => {
                    entry.0 = true;
                    scaled_label(value, units.get(key).map_or("", String::as_str), unit)
                }
            };
            let slot = entry.1.entry(text).or_insert(0);
            *slot = slot.wrapping_add(w);
        }
    }
    let mut out: LabelTable = keys
        .into_iter()
        .map(|(key, (numeric, values))| {
            let mut values: Vec<(String, i64)> = values.into_iter().collect();
            values.sort_by(|a, b| {
                b.1.wrapping_abs()
                    .cmp(&a.1.wrapping_abs())
                    .then_with(|| a.0.cmp(&b.0))
            });
            LabelKey {
                key: key.to_string(),
                numeric,
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
