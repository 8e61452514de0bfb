//! Layered (Sugiyama) layout of a directed graph, for drawing pprof's call graph the way
//! Graphviz `dot` draws `go tool pprof -web`, without Graphviz.
//!
//! [`layout_graph`] takes node box sizes and weighted caller → callee edges and returns box
//! positions and one cubic Bézier route per edge. The steps, each in its own file:
//!
//! 1. `acyclic`: a weighted greedy feedback arc set (Eades–Lin–Smyth) picks the edges to
//!    reverse so the rest is acyclic (none on an acyclic input); self-loops are set aside.
//! 2. `rank`: longest-path ranking honouring `min_len`, then tightening that moves one node
//!    at a time to lower Σ weight × length; each connected component starts at rank 0.
//! 3. `layered`: long edges become chains of dummy nodes, one per rank crossed.
//! 4. `order`: depth-first initial order, weighted barycenter sweeps down and up with an
//!    adjacent-swap (transpose) pass; the ordering with the fewest weighted crossings wins;
//!    then among callees of the same callers the heaviest moves to the middle.
//! 5. `position`: y from the tallest box of each rank; x minimises Σ weight² × Ω × (x_u − x_v)²
//!    over the edges (Ω = 1, 2, 8 for real–real, real–dummy, dummy–dummy, so long and heavy
//!    edges straighten), subject to each rank's order and gaps, by solving one rank at a time
//!    exactly (isotonic regression) in alternating sweeps; then chain links and dummies snap
//!    under their upper (or over their lower) neighbour where that fits, so chains jog once.
//! 6. `route`: ports spread along the bottom/top borders, a smooth Bézier through the dummy
//!    positions, loops on the right border for self-loops, and a label point per edge.
//!
//! Everything is deterministic: ties are broken by input index, no hashing, no randomness.
//! No input makes it panic; edges whose ends are out of range get an empty route.

mod acyclic;
mod layered;
mod order;
mod position;
mod rank;
mod route;

use layered::Layered;

/// One node to place: its box size in CSS px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeSize {
    /// Box width (NaN, infinite or negative counts as 0, more than 10⁷ as 10⁷).
    pub width: f64,
    /// Box height (NaN, infinite or negative counts as 0, more than 10⁷ as 10⁷).
    pub height: f64,
}

/// One directed edge (caller → callee).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutEdge {
    /// The caller: an index into the node slice.
    pub from: usize,
    /// The callee: an index into the node slice.
    pub to: usize,
    /// Importance, ≥ 1 (pprof's dot `weight`, 1..=101): heavier edges are kept shorter and
    /// straighter. 0 counts as 1, and more than 10,000 as 10,000.
    pub weight: u32,
    /// Minimum number of ranks between the ends, ≥ 1 (pprof uses 2 when the caller has tag
    /// boxes below it). 0 counts as 1, and more than 16 as 16 (every rank an edge crosses
    /// costs a dummy node).
    pub min_len: u32,
}

/// Spacing of the layout, in CSS px.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphLayoutOptions {
    /// Vertical gap between the tallest boxes of consecutive ranks.
    pub rank_gap: f64,
    /// Minimum horizontal gap between two boxes of a rank (edges passing through a rank
    /// keep a quarter to a half of it).
    pub node_gap: f64,
    /// Empty border around the drawing.
    pub margin: f64,
}

impl Default for GraphLayoutOptions {
    /// 48 px between ranks, 24 px between boxes, 16 px of margin.
    fn default() -> Self {
        GraphLayoutOptions {
            rank_gap: 48.0,
            node_gap: 24.0,
            margin: 16.0,
        }
    }
}

/// A point in CSS px (y grows downward).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position (downward).
    pub y: f64,
}

/// Where a node's box went.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedNode {
    /// Left edge of the box.
    pub x: f64,
    /// Top edge of the box.
    pub y: f64,
    /// Box width (the input's, sanitised).
    pub width: f64,
    /// Box height (the input's, sanitised).
    pub height: f64,
    /// The node's rank (0 at the top of its connected component; callees below callers).
    pub rank: u32,
}

/// How to draw one edge.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeRoute {
    /// A cubic Bézier path: `points[0]` is the start (on the caller's box border), then groups
    /// of three (control 1, control 2, end); the last point is on the callee's border, where
    /// an arrowhead goes. Empty for an edge whose `from` or `to` is out of range.
    pub points: Vec<Point>,
    /// Where the edge's label goes: just right of the middle of the path, between ranks where
    /// possible (for self-loops, right of the node's outermost loop, one line apart). Draw the
    /// text left-aligned from there, vertically centred on it; (0, 0) for an empty route.
    pub label_at: Point,
}

/// The result of [`layout_graph`].
#[derive(Clone, Debug, PartialEq)]
pub struct GraphLayout {
    /// Width of the drawing, margins included.
    pub width: f64,
    /// Height of the drawing, margins included.
    pub height: f64,
    /// The nodes, in input order.
    pub nodes: Vec<PlacedNode>,
    /// The edge routes, in input order.
    pub edges: Vec<EdgeRoute>,
}

/// An edge of the acyclic graph the layout works on: the input edge `input`, running from
/// `upper` (smaller rank) to `lower`; `reversed` when `upper` is the input's callee.
#[derive(Clone, Copy, Debug, PartialEq)]
struct DagEdge {
    input: usize,
    upper: usize,
    lower: usize,
    weight: u32,
    min_len: u32,
    reversed: bool,
}

/// Unit tests' edges: `(upper, lower, weight)` triples, none reversed, `min_len` 1.
#[cfg(test)]
fn test_dag(edges: &[(usize, usize, u32)]) -> Vec<DagEdge> {
    edges
        .iter()
        .enumerate()
        .map(|(i, &(upper, lower, weight))| DagEdge {
            input: i,
            upper,
            lower,
            weight,
            min_len: 1,
            reversed: false,
        })
        .collect()
}

/// The largest edge weight honoured.
const MAX_WEIGHT: u32 = 10_000;
/// The largest `min_len` honoured.
const MAX_MIN_LEN: u32 = 16;

/// The largest size or gap honoured, in px.
const MAX_PX: f64 = 1e7;

/// A size or gap: NaN, infinite or negative counts as 0, more than [`MAX_PX`] as that.
fn clean(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v.min(MAX_PX)
    } else {
        0.0
    }
}

/// Lays out a directed graph top to bottom (see the module documentation).
///
/// Edges whose `from` or `to` is out of range take no part and get an empty route; self-loops
/// are drawn on the node's right border. Sizes and options that are NaN, infinite or negative
/// count as 0 (and above 10⁷ px as 10⁷). An empty graph is `2 × margin` square.
pub fn layout_graph(
    nodes: &[NodeSize],
    edges: &[LayoutEdge],
    options: &GraphLayoutOptions,
) -> GraphLayout {
    let n = nodes.len();
    let (rank_gap, node_gap, margin) = (
        clean(options.rank_gap),
        clean(options.node_gap),
        clean(options.margin),
    );
    let sizes: Vec<(f64, f64)> = nodes
        .iter()
        .map(|s| (clean(s.width), clean(s.height)))
        .collect();

    // Self-loops aside; the other in-range edges made acyclic.
    let mut loops_of = vec![Vec::new(); n];
    let mut pairs = Vec::new();
    let mut inputs = Vec::new();
    for (i, e) in edges.iter().enumerate() {
        if e.from >= n || e.to >= n {
            continue;
        }
        if e.from == e.to {
            loops_of[e.from].push(i);
        } else {
            pairs.push((e.from, e.to, e.weight.clamp(1, MAX_WEIGHT)));
            inputs.push(i);
        }
    }
    let reversed = acyclic::reversed_edges(n, &pairs);
    let dag: Vec<DagEdge> = inputs
        .iter()
        .zip(&reversed)
        .map(|(&i, &rev)| {
            let e = &edges[i];
            let (upper, lower) = if rev { (e.to, e.from) } else { (e.from, e.to) };
            DagEdge {
                input: i,
                upper,
                lower,
                weight: e.weight.clamp(1, MAX_WEIGHT),
                min_len: e.min_len.clamp(1, MAX_MIN_LEN),
                reversed: rev,
            }
        })
        .collect();
    let ranks = rank::assign(n, &dag);

    let half: Vec<(f64, f64)> = sizes
        .iter()
        .zip(&loops_of)
        .map(|(&(w, _), loops)| (w / 2.0, w / 2.0 + route::loop_room(loops.len())))
        .collect();
    let mut g = Layered::build(&half, &ranks, &dag);
    order::order(&mut g);
    let xs = position::x_coords(&g, node_gap);

    // y: each rank as tall as its tallest box, boxes centred in it.
    let mut rank_height = vec![0.0f64; g.layers.len()];
    for (v, &(_, h)) in sizes.iter().enumerate() {
        rank_height[ranks[v]] = rank_height[ranks[v]].max(h);
    }
    let mut mid = Vec::with_capacity(rank_height.len());
    let mut top = margin;
    for &h in &rank_height {
        mid.push(top + h / 2.0);
        top += h + rank_gap;
    }
    let height = if rank_height.is_empty() {
        2.0 * margin
    } else {
        top - rank_gap + margin
    };
    let min_x = (0..g.rank.len())
        .map(|v| xs[v] - g.left[v])
        .fold(f64::INFINITY, f64::min);
    let max_x = (0..g.rank.len())
        .map(|v| xs[v] + g.right[v])
        .fold(f64::NEG_INFINITY, f64::max);
    let (shift, width) = if min_x.is_finite() && max_x.is_finite() {
        (margin - min_x, max_x - min_x + 2.0 * margin)
    } else {
        (0.0, 2.0 * margin)
    };
    let xs: Vec<f64> = xs.iter().map(|x| x + shift).collect();
    let placed: Vec<PlacedNode> = sizes
        .iter()
        .enumerate()
        .map(|(v, &(w, h))| PlacedNode {
            x: xs[v] - w / 2.0,
            y: mid[ranks[v]] - h / 2.0,
            width: w,
            height: h,
            rank: u32::try_from(ranks[v]).unwrap_or(u32::MAX),
        })
        .collect();
    let edges = route::routes(&route::Input {
        nodes: &placed,
        graph: &g,
        xs: &xs,
        mid: &mid,
        dag: &dag,
        loops_of: &loops_of,
        edge_count: edges.len(),
        width,
        height,
    });
    GraphLayout {
        width,
        height,
        nodes: placed,
        edges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(w: f64, h: f64) -> NodeSize {
        NodeSize {
            width: w,
            height: h,
        }
    }

    fn edge(from: usize, to: usize) -> LayoutEdge {
        LayoutEdge {
            from,
            to,
            weight: 1,
            min_len: 1,
        }
    }

    #[test]
    fn empty_graph_is_two_margins() {
        let l = layout_graph(&[], &[edge(0, 1)], &GraphLayoutOptions::default());
        assert_eq!((l.width, l.height), (32.0, 32.0));
        assert!(l.nodes.is_empty());
        assert!(l.edges[0].points.is_empty());
    }

    #[test]
    fn bad_sizes_and_edges_do_not_panic() {
        let nodes = [
            node(f64::NAN, -3.0),
            node(f64::INFINITY, 10.0),
            node(5.0, 5.0),
        ];
        let edges = [edge(0, 1), edge(1, 7), edge(2, 2), edge(1, 0)];
        let l = layout_graph(&nodes, &edges, &GraphLayoutOptions::default());
        assert_eq!(l.nodes[0].width, 0.0);
        assert_eq!(l.nodes[1].width, 0.0);
        assert!(l.edges[1].points.is_empty());
        assert_eq!(l.edges[2].points.len(), 4);
        assert!(l.nodes.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    }

    #[test]
    fn self_loops_nest_on_the_right_with_their_labels_apart() {
        let loops = [edge(0, 0), edge(0, 0), edge(0, 0)];
        let l = layout_graph(&[node(50.0, 40.0)], &loops, &GraphLayoutOptions::default());
        let right = l.nodes[0].x + l.nodes[0].width;
        let reach: Vec<f64> = l.edges.iter().map(|r| r.points[1].x - right).collect();
        assert!(reach[0] > 0.0 && reach[0] < reach[1] && reach[1] < reach[2]);
        let labels: Vec<Point> = l.edges.iter().map(|r| r.label_at).collect();
        assert!(labels.iter().all(|p| p.x > right + reach[2] * 0.75));
        assert!(labels[0].y + 10.0 < labels[1].y && labels[1].y + 10.0 < labels[2].y);
        assert!(l.width >= right + reach[2] + 16.0);
    }

    #[test]
    fn chain_is_vertical_and_downward() {
        let nodes = [node(100.0, 30.0), node(60.0, 20.0), node(80.0, 40.0)];
        let l = layout_graph(
            &nodes,
            &[edge(0, 1), edge(1, 2)],
            &GraphLayoutOptions::default(),
        );
        let ranks: Vec<u32> = l.nodes.iter().map(|p| p.rank).collect();
        assert_eq!(ranks, vec![0, 1, 2]);
        let centre = |p: &PlacedNode| p.x + p.width / 2.0;
        assert!((centre(&l.nodes[0]) - centre(&l.nodes[2])).abs() < 1e-6);
        assert_eq!(l.nodes[0].y, 16.0);
        assert_eq!(l.nodes[1].y, 16.0 + 30.0 + 48.0);
        assert_eq!(l.width, 100.0 + 32.0);
    }
}
