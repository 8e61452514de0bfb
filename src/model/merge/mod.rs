//! Merging several profiles into one: pprof's `ScaleProfiles` + `Merge` (Go 1.19).
//!
//! Consumes profiles of compatible types; produces one profile whose equal functions,
//! mappings, locations and samples are combined (sample values summed) and whose header is
//! combined as pprof does: earliest time, summed duration, largest period, comments
//! de-duplicated, the first non-empty default sample type. Values in different units of
//! one family (ms and ns) are first converted to the finest unit.

mod compare;
mod input;
mod merger;

pub use compare::{compare, CompareOptions, BASE_LABEL};

use super::normalize::normalize_single;
use super::units::{same_family, scale};
use super::{Profile, ValueType};
use crate::error::MergeError;
use merger::Merger;

/// Merges `profiles`. pprof merges even a single profile (it always goes through
/// `combineProfiles`), which is observable: samples with equal stacks and labels are
/// summed (with negative values that changes the total), and mappings with equal keys
/// collapse into one. So one profile goes through the same path.
pub fn merge(mut profiles: Vec<Profile>) -> Result<Profile, MergeError> {
    if profiles.len() <= 1 {
        let mut p = profiles.pop().unwrap_or_default();
        normalize_single(&mut p);
        return Ok(p);
    }
    scale_profiles(&mut profiles)?;
    let first = &profiles[0];
    let type_text = |p: &Profile| {
        p.sample_types
            .iter()
            .map(|t| format!("{}/{}", p.str(t.ty), p.str(t.unit)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for p in &profiles[1..] {
        if vt(first, first.period_type) != vt(p, p.period_type) {
            return Err(MergeError::IncompatiblePeriodTypes(format!(
                "{} and {}",
                show(vt(first, first.period_type)),
                show(vt(p, p.period_type))
            )));
        }
        let same = first.sample_types.len() == p.sample_types.len()
            && first
                .sample_types
                .iter()
                .zip(&p.sample_types)
                .all(|(a, b)| vt(first, *a) == vt(p, *b));
        if !same {
            return Err(MergeError::IncompatibleSampleTypes(format!(
                "[{}] and [{}]",
                type_text(first),
                type_text(p)
            )));
        }
    }
    let mut m = Merger::default();
    for p in &profiles {
        m.add(p);
    }
    Ok(m.finish(&profiles.iter().collect::<Vec<_>>()))
}

fn vt(p: &Profile, t: ValueType) -> (&str, &str) {
    (p.str(t.ty), p.str(t.unit))
}

fn show((t, u): (&str, &str)) -> String {
    format!("{t}/{u}")
}

/// pprof's `ScaleProfiles`: convert periods and sample values to the finest common unit.
fn scale_profiles(profiles: &mut [Profile]) -> Result<(), MergeError> {
    let n = profiles[0].sample_types.len();
    if let Some(p) = profiles.iter().find(|p| p.sample_types.len() != n) {
        return Err(MergeError::IncompatibleSampleTypes(format!(
            "inconsistent sample type count: {n} != {}",
            p.sample_types.len()
        )));
    }
    let period_types: Vec<(String, String)> = profiles
        .iter()
        .map(|p| {
            (
                p.str(p.period_type.ty).to_string(),
                p.str(p.period_type.unit).to_string(),
            )
        })
        .collect();
    let common_period = common_type(&period_types).map_err(MergeError::IncompatiblePeriodTypes)?;
    let mut common = Vec::with_capacity(n);
    for i in 0..n {
        let types: Vec<(String, String)> = profiles
            .iter()
            .map(|p| {
                let t = p.sample_types[i];
                (p.str(t.ty).to_string(), p.str(t.unit).to_string())
            })
            .collect();
        common.push(common_type(&types).map_err(MergeError::IncompatibleSampleTypes)?);
    }
    for p in profiles.iter_mut() {
        let unit = p.str(p.period_type.unit).to_string();
        let (period, _) = scale(p.period, &unit, &common_period.1);
        p.period = period as i64;
        p.period_type.unit = p.strings.push(&common_period.1);
        let mut ratios = Vec::with_capacity(n);
        for (i, c) in common.iter().enumerate() {
            let unit = p.str(p.sample_types[i].unit).to_string();
            ratios.push(scale(1, &unit, &c.1).0);
            p.sample_types[i].unit = p.strings.push(&c.1);
        }
        if ratios.iter().all(|&r| r == 1.0) {
            continue;
        }
        // pprof's ScaleN: round, keep samples with a non-zero scaled value.
        p.samples.map_values(|i, v| {
            if ratios[i] == 1.0 {
                v
            } else {
                (v as f64 * ratios[i]).round() as i64
            }
        });
        p.samples
            .retain(|vals| vals.iter().zip(&ratios).any(|(&v, &r)| r != 1.0 && v != 0));
    }
    Ok(())
}

/// pprof's `CommonValueType`: all types must match (modulo a trailing "s") with units of
/// one family; the finest unit wins.
fn common_type(types: &[(String, String)]) -> Result<(String, String), String> {
    let mut min = types[0].clone();
    for t in &types[1..] {
        let compatible = min.0.trim_end_matches_once('s') == t.0.trim_end_matches_once('s')
            && same_family(&min.1, &t.1);
        if !compatible {
            return Err(format!("{}/{} and {}/{}", min.0, min.1, t.0, t.1));
        }
        if scale(1, &t.1, &min.1).0 < 1.0 {
            min = t.clone();
        }
    }
    Ok(min)
}

trait TrimOnce {
    fn trim_end_matches_once(&self, c: char) -> &str;
}

impl TrimOnce for String {
    fn trim_end_matches_once(&self, c: char) -> &str {
        self.strip_suffix(c).unwrap_or(self)
    }
}
