//! Comparing a profile with a base: pprof's `-base`, `-diff_base` and `-normalize`
//! (`fetchProfiles` in pprof's `driver/fetch.go`, Go 1.19).
//!
//! Consumes the source profile and the base (each already merged from its files); produces
//! one profile in which the base's samples were negated and merged with the source's, as
//! pprof does. With `-diff_base` every base sample first gets the label `pprof::base=true`,
//! so base and source samples never merge and reports take their total from the base. With
//! `-normalize` the source is first scaled so that each sample type's total equals the
//! base's.
//!
//! Beyond pprof, each merged sample keeps the base's part ([`Samples::before`]), and samples
//! whose before and after are equal stay (with all values zero, which pprof's reports skip):
//! that is what the diff flame graph and the diff table read.
//!
//! [`Samples::before`]: crate::model::Samples::before

use super::merger::{Input, Merger};
use super::{common_type, scale_profiles, show, vt};
use crate::error::MergeError;
use crate::model::Profile;

/// pprof's label on the base samples of a `-diff_base` comparison.
pub const BASE_LABEL: &str = "pprof::base";

/// How the base is used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CompareOptions {
    /// `-diff_base` (percentages of the base's total) instead of `-base` (subtraction).
    pub diff_base: bool,
    /// `-normalize`: scale the source to the base's totals first.
    pub normalize: bool,
}

/// The comparison of `source` with `base`, or why they cannot be compared (the message
/// names the two type lists; the caller adds the file names).
pub fn compare(
    source: &Profile,
    base: &Profile,
    options: CompareOptions,
) -> Result<Profile, MergeError> {
    if options.normalize {
        compatible(source, base)?;
    }
    let unit_of = |p: &Profile, i: usize| p.str(p.sample_types[i].unit).to_string();
    let same_units = source.sample_types.len() == base.sample_types.len()
        && (0..source.sample_types.len()).all(|i| unit_of(source, i) == unit_of(base, i))
        && vt(source, source.period_type) == vt(base, base.period_type);
    if !same_units {
        // pprof scales units after normalizing; both require compatible types, and scaling
        // commutes with negation, so scaling copies first gives pprof's values.
        let mut both = vec![source.clone(), base.clone()];
        scale_profiles(&mut both)?;
        return compare_scaled(&both[0], &both[1], options);
    }
    // Same units: check the types as pprof's CommonValueType does.
    for i in 0..source.sample_types.len() {
        let types = [
            type_pair(source, source.sample_types[i]),
            type_pair(base, base.sample_types[i]),
        ];
        common_type(&types).map_err(MergeError::IncompatibleSampleTypes)?;
    }
    compare_scaled(source, base, options)
}

fn type_pair(p: &Profile, t: crate::model::ValueType) -> (String, String) {
    (p.str(t.ty).to_string(), p.str(t.unit).to_string())
}

/// pprof's `Profile.compatible`, which `-normalize` requires: equal period types and equal
/// sample types, units included.
fn compatible(source: &Profile, base: &Profile) -> Result<(), MergeError> {
    if vt(source, source.period_type) != vt(base, base.period_type) {
        return Err(MergeError::IncompatiblePeriodTypes(format!(
            "{} and {}",
            show(vt(source, source.period_type)),
            show(vt(base, base.period_type))
        )));
    }
    let types =
        |p: &Profile| -> Vec<String> { p.sample_types.iter().map(|&t| show(vt(p, t))).collect() };
    if types(source) != types(base) {
        return Err(MergeError::IncompatibleSampleTypes(format!(
            "[{}] and [{}]",
            types(source).join(", "),
            types(base).join(", ")
        )));
    }
    Ok(())
}

/// Per sample type, Σ values over all samples (pprof's `Normalize` sums).
fn sums(p: &Profile) -> Vec<i64> {
    let mut out = vec![0i64; p.sample_types.len()];
    for i in 0..p.samples.len() {
        for (s, v) in out.iter_mut().zip(p.samples.values(i)) {
            *s = s.wrapping_add(*v);
        }
    }
    out
}

fn compare_scaled(
    source: &Profile,
    base: &Profile,
    options: CompareOptions,
) -> Result<Profile, MergeError> {
    let n = source.sample_types.len();
    let mut source_input = Input::default();
    if options.normalize {
        let (b, s) = (sums(base), sums(source));
        let ratios = b
            .iter()
            .zip(&s)
            .map(|(&b, &s)| if s == 0 { 0.0 } else { b as f64 / s as f64 })
            .collect();
        source_input.scale.push(ratios);
    }
    let base_input = Input {
        scale: vec![vec![-1.0; n]],
        label: options.diff_base.then_some((BASE_LABEL, "true")),
        base: true,
    };
    let mut m = Merger::default();
    m.compare();
    m.add_input(source, &source_input);
    m.add_input(base, &base_input);
    Ok(m.finish(&[source, base]))
}
