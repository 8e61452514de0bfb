//! The legend lines above every report (pprof's `ProfileLabels` and `reportLabels`).

use super::ValueFormat;
use crate::model::units::{label, percentage, scale};
use crate::model::Profile;
use crate::query::{go_base, ReportContext};

/// The legend of a report of the query `ctx` describes: pprof's profile labels (unless
/// `compact`), then its "Active filters:" lines.
pub fn legend_lines(
    profile: &Profile,
    ctx: &ReportContext,
    fmt: &ValueFormat,
    compact: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    if !compact {
        lines.extend(profile_labels(profile, &ctx.sample_type, ctx.total, fmt));
    }
    lines.extend(active_filter_labels(&ctx.active_filters));
    lines
}

/// pprof's `ProfileLabels`: `File:`, `Build ID:`, comments, `Type:`, `Time:`, `Duration:`.
/// `sample_type` is the shown type's name (already prefixed `mean_` in mean mode).
pub fn profile_labels(
    profile: &Profile,
    sample_type: &str,
    total: i64,
    fmt: &ValueFormat,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(m) = profile.mappings.first() {
        let file = profile.str(m.file);
        if !file.is_empty() {
            out.push(format!("File: {}", go_base(file)));
        }
        let build_id = profile.str(m.build_id);
        if !build_id.is_empty() {
            out.push(format!("Build ID: {build_id}"));
        }
    }
    for &c in &profile.comments {
        let c = profile.str(c);
        if !c.starts_with('#') {
            out.push(c.to_string());
        }
    }
    if !sample_type.is_empty() {
        out.push(format!("Type: {sample_type}"));
    }
    if profile.time_nanos != 0 {
        out.push(format!("Time: {}", go119_time(profile.time_nanos)));
    }
    if profile.duration_nanos != 0 {
        let duration = label(profile.duration_nanos, "nanoseconds");
        let (total_ns, unit) = scale(total, &fmt.sample_unit, "nanoseconds");
        let ratio = if unit == "ns" && total_ns != 0.0 {
            format!("({})", percentage(total_ns as i64, profile.duration_nanos))
        } else {
            String::new()
        };
        out.push(format!(
            "Duration: {duration}, Total samples = {} {ratio}",
            fmt.format(total)
        ));
    }
    out
}

/// pprof's `legendActiveFilters`: `Active filters:` and one indented `key=value` line per
/// filter, each cut after 80 bytes with `…`; nothing when no filter is set. (Go cuts at byte
/// 80 even inside a character; this cuts before that character.)
pub fn active_filter_labels(filters: &[String]) -> Vec<String> {
    if filters.is_empty() {
        return Vec::new();
    }
    let mut out = vec!["Active filters:".to_string()];
    for f in filters {
        if f.len() > 80 {
            let mut cut = 80;
            while !f.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push(format!("   {}…", &f[..cut]));
        } else {
            out.push(format!("   {f}"));
        }
    }
    out
}

/// The rest of a text report's legend: "Showing nodes accounting for …", dropped nodes,
/// and "Showing top N nodes out of M".
pub fn showing_labels(
    flat_sum: i64,
    total: i64,
    dropped_nodes: usize,
    node_fraction: f64,
    shown: usize,
    before_count: usize,
    fmt: &ValueFormat,
) -> Vec<String> {
    let mut out = vec![format!(
        "Showing nodes accounting for {}, {} of {} total",
        fmt.format(flat_sum),
        percentage(flat_sum, total).trim(),
        fmt.format(total)
    )];
    if total != 0 {
        if dropped_nodes > 0 {
            let threshold = ((total as f64 * node_fraction) as i64).wrapping_abs();
            let noun = if dropped_nodes > 1 { "nodes" } else { "node" };
            out.push(format!(
                "Dropped {dropped_nodes} {noun} (cum <= {})",
                fmt.format(threshold)
            ));
        }
        if shown > 0 && shown < before_count {
            out.push(format!("Showing top {shown} nodes out of {before_count}"));
        }
    }
    out
}

/// A Unix time in nanoseconds in Go 1.19 pprof's layout `Jan 2, 2006 at 3:04pm (MST)`, in
/// UTC.
pub fn go119_time(nanos: i64) -> String {
    let secs = nanos.div_euclid(1_000_000_000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let (hour, minute) = (rem / 3600, (rem % 3600) / 60);
    let (h12, ampm) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {d}, {y} at {h12}:{minute:02}{ampm} (UTC)",
        MONTHS[(m - 1) as usize]
    )
}

/// Days since 1970-01-01 → (year, month 1-12, day 1-31), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_filters_are_cut_at_80_bytes() {
        assert!(active_filter_labels(&[]).is_empty());
        let long = format!("focus={}", "a".repeat(80));
        let lines = active_filter_labels(&["ignore=x".to_string(), long]);
        assert_eq!(lines[0], "Active filters:");
        assert_eq!(lines[1], "   ignore=x");
        assert_eq!(lines[2], format!("   focus={}…", "a".repeat(74)));
    }

    #[test]
    fn time_layout_matches_go119() {
        // 2017-02-17 17:15:00 UTC and 2022-10-18 15:39 UTC, as in the upstream goldens.
        assert_eq!(
            go119_time(1_487_351_700_000_000_000),
            "Feb 17, 2017 at 5:15pm (UTC)"
        );
        assert_eq!(
            go119_time(1_666_107_540_123_456_789),
            "Oct 18, 2022 at 3:39pm (UTC)"
        );
        assert_eq!(go119_time(0), "Jan 1, 1970 at 12:00am (UTC)");
        assert_eq!(go119_time(-1), "Dec 31, 1969 at 11:59pm (UTC)");
    }
}
