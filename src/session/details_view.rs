//! The Details view: what the loaded profile says about itself (pprof's `-raw` header):
//! sample types with their totals, period, duration, time, counts, frames rules, comments
//! and mappings.

use super::details_protocol::{DetailsMapping, DetailsSampleType, DetailsView};
use crate::model::Profile;
use crate::report::{digits, go119_time, ValueFormat};

/// Each sample type's sum over all samples, in the profile's order.
pub fn type_totals(profile: &Profile) -> Vec<i64> {
    (0..profile.sample_types.len())
        .map(|i| {
            profile
                .samples
                .column(i)
                .fold(0i64, |a, v| a.wrapping_add(v))
        })
        .collect()
}

/// `v` in `unit`, scaled as pprof's `minimum` unit does (`1.20GB`, `30s`, `5351`).
pub fn format_total(v: i64, unit: &str) -> String {
    ValueFormat {
        sample_unit: unit.to_string(),
        output_unit: "minimum".to_string(),
    }
    .format(v)
}

/// The Details view of `profile`, merged from `files`; `default` is pprof's default type.
pub fn details(profile: &Profile, files: &[String], default: &str) -> DetailsView {
    let totals = type_totals(profile);
    let sample_types = profile
        .sample_types
        .iter()
        .zip(&totals)
        .map(|(t, &total)| DetailsSampleType {
            name: profile.str(t.ty).to_string(),
            unit: profile.str(t.unit).to_string(),
            total: format_total(total, profile.str(t.unit)),
            default: profile.str(t.ty) == default,
        })
        .collect();
    let count = |n: usize| digits(n as i64);
    let mut facts = vec![("Files".to_string(), files.join(", "))];
    let (pt, pu) = (
        profile.str(profile.period_type.ty),
        profile.str(profile.period_type.unit),
    );
    facts.push((
        "Period".to_string(),
        if profile.period == 0 && pt.is_empty() {
            "not set".to_string()
        } else {
            format!("{} ({pt}/{pu})", format_total(profile.period, pu))
        },
    ));
    facts.push((
        "Duration".to_string(),
        match profile.duration_nanos {
            0 => "not recorded".to_string(),
            d => format_total(d, "nanoseconds"),
        },
    ));
    facts.push((
        "Time".to_string(),
        match profile.time_nanos {
            0 => "not recorded".to_string(),
            t => go119_time(t),
        },
    ));
    facts.push(("Samples".to_string(), count(profile.samples.len())));
    facts.push((
        "Distinct call paths".to_string(),
        count(profile.stacks.len()),
    ));
    facts.push(("Locations".to_string(), count(profile.locations.len())));
    facts.push(("Functions".to_string(), count(profile.functions.len())));
    facts.push(("Mappings".to_string(), count(profile.mappings.len())));
    let bare = profile
        .locations
        .iter()
        .filter(|l| l.lines_start == l.lines_end)
        .count();
    facts.push((
        "Symbolized".to_string(),
        if bare == 0 {
            "yes: every location names its function".to_string()
        } else {
            format!(
                "{}: {} of {} locations are addresses only (pprof would need the binary)",
                if bare == profile.locations.len() {
                    "no"
                } else {
                    "partly"
                },
                count(bare),
                count(profile.locations.len())
            )
        },
    ));
    for (name, id) in [
        ("drop_frames", profile.drop_frames),
        ("keep_frames", profile.keep_frames),
        ("Documentation", profile.doc_url),
    ] {
        if !profile.str(id).is_empty() {
            facts.push((name.to_string(), profile.str(id).to_string()));
        }
    }
    DetailsView {
        facts,
        sample_types,
        comments: profile
            .comments
            .iter()
            .map(|&c| profile.str(c).to_string())
            .collect(),
        mappings: profile
            .mappings
            .iter()
            .map(|m| {
                let flags: Vec<&str> = [
                    (m.flags.functions, "functions"),
                    (m.flags.filenames, "file names"),
                    (m.flags.line_numbers, "line numbers"),
                    (m.flags.inline_frames, "inline frames"),
                ]
                .into_iter()
                .filter_map(|(on, name)| on.then_some(name))
                .collect();
                DetailsMapping {
                    range: format!("{:#x}-{:#x}", m.start, m.limit),
                    offset: format!("{:#x}", m.offset),
                    file: profile.str(m.file).to_string(),
                    build_id: profile.str(m.build_id).to_string(),
                    flags: if flags.is_empty() {
                        "none".to_string()
                    } else {
                        flags.join(", ")
                    },
                }
            })
            .collect(),
    }
}
