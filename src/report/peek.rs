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

/// One caller or callee line of a peek block, formatted as `-peek` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeekCall {
    /// The call's value (`1.20s`).
    pub value: String,
    /// Its share of the node's cum (`45.00%`, padded as pprof pads it).
    pub pct: String,
    /// The caller's or callee's name.
    pub name: String,
    /// Whether the call was inlined.
    pub inline: bool,
}

/// One matched node's block of a peek report, formatted as `-peek` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeekBlock {
    /// The node's name.
    pub name: String,
    /// `flat  flat%  sum%  cum  cum%`, as printed (percentages padded).
    pub cells: [String; 5],
    /// Its callers, heaviest first.
    pub callers: Vec<PeekCall>,
    /// Its callees, heaviest first.
    pub callees: Vec<PeekCall>,
}

/// The unit `peek` prints in and the formatted blocks of `peek` (the legend's lines come
/// with the format: see [`peek_text`]).
pub fn peek_blocks(ctx: &ReportContext, peek: &Peek, unit: &str) -> (ValueFormat, Vec<PeekBlock>) {
    let smallest = (peek.graph_nodes > 0).then_some(peek.smallest);
    let fmt = ValueFormat::choose_smallest(&ctx.sample_unit, unit, smallest, peek.total);
    let call = |l: &PeekLink, cum: i64| PeekCall {
        value: fmt.format(l.value),
        pct: percentage(l.value, cum),
        name: l.name.clone(),
        inline: l.inline,
    };
    let mut flat_sum = 0i64;
    let blocks = peek
        .entries
        .iter()
        .map(|e| {
            flat_sum = flat_sum.wrapping_add(e.flat);
            PeekBlock {
                name: e.name.clone(),
                cells: [
                    fmt.format(e.flat),
                    percentage(e.flat, peek.total),
                    percentage(flat_sum, peek.total),
                    fmt.format(e.cum),
                    percentage(e.cum, peek.total),
                ],
                callers: e.callers.iter().map(|l| call(l, e.cum)).collect(),
                callees: e.callees.iter().map(|l| call(l, e.cum)).collect(),
            }
        })
        .collect();
    (fmt, blocks)
}

/// Prints `peek` (of the query `ctx` describes) as `go tool pprof -peek` does: the legend,
/// then one block per matched node with its callers above and its callees below.
pub fn peek_text(
    profile: &Profile,
    ctx: &ReportContext,
    peek: &Peek,
    options: &TextOptions,
) -> String {
    let (fmt, blocks) = peek_blocks(ctx, peek, &options.unit);
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
    let link = |out: &mut String, c: &PeekCall| {
        let inline = if c.inline { " (inline)" } else { "" };
        out.push_str(&format!(
            "{:>50} {} |   {}{inline}\n",
            c.value, c.pct, c.name
        ));
    };
    for b in &blocks {
        out.push_str(SEPARATOR);
        out.push('\n');
        for c in &b.callers {
            link(&mut out, c);
        }
        let [flat, flat_pct, sum_pct, cum, cum_pct] = &b.cells;
        out.push_str(&format!(
            "{flat:>10} {flat_pct} {sum_pct} {cum:>10} {cum_pct}                | {}\n",
            b.name
        ));
        for c in &b.callees {
            link(&mut out, c);
        }
    }
    if peek.graph_nodes > 0 {
        out.push_str(SEPARATOR);
        out.push('\n');
    }
    out
}
