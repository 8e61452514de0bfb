//! Drawing the call graph: a placed [`GraphScene`] through a [`Painter`], at any zoom and
//! pan, with the hovered node's edges and the selected nodes marked.
//!
//! Consumes a scene (positions at scale 1) and a [`GraphCamera`] (scale and the scene point
//! at the surface's top-left corner); produces painter calls in CSS px: edges first (curves,
//! arrowheads, weight labels), then node boxes with their label lines fitted to the box.
//! Items outside the surface are skipped, so a redraw costs what is on screen.
//! [`graph_hit`] answers which node a point of the surface falls on.

use super::colour::{Palette, Rgb};
use super::painter::Painter;
use crate::report::{dot_rgb_in, GraphScene, SceneEdge, SceneNode, EDGE_FONT_PX, LINE_HEIGHT};

/// Below this on-screen font size, labels are not drawn (they would be unreadable specks).
const MIN_TEXT_PX: f64 = 3.0;

/// The background.
pub const GRAPH_BACKGROUND: Rgb = Rgb::new(255, 255, 255);

/// The outline of a selected or hovered node, and the colour of the hovered node's edges.
const MARK: Rgb = Rgb::new(0x1a, 0x5f, 0xd6);

/// Edge labels.
const EDGE_TEXT: Rgb = Rgb::new(0x44, 0x44, 0x44);

/// Which part of the scene the surface shows, and how large.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GraphCamera {
    /// CSS px per scene px.
    pub scale: f64,
    /// The scene x at the surface's left edge.
    pub x: f64,
    /// The scene y at the surface's top edge.
    pub y: f64,
    /// The surface's width in CSS px.
    pub width: f64,
    /// The surface's height in CSS px.
    pub height: f64,
}

impl GraphCamera {
    /// The camera showing `scene` on a `width` × `height` surface: the whole width when that
    /// keeps labels readable (scale 0.5–1.4: small graphs are enlarged a little, since
    /// pprof's smallest labels are 8 px), centred, from the top.
    pub fn fit(scene: &GraphScene, width: f64, height: f64) -> Self {
        let fit = if scene.width > 0.0 {
            width / scene.width
        } else {
            1.0
        };
        let scale = fit.clamp(0.5, 1.4);
        let x = (scene.width - width / scale) / 2.0;
        Self {
            scale,
            x,
            y: 0.0,
            width,
            height,
        }
    }

    /// The surface point of the scene point (`x`, `y`).
    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.x) * self.scale, (y - self.y) * self.scale)
    }

    /// The scene point under the surface point (`x`, `y`).
    pub fn to_scene(&self, x: f64, y: f64) -> (f64, f64) {
        (self.x + x / self.scale, self.y + y / self.scale)
    }

    /// This camera zoomed by `factor` around the surface point (`x`, `y`), which stays put;
    /// the scale stays within 0.05–8.
    pub fn zoomed(&self, factor: f64, x: f64, y: f64) -> Self {
        let (sx, sy) = self.to_scene(x, y);
        let scale = (self.scale * factor).clamp(0.05, 8.0);
        Self {
            scale,
            x: sx - x / scale,
            y: sy - y / scale,
            ..*self
        }
    }

    /// This camera moved by (`dx`, `dy`) surface px (a drag: the scene follows the pointer).
    pub fn panned(&self, dx: f64, dy: f64) -> Self {
        Self {
            x: self.x - dx / self.scale,
            y: self.y - dy / self.scale,
            ..*self
        }
    }
}

/// What is marked: the node under the pointer and the selected ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphMarks {
    /// The hovered node: outlined, its edges drawn in the mark colour.
    pub hover: Option<usize>,
    /// Selected nodes (by index): outlined.
    pub selected: Vec<usize>,
    /// pprof's red/green (`Warm`) or orange/blue.
    pub palette: Palette,
}

/// A node's fill and border (and text) colours in `palette`.
fn node_colours(n: &SceneNode, palette: Palette) -> (Rgb, Rgb) {
    match palette {
        Palette::Warm => (n.fill, n.border),
        Palette::ColourBlind => (
            dot_rgb_in(n.score, true, true),
            dot_rgb_in(n.score, false, true),
        ),
    }
}

/// The node at surface point (`x`, `y`), the topmost if boxes touch.
pub fn graph_hit(scene: &GraphScene, camera: &GraphCamera, x: f64, y: f64) -> Option<usize> {
    let (sx, sy) = camera.to_scene(x, y);
    scene.nodes.iter().rposition(|n| {
        let [l, t, w, h] = n.rect;
        sx >= l && sx <= l + w && sy >= t && sy <= t + h
    })
}

/// Draws `scene` as `camera` sees it.
pub fn draw_graph(
    p: &mut dyn Painter,
    scene: &GraphScene,
    camera: &GraphCamera,
    marks: &GraphMarks,
) {
    p.clear(camera.width, camera.height, GRAPH_BACKGROUND);
    let (x0, y0) = camera.to_scene(0.0, 0.0);
    let (x1, y1) = camera.to_scene(camera.width, camera.height);
    let hovered = |e: &SceneEdge| {
        marks
            .hover
            .is_some_and(|h| e.from as usize == h || e.to as usize == h)
    };
    // Hovered edges last, so they are on top of the others.
    for pass in [false, true] {
        for e in scene.edges.iter().filter(|e| hovered(e) == pass) {
            let (l, t, r, b) = bounds(&e.points);
            if r < x0 || l > x1 || b < y0 || t > y1 {
                continue;
            }
            draw_edge(p, e, camera, pass, marks.palette);
        }
    }
    for (i, n) in scene.nodes.iter().enumerate() {
        let [l, t, w, h] = n.rect;
        if l + w < x0 || l > x1 || t + h < y0 || t > y1 {
            continue;
        }
        let (sx, sy) = camera.to_screen(l, t);
        let (sw, sh) = (w * camera.scale, h * camera.scale);
        let (fill, border) = node_colours(n, marks.palette);
        p.fill_rect(sx, sy, sw, sh, fill);
        let marked = marks.hover == Some(i) || marks.selected.contains(&i);
        let (colour, line) = if marked { (MARK, 3.0) } else { (border, 1.0) };
        p.stroke_rect(sx, sy, sw, sh, colour, line);
        let px = n.font_px * camera.scale;
        if px < MIN_TEXT_PX {
            continue;
        }
        let step = px * LINE_HEIGHT;
        let mut baseline = sy + (sh - step * n.lines.len() as f64) / 2.0 + px;
        for line in &n.lines {
            // Scale the font down when the browser's font is wider than the estimate.
            let mut size = px;
            let room = sw - px;
            let measured = p.text_width_px(line, size);
            if measured > room && measured > 0.0 {
                size *= room / measured;
            }
            let width = p.text_width_px(line, size);
            p.fill_text_px(line, sx + (sw - width) / 2.0, baseline, border, size);
            baseline += step;
        }
    }
}

fn bounds(points: &[[f64; 2]]) -> (f64, f64, f64, f64) {
    points.iter().fold(
        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
        |(l, t, r, b), [x, y]| (l.min(*x), t.min(*y), r.max(*x), b.max(*y)),
    )
}

fn draw_edge(
    p: &mut dyn Painter,
    e: &SceneEdge,
    camera: &GraphCamera,
    hovered: bool,
    palette: Palette,
) {
    if e.points.len() < 4 {
        return;
    }
    let pts: Vec<[f64; 2]> = e
        .points
        .iter()
        .map(|[x, y]| {
            let (sx, sy) = camera.to_screen(*x, *y);
            [sx, sy]
        })
        .collect();
    let colour = match (hovered, palette) {
        (true, _) => MARK,
        (false, Palette::Warm) => e.colour,
        (false, Palette::ColourBlind) => dot_rgb_in(e.score, false, true),
    };
    let width = (e.width * camera.scale).max(0.75) + if hovered { 1.0 } else { 0.0 };
    // Stop the line at the arrowhead's base so a wide pen does not poke through its tip.
    let n = pts.len();
    let tip = pts[n - 1];
    let from = pts[n - 2];
    let (dx, dy) = (tip[0] - from[0], tip[1] - from[1]);
    let len = (dx * dx + dy * dy).sqrt();
    let (ux, uy) = if len > 1e-9 {
        (dx / len, dy / len)
    } else {
        (0.0, 1.0)
    };
    let head = (4.0 + 2.0 * e.width).min(14.0) * camera.scale.max(0.3);
    let mut line = pts.clone();
    line[n - 1] = [tip[0] - ux * head * 0.8, tip[1] - uy * head * 0.8];
    p.stroke_curve(&line, colour, width, e.dashed);
    let base = [tip[0] - ux * head, tip[1] - uy * head];
    let half = head * 0.45;
    p.fill_polygon(
        &[
            tip,
            [base[0] - uy * half, base[1] + ux * half],
            [base[0] + uy * half, base[1] - ux * half],
        ],
        colour,
    );
    let px = EDGE_FONT_PX * camera.scale;
    if px < MIN_TEXT_PX {
        return;
    }
    let (lx, ly) = camera.to_screen(e.label_at[0], e.label_at[1]);
    for (k, text) in e.label.iter().enumerate() {
        let y = ly + px + k as f64 * px * LINE_HEIGHT;
        p.fill_text_px(text, lx, y, EDGE_TEXT, px);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::SceneNode;

    fn scene() -> GraphScene {
        let node = |x: f64, name: &str| SceneNode {
            name: name.to_string(),
            lines: vec![name.to_string(), "1s (50%)".to_string()],
            font_px: 10.0,
            rect: [x, 10.0, 60.0, 30.0],
            ..SceneNode::default()
        };
        GraphScene {
            width: 200.0,
            height: 100.0,
            nodes: vec![node(10.0, "a"), node(100.0, "b")],
            edges: vec![SceneEdge {
                from: 0,
                to: 1,
                label: vec!["1s".to_string()],
                points: vec![[40.0, 40.0], [40.0, 60.0], [130.0, 20.0], [130.0, 10.0]],
                width: 2.0,
                ..SceneEdge::default()
            }],
            ..GraphScene::default()
        }
    }

    #[test]
    fn hits_follow_the_camera() {
        let s = scene();
        let cam = GraphCamera {
            scale: 2.0,
            x: 0.0,
            y: 0.0,
            width: 400.0,
            height: 200.0,
        };
        assert_eq!(graph_hit(&s, &cam, 30.0, 30.0), Some(0));
        assert_eq!(graph_hit(&s, &cam, 220.0, 40.0), Some(1));
        assert_eq!(graph_hit(&s, &cam, 5.0, 5.0), None);
        let moved = cam.panned(-200.0, 0.0);
        assert_eq!(graph_hit(&s, &moved, 20.0, 40.0), Some(1));
        let z = cam.zoomed(2.0, 30.0, 30.0);
        assert_eq!(z.to_scene(30.0, 30.0), cam.to_scene(30.0, 30.0));
    }

    #[test]
    fn draws_edges_under_nodes_and_marks_the_hovered() {
        let s = scene();
        let cam = GraphCamera::fit(&s, 200.0, 100.0);
        let mut rec = crate::render::RecordingPainter::new();
        let marks = GraphMarks {
            hover: Some(1),
            ..GraphMarks::default()
        };
        draw_graph(&mut rec, &s, &cam, &marks);
        let log = rec.log();
        let curve = log.find("curve").expect("an edge");
        let first_box = log.find("\nfill").expect("a node");
        assert!(curve < first_box, "{log}");
        assert!(log.contains("polygon"), "{log}");
        assert!(log.contains("#1a5fd6 3.0"), "hovered outline: {log}");
        assert!(log.contains("\"1s (50%)\""), "{log}");
    }
}
