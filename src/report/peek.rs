//! The `peek` text report (pprof's `-peek`, its tree report restricted to matching nodes).

use super::legend::{legend_lines, showing_labels};
use super::top::TextOptions;
use super::ValueFormat;
use crate::model::units::percentage;
use crate::model::Profile;
use crate::query::{Peek, PeekLink, ReportContext};

/// The line between blocks (and above and below the column titles).
const SEPARATOR: &str = "----------------------------------------------------------+-------------";

/// The column titles; pprof ends them with tab-separated blanks.
const TITLES: &str = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ";

/// Prints `peek` (of the query `ctx` describes) as `go tool pprof -peek` does: the legend,
/// then one block per matched node with its callers above and its callees below.
pub fn peek_text(
    profile: &Profile,
    ctx: &ReportContext,
    peek: &Peek,
    options: &TextOptions,
) -> String {
    let smallest = (peek.graph_nodes > 0).then_some(peek.smallest);
    let fmt = ValueFormat::choose_smallest(&ctx.sample_unit, &options.unit, smallest, peek.total);
    let mut lines = legend_lines(profile, ctx, &fmt, options.compact_labels);
    // Nothing is trimmed: no "Dropped" or "Showing top" line.
    lines.extend(showing_labels(
        peek.graph_flat,
        peek.total,
        0,
        0.0,
        peek.graph_nodes,
        peek.graph_nodes,
        &fmt,
    ));
    let mut out = lines.join("\n");
    out.push('\n');
    out.push_str(&format!("{SEPARATOR}\n{TITLES}\n"));
    let link = |out: &mut String, l: &PeekLink, cum: i64| {
        let inline = if l.inline { " (inline)" } else { "" };
        out.push_str(&format!(
            "{:>50} {} |   {}{inline}\n",
            fmt.format(l.value),
            percentage(l.value, cum),
            l.name
        ));
    };
    let mut flat_sum = 0i64;
    for e in &peek.entries {
        out.push_str(SEPARATOR);
        out.push('\n');
        for l in &e.callers {
            link(&mut out, l, e.cum);
        }
        flat_sum = flat_sum.wrapping_add(e.flat);
        out.push_str(&format!(
            "{:>10} {} {} {:>10} {}                | {}\n",
            fmt.format(e.flat),
            percentage(e.flat, peek.total),
            percentage(flat_sum, peek.total),
            fmt.format(e.cum),
            percentage(e.cum, peek.total),
            e.name
        ));
        for l in &e.callees {
            link(&mut out, l, e.cum);
        }
    }
    if peek.graph_nodes > 0 {
        out.push_str(SEPARATOR);
        out.push('\n');
    }
    out
}
