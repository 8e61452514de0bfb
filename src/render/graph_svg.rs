//! The call graph as a standalone SVG image (`pprofview svg -graph`, the graph view's SVG
//! export): the same [`draw_graph`] calls the page's canvas gets, written as SVG elements in
//! the order they are drawn, under pprof's legend.
//!
//! Consumes a [`GraphScene`]; produces an SVG document. Every string is XML-escaped; the
//! document has no script, no style sheet and no external reference. Text widths come from
//! the glyph table of [`TextMetrics::Sans`], so the output is the same on every machine.

use super::colour::Rgb;
use super::graph::{draw_graph, GraphCamera, GraphMarks};
use super::painter::Painter;
use super::svg::TextMetrics;
use super::svg_xml::{escape, num, open_document, rect, text_element, SVG_FONT_PX};
use crate::report::GraphScene;
use std::fmt::Write;

/// Height of one legend line.
const LEGEND_LINE_PX: f64 = 18.0;

/// A painter writing SVG elements as it is called, `dy` px lower.
struct GraphSvgPainter {
    out: String,
    dy: f64,
}

impl Painter for GraphSvgPainter {
    fn clear(&mut self, width: f64, height: f64, colour: Rgb) {
        rect(&mut self.out, 0.0, self.dy, width, height, colour);
        self.out.push('\n');
    }

    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb) {
        rect(&mut self.out, x, y + self.dy, w, h, colour);
        self.out.push('\n');
    }

    fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64, colour: Rgb, line_width: f64) {
        let half = line_width / 2.0;
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>",
            num(x + half),
            num(y + half + self.dy),
            num((w - line_width).max(0.0)),
            num((h - line_width).max(0.0)),
            colour.css(),
            num(line_width)
        );
    }

    fn fill_text(&mut self, text: &str, x: f64, y: f64, colour: Rgb) {
        text_element(&mut self.out, text, x, y + self.dy, colour, None);
        self.out.push('\n');
    }

    fn text_width(&mut self, text: &str) -> f64 {
        TextMetrics::Sans.width(text)
    }

    fn stroke_curve(&mut self, points: &[[f64; 2]], colour: Rgb, width: f64, dashed: bool) {
        let Some([x0, y0]) = points.first() else {
            return;
        };
        let mut d = format!("M{},{}", num(*x0), num(y0 + self.dy));
        for c in points[1..].chunks_exact(3) {
            let _ = write!(
                d,
                " C{},{} {},{} {},{}",
                num(c[0][0]),
                num(c[0][1] + self.dy),
                num(c[1][0]),
                num(c[1][1] + self.dy),
                num(c[2][0]),
                num(c[2][1] + self.dy)
            );
        }
        let dash = if dashed {
            format!(
                " stroke-dasharray=\"{} {}\"",
                num(2.0 * width),
                num(3.0 * width)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            self.out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
            colour.css(),
            num(width)
        );
    }

    fn fill_polygon(&mut self, points: &[[f64; 2]], colour: Rgb) {
        let list: Vec<String> = points
            .iter()
            .map(|[x, y]| format!("{},{}", num(*x), num(y + self.dy)))
            .collect();
        let _ = writeln!(
            self.out,
            "<polygon points=\"{}\" fill=\"{}\"/>",
            list.join(" "),
            colour.css()
        );
    }

    fn fill_text_px(&mut self, text: &str, x: f64, y: f64, colour: Rgb, px: f64) {
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"{}\" xml:space=\"preserve\">{}</text>",
            num(x),
            num(y + self.dy),
            colour.css(),
            num(px),
            escape(text)
        );
    }

    fn text_width_px(&mut self, text: &str, px: f64) -> f64 {
        TextMetrics::Sans.width(text) * px / SVG_FONT_PX
    }
}

/// The whole of `scene` at scale 1 as an SVG document, `legend` lines above it.
pub fn graph_svg(scene: &GraphScene, legend: &[String]) -> String {
    let top = if legend.is_empty() {
        0.0
    } else {
        LEGEND_LINE_PX * legend.len() as f64 + 8.0
    };
    let (w, h) = (scene.width.max(1.0), scene.height.max(1.0));
    let mut out = String::new();
    open_document(&mut out, w, h + top);
    let mut p = GraphSvgPainter { out, dy: 0.0 };
    p.clear(w, top, Rgb::new(255, 255, 255));
    for (i, line) in legend.iter().enumerate() {
        let y = LEGEND_LINE_PX * (i as f64 + 1.0);
        p.fill_text(line, 8.0, y, Rgb::new(0, 0, 0));
    }
    p.dy = top;
    let camera = GraphCamera {
        scale: 1.0,
        x: 0.0,
        y: 0.0,
        width: w,
        height: h,
    };
    draw_graph(&mut p, scene, &camera, &GraphMarks::default());
    let mut out = p.out;
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{SceneEdge, SceneNode};

    #[test]
    fn names_stay_text_and_curves_are_paths() {
        let scene = GraphScene {
            width: 200.0,
            height: 100.0,
            nodes: vec![SceneNode {
                name: "<script>".to_string(),
                lines: vec!["<img src=x onerror=alert(1)>".to_string()],
                font_px: 12.0,
                rect: [10.0, 10.0, 180.0, 30.0],
                ..SceneNode::default()
            }],
            edges: vec![SceneEdge {
                points: vec![[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]],
                label: vec!["1s".to_string()],
                width: 1.0,
                dashed: true,
                ..SceneEdge::default()
            }],
            ..GraphScene::default()
        };
        let svg = graph_svg(&scene, &["Type: cpu & more".to_string()]);
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "{svg}");
        assert!(!svg.contains("<img") && !svg.contains("<script"));
        assert!(svg.contains("Type: cpu &amp; more"), "{svg}");
        assert!(svg.contains("<path d=\"M0,26 C1,27 2,28 "), "{svg}");
        assert!(svg.contains("stroke-dasharray"), "{svg}");
        assert!(svg.ends_with("</svg>\n"));
    }
}
