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

use super::input::Input;
use super::merger::Merger;
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
    // Sample types are matched by name: a base listing the same types in another order is
    // read in the source's order.
    let reordered;
    let base = match reorder_for(source, base) {
        Some(order) => {
            let mut b = base.clone();
            b.sample_types = order.iter().map(|&o| base.sample_types[o]).collect();
            b.samples.permute_values(&order);
            reordered = b;
            &reordered
        }
        None => base,
    };
    // pprof's CommonValueType allows a trailing "s" (`sample` and `samples`).
    let trimmed = |p: &Profile| -> Vec<String> {
        p.sample_types
            .iter()
            .map(|t| {
                let n = p.str(t.ty);
                n.strip_suffix('s').unwrap_or(n).to_string()
            })
            .collect()
    };
    if trimmed(source) != trimmed(base) {
        let list = |p: &Profile| -> String {
            p.sample_types
                .iter()
                .map(|&t| show(vt(p, t)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(MergeError::IncompatibleSampleTypes(format!(
            "[{}] and [{}]",
            list(source),
            list(base)
        )));
    }
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

/// Where each of `source`'s sample types is in `base`, when `base` has the same types (by
/// name) in another order; `None` when the order is the same or the types differ.
fn reorder_for(source: &Profile, base: &Profile) -> Option<Vec<usize>> {
    let names = |p: &Profile| -> Vec<String> {
        p.sample_types
            .iter()
            .map(|t| p.str(t.ty).to_string())
            .collect()
    };
    let (s, b) = (names(source), names(base));
    if s == b || s.len() != b.len() {
        return None;
    }
    let order: Vec<usize> = s
        .iter()
        .map(|n| b.iter().position(|m| m == n))
        .collect::<Option<_>>()?;
    let mut seen = vec![false; order.len()];
    order
        .iter()
        .all(|&o| !std::mem::replace(&mut seen[o], true))
        .then_some(order)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::ProfileBuilder;

    fn profile(types: &[(&str, &str)], samples: &[(&[&str], &[i64])]) -> Profile {
        let mut b = ProfileBuilder::new(types);
        for (stack, values) in samples {
            b.sample(stack, values);
        }
        let mut p = b.build_profile();
        crate::model::normalize::normalize_single(&mut p);
        p
    }

    fn values_of(p: &Profile, leaf: &str) -> (Vec<i64>, Vec<i64>) {
        let i = (0..p.samples.len())
            .find(|&i| {
                let s = p.samples.stack(i).expect("a stack");
                let line = p.lines_of(p.stacks.loc(s))[0];
                p.str(p.function(line.function).name) == leaf
            })
            .expect("a sample at the leaf");
        let before = p.samples.before(i).expect("a comparison").to_vec();
        (p.samples.values(i).to_vec(), before)
    }

    #[test]
    fn base_types_are_matched_by_name() {
        let source = profile(&[("a", "count"), ("b", "bytes")], &[(&["f"], &[5, 50])]);
        let base = profile(&[("b", "bytes"), ("a", "count")], &[(&["f"], &[20, 2])]);
        let c = compare(&source, &base, CompareOptions::default()).expect("comparable");
        assert_eq!(values_of(&c, "f"), (vec![3, 30], vec![2, 20]));
    }

    #[test]
    fn different_types_are_refused_naming_both() {
        let source = profile(&[("a", "count")], &[(&["f"], &[5])]);
        let base = profile(&[("c", "count")], &[(&["f"], &[5])]);
        let e = compare(&source, &base, CompareOptions::default()).expect_err("refused");
        let text = e.to_string();
        assert!(
            text.contains("a/count") && text.contains("c/count"),
            "{text}"
        );
    }

    #[test]
    fn diff_base_labels_and_normalize_scales() {
        let source = profile(&[("a", "count")], &[(&["f"], &[10]), (&["g"], &[30])]);
        let base = profile(&[("a", "count")], &[(&["f"], &[4]), (&["g"], &[4])]);
        let options = CompareOptions {
            diff_base: true,
            normalize: true,
        };
        let c = compare(&source, &base, options).expect("comparable");
        // Source scaled by 8/40: f 10 → 2, g 30 → 6; base samples apart (labelled).
        let total: i64 = c.samples.column(0).filter(|&v| v > 0).sum();
        assert_eq!(total, 8);
        let labelled = (0..c.samples.len())
            .filter(|&i| {
                c.label_sets
                    .get(c.samples.labels(i))
                    .iter()
                    .any(|l| c.str(l.key) == BASE_LABEL)
            })
            .count();
        assert_eq!(labelled, 2);
    }
}
