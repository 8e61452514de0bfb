//! The call graph as Graphviz DOT text, byte-identical to `go tool pprof -dot` (Go 1.19's
//! `graph.ComposeDot`).
//!
//! Consumes a [`CallGraph`] and the report's context; produces the DOT text: the legend
//! box, one `N{i}` per node (label with the shortened name, flat and cum; font size from
//! flat; colours from cum), its tags as `box3d` nodelets (`dot_tags.rs`), then the edges
//! heaviest first (width and colour from the weight, `(inline)` in the label, residual
//! edges dotted).

use super::dot_tags::nodelets;
use super::legend::{active_filter_labels, profile_labels};
use super::ValueFormat;
use crate::model::units::percentage;
use crate::model::Profile;
use crate::query::{go_base, CallGraph, GraphEdge, GraphNode, ReportContext};
use crate::render::{shorten_function_name_go119, Rgb};
use std::fmt::Write;

/// pprof's `escapeForDot`: backslashes and quotes escaped, newlines as left-justified breaks.
pub(super) fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\l")
}

/// pprof's `dotColor`: a colour for `score` in [-1, 1], red for positive, green for
/// negative, grey near zero; lighter for backgrounds.
pub fn dot_color(score: f64, background: bool) -> String {
    dot_rgb(score, background).css()
}

/// [`dot_color`] as channels, for painting.
pub fn dot_rgb(score: f64, background: bool) -> Rgb {
    dot_rgb_in(score, background, false)
}

/// [`dot_rgb`], or with `colour_blind` the same scale from orange (positive) through grey
/// to blue (negative), which readers who cannot tell red from green can.
pub fn dot_rgb_in(score: f64, background: bool, colour_blind: bool) -> Rgb {
    const SHIFT: f64 = 0.7;
    let (mut saturation, value) = if background { (0.1, 0.93) } else { (1.0, 0.7) };
    let mut score = if score.is_nan() {
        0.0
    } else {
        score.clamp(-1.0, 1.0)
    };
    if score.abs() < 0.2 {
        saturation *= score.abs() / 0.2;
    }
    if score > 0.0 {
        score = score.powf(1.0 - SHIFT);
    }
    if score < 0.0 {
        score = -(-score).powf(1.0 - SHIFT);
    }
    let byte = |v: f64| (v * 255.0) as u8;
    if colour_blind {
        // Orange: full red, half green, no blue; blue: no red, half green, full blue.
        let s = saturation * score.abs();
        let (r, g, b) = if score < 0.0 {
            (value * (1.0 - s), value * (1.0 - 0.45 * s), value)
        } else {
            (value, value * (1.0 - 0.45 * s), value * (1.0 - s))
        };
        return Rgb::new(byte(r), byte(g), byte(b));
    }
    let (r, g) = if score < 0.0 {
        (value * (1.0 + saturation * score), value)
    } else {
        (value, value * (1.0 - saturation * score))
    };
    let b = value * (1.0 - saturation);
    Rgb::new(byte(r), byte(g), byte(b))
}

/// pprof's `multilinePrintableName` as lines (unescaped): the shortened function name
/// broken at every `::` and `.`, then the file's base name or line (or the binary).
pub fn graph_label_lines(n: &GraphNode) -> Vec<String> {
    let name = shorten_function_name_go119(&n.function)
        .replace("::", "\u{1f}")
        .replace("[...]", "[…]")
        .replace('.', "\u{1f}");
    let file = if n.file.is_empty() {
        ""
    } else {
        go_base(&n.file)
    };
    let mut lines: Vec<String> = Vec::new();
    if n.address != 0 {
        lines.push(format!("{:016x}", n.address));
    }
    if !name.is_empty() {
        lines.extend(name.split('\u{1f}').map(str::to_string));
    }
    if n.line != 0 {
        lines.push(format!("{file}:{}", n.line));
    } else if !file.is_empty() {
        lines.push(file.to_string());
    } else if !name.is_empty() {
    } else if !n.objfile.is_empty() {
        lines.push(format!("[{}]", go_base(&n.objfile)));
    } else {
        lines.push("<unknown>".to_string());
    }
    lines
}

/// pprof's `multilinePrintableName`: [`graph_label_lines`] escaped for DOT, each followed
/// by `\n`.
fn multiline_name(n: &GraphNode) -> String {
    graph_label_lines(n)
        .iter()
        .map(|l| escape(l) + "\\n")
        .collect()
}

/// pprof's node font size: 8, plus up to 16 by the square root of |flat| / max |flat|.
pub fn node_font_size(flat: i64, max_flat: f64) -> i64 {
    let af = flat.wrapping_abs() as f64;
    if max_flat != 0.0 && flat != 0 && af <= max_flat {
        8 + (16.0 * (af / max_flat).sqrt()).ceil() as i64
    } else {
        8
    }
}

/// pprof's edge pen width: 1 plus up to 5 by the weight's share of the total.
pub fn edge_pen_width(value: i64, total: i64) -> i64 {
    if total == 0 {
        return 1;
    }
    1 + value
        .wrapping_mul(5)
        .wrapping_div(total)
        .wrapping_abs()
        .min(5)
}

/// pprof's edge weight for the layout: 1 plus up to 100 by the weight's share of the total.
pub fn edge_layout_weight(value: i64, total: i64) -> i64 {
    if total == 0 {
        return 1;
    }
    1 + value
        .wrapping_mul(100)
        .wrapping_div(total)
        .wrapping_abs()
        .min(100)
}

/// The legend's lines (pprof's `reportLabels` with full headers).
pub(super) fn dot_legend(
    profile: &Profile,
    ctx: &ReportContext,
    g: &CallGraph,
    options: &DotOptions,
    fmt: &ValueFormat,
) -> Vec<String> {
    let total = ctx.total;
    let mut lines = profile_labels(profile, &ctx.sample_type, total, fmt);
    lines.extend(active_filter_labels(&ctx.active_filters));
    let flat = g.flat_sum();
    lines.push(format!(
        "Showing nodes accounting for {}, {} of {} total",
        fmt.format(flat),
        percentage(flat, total).trim(),
        fmt.format(total)
    ));
    if total != 0 {
        let dropped = |count: usize, noun: &str, what: &str, fraction: f64| {
            let plural = if count > 1 { "s" } else { "" };
            let cut = ((total as f64 * fraction) as i64).wrapping_abs();
            format!(
                "Dropped {count} {noun}{plural} ({what} <= {})",
                fmt.format(cut)
            )
        };
        if g.dropped_nodes > 0 {
            lines.push(dropped(
                g.dropped_nodes,
                "node",
                "cum",
                options.node_fraction,
            ));
        }
        if g.dropped_edges > 0 {
            lines.push(dropped(
                g.dropped_edges,
                "edge",
                "freq",
                options.edge_fraction,
            ));
        }
        let shown = g.nodes.len();
        if shown > 0 && shown < g.nodes_before_count {
            lines.push(format!(
                "Showing top {shown} nodes out of {}",
                g.nodes_before_count
            ));
        }
    }
    lines.push("\nSee https://git.io/JfYMW for how to read the graph".to_string());
    lines
}

/// What the DOT legend needs besides the graph (pprof's flags in parentheses).
#[derive(Clone, Debug, PartialEq)]
pub struct DotOptions {
    /// The output unit (`-unit`; `minimum` by default).
    pub unit: String,
    /// The node fraction the graph was trimmed with (`-nodefraction`).
    pub node_fraction: f64,
    /// The edge fraction the graph was trimmed with (`-edgefraction`).
    pub edge_fraction: f64,
}

/// Prints `graph` (of the query `ctx` describes) as `go tool pprof -dot` does.
pub fn dot_text(
    profile: &Profile,
    ctx: &ReportContext,
    graph: &CallGraph,
    options: &DotOptions,
) -> String {
    let values: Vec<(i64, i64)> = graph
        .nodes
        .iter()
        .map(|n| (n.flat_value(), n.cum_value()))
        .collect();
    let fmt = ValueFormat::choose(&ctx.sample_unit, &options.unit, &values, ctx.total);
    let title = profile
        .mappings
        .first()
        .map(|m| profile.str(m.file))
        .filter(|f| !f.is_empty())
        .map(go_base);
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", title.unwrap_or("unnamed"));
    out.push_str("node [style=filled fillcolor=\"#f8f8f8\"]\n");
    let labels: Vec<String> = dot_legend(profile, ctx, graph, options, &fmt)
        .iter()
        .map(|l| escape(l))
        .collect();
    let _ = write!(
        out,
        "subgraph cluster_L {{ \"{}\" [shape=box fontsize=16",
        labels[0]
    );
    let _ = write!(out, " label=\"{}\\l\"", labels.join("\\l"));
    if let Some(t) = title {
        let _ = write!(out, " tooltip=\"{t}\"");
    }
    out.push_str("] }\n");
    if graph.nodes.is_empty() {
        out.push_str("}\n");
        return out;
    }
    let max_flat = graph
        .nodes
        .iter()
        .fold(0f64, |m, n| m.max(n.flat_value().wrapping_abs() as f64));
    let mut has_nodelets = vec![false; graph.nodes.len()];
    let mut has_out = vec![false; graph.nodes.len()];
    for e in &graph.edges {
        has_out[e.from] = true;
    }
    for (i, n) in graph.nodes.iter().enumerate() {
        node(&mut out, n, i + 1, max_flat, ctx.total, &fmt);
        let lets = nodelets(n, i + 1, has_out[i], &fmt);
        has_nodelets[i] = !lets.is_empty();
        out.push_str(&lets);
    }
    for e in &graph.edges {
        edge(&mut out, graph, e, ctx.total, has_nodelets[e.from], &fmt);
    }
    out.push_str("}\n");
    out
}

fn node(out: &mut String, n: &GraphNode, id: usize, max_flat: f64, total: i64, fmt: &ValueFormat) {
    let (flat, cum) = (n.flat_value(), n.cum_value());
    let mut label = multiline_name(n);
    let flat_text = fmt.format(flat);
    if flat != 0 {
        let _ = write!(label, "{flat_text} ({})", percentage(flat, total).trim());
    } else {
        label.push('0');
    }
    let mut cum_text = flat_text;
    if cum != flat {
        label.push_str(if flat != 0 { "\\n" } else { " " });
        cum_text = fmt.format(cum);
        let _ = write!(label, "of {cum_text} ({})", percentage(cum, total).trim());
    }
    let font = node_font_size(flat, max_flat);
    let score = cum as f64 / total.wrapping_abs() as f64;
    let _ = writeln!(
        out,
        "N{id} [label=\"{label}\" id=\"node{id}\" fontsize={font} shape=box tooltip=\"{} ({cum_text})\" color=\"{}\" fillcolor=\"{}\"]",
        escape(&n.name),
        dot_color(score, false),
        dot_color(score, true)
    );
}

fn edge(
    out: &mut String,
    g: &CallGraph,
    e: &GraphEdge,
    total: i64,
    has_nodelets: bool,
    fmt: &ValueFormat,
) {
    let v = e.weight_value();
    let w = fmt.format(v);
    let inline = if e.inline { "\\n (inline)" } else { "" };
    let mut attr = format!("label=\" {w}{inline}\"");
    if total != 0 {
        let weight = edge_layout_weight(v, total);
        if weight > 1 {
            let _ = write!(attr, " weight={weight}");
        }
        let width = edge_pen_width(v, total);
        if width > 1 {
            let _ = write!(attr, " penwidth={width}");
        }
        let _ = write!(
            attr,
            " color=\"{}\"",
            dot_color(v as f64 / total.wrapping_abs() as f64, false)
        );
    }
    let arrow = if e.residual { "..." } else { "->" };
    let tooltip = format!(
        "\"{} {arrow} {} ({w})\"",
        escape(&g.nodes[e.from].name),
        escape(&e.callee_name)
    );
    let _ = write!(attr, " tooltip={tooltip} labeltooltip={tooltip}");
    if e.residual {
        attr.push_str(" style=\"dotted\"");
    }
    if has_nodelets {
        attr.push_str(" minlen=2");
    }
    let to = e.to.map_or(0, |t| t + 1);
    let _ = writeln!(out, "N{} -> N{to} [{attr}]", e.from + 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_pprofs() {
        // From pprof's goldens: the hottest node, and a light one.
        assert_eq!(dot_color(1.0, false), "#b20000");
        assert_eq!(dot_color(1.0, true), "#edd5d5");
        assert_eq!(dot_color(0.0, false), "#b2b2b2");
        assert_eq!(dot_color(-1.0, false), "#00b200");
    }

    #[test]
    fn escapes_as_dot_needs() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\ld");
    }
}
