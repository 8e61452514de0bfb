//! Which sample value a query reads: pprof's `-sample_index` and `-mean`.

use crate::error::QueryError;
use crate::model::{Profile, Samples};

/// The value read from each sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueSelector {
    /// Index into the sample's values.
    pub index: usize,
    /// Whether values are divided by the sample's first value (mean per event).
    pub mean: bool,
    /// Whether the base's part of each sample is read instead of its value (a comparison's
    /// "before"; see [`Samples::before`]).
    pub before: bool,
}

impl ValueSelector {
    /// The values of sample `i` this selector reads from: the sample's own, or its base
    /// part when [`before`](Self::before) is set (only ever set on a comparison; on any other
    /// profile the sample's own values are read).
    #[inline]
    pub fn row<'a>(&self, samples: &'a Samples, i: usize) -> &'a [i64] {
        match (self.before, samples.before(i)) {
            (true, Some(b)) => b,
            _ => samples.values(i),
        }
    }

    /// The value of a sample.
    #[inline]
    pub fn value(&self, values: &[i64]) -> i64 {
        values[self.index]
    }

    /// Sample `i`'s value and mean divisor (0 when not in mean mode), read from its own
    /// values or its base part (see [`row`](Self::row)).
    #[inline]
    pub fn weigh(&self, samples: &Samples, i: usize) -> (i64, i64) {
        let vals = self.row(samples, i);
        (self.value(vals), self.divisor(vals))
    }

    /// The mean divisor of a sample (0 when not in mean mode).
    #[inline]
    pub fn divisor(&self, values: &[i64]) -> i64 {
        if self.mean {
            values[0]
        } else {
            0
        }
    }
}

/// pprof's `SampleIndexByName`: `""` picks `default_sample_type` when it names a type, else
/// the last type; a number picks that index; a name picks that type (a leading `inuse_` may
/// be left out for legacy profiles whose types are `space`/`objects`).
pub fn resolve_sample_index(profile: &Profile, requested: &str) -> Result<usize, QueryError> {
    let types = profile.sample_type_names();
    if types.is_empty() {
        return Err(QueryError::NoSampleTypes);
    }
    if requested.is_empty() {
        let default = profile.str(profile.default_sample_type);
        if !default.is_empty() {
            if let Some(i) = types.iter().position(|t| *t == default) {
                return Ok(i);
            }
        }
        return Ok(types.len() - 1);
    }
    if let Some(n) = parse_go_int(requested) {
        // Checked: `n as usize` keeps the low 32 bits on wasm32, where 4294967297 would
        // pick type 1 instead of being refused as it is natively.
        return usize::try_from(n)
            .ok()
            .filter(|&i| i < types.len())
            .ok_or_else(|| QueryError::SampleIndexOutOfRange {
                requested: requested.to_string(),
                max: types.len() - 1,
            });
    }
    let no_inuse = requested.strip_prefix("inuse_").unwrap_or(requested);
    types
        .iter()
        .position(|t| *t == requested || *t == no_inuse)
        .ok_or_else(|| QueryError::UnknownSampleType {
            requested: requested.to_string(),
            available: types.iter().map(|t| t.to_string()).collect(),
        })
}

/// Go's `strconv.Atoi`: optional sign, decimal digits only.
fn parse_go_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::ProfileBuilder;

    fn heap() -> Profile {
        let mut b = ProfileBuilder::new(&[
            ("alloc_objects", "count"),
            ("alloc_space", "bytes"),
            ("inuse_objects", "count"),
            ("inuse_space", "bytes"),
        ]);
        b.sample(&["main"], &[1, 2, 3, 4]);
        b.build_profile()
    }

    #[test]
    fn default_is_last_or_declared() {
        let mut p = heap();
        assert_eq!(resolve_sample_index(&p, ""), Ok(3));
        p.default_sample_type = p.sample_types[1].ty;
        assert_eq!(resolve_sample_index(&p, ""), Ok(1));
    }

    #[test]
    fn names_numbers_and_errors() {
        let p = heap();
        assert_eq!(resolve_sample_index(&p, "alloc_space"), Ok(1));
        assert_eq!(resolve_sample_index(&p, "2"), Ok(2));
        assert!(matches!(
            resolve_sample_index(&p, "4"),
            Err(QueryError::SampleIndexOutOfRange { max: 3, .. })
        ));
        let err = resolve_sample_index(&p, "cpu").expect_err("unknown");
        assert!(err.to_string().contains("alloc_objects, alloc_space"));
    }
}
