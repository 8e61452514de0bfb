//! The drawing surface the flame graph paints on, and a recording one for golden tests.
//!
//! Consumes drawing calls in CSS pixels; the browser backend (`src/web/canvas.rs`) turns
//! them into canvas 2D calls with the device pixel ratio applied once, and
//! [`RecordingPainter`] writes them down as text so drawing is testable natively.

use super::colour::Rgb;
use std::fmt::Write;

/// A 2D surface in CSS pixels with one fixed font.
pub trait Painter {
    /// Fills the whole `width` × `height` surface.
    fn clear(&mut self, width: f64, height: f64, colour: Rgb);
    /// Fills a rectangle.
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb);
    /// Outlines a rectangle with a line `line_width` wide, drawn inside its edges.
    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb, line_width: f64);
    /// Draws `text` with its left end at `x` and its baseline at `y`.
    fn fill_text(&mut self, text: &str, x: f64, y: f64, colour: Rgb);
    /// The width of `text` in the surface's font (implementations may cache).
    fn text_width(&mut self, text: &str) -> f64;
    /// Strokes a path `width` px wide: `points[0]`, then cubic Bézier segments of three
    /// points each (two controls, then the end). The call graph draws its edges with it;
    /// surfaces that only ever draw flame graphs may leave it out.
    fn stroke_curve(&mut self, points: &[[f64; 2]], colour: Rgb, width: f64, dashed: bool) {
        let _ = (points, colour, width, dashed);
    }
    /// Fills a closed polygon (the call graph's arrowheads).
    fn fill_polygon(&mut self, points: &[[f64; 2]], colour: Rgb) {
        let _ = (points, colour);
    }
    /// Draws `text` like [`Painter::fill_text`] in the same family `px` pixels high.
    fn fill_text_px(&mut self, text: &str, x: f64, y: f64, colour: Rgb, px: f64) {
        let _ = px;
        self.fill_text(text, x, y, colour);
    }
    /// The width of `text` in the surface's family `px` pixels high.
    fn text_width_px(&mut self, text: &str, px: f64) -> f64 {
        self.text_width(text) * px / BASE_FONT_PX
    }
}

/// The size of the one font of [`Painter::fill_text`], in CSS px.
pub const BASE_FONT_PX: f64 = 12.0;

/// Writes `points` as `x,y` pairs with two decimals, space-separated.
fn point_list(points: &[[f64; 2]]) -> String {
    points
        .iter()
        .map(|[x, y]| format!("{x:.2},{y:.2}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A painter that records every call as a line of text (two decimals), with text
/// measured as [`RecordingPainter::CHAR_PX`] per character: deterministic on any machine.
#[derive(Clone, Debug, Default)]
pub struct RecordingPainter {
    log: String,
}

impl RecordingPainter {
    /// Width of one character of recorded text.
    pub const CHAR_PX: f64 = 7.0;

    /// An empty recording.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything drawn so far, one call per line.
    pub fn log(&self) -> &str {
        &self.log
    }
}

impl Painter for RecordingPainter {
    fn clear(&mut self, width: f64, height: f64, colour: Rgb) {
        let _ = writeln!(self.log, "clear {width:.2}x{height:.2} {}", colour.css());
    }

    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb) {
        let _ = writeln!(
            self.log,
            "fill {x:.2},{y:.2} {w:.2}x{h:.2} {}",
            colour.css()
        );
    }

    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb, line_width: f64) {
        let _ = writeln!(
            self.log,
            "stroke {x:.2},{y:.2} {w:.2}x{h:.2} {} {line_width:.1}",
            colour.css()
        );
    }

    fn fill_text(&mut self, text: &str, x: f64, y: f64, colour: Rgb) {
        let _ = writeln!(self.log, "text {x:.2},{y:.2} {} {text:?}", colour.css());
    }

    fn text_width(&mut self, text: &str) -> f64 {
        text.chars().count() as f64 * Self::CHAR_PX
    }

    fn stroke_curve(&mut self, points: &[[f64; 2]], colour: Rgb, width: f64, dashed: bool) {
        let dash = if dashed { " dashed" } else { "" };
        let _ = writeln!(
            self.log,
            "curve {} {} {width:.1}{dash}",
            point_list(points),
            colour.css()
        );
    }

    fn fill_polygon(&mut self, points: &[[f64; 2]], colour: Rgb) {
        let _ = writeln!(self.log, "polygon {} {}", point_list(points), colour.css());
    }

    fn fill_text_px(&mut self, text: &str, x: f64, y: f64, colour: Rgb, px: f64) {
        let _ = writeln!(
            self.log,
            "text {x:.2},{y:.2} {} {px:.1}px {text:?}",
            colour.css()
        );
    }
}
