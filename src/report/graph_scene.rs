//! The call graph as the page's graph view and `pprofview svg -graph` draw it: pprof's DOT
//! attributes (labels, font sizes, colours, pen widths, dotted residual edges) turned into
//! boxes and curves placed by the layered layout.
//!
//! Consumes a [`CallGraph`] and the report's context; produces a [`GraphScene`]: every
//! string already formatted, every position in CSS px at scale 1. Text is measured with the
//! sans-serif glyph table the SVG export uses, so the engine can size boxes without a
//! browser; the painter fits each line into its box when drawing.

use super::dot::{
    dot_legend, dot_rgb, edge_layout_weight, edge_pen_width, graph_label_lines, node_font_size,
};
use super::{DotOptions, ValueFormat};
use crate::layout::graph::{layout_graph, GraphLayoutOptions, LayoutEdge, NodeSize};
use crate::model::units::percentage;
use crate::model::Profile;
use crate::query::{CallGraph, GraphNode, ReportContext};
use crate::render::{Rgb, TextMetrics, SVG_FONT_PX};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.2;

/// Padding inside a node box, as a multiple of its font size.
const PAD: f64 = 0.5;

/// The size of an edge label's font, in px.
pub const EDGE_FONT_PX: f64 = 10.0;

/// One node: a function (or file, line, address at other granularities).
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SceneNode {
    /// pprof's printable name: what a filter or the search names.
    pub name: String,
    /// The label's lines: the shortened name broken at `.` and `::`, the file or line, then
    /// flat and cum with their percentages, as `go tool pprof -dot` writes them.
    pub lines: Vec<String>,
    /// Font size of the label in px (pprof's 8–24, larger for more flat).
    pub font_px: f64,
    /// Left, top, width, height in CSS px at scale 1.
    pub rect: [f64; 4],
    /// Fill colour (pprof's light colour by cum).
    pub fill: Rgb,
    /// Border and text colour (pprof's strong colour by cum).
    pub border: Rgb,
    /// What the colours are made from: cum as a share of the total, in [-1, 1] (negative
    /// for a comparison's shrinking node), so another palette can colour it.
    pub score: f64,
    /// Flat, formatted (`120ms`).
    pub flat: String,
    /// Flat as a share of the total (`12.50%`).
    pub flat_pct: String,
    /// Cum, formatted.
    pub cum: String,
    /// Cum as a share of the total.
    pub cum_pct: String,
}

/// One call edge, caller to callee.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SceneEdge {
    /// The caller's index in [`GraphScene::nodes`].
    pub from: u32,
    /// The callee's index.
    pub to: u32,
    /// The weight, formatted, then ` (inline)` for inlined calls: its label.
    pub label: Vec<String>,
    /// The path: start, then cubic Bézier segments of three points; the last point is at
    /// the callee's border, where the arrowhead goes.
    pub points: Vec<[f64; 2]>,
    /// Where the label's first line starts (its left end, top of the text).
    pub label_at: [f64; 2],
    /// Pen width in px (pprof's 1–6).
    pub width: f64,
    /// Colour (pprof's, by weight).
    pub colour: Rgb,
    /// What the colour is made from: the weight as a share of the total.
    pub score: f64,
    /// Dropped nodes lie between (pprof draws it dotted).
    pub dashed: bool,
    /// `caller -> callee (weight)`, or `...` for a residual edge.
    pub tooltip: String,
}

/// The placed, formatted call graph.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct GraphScene {
    /// pprof's legend box lines (File, Type, …, Showing nodes, Dropped …).
    pub legend: Vec<String>,
    /// Width of the drawing at scale 1.
    pub width: f64,
    /// Height of the drawing at scale 1.
    pub height: f64,
    /// The nodes, in pprof's order (node `i` is DOT's `N{i+1}`).
    pub nodes: Vec<SceneNode>,
    /// The edges, heaviest first.
    pub edges: Vec<SceneEdge>,
}

/// `v` clamped to [-1, 1], 0 when not a number (a zero total).
fn finite(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-1.0, 1.0)
    }
}

/// The width of `text` in px at a font `px` high, by the SVG export's glyph table.
pub fn text_width_at(text: &str, px: f64) -> f64 {
    TextMetrics::Sans.width(text) * px / SVG_FONT_PX
}

/// The node's label lines with pprof's value lines: `flat (p%)`, then `of cum (p%)` on the
/// next line (on the same line after a flat of `0`).
fn label(n: &GraphNode, total: i64, fmt: &ValueFormat) -> Vec<String> {
    let (flat, cum) = (n.flat_value(), n.cum_value());
    let mut lines = graph_label_lines(n);
    let mut last = if flat != 0 {
        format!("{} ({})", fmt.format(flat), percentage(flat, total).trim())
    } else {
        "0".to_string()
    };
    if cum != flat {
        let of = format!("of {} ({})", fmt.format(cum), percentage(cum, total).trim());
        if flat != 0 {
            lines.push(last);
            last = of;
        } else {
            last = format!("{last} {of}");
        }
    }
    lines.push(last);
    lines
}

/// The scene of `graph`: formatted as `go tool pprof -dot` formats it, laid out in layers.
pub fn graph_scene(
    profile: &Profile,
    ctx: &ReportContext,
    graph: &CallGraph,
    options: &DotOptions,
) -> GraphScene {
    let (mut scene, sizes, edges) = unplaced_scene(profile, ctx, graph, options);
    let placed = layout_graph(&sizes, &edges, &GraphLayoutOptions::default());
    for (n, p) in scene.nodes.iter_mut().zip(&placed.nodes) {
        n.rect = [p.x, p.y, p.width, p.height];
    }
    for (e, r) in scene.edges.iter_mut().zip(&placed.edges) {
        e.points = r.points.iter().map(|p| [p.x, p.y]).collect();
        e.label_at = [r.label_at.x, r.label_at.y];
    }
    (scene.width, scene.height) = (placed.width, placed.height);
    scene
}

/// [`graph_scene`] before its layout: the formatted scene (every position 0) and what the
/// layout takes, each node's box size and each drawn edge with pprof's weight.
pub fn unplaced_scene(
    profile: &Profile,
    ctx: &ReportContext,
    graph: &CallGraph,
    options: &DotOptions,
) -> (GraphScene, Vec<NodeSize>, Vec<LayoutEdge>) {
    let values: Vec<(i64, i64)> = graph
        .nodes
        .iter()
        .map(|n| (n.flat_value(), n.cum_value()))
        .collect();
    let fmt = ValueFormat::choose(&ctx.sample_unit, &options.unit, &values, ctx.total);
    let total = ctx.total;
    let max_flat = graph
        .nodes
        .iter()
        .fold(0f64, |m, n| m.max(n.flat_value().wrapping_abs() as f64));
    let nodes: Vec<SceneNode> = graph
        .nodes
        .iter()
        .map(|n| {
            let (flat, cum) = (n.flat_value(), n.cum_value());
            let font_px = node_font_size(flat, max_flat) as f64;
            let lines = label(n, total, &fmt);
            let widest = lines
                .iter()
                .map(|l| text_width_at(l, font_px))
                .fold(0.0, f64::max);
            let w = widest + 2.0 * PAD * font_px;
            let h = lines.len() as f64 * LINE_HEIGHT * font_px + PAD * font_px;
            let score = cum as f64 / total.wrapping_abs() as f64;
            SceneNode {
                name: n.name.clone(),
                lines,
                font_px,
                rect: [0.0, 0.0, w, h],
                fill: dot_rgb(score, true),
                border: dot_rgb(score, false),
                score: finite(score),
                flat: fmt.format(flat),
                flat_pct: percentage(flat, total).trim().to_string(),
                cum: fmt.format(cum),
                cum_pct: percentage(cum, total).trim().to_string(),
            }
        })
        .collect();
    let mut edges = Vec::new();
    let mut layout_edges = Vec::new();
    for e in &graph.edges {
        // pprof points an edge whose callee left the graph at a node it never defines.
        let Some(to) = e.to else { continue };
        let v = e.weight_value();
        let w = fmt.format(v);
        let mut label = vec![w.clone()];
        if e.inline {
            label.push("(inline)".to_string());
        }
        let arrow = if e.residual { "..." } else { "->" };
        edges.push(SceneEdge {
            from: e.from as u32,
            to: to as u32,
            label,
            width: edge_pen_width(v, total) as f64,
            colour: dot_rgb(v as f64 / total.wrapping_abs() as f64, false),
            score: finite(v as f64 / total.wrapping_abs() as f64),
            dashed: e.residual,
            tooltip: format!(
                "{} {arrow} {} ({w})",
                graph.nodes[e.from].name, e.callee_name
            ),
            ..SceneEdge::default()
        });
        layout_edges.push(LayoutEdge {
            from: e.from,
            to,
            weight: u32::try_from(edge_layout_weight(v, total)).unwrap_or(1),
            min_len: 1,
        });
    }
    let sizes: Vec<NodeSize> = nodes
        .iter()
        .map(|n| NodeSize {
            width: n.rect[2],
            height: n.rect[3],
        })
        .collect();
    let scene = GraphScene {
        legend: dot_legend(profile, ctx, graph, options, &fmt),
        width: 0.0,
        height: 0.0,
        nodes,
        edges,
    };
    (scene, sizes, layout_edges)
}
