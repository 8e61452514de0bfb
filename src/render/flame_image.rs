//! A flame graph image on any [`Painter`]: the legend lines on top, the graph below, at the
//! size and zoom [`flame_svg`](super::flame_svg) uses. What a PNG export draws on a canvas
//! (at twice the pixels, then `toBlob`), so the PNG and the SVG show the same boxes and labels.
//!
//! Consumes a call tree, [`SvgOptions`] and a painter; produces painter calls. The legend's
//! lines and height are computed here once for both images.

use super::colour::Palette;
use super::diff::DiffColours;
use super::flame::{draw_flame, FrameColours, Marks, Scene};
use super::flame_svg::{flame_viewport, SvgOptions};
use super::labels::Labels;
use super::painter::Painter;
use super::Rgb;
use crate::layout::{FlameLayout, Viewport};
use crate::query::CallTree;

/// Height of one legend line (CSS px).
pub(super) const LEGEND_LINE_PX: f64 = 16.0;

/// The lines above the graph: the options' legend, and for a comparison what the colours mean.
pub(super) fn legend_of(options: &SvgOptions) -> Vec<String> {
    let mut legend = options.legend.clone();
    if options.diff {
        legend.push(diff_key(options.palette).to_string());
    }
    legend
}

/// The height of the legend band holding `lines` (0 without lines).
pub(super) fn legend_height(lines: &[String]) -> f64 {
    if lines.is_empty() {
        0.0
    } else {
        8.0 + lines.len() as f64 * LEGEND_LINE_PX
    }
}

/// The legend line explaining a comparison's colours (the page's colour key in words).
fn diff_key(palette: Palette) -> &'static str {
    match palette {
        Palette::Warm => "Colours: red grew, green shrank, grey unchanged (deeper: larger change)",
        Palette::ColourBlind => {
            "Colours: orange grew, blue shrank, grey unchanged (deeper: larger change)"
        }
    }
}

/// Draws the image of `tree` on `painter` (legend lines, then the graph below them) and
/// returns its `(width, height)` in CSS px. Size the surface first with
/// [`flame_image_size`]; the legend is drawn in the painter's one font.
pub fn draw_flame_image(
    painter: &mut dyn Painter,
    tree: &CallTree,
    options: &SvgOptions,
) -> (f64, f64) {
    let (width, height) = flame_image_size(tree, options);
    let legend = legend_of(options);
    let top = legend_height(&legend);
    painter.clear(width, height, options.style.background);
    for (i, line) in legend.iter().enumerate() {
        painter.fill_text(
            line,
            4.0,
            (i + 1) as f64 * LEGEND_LINE_PX,
            options.style.text,
        );
    }
    let mut below = Below {
        inner: painter,
        dy: top,
    };
    draw_graph(&mut below, tree, options);
    (width, height)
}

/// Draws the graph of `tree` (no legend) as `options` say, with the flame graph's own
/// drawing code; returns its layout and viewport (the SVG adds a title per box from them).
pub(super) fn draw_graph(
    painter: &mut dyn Painter,
    tree: &CallTree,
    options: &SvgOptions,
) -> (FlameLayout, Viewport) {
    let layout = FlameLayout::new(tree);
    let vp = flame_viewport(tree, &layout, options);
    let colours = FrameColours::new(tree, options.palette);
    let diff = options
        .diff
        .then(|| DiffColours::new(tree, options.palette));
    let scene = Scene {
        tree,
        layout: &layout,
        viewport: &vp,
        colours: &colours,
        diff: diff.as_ref(),
        style: &options.style,
    };
    draw_flame(painter, &mut Labels::new(), &scene, &Marks::default());
    (layout, vp)
}

/// The `(width, height)` in CSS px of the image [`draw_flame_image`] draws.
pub fn flame_image_size(tree: &CallTree, options: &SvgOptions) -> (f64, f64) {
    let vp = flame_viewport(tree, &FlameLayout::new(tree), options);
    (vp.width, legend_height(&legend_of(options)) + vp.height)
}

/// A painter drawing `dy` pixels lower on another, whose `clear` fills only its own band.
struct Below<'a> {
    inner: &'a mut dyn Painter,
    dy: f64,
}

impl Painter for Below<'_> {
    fn clear(&mut self, width: f64, height: f64, colour: Rgb) {
        self.inner.fill_rect(0.0, self.dy, width, height, colour);
    }

    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb) {
        self.inner.fill_rect(x, y + self.dy, w, h, colour);
    }

    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb, line_width: f64) {
        self.inner
            .stroke_rect(x, y + self.dy, w, h, colour, line_width);
    }

    fn fill_text(&mut self, text: &str, x: f64, y: f64, colour: Rgb) {
        self.inner.fill_text(text, x, y + self.dy, colour);
    }

    fn text_width(&mut self, text: &str) -> f64 {
        self.inner.text_width(text)
    }

    fn stroke_curve(&mut self, points: &[[f64; 2]], colour: Rgb, width: f64, dashed: bool) {
        let moved: Vec<[f64; 2]> = points.iter().map(|[x, y]| [*x, y + self.dy]).collect();
        self.inner.stroke_curve(&moved, colour, width, dashed);
    }

    fn fill_polygon(&mut self, points: &[[f64; 2]], colour: Rgb) {
        let moved: Vec<[f64; 2]> = points.iter().map(|[x, y]| [*x, y + self.dy]).collect();
        self.inner.fill_polygon(&moved, colour);
    }

    fn fill_text_px(&mut self, text: &str, x: f64, y: f64, colour: Rgb, px: f64) {
        self.inner.fill_text_px(text, x, y + self.dy, colour, px);
    }

    fn text_width_px(&mut self, text: &str, px: f64) -> f64 {
        self.inner.text_width_px(text, px)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::folded_for_tests as profile;
    use crate::query::{Granularity, Prepared};
    use crate::render::RecordingPainter;
    use std::sync::Arc;

    #[test]
    fn the_graph_sits_below_the_legend() {
        let p = profile("main;a 3\nmain;b 1\n");
        let p = Prepared::unfiltered(&Arc::new(p)).expect("prepared");
        let tree = CallTree::build(&p, Granularity::Functions);
        let options = SvgOptions {
            legend: vec!["Type: samples".to_string()],
            width: 400.0,
            ..SvgOptions::default()
        };
        let mut rec = RecordingPainter::new();
        let (w, h) = draw_flame_image(&mut rec, &tree, &options);
        assert_eq!((w, h), (400.0, 24.0 + 3.0 * 18.0));
        let log = rec.log();
        assert!(log.starts_with("clear 400.00x78.00"), "{log}");
        assert!(
            log.contains("text 4.00,16.00 #000000 \"Type: samples\""),
            "{log}"
        );
        // The root's box starts right under the legend band.
        assert!(log.contains("fill 0.00,24.00 399.00x17.00"), "{log}");
    }
}
