//! The canvas 2D backend of [`Painter`]: CSS pixels in, device pixels on screen.
//!
//! Consumes a `<canvas>` element and painter calls; sizes the canvas's backing store to
//! its CSS size × devicePixelRatio once per frame (in [`CanvasPainter::begin`]) and sets
//! the matching transform, so callers never see device pixels. Text widths are cached per
//! string, since `measureText` is the slow call of a redraw.

use crate::render::{Painter, Rgb};
use rustc_hash::FxHashMap;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The font every label uses.
pub const FONT: &str = "12px system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

/// The family of [`FONT`], for labels of other sizes.
const FAMILY: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

/// Measured widths kept before the cache is cleared.
const WIDTH_CACHE_LIMIT: usize = 50_000;

/// A painter drawing on one canvas.
pub struct CanvasPainter {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    widths: FxHashMap<String, f64>,
    fill: Option<Rgb>,
}

impl CanvasPainter {
    /// A painter for `canvas`, or `None` when the browser gives no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(Self {
            canvas,
            ctx,
            widths: FxHashMap::default(),
            fill: None,
        })
    }

    /// Prepares a frame of `width` × `height` CSS pixels: resizes the backing store to the
    /// device pixel ratio when needed and resets the transform and font.
    pub fn begin(&mut self, width: f64, height: f64) {
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .filter(|d| d.is_finite() && *d > 0.0)
            .unwrap_or(1.0);
        let (w, h) = ((width * dpr).round() as u32, (height * dpr).round() as u32);
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
        let _ = self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        self.ctx.set_font(FONT);
        self.ctx.set_text_baseline("alphabetic");
        self.fill = None;
    }

    /// The canvas it draws on.
    pub fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
    }

    fn set_fill(&mut self, colour: Rgb) {
        if self.fill != Some(colour) {
            self.ctx.set_fill_style_str(&colour.css());
            self.fill = Some(colour);
        }
    }
}

impl Painter for CanvasPainter {
    fn clear(&mut self, width: f64, height: f64, colour: Rgb) {
        self.set_fill(colour);
        self.ctx.fill_rect(0.0, 0.0, width, height);
    }

    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb) {
        self.set_fill(colour);
        self.ctx.fill_rect(x, y, w, h);
    }

    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb, line_width: f64) {
        self.ctx.set_stroke_style_str(&colour.css());
        self.ctx.set_line_width(line_width);
        let half = line_width / 2.0;
        self.ctx.stroke_rect(
            x + half,
            y + half,
            (w - line_width).max(0.0),
            (h - line_width).max(0.0),
        );
    }

    fn fill_text(&mut self, text: &str, x: f64, y: f64, colour: Rgb) {
        self.set_fill(colour);
        let _ = self.ctx.fill_text(text, x, y);
    }

    fn text_width(&mut self, text: &str) -> f64 {
        if let Some(&w) = self.widths.get(text) {
            return w;
        }
        let w = self
            .ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(text.chars().count() as f64 * 7.0);
        if self.widths.len() >= WIDTH_CACHE_LIMIT {
            self.widths.clear();
        }
        self.widths.insert(text.to_string(), w);
        w
    }

    fn stroke_curve(&mut self, points: &[[f64; 2]], colour: Rgb, width: f64, dashed: bool) {
        let Some([x0, y0]) = points.first() else {
            return;
        };
        let ctx = &self.ctx;
        ctx.set_stroke_style_str(&colour.css());
        ctx.set_line_width(width);
        let dash = js_sys::Array::new();
        if dashed {
            dash.push(&(2.0 * width.max(1.0)).into());
            dash.push(&(3.0 * width.max(1.0)).into());
        }
        let _ = ctx.set_line_dash(&dash);
        ctx.begin_path();
        ctx.move_to(*x0, *y0);
        for c in points[1..].chunks_exact(3) {
            ctx.bezier_curve_to(c[0][0], c[0][1], c[1][0], c[1][1], c[2][0], c[2][1]);
        }
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    fn fill_polygon(&mut self, points: &[[f64; 2]], colour: Rgb) {
        let Some([x0, y0]) = points.first() else {
            return;
        };
        self.set_fill(colour);
        self.ctx.begin_path();
        self.ctx.move_to(*x0, *y0);
        for [x, y] in &points[1..] {
            self.ctx.line_to(*x, *y);
        }
        self.ctx.close_path();
        self.ctx.fill();
    }

    fn fill_text_px(&mut self, text: &str, x: f64, y: f64, colour: Rgb, px: f64) {
        self.set_fill(colour);
        self.ctx.set_font(&format!("{px:.2}px {FAMILY}"));
        let _ = self.ctx.fill_text(text, x, y);
        self.ctx.set_font(FONT);
    }
}
