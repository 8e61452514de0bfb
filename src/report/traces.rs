//! The `traces` text report (pprof's `-traces`).

use super::legend::profile_labels;
use super::ValueFormat;
use crate::model::units::label;
use crate::model::Profile;
use crate::query::{NodeTable, ReportContext, Trace};

const SEPARATOR: &str = "-----------+-------------------------------------------------------";

/// Prints `traces` as `go tool pprof -traces` does: the profile's legend lines, then per
/// sample its labels (sorted), its value (in `unit`, chosen per value for `minimum`) and its
/// frames leaf first, between separator lines.
pub fn traces_text(
    profile: &Profile,
    ctx: &ReportContext,
    nodes: &NodeTable,
    traces: &[Trace],
    unit: &str,
) -> String {
    let fmt = ValueFormat {
        sample_unit: ctx.sample_unit.clone(),
        output_unit: unit.to_string(),
    };
    let mut out = profile_labels(profile, &ctx.sample_type, ctx.total, &fmt).join("\n");
    out.push('\n');
    for t in traces {
        out.push_str(SEPARATOR);
        out.push('\n');
        let lines = trace_label_lines(t);
        out.extend(lines.into_iter().map(|l| l + "\n"));
        for (i, (n, inline)) in t.frames.iter().enumerate() {
            let value = if i == 0 {
                fmt.format(t.value)
            } else {
                String::new()
            };
            let inline = if *inline { " (inline)" } else { "" };
            out.push_str(&format!("{value:>10}   {}{inline}\n", nodes.name(*n)));
        }
    }
    out.push_str(SEPARATOR);
    out.push('\n');
    out
}

/// A trace's label lines as `-traces` prints them (`      role:  waiter`, keys right-aligned
/// in 10 columns): string labels sorted, then numeric ones (with their units) sorted.
pub fn trace_label_lines(t: &Trace) -> Vec<String> {
    let mut lines: Vec<String> = t
        .labels
        .iter()
        .map(|(k, vs)| format!("{k:>10}:  {}", vs.join(" ")))
        .collect();
    lines.sort();
    let mut nums: Vec<String> = t
        .num_labels
        .iter()
        .map(|(k, vs, u)| {
            let vs: Vec<String> = vs.iter().map(|v| label(*v, u)).collect();
            format!("{k:>10}:  {}", vs.join(" "))
        })
        .collect();
    nums.sort();
    lines.extend(nums);
    lines
}
