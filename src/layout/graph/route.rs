//! Edge routing: Bézier paths from the caller's border to the callee's, and label points.

use super::position::place;
use super::{DagEdge, EdgeRoute, Layered, PlacedNode, Point};

/// Reach of the first self-loop beyond the right border, and of each further one.
const LOOP_FIRST: f64 = 14.0;
const LOOP_STEP: f64 = 8.0;
/// Space between a path and its label.
const LABEL_DX: f64 = 4.0;
/// Vertical distance between the labels of one node's self-loops.
const LOOP_LABEL_STEP: f64 = 12.0;
/// Ports on one border keep this far apart when the box is wide enough.
const PORT_GAP: f64 = 8.0;
/// Ports stay within this fraction of the box width around its centre.
const PORT_SPAN: f64 = 0.8;

/// `v` limited to `lo..=hi` (`lo` wins if they cross); unlike `f64::clamp`, never panics.
fn between(v: f64, lo: f64, hi: f64) -> f64 {
    v.min(hi).max(lo)
}

fn loop_reach(k: usize) -> f64 {
    LOOP_FIRST + LOOP_STEP * k as f64
}

/// Room to keep right of a node with `count` self-loops (its loops and the last label's
/// anchor).
pub(super) fn loop_room(count: usize) -> f64 {
    if count == 0 {
        0.0
    } else {
        loop_reach(count - 1) * 4.0 / 3.0 + LABEL_DX
    }
}

/// What routing needs from the earlier steps.
pub(super) struct Input<'a> {
    pub nodes: &'a [PlacedNode],
    pub graph: &'a Layered,
    /// Centre x of every layered node, final.
    pub xs: &'a [f64],
    /// Centre y of every rank.
    pub mid: &'a [f64],
    pub dag: &'a [DagEdge],
    /// Input indices of each node's self-loops.
    pub loops_of: &'a [Vec<usize>],
    pub edge_count: usize,
    pub width: f64,
    pub height: f64,
}

/// One route per input edge (empty for an edge with an end out of range).
pub(super) fn routes(inp: &Input) -> Vec<EdgeRoute> {
    let empty = EdgeRoute {
        points: Vec::new(),
        label_at: Point { x: 0.0, y: 0.0 },
    };
    let mut out = vec![empty; inp.edge_count];
    let (bottom, top) = ports(inp);
    for (j, e) in inp.dag.iter().enumerate() {
        let chain = &inp.graph.chains[j];
        let mut pts = Vec::with_capacity(chain.len());
        pts.push(bottom[j]);
        for &d in &chain[1..chain.len() - 1] {
            pts.push(Point {
                x: inp.xs[d],
                y: inp.mid[inp.graph.rank[d]],
            });
        }
        pts.push(top[j]);
        if e.reversed {
            pts.reverse();
        }
        out[e.input] = smooth(&pts);
    }
    for (v, loops) in inp.loops_of.iter().enumerate() {
        let n = &inp.nodes[v];
        let right = n.x + n.width;
        let (y1, y2) = (n.y + n.height * 0.3, n.y + n.height * 0.7);
        // The labels stack right of the outermost loop, one line each.
        let label_x = right + loop_reach(loops.len().saturating_sub(1)) + LABEL_DX;
        let first_label = (y1 + y2) / 2.0 - LOOP_LABEL_STEP * (loops.len() as f64 - 1.0) / 2.0;
        for (k, &i) in loops.iter().enumerate() {
            let reach = loop_reach(k);
            let cx = right + reach * 4.0 / 3.0;
            out[i] = EdgeRoute {
                points: vec![
                    Point { x: right, y: y1 },
                    Point { x: cx, y: y1 },
                    Point { x: cx, y: y2 },
                    Point { x: right, y: y2 },
                ],
                label_at: Point {
                    x: label_x,
                    y: first_label + LOOP_LABEL_STEP * k as f64,
                },
            };
        }
    }
    let clamp = |p: &mut Point| {
        p.x = between(p.x, 0.0, inp.width);
        p.y = between(p.y, 0.0, inp.height);
    };
    for r in &mut out {
        r.points.iter_mut().for_each(clamp);
        clamp(&mut r.label_at);
    }
    out
}

/// Each DAG edge's port on its upper node's bottom border and on its lower node's top
/// border: ports on one border are ordered like the points they lead to (ties by edge), aim
/// straight at them where the box allows, and keep apart, heavy edges nearest their aim.
fn ports(inp: &Input) -> (Vec<Point>, Vec<Point>) {
    let n = inp.nodes.len();
    let mut at_bottom: Vec<Vec<(f64, usize, f64)>> = vec![Vec::new(); n];
    let mut at_top: Vec<Vec<(f64, usize, f64)>> = vec![Vec::new(); n];
    for (j, e) in inp.dag.iter().enumerate() {
        let chain = &inp.graph.chains[j];
        let w = f64::from(e.weight);
        at_bottom[e.upper].push((inp.xs[chain[1]], j, w * w));
        at_top[e.lower].push((inp.xs[chain[chain.len() - 2]], j, w * w));
    }
    let mut bottom = vec![Point { x: 0.0, y: 0.0 }; inp.dag.len()];
    let mut top = bottom.clone();
    for (v, node) in inp.nodes.iter().enumerate() {
        for (list, y, out) in [
            (&mut at_bottom[v], node.y + node.height, &mut bottom),
            (&mut at_top[v], node.y, &mut top),
        ] {
            list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let centre = node.x + node.width / 2.0;
            let half = node.width * PORT_SPAN / 2.0;
            let desired: Vec<f64> = list
                .iter()
                .map(|&(t, _, _)| between(t, centre - half, centre + half))
                .collect();
            let gap = if list.len() > 1 {
                PORT_GAP.min(2.0 * half / (list.len() - 1) as f64)
            } else {
                0.0
            };
            let weights: Vec<f64> = list.iter().map(|p| p.2).collect();
            let xs = place(&desired, &weights, |_| gap);
            for (&(_, j, _), x) in list.iter().zip(xs) {
                out[j] = Point {
                    x: between(x, node.x, node.x + node.width),
                    y,
                };
            }
        }
    }
    (bottom, top)
}

/// A smooth path through `pts` (at least two): cubic Bézier segments with Catmull-Rom
/// tangents, vertical at both ends; each control point is kept within its segment's bounding
/// box, so the curve never swings wide. The label goes right of the middle segment's middle.
fn smooth(pts: &[Point]) -> EdgeRoute {
    let m = pts.len() - 1;
    let tangent = |i: usize| -> Point {
        if i == 0 {
            Point {
                x: 0.0,
                y: pts[1].y - pts[0].y,
            }
        } else if i == m {
            Point {
                x: 0.0,
                y: pts[m].y - pts[m - 1].y,
            }
        } else {
            Point {
                x: (pts[i + 1].x - pts[i - 1].x) / 2.0,
                y: (pts[i + 1].y - pts[i - 1].y) / 2.0,
            }
        }
    };
    let mut points = vec![pts[0]];
    let mut label_at = pts[0];
    for i in 0..m {
        let (a, b) = (pts[i], pts[i + 1]);
        let (ta, tb) = (tangent(i), tangent(i + 1));
        let within = |p: Point| Point {
            x: between(p.x, a.x.min(b.x), a.x.max(b.x)),
            y: between(p.y, a.y.min(b.y), a.y.max(b.y)),
        };
        let c1 = within(Point {
            x: a.x + ta.x / 3.0,
            y: a.y + ta.y / 3.0,
        });
        let c2 = within(Point {
            x: b.x - tb.x / 3.0,
            y: b.y - tb.y / 3.0,
        });
        if i == (m - 1) / 2 {
            label_at = Point {
                x: (a.x + 3.0 * c1.x + 3.0 * c2.x + b.x) / 8.0 + LABEL_DX,
                y: (a.y + 3.0 * c1.y + 3.0 * c2.y + b.y) / 8.0,
            };
        }
        points.extend([c1, c2, b]);
    }
    EdgeRoute { points, label_at }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    #[test]
    fn straight_edge_is_one_vertical_segment() {
        let r = smooth(&[p(10.0, 0.0), p(10.0, 30.0)]);
        assert_eq!(
            r.points,
            vec![p(10.0, 0.0), p(10.0, 10.0), p(10.0, 20.0), p(10.0, 30.0)]
        );
        assert_eq!(r.label_at, p(14.0, 15.0));
    }

    #[test]
    fn path_through_dummies_passes_them_and_stays_in_bounds() {
        let pts = [p(0.0, 0.0), p(40.0, 50.0), p(40.0, 100.0), p(0.0, 150.0)];
        let r = smooth(&pts);
        assert_eq!(r.points.len(), 10);
        for (k, q) in pts.iter().enumerate() {
            assert_eq!(r.points[3 * k], *q);
        }
        for q in &r.points {
            assert!((0.0..=40.0).contains(&q.x) && (0.0..=150.0).contains(&q.y));
        }
        // Upward (a reversed edge drawn caller → callee): ends stay vertical.
        let r = smooth(&[p(0.0, 90.0), p(30.0, 10.0)]);
        assert_eq!(r.points[1].x, 0.0);
        assert!(r.points[1].y < 90.0);
    }

    #[test]
    fn loop_room_grows_with_loops() {
        assert_eq!(loop_room(0), 0.0);
        assert!(loop_room(2) > loop_room(1));
    }
}
