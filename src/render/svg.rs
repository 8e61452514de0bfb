//! A [`Painter`] that writes SVG: the same drawing calls the canvas gets, kept as shapes and
//! written out as a standalone image.
//!
//! Consumes painter calls in CSS pixels; produces an SVG document ([`SvgPainter::to_svg`]).
//! Every text is clipped to the filled rectangle it was drawn in (the last one drawn before it
//! that contains its starting point), so a label never spills out of its box whatever font
//! the viewer substitutes. Every string is XML-escaped; the document has no script, no
//! style sheet and no external reference. Text is measured from a table of glyph widths
//! ([`TextMetrics`]) rather than a font, so the output is the same on every machine and in
//! wasm.

use super::colour::Rgb;
use super::painter::Painter;
use super::svg_xml::{escape, num, open_document, rect, rect_shape, text_element, SVG_FONT_PX};
use std::fmt::Write;

/// Advance widths of ASCII 32..=126 in Helvetica/Arial, in thousandths of the font size:
/// close to the sans-serif fonts the family above resolves to.
const SANS_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // :;<=>?@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
    278, 278, 278, 469, 556, 333, // [\]^_`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
    334, 260, 334, 584, // {|}~
];

/// How text is measured when fitting labels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum TextMetrics {
    /// Sans-serif glyph widths at [`SVG_FONT_PX`], 5% wider for safety (fonts differ a
    /// little): the default.
    #[default]
    Sans,
    /// Every character this many pixels wide ([`RecordingPainter`](super::RecordingPainter)
    /// measures 7): for tests that compare with the recording.
    Fixed(f64),
}

impl TextMetrics {
    /// The width of `text` in CSS pixels.
    pub fn width(self, text: &str) -> f64 {
        match self {
            TextMetrics::Fixed(px) => text.chars().count() as f64 * px,
            TextMetrics::Sans => {
                let units: u32 = text
                    .chars()
                    .map(|c| match c as u32 {
                        32..=126 => u32::from(SANS_WIDTHS[c as usize - 32]),
                        // The ellipsis, and wide scripts (CJK, emoji) at a full em.
                        0x2026 | 0x1100.. => 1000,
                        _ => 556,
                    })
                    .sum();
                f64::from(units) * SVG_FONT_PX / 1000.0 * 1.05
            }
        }
    }
}

/// One drawing call, as recorded.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// [`Painter::clear`].
    Clear {
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Fill.
        colour: Rgb,
    },
    /// [`Painter::fill_rect`].
    Fill {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Fill.
        colour: Rgb,
    },
    /// [`Painter::stroke_rect`].
    Stroke {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Line colour.
        colour: Rgb,
        /// Line width, drawn inside the edges.
        line: f64,
    },
    /// [`Painter::fill_text`].
    Text {
        /// The text, unescaped.
        text: String,
        /// Left end.
        x: f64,
        /// Baseline.
        y: f64,
        /// Colour.
        colour: Rgb,
    },
}

/// A painter recording shapes for an SVG document.
#[derive(Default)]
pub struct SvgPainter<'m> {
    metrics: TextMetrics,
    /// Measures text instead of `metrics` (a page passes its canvas's, so the SVG's labels
    /// are fitted exactly as the screen's).
    measure: Option<&'m mut dyn FnMut(&str) -> f64>,
    shapes: Vec<Shape>,
}

impl std::fmt::Debug for SvgPainter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SvgPainter")
            .field("metrics", &self.metrics)
            .field("measured", &self.measure.is_some())
            .field("shapes", &self.shapes.len())
            .finish()
    }
}

impl<'m> SvgPainter<'m> {
    /// An empty drawing measuring text with `metrics`.
    pub fn new(metrics: TextMetrics) -> Self {
        Self {
            metrics,
            measure: None,
            shapes: Vec::new(),
        }
    }

    /// An empty drawing measuring text with `measure`.
    pub fn measured(measure: &'m mut dyn FnMut(&str) -> f64) -> Self {
        Self {
            metrics: TextMetrics::default(),
            measure: Some(measure),
            shapes: Vec::new(),
        }
    }

    /// Everything drawn so far, in order.
    pub fn shapes(&self) -> &[Shape] {
        &self.shapes
    }

    /// The drawing as a standalone SVG document of `width` × `height` pixels. `titles`
    /// gives hover titles (`<title>`) to filled rectangles, by their exact position and
    /// size `(x, y, w, h)`.
    pub fn to_svg(&self, width: f64, height: f64, titles: &[([f64; 4], String)]) -> String {
        let mut out = String::new();
        open_document(&mut out, width, height);
        self.write_body(&mut out, titles, "c");
        out.push_str("</svg>\n");
        out
    }

    /// Writes the shapes as SVG elements (no document around them). Texts go with the
    /// rectangle they are clipped to, inside one `<g>` with its title; clip-path ids are
    /// `{id_prefix}0`, `{id_prefix}1`, …
    pub fn write_body(&self, out: &mut String, titles: &[([f64; 4], String)], id_prefix: &str) {
        let containers = self.containers();
        let mut texts_of: Vec<Vec<usize>> = vec![Vec::new(); self.shapes.len()];
        for (t, c) in containers.iter().enumerate() {
            if let Some(c) = c {
                texts_of[*c].push(t);
            }
        }
        let mut clip_id = 0usize;
        for (i, shape) in self.shapes.iter().enumerate() {
            match shape {
                Shape::Clear { w, h, colour } => {
                    rect(out, 0.0, 0.0, *w, *h, *colour);
                    out.push('\n');
                }
                Shape::Fill { x, y, w, h, colour } => {
                    let title = titles
                        .iter()
                        .find(|(r, _)| *r == [*x, *y, *w, *h])
                        .map(|(_, t)| t.as_str());
                    if title.is_none() && texts_of[i].is_empty() {
                        rect(out, *x, *y, *w, *h, *colour);
                        out.push('\n');
                        continue;
                    }
                    out.push_str("<g>");
                    if let Some(t) = title {
                        let _ = write!(out, "<title>{}</title>", escape(t));
                    }
                    rect(out, *x, *y, *w, *h, *colour);
                    if !texts_of[i].is_empty() {
                        let id = format!("{id_prefix}{clip_id}");
                        clip_id += 1;
                        let _ = write!(out, "<clipPath id=\"{id}\">");
                        rect_shape(out, *x, *y, *w, *h);
                        out.push_str("</clipPath>");
                        for &t in &texts_of[i] {
                            if let Shape::Text { text, x, y, colour } = &self.shapes[t] {
                                text_element(out, text, *x, *y, *colour, Some(&id));
                            }
                        }
                    }
                    out.push_str("</g>\n");
                }
                Shape::Stroke {
                    x,
                    y,
                    w,
                    h,
                    colour,
                    line,
                } => {
                    // SVG strokes straddle the edge; the painter's are drawn inside it.
                    let half = line / 2.0;
                    let _ = writeln!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>",
                        num(x + half),
                        num(y + half),
                        num((w - line).max(0.0)),
                        num((h - line).max(0.0)),
                        colour.css(),
                        num(*line)
                    );
                }
                Shape::Text { text, x, y, colour } => {
                    if containers[i].is_none() {
                        text_element(out, text, *x, *y, *colour, None);
                        out.push('\n');
                    }
                }
            }
        }
    }

    /// Per shape: for a text, the filled rectangle it is clipped to (the last drawn before
    /// it that contains its starting point), if any.
    fn containers(&self) -> Vec<Option<usize>> {
        let mut out = vec![None; self.shapes.len()];
        for (t, shape) in self.shapes.iter().enumerate() {
            let Shape::Text { x: tx, y: ty, .. } = shape else {
                continue;
            };
            out[t] = self.shapes[..t].iter().rposition(|s| {
                matches!(s, Shape::Fill { x, y, w, h, .. }
                    if *x <= *tx && *tx < x + w && *y <= *ty && *ty <= y + h)
            });
        }
        out
    }
}

impl Painter for SvgPainter<'_> {
    fn clear(&mut self, width: f64, height: f64, colour: Rgb) {
        self.shapes.clear();
        self.shapes.push(Shape::Clear {
            w: width,
            h: height,
            colour,
        });
    }

    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb) {
        self.shapes.push(Shape::Fill { x, y, w, h, colour });
    }

    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb, line_width: f64) {
        self.shapes.push(Shape::Stroke {
            x,
            y,
            w,
            h,
            colour,
            line: line_width,
        });
    }

    fn fill_text(&mut self, text: &str, x: f64, y: f64, colour: Rgb) {
        self.shapes.push(Shape::Text {
            text: text.to_string(),
            x,
            y,
            colour,
        });
    }

    fn text_width(&mut self, text: &str) -> f64 {
        match &mut self.measure {
            Some(measure) => measure(text),
            None => self.metrics.width(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_stays_text() {
        let mut p = SvgPainter::new(TextMetrics::Fixed(7.0));
        p.clear(100.0, 20.0, Rgb::new(255, 255, 255));
        p.fill_rect(0.0, 0.0, 100.0, 17.0, Rgb::new(1, 2, 3));
        p.fill_text("<img src=x onerror=alert(1)>", 3.0, 13.0, Rgb::new(0, 0, 0));
        p.fill_text("</script><script>&\u{1}", 3.0, 19.0, Rgb::new(0, 0, 0));
        let svg = p.to_svg(100.0, 20.0, &[([0.0, 0.0, 100.0, 17.0], "a\"<b>".into())]);
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "{svg}");
        assert!(
            svg.contains("&lt;/script&gt;&lt;script&gt;&amp;</text>"),
            "{svg}"
        );
        assert!(svg.contains("<title>a&quot;&lt;b&gt;</title>"), "{svg}");
        assert!(!svg.contains("<img") && !svg.contains("<script"));
        // The first label is clipped to its box; the second starts outside every box.
        assert_eq!(svg.matches("clip-path=").count(), 1, "{svg}");
    }

    #[test]
    fn sans_widths_are_plausible() {
        let w = TextMetrics::Sans.width("main.work");
        assert!(w > 40.0 && w < 60.0, "{w}");
        assert_eq!(TextMetrics::Fixed(7.0).width("abc"), 21.0);
    }
}
