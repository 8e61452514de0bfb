//! A flame graph as a standalone SVG image, drawn by the same code as the page's canvas.
//!
//! Consumes a [`CallTree`] and [`SvgOptions`]; produces an SVG document: legend lines on top,
//! then the graph exactly as [`draw_flame`] draws it on a canvas of that width (same layout,
//! merged narrow siblings, fitted labels, package or change colours), every row that has
//! something to show, optionally zoomed onto a call path (the link's `p=`, names root
//! first) and grown upwards (flame) instead of downwards (icicle). Each box carries a
//! `<title>` with its name and values. No browser, no I/O: the web worker calls it too.

use super::colour::Palette;
use super::diff::{before_after, relative_change};
use super::flame::{clip, FlameStyle};
use super::flame_image::{draw_graph, legend_height, legend_of, LEGEND_LINE_PX};
use super::svg::{SvgPainter, TextMetrics};
use super::svg_xml::{num, open_document, text_element};
use crate::layout::{visible_items, FlameLayout, Item, ItemKind, Orientation, Viewport};
use crate::model::units::{percentage, scaled_label};
use crate::query::CallTree;
use std::fmt::Write;

/// Image width when none is given (CSS px).
pub const DEFAULT_SVG_WIDTH: f64 = 1200.0;

/// Row height of the page's flame graph (CSS px).
pub const SVG_ROW_PX: f64 = 18.0;

/// The legend's font: the page's legend is monospaced.
const LEGEND_FONT: &str =
    "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

/// What to draw and how (see the module documentation).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub struct SvgOptions {
    /// Width of the image in CSS px (at least 1).
    pub width: f64,
    /// Height of the graph (below the legend) in CSS px; `None`: tall enough for every row
    /// with something to show.
    pub height: Option<f64>,
    /// Height of one row in CSS px.
    pub row_height: f64,
    /// Which way rows grow.
    pub orientation: Orientation,
    /// The call path (frame names, root first) whose deepest matching frame fills the
    /// width; empty for the whole graph. Names past the first that does not match are ignored.
    pub zoom: Vec<String>,
    /// Colours of frames (or, for a comparison, of change).
    pub palette: Palette,
    /// Whether the tree is a comparison's (`total` = after − before, `weight` = after +
    /// before): boxes are coloured by change, titles give before and after.
    pub diff: bool,
    /// Lines written above the graph (the page's legend: file, type, totals, filters).
    pub legend: Vec<String>,
    /// Unit of the tree's values as the profile writes it, for titles (empty: plain numbers).
    pub sample_unit: String,
    /// Unit titles print values in (`minimum`: pprof's automatic choice per value).
    pub output_unit: String,
    /// The report total percentages in titles are of (0: the root's weight).
    pub total: i64,
    /// How labels are measured when fitted into boxes.
    pub metrics: TextMetrics,
    /// Fixed colours and metrics of the drawing (the page's light theme by default).
    pub style: FlameStyle,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self {
            width: DEFAULT_SVG_WIDTH,
            height: None,
            row_height: SVG_ROW_PX,
            orientation: Orientation::Icicle,
            zoom: Vec::new(),
            palette: Palette::Warm,
            diff: false,
            legend: Vec::new(),
            sample_unit: String::new(),
            output_unit: "minimum".to_string(),
            total: 0,
            metrics: TextMetrics::Sans,
            style: FlameStyle::default(),
        }
    }
}

/// The flame graph of `tree` as an SVG document (see the module documentation).
pub fn flame_svg(tree: &CallTree, options: &SvgOptions) -> String {
    flame_svg_in(tree, options, SvgPainter::new(options.metrics))
}

/// [`flame_svg`] with labels fitted by `measure` (text → CSS px), as a page's canvas fits
/// them: the SVG then shows exactly the labels on screen.
pub fn flame_svg_measured(
    tree: &CallTree,
    options: &SvgOptions,
    measure: &mut dyn FnMut(&str) -> f64,
) -> String {
    flame_svg_in(tree, options, SvgPainter::measured(measure))
}

fn flame_svg_in(tree: &CallTree, options: &SvgOptions, mut painter: SvgPainter<'_>) -> String {
    let (layout, vp) = draw_graph(&mut painter, tree, options);
    let items = visible_items(tree, &layout, &vp);
    let titles: Vec<([f64; 4], String)> = items
        .iter()
        .filter_map(|item| {
            let (x, w) = clip(&vp, item)?;
            let rect = [x, item.y, w, vp.row_height - 1.0];
            Some((rect, title(tree, item, options)))
        })
        .collect();
    let legend = legend_of(options);
    let legend_h = legend_height(&legend);
    let mut out = String::new();
    open_document(&mut out, vp.width, legend_h + vp.height);
    if legend_h > 0.0 {
        let _ = writeln!(
            out,
            "<g font-family=\"{LEGEND_FONT}\"><rect width=\"{}\" height=\"{}\" fill=\"{}\"/><clipPath id=\"legend\"><rect width=\"{}\" height=\"{}\"/></clipPath>",
            num(vp.width),
            num(legend_h),
            options.style.background.css(),
            num(vp.width),
            num(legend_h)
        );
        for (i, line) in legend.iter().enumerate() {
            let y = (i + 1) as f64 * LEGEND_LINE_PX;
            text_element(&mut out, line, 4.0, y, options.style.text, Some("legend"));
            out.push('\n');
        }
        out.push_str("</g>\n");
    }
    let _ = writeln!(out, "<g transform=\"translate(0 {})\">", num(legend_h));
    painter.write_body(&mut out, &titles, "c");
    out.push_str("</g>\n</svg>\n");
    out
}

/// The viewport [`flame_svg`] draws `tree` in: `options.width` wide, zoomed onto
/// `options.zoom`, as tall as `options.height` or as the deepest row with something to show.
pub fn flame_viewport(tree: &CallTree, layout: &FlameLayout, options: &SvgOptions) -> Viewport {
    let row = options.row_height.max(1.0);
    let rows = tree.depth_count().max(1) as f64;
    let mut vp = Viewport::new(options.width, rows * row, row);
    if !options.zoom.is_empty() {
        let (node, _) = tree.find_path(&options.zoom);
        let i = node as usize;
        if node != 0 && layout.width.get(i).is_some_and(|w| *w > 0.0) {
            vp.show_range(layout.x0[i], layout.x0[i] + layout.width[i]);
        }
    }
    let height = match options.height {
        Some(h) => h,
        None => {
            let deepest = visible_items(tree, layout, &vp)
                .iter()
                .map(|i| i.depth)
                .max()
                .unwrap_or(0);
            (deepest + 1) as f64 * row
        }
    };
    vp.resize(options.width, height, tree.depth_count());
    vp.orientation = options.orientation;
    vp
}

/// The hover title of one item: full name (file for frames that have one), then values.
fn title(tree: &CallTree, item: &Item, o: &SvgOptions) -> String {
    let fmt = |v: i64| scaled_label(v, &o.sample_unit, &o.output_unit);
    let total = if o.total != 0 {
        o.total
    } else {
        tree.weight.first().copied().unwrap_or(0)
    };
    let (first, last, head) = match item.kind {
        ItemKind::Node(n) => {
            let head = match tree.frame_of(n) {
                Some(f) if f.inlined => format!("{} (inlined)", f.name),
                Some(f) => f.name.clone(),
                None => "root".to_string(),
            };
            (n, n, head)
        }
        ItemKind::Merged { first, last } => {
            (first, last, format!("{} small frames", last - first + 1))
        }
    };
    let sum = |v: &[i64]| {
        v.get(first as usize..=last as usize)
            .map_or(0, |s| s.iter().fold(0i64, |a, &x| a.wrapping_add(x)))
    };
    let mut text = head;
    if o.diff {
        if let Some((before, after)) = before_after(tree, first, last) {
            let delta = after.wrapping_sub(before);
            let sign = if delta > 0 { "+" } else { "" };
            let _ = write!(
                text,
                "\nbefore {}, after {}, delta {sign}{} ({})",
                fmt(before),
                fmt(after),
                fmt(delta),
                relative_change(before, after)
            );
        }
        return text;
    }
    let t = sum(&tree.total);
    let _ = write!(
        text,
        "\ntotal {} ({} of total)",
        fmt(t),
        percentage(t, total).trim()
    );
    if first == last {
        let s = sum(&tree.self_value);
        let _ = write!(text, ", self {} ({})", fmt(s), percentage(s, total).trim());
    }
    text
}
