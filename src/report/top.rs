//! The `top` text report (pprof's `-top` / `-text`).

use super::legend::{legend_lines, showing_labels};
use super::ValueFormat;
use crate::model::units::percentage;
use crate::model::Profile;
use crate::query::{InlineKind, ReportContext, TopTable};

/// Text options of the report (pprof's names in parentheses).
#[derive(Clone, Debug, PartialEq)]
pub struct TextOptions {
    /// Output unit: `minimum` (default), `auto`, or a unit such as `ms` (`-unit`).
    pub unit: String,
    /// Leave out the profile's own legend lines (`-compact_labels`).
    pub compact_labels: bool,
    /// The node fraction the table was trimmed with (printed in "Dropped … (cum <= X)").
    pub node_fraction: f64,
}

impl Default for TextOptions {
    fn default() -> Self {
        Self {
            unit: "minimum".to_string(),
            compact_labels: false,
            node_fraction: 0.005,
        }
    }
}

/// Prints `table` (of the query `ctx` describes) as `go tool pprof -top` does.
pub fn top_text(
    profile: &Profile,
    ctx: &ReportContext,
    table: &TopTable,
    options: &TextOptions,
) -> String {
    let values: Vec<(i64, i64)> = table.rows.iter().map(|r| (r.flat, r.cum)).collect();
    let fmt = ValueFormat::choose(&ctx.sample_unit, &options.unit, &values, table.total);
    let mut lines = legend_lines(profile, ctx, &fmt, options.compact_labels);
    lines.extend(showing_labels(
        table.flat_sum(),
        table.total,
        table.dropped_nodes,
        options.node_fraction,
        table.rows.len(),
        table.nodes_before_count,
        &fmt,
    ));
    let mut out = lines.join("\n");
    out.push('\n');
    out.push_str(&format!(
        "{:>10} {:>5}% {:>5}% {:>10} {:>5}%\n",
        "flat", "flat", "sum", "cum", "cum"
    ));
    let mut sum = 0i64;
    for row in &table.rows {
        sum = sum.wrapping_add(row.flat);
        let inline = match row.inline {
            InlineKind::Called => "",
            InlineKind::Inline => " (inline)",
            InlineKind::PartialInline => " (partial-inline)",
        };
        out.push_str(&format!(
            "{:>10} {} {} {:>10} {}  {}{}\n",
            fmt.format(row.flat),
            percentage(row.flat, table.total),
            percentage(sum, table.total),
            fmt.format(row.cum),
            percentage(row.cum, table.total),
            row.name,
            inline
        ));
    }
    out
}
