//! Label filters: pprof's `-tagfocus`/`-tagignore` syntax and matching, and the units of
//! numeric labels (`NumLabelUnits`).
//!
//! Consumes a filter as typed (`[key=]regex,regex…` or `[key=]range` such as `1kb:64kb`,
//! `:1kb`, `400kb:`) and a sample's labels; produces whether the sample matches. Ranges
//! compare values after converting the label (in its key's unit) to the range's unit, and
//! only within one unit family, as pprof's `compileTagFilter` and `parseTagFilterRange` do.

use crate::goregex::compile_go_regex;
use crate::model::units::scale;
use crate::model::{Label, LabelValue, Profile};
use regex::Regex;
use rustc_hash::FxHashMap;

/// A compiled `-tagfocus` / `-tagignore` value.
#[derive(Clone, Debug)]
pub enum TagFilter {
    /// Numeric labels within a range.
    Range {
        /// Only this key's values (any numeric label when `None`).
        key: Option<String>,
        /// The range.
        range: NumRange,
    },
    /// String labels matching regexes.
    Regexes {
        /// With a key: any regex matching any value of that key. Without: every regex must
        /// match some `key:value` of the sample.
        key: Option<String>,
        /// The regexes, in order.
        regexes: Vec<Regex>,
    },
}

/// A numeric range in one unit (pprof's `parseTagFilterRange`).
#[derive(Clone, Debug, PartialEq)]
pub struct NumRange {
    /// Lower bound, inclusive.
    pub low: Option<f64>,
    /// Upper bound, inclusive.
    pub high: Option<f64>,
    /// The unit both bounds are in (pprof's canonical name, e.g. `MB`; empty for none).
    pub unit: String,
}

impl NumRange {
    /// Whether `value` (in `unit`) lies in the range.
    pub fn contains(&self, value: i64, unit: &str) -> bool {
        let (v, u) = scale(value, unit, &self.unit);
        u == self.unit.as_str()
            && self.low.is_none_or(|l| v >= l)
            && self.high.is_none_or(|h| v <= h)
    }
}

/// Compiles a tag filter; also returns pprof's note when the value was read as a range.
/// An empty key (`=value`) is no key, as in pprof.
pub fn compile_tag_filter(value: &str) -> Result<(TagFilter, Option<String>), String> {
    let (key, value) = match value.split_once('=') {
        Some((k, v)) => ((!k.is_empty()).then(|| k.to_string()), v),
        None => (None, value),
    };
    if let Some(range) = parse_range(value) {
        let note = format!("Interpreted '{value}' as range, not regexp");
        return Ok((TagFilter::Range { key, range }, Some(note)));
    }
    let regexes = value
        .split(',')
        .map(|p| compile_go_regex(p).map_err(|reason| format!("regexp `{p}`: {reason}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((TagFilter::Regexes { key, regexes }, None))
}

/// `([+-]?digits)(letters)?` matches, at most two, as Go's `FindAllStringSubmatch(s, 2)`.
fn range_parts(s: &str) -> Vec<(usize, usize, &str, &str)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < 2 {
        let start = i;
        let mut j = i;
        if matches!(b[j], b'+' | b'-') {
            j += 1;
        }
        let digits = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j == digits {
            i += 1;
            continue;
        }
        let letters = j;
        while j < b.len() && b[j].is_ascii_alphabetic() {
            j += 1;
        }
        out.push((start, j, &s[start..letters], &s[letters..j]));
        i = j;
    }
    out
}

fn parse_range(filter: &str) -> Option<NumRange> {
    let parts = range_parts(filter);
    let (s0, e0, n0, u0) = *parts.first()?;
    let v0: i64 = n0.parse().ok()?;
    let (low, unit) = scale(v0, u0, u0);
    let unit = unit.into_owned();
    let whole0 = &filter[s0..e0];
    if parts.len() == 1 {
        let (lo, hi) = if filter == whole0 {
            (Some(low), Some(low))
        } else if filter == format!("{whole0}:") {
            (Some(low), None)
        } else if filter == format!(":{whole0}") {
            (None, Some(low))
        } else {
            return None;
        };
        return Some(NumRange {
            low: lo,
            high: hi,
            unit,
        });
    }
    let (s1, e1, n1, u1) = parts[1];
    if filter != format!("{whole0}:{}", &filter[s1..e1]) {
        return None;
    }
    let v1: i64 = n1.parse().ok()?;
    let (high, unit2) = scale(v1, u1, &unit);
    if unit2 != unit.as_str() {
        return None;
    }
    Some(NumRange {
        low: Some(low),
        high: Some(high),
        unit,
    })
}

/// The unit of each numeric label key (pprof's `NumLabelUnits`): the first non-empty unit
/// seen for the key; keys without one get `bytes` for `alignment`/`request`, else the key's
/// own name. Also returns pprof's note for keys seen with several units.
pub fn num_label_units(profile: &Profile) -> (FxHashMap<String, String>, Vec<String>) {
    let mut units: FxHashMap<String, String> = FxHashMap::default();
    let mut keys: Vec<String> = Vec::new();
    let mut conflicts: FxHashMap<String, Vec<String>> = FxHashMap::default();
    let mut seen_set = vec![false; profile.label_sets.len()];
    for i in 0..profile.samples.len() {
        let set = profile.samples.labels(i);
        if std::mem::replace(&mut seen_set[set.index()], true) {
            continue;
        }
        for l in profile.label_sets.get(set) {
            let LabelValue::Num { unit, .. } = l.value else {
                continue;
            };
            let key = profile.str(l.key);
            if !keys.iter().any(|k| k == key) {
                keys.push(key.to_string());
            }
            let unit = profile.str(unit);
            if unit.is_empty() {
                continue;
            }
            match units.get(key) {
                None => {
                    units.insert(key.to_string(), unit.to_string());
                }
                Some(want) if want != unit => {
                    let c = conflicts.entry(key.to_string()).or_default();
                    if !c.iter().any(|u| u == unit) {
                        c.push(unit.to_string());
                    }
                }
                Some(_) => {}
            }
        }
    }
    for key in keys {
        units
            .entry(key.clone())
            .or_insert_with(|| match key.as_str() {
                "alignment" | "request" => "bytes".to_string(),
                _ => key.clone(),
            });
    }
    let mut notes: Vec<String> = conflicts
        .into_iter()
        .map(|(k, mut u)| {
            u.sort();
            format!(
                "For tag {k} used unit {}, also encountered unit(s) {}",
                units.get(&k).map_or("", String::as_str),
                u.join(", ")
            )
        })
        .collect();
    notes.sort();
    (units, notes)
}

impl TagFilter {
    /// Whether a sample with `labels` matches (`units`: [`num_label_units`]).
    pub fn matches(
        &self,
        profile: &Profile,
        labels: &[Label],
        units: &FxHashMap<String, String>,
    ) -> bool {
        let key_is = |l: &Label, k: &str| profile.str(l.key) == k;
        match self {
            TagFilter::Range { key, range } => labels.iter().any(|l| {
                let LabelValue::Num { value, .. } = l.value else {
                    return false;
                };
                let k = profile.str(l.key);
                key.as_deref().is_none_or(|want| want == k)
                    && range.contains(value, units.get(k).map_or("", String::as_str))
            }),
            TagFilter::Regexes {
                key: Some(key),
                regexes,
            } => labels.iter().any(|l| match l.value {
                LabelValue::Str(v) if key_is(l, key) => {
                    let v = profile.str(v);
                    regexes.iter().any(|re| re.is_match(v))
                }
                _ => false,
            }),
            TagFilter::Regexes { key: None, regexes } => regexes.iter().all(|re| {
                labels.iter().any(|l| match l.value {
                    LabelValue::Str(v) => {
                        re.is_match(&format!("{}:{}", profile.str(l.key), profile.str(v)))
                    }
                    LabelValue::Num { .. } => false,
                })
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(s: &str) -> Option<NumRange> {
        parse_range(s)
    }

    #[test]
    fn ranges_as_pprof_reads_them() {
        let r = range("1kb:64kb").expect("range");
        assert_eq!(
            (r.low, r.high, r.unit.as_str()),
            (Some(1.0), Some(64.0), "kB")
        );
        assert!(r.contains(2048, "bytes"));
        assert!(!r.contains(65 * 1024 + 1, "bytes"));
        assert!(!r.contains(2048, "nanoseconds"), "another unit family");
        let r = range(":1kb").expect("range");
        assert!(r.contains(1024, "bytes") && !r.contains(1025, "bytes"));
        let r = range("+400kb:").expect("range");
        assert!(r.contains(400 * 1024, "bytes"));
        let r = range("32").expect("unitless");
        assert!(r.contains(32, "count") && !r.contains(32, "bytes"));
        for not_a_range in ["recursive", "worker1", "1kb:x", "a1", "1kb::2kb", "1kb:1ms"] {
            assert_eq!(range(not_a_range), None, "{not_a_range}");
        }
    }

    #[test]
    fn keys_and_notes() {
        let (f, note) = compile_tag_filter("bytes=:1kb").expect("compiles");
        assert!(matches!(f, TagFilter::Range { key: Some(ref k), .. } if k == "bytes"));
        assert_eq!(
            note.as_deref(),
            Some("Interpreted ':1kb' as range, not regexp")
        );
        let (f, note) = compile_tag_filter("worker=rec,fl").expect("compiles");
        assert!(note.is_none());
        assert!(matches!(f, TagFilter::Regexes { regexes, .. } if regexes.len() == 2));
        assert!(compile_tag_filter("a=(").is_err());
    }
}
