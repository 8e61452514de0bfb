//! Writing SVG elements: the document's start tag, rectangles and texts, numbers in short
//! form, and XML escaping of every string that comes from a profile.
//!
//! Consumes shapes' coordinates and strings; produces SVG text. Knows nothing of painters or
//! flame graphs.

use super::colour::Rgb;
use std::fmt::Write;

/// The font family labels are written in: the canvas's own (`src/web/canvas.rs`).
pub const SVG_FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// The label font size in CSS pixels (the canvas's).
pub const SVG_FONT_PX: f64 = 12.0;

/// Writes the `<svg>` start tag of a `width` × `height` document with the label font set.
pub fn open_document(out: &mut String, width: f64, height: f64) {
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{SVG_FONT_FAMILY}\" font-size=\"{}\">",
        num(SVG_FONT_PX),
        w = num(width),
        h = num(height),
    );
}

pub(super) fn rect_shape(out: &mut String, x: f64, y: f64, w: f64, h: f64) {
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        num(x),
        num(y),
        num(w),
        num(h)
    );
}

pub(super) fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, colour: Rgb) {
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        num(x),
        num(y),
        num(w),
        num(h),
        colour.css()
    );
}

/// Writes a `<text>` element (escaped, whitespace kept), clipped when `clip` names a clip path.
pub fn text_element(out: &mut String, text: &str, x: f64, y: f64, colour: Rgb, clip: Option<&str>) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" fill=\"{}\"",
        num(x),
        num(y),
        colour.css()
    );
    if let Some(id) = clip {
        let _ = write!(out, " clip-path=\"url(#{id})\"");
    }
    let _ = write!(out, " xml:space=\"preserve\">{}</text>", escape(text));
}

/// `v` with at most two decimals, trailing zeros dropped (`12`, `3.5`, `0.33`).
pub fn num(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_string(),
        s => s.to_string(),
    }
}

/// `text` safe as XML character data and attribute values: `& < > " '` as entities, and
/// the characters XML 1.0 forbids (controls other than tab and line breaks) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(3.5), "3.5");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(1.0 / 3.0), "0.33");
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("<a href='x'>&\"\u{1}\t"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;\t"
        );
    }
}
