//! The call graph layout (`layout::graph`): properties on random graphs (no overlaps, edges
//! from border to border, callers above callees, determinism, bounds), and pprof's own
//! `large.cpu` call graph (80 nodes) from `../shared`, skipped with a message when absent; and
//! hostile input (NaN sizes, out-of-range ends, zero weights) laid out without a panic.
//! The large graph's test also writes `graph_layout_large.svg` into the cargo target
//! directory, to look at.

mod graph_support;

use pprofview::layout::{
    layout_graph, GraphLayout, GraphLayoutOptions, LayoutEdge, NodeSize, PlacedNode, Point,
};
use proptest::prelude::*;
use std::fmt::Write as _;

const TOL: f64 = 1e-6;

/// Nodes of 20–300 × 20–80 px and edges between them: any pair (cycles, self-loops and
/// duplicates included), or, with `acyclic`, from a smaller index to a larger one only.
fn graph(acyclic: bool) -> impl Strategy<Value = (Vec<NodeSize>, Vec<LayoutEdge>)> {
    (1usize..60).prop_flat_map(move |n| {
        let sizes = prop::collection::vec(
            (20.0f64..300.0, 20.0f64..80.0).prop_map(|(width, height)| NodeSize { width, height }),
            n,
        );
        let edges = prop::collection::vec((0..n, 0..n, 1u32..=101, 1u32..=3), 0..150).prop_map(
            move |raw| {
                raw.into_iter()
                    .filter_map(|(a, b, weight, min_len)| {
                        let (from, to) = if acyclic {
                            if a == b {
                                return None;
                            }
                            (a.min(b), a.max(b))
                        } else {
                            (a, b)
                        };
                        Some(LayoutEdge {
                            from,
                            to,
                            weight,
                            min_len,
                        })
                    })
                    .collect::<Vec<_>>()
            },
        );
        (sizes, edges)
    })
}

fn on_border(p: Point, n: &PlacedNode) -> bool {
    let (l, r, t, b) = (n.x, n.x + n.width, n.y, n.y + n.height);
    let inside = p.x >= l - TOL && p.x <= r + TOL && p.y >= t - TOL && p.y <= b + TOL;
    let edge = (p.x - l).abs() <= TOL
        || (p.x - r).abs() <= TOL
        || (p.y - t).abs() <= TOL
        || (p.y - b).abs() <= TOL;
    inside && edge
}

/// Properties (a), (b), (d), (e) of every layout, and (c) when `acyclic`.
fn check(nodes: &[NodeSize], edges: &[LayoutEdge], acyclic: bool) -> Result<GraphLayout, String> {
    let options = GraphLayoutOptions::default();
    let l = layout_graph(nodes, edges, &options);
    if l != layout_graph(nodes, edges, &options) {
        return Err("(d) two runs differ".into());
    }
    if l.nodes.len() != nodes.len() || l.edges.len() != edges.len() {
        return Err("counts differ from the input".into());
    }
    let inside = |p: Point| {
        p.x.is_finite()
            && p.y.is_finite()
            && (0.0..=l.width).contains(&p.x)
            && (0.0..=l.height).contains(&p.y)
    };
    for (i, n) in l.nodes.iter().enumerate() {
        let corners = [
            Point { x: n.x, y: n.y },
            Point {
                x: n.x + n.width,
                y: n.y + n.height,
            },
        ];
        if !corners.iter().all(|&p| inside(p)) {
            return Err(format!(
                "(e) node {i} {n:?} outside {} × {}",
                l.width, l.height
            ));
        }
        for (j, m) in l.nodes.iter().enumerate().skip(i + 1) {
            let apart = n.x + n.width <= m.x + TOL
                || m.x + m.width <= n.x + TOL
                || n.y + n.height <= m.y + TOL
                || m.y + m.height <= n.y + TOL;
            if !apart {
                return Err(format!("(a) nodes {i} {n:?} and {j} {m:?} overlap"));
            }
        }
    }
    for (k, (e, r)) in edges.iter().zip(&l.edges).enumerate() {
        let pts = &r.points;
        if pts.len() < 4 || pts.len() % 3 != 1 {
            return Err(format!("(e) edge {k} has {} points", pts.len()));
        }
        if !pts.iter().all(|&p| inside(p)) || !inside(r.label_at) {
            return Err(format!("(e) edge {k} leaves the drawing: {r:?}"));
        }
        let (a, b) = (&l.nodes[e.from], &l.nodes[e.to]);
        if !on_border(pts[0], a) || !on_border(pts[pts.len() - 1], b) {
            return Err(format!(
                "(b) edge {k} {e:?} does not run border to border: {pts:?}, {a:?}, {b:?}"
            ));
        }
        if acyclic && e.from != e.to {
            if b.rank < a.rank + e.min_len {
                return Err(format!("(c) edge {k} {e:?}: ranks {} → {}", a.rank, b.rank));
            }
            if b.y <= a.y + a.height {
                return Err(format!("(c) edge {k} {e:?}: callee not below: {a:?} {b:?}"));
            }
        }
    }
    Ok(l)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_graph((nodes, edges) in graph(false)) {
        if let Err(e) = check(&nodes, &edges, false) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn acyclic_graph_points_down((nodes, edges) in graph(true)) {
        if let Err(e) = check(&nodes, &edges, true) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Sizes that may be NaN, infinite, negative or zero; edges whose ends may be out of range,
/// with any weight and `min_len` (0 included).
fn hostile() -> impl Strategy<Value = (Vec<NodeSize>, Vec<LayoutEdge>)> {
    let size = prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-5.0),
        Just(0.0),
        0.0f64..300.0,
    ];
    (0usize..20).prop_flat_map(move |n| {
        let sizes = prop::collection::vec(
            (size.clone(), size.clone()).prop_map(|(width, height)| NodeSize { width, height }),
            n,
        );
        let edges = prop::collection::vec(
            (0..n + 3, 0..n + 3, 0u32..200, 0u32..5).prop_map(|(from, to, weight, min_len)| {
                LayoutEdge {
                    from,
                    to,
                    weight,
                    min_len,
                }
            }),
            0..40,
        );
        (sizes, edges)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hostile_input_is_laid_out_anyway((nodes, edges) in hostile()) {
        let options = GraphLayoutOptions::default();
        let l = layout_graph(&nodes, &edges, &options);
        prop_assert_eq!(&l, &layout_graph(&nodes, &edges, &options));
        prop_assert!(l.width.is_finite() && l.height.is_finite());
        for n in &l.nodes {
            prop_assert!(n.x.is_finite() && n.y.is_finite() && n.width >= 0.0 && n.height >= 0.0);
        }
        for (e, r) in edges.iter().zip(&l.edges) {
            if e.from >= nodes.len() || e.to >= nodes.len() {
                prop_assert!(r.points.is_empty());
            } else {
                prop_assert!(r.points.len() >= 4 && r.points.len() % 3 == 1);
                prop_assert!(on_border(r.points[0], &l.nodes[e.from]));
                prop_assert!(on_border(r.points[r.points.len() - 1], &l.nodes[e.to]));
                for p in &r.points {
                    prop_assert!(p.x.is_finite() && (0.0..=l.width).contains(&p.x));
                    prop_assert!(p.y.is_finite() && (0.0..=l.height).contains(&p.y));
                }
            }
        }
    }
}

#[test]
fn bad_input_does_not_panic() {
    let nodes = [
        NodeSize {
            width: f64::NAN,
            height: 10.0,
        },
        NodeSize {
            width: -5.0,
            height: f64::INFINITY,
        },
        NodeSize {
            width: 40.0,
            height: 20.0,
        },
    ];
    let edges = [
        LayoutEdge {
            from: 0,
            to: 9,
            weight: 0,
            min_len: 0,
        },
        LayoutEdge {
            from: 2,
            to: 0,
            weight: 0,
            min_len: 0,
        },
        LayoutEdge {
            from: usize::MAX,
            to: 1,
            weight: u32::MAX,
            min_len: u32::MAX,
        },
    ];
    let options = GraphLayoutOptions {
        rank_gap: f64::NAN,
        node_gap: -1.0,
        margin: f64::INFINITY,
    };
    let l = layout_graph(&nodes, &edges, &options);
    assert!(l.edges[0].points.is_empty() && l.edges[2].points.is_empty());
    assert_eq!(l.edges[1].points.len(), 4);
    assert!(l.width.is_finite() && l.height.is_finite());
    // Huge weights and min_len on in-range edges: clamped (min_len to 16).
    let huge = |from, to| LayoutEdge {
        from,
        to,
        weight: u32::MAX,
        min_len: u32::MAX,
    };
    let edges = [huge(0, 2), huge(1, 2), huge(2, 1), huge(0, 1), huge(2, 2)];
    let l = layout_graph(&nodes, &edges, &GraphLayoutOptions::default());
    assert_eq!(l.nodes.iter().map(|n| n.rank).max(), Some(32));
    // Enormous sizes: clamped, every coordinate finite.
    let big = [NodeSize {
        width: f64::MAX,
        height: 1e300,
    }; 3];
    let l = layout_graph(&big, &edges, &GraphLayoutOptions::default());
    let finite = |p: &Point| p.x.is_finite() && p.y.is_finite();
    assert!(l.edges.iter().all(|e| e.points.iter().all(finite)));
    assert!(l.width.is_finite() && l.nodes.iter().all(|n| n.x.is_finite()));
}

/// 1,000 nodes of random sizes and 3,000 edges: `deep` makes most edges go 1–20 nodes
/// further round a ring (hundreds of ranks, and hundreds of thousands of dummy nodes), else
/// it is like a call graph: each node's first caller is any earlier node (a random tree), the
/// other edges go from a node to one deeper in that tree, and one in twenty from a node back
/// to one of its ancestors (recursion).
fn big_graph(deep: bool) -> (Vec<NodeSize>, Vec<LayoutEdge>) {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m.max(1) as u64) as usize
    };
    let nodes: Vec<NodeSize> = (0..1000)
        .map(|_| NodeSize {
            width: 20.0 + next(280) as f64,
            height: 20.0 + next(60) as f64,
        })
        .collect();
    let mut depth = vec![0usize; 1000];
    let mut parent = vec![0usize; 1000];
    let edges: Vec<LayoutEdge> = (0..3000)
        .map(|i| {
            let (from, to) = if deep {
                let a = next(1000);
                let b = if next(4) == 0 {
                    next(1000)
                } else {
                    (a + 1 + next(20)) % 1000
                };
                (a, b)
            } else if (1..1000).contains(&i) {
                let a = next(i);
                depth[i] = depth[a] + 1;
                parent[i] = a;
                (a, i)
            } else {
                let (mut a, b) = (next(1000), next(1000));
                for _ in 0..8 {
                    if depth[a] < depth[b] {
                        break;
                    }
                    a = next(1000);
                }
                if next(20) == 0 {
                    let mut up = b;
                    for _ in 0..=next(3) {
                        up = parent[up];
                    }
                    (b, up)
                } else {
                    (a, b)
                }
            };
            LayoutEdge {
                from,
                to,
                weight: 1 + next(101) as u32,
                min_len: 1,
            }
        })
        .collect();
    (nodes, edges)
}

/// The big graphs keep the properties; the call-graph-like one takes under a second in an
/// optimised build (timed only there).
#[test]
fn thousand_nodes() {
    for deep in [false, true] {
        let (nodes, edges) = big_graph(deep);
        let start = std::time::Instant::now();
        let l = layout_graph(&nodes, &edges, &GraphLayoutOptions::default());
        let took = start.elapsed();
        let ranks = l.nodes.iter().map(|n| n.rank).max().unwrap_or(0) + 1;
        println!(
            "1,000 nodes, 3,000 edges ({}): {took:?}, {ranks} ranks, {:.0} × {:.0} px",
            if deep { "deep ring" } else { "call-graph-like" },
            l.width,
            l.height
        );
        if !deep && !cfg!(debug_assertions) {
            assert!(took.as_secs_f64() < 1.0, "{took:?}");
        }
        if !deep {
            assert_eq!(check(&nodes, &edges, false).map(|_| ()), Ok(()));
        }
    }
}

fn svg(l: &GraphLayout) -> String {
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
        l.width, l.height
    );
    for (i, n) in l.nodes.iter().enumerate() {
        let _ = writeln!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#eee\" stroke=\"#333\"/><text x=\"{}\" y=\"{}\" font-size=\"10\">N{}</text>",
            n.x, n.y, n.width, n.height, n.x + 3.0, n.y + 12.0, i + 1
        );
    }
    for (k, r) in l.edges.iter().enumerate() {
        if let Some(first) = r.points.first() {
            let mut d = format!("M{},{}", first.x, first.y);
            for c in r.points[1..].chunks(3) {
                let _ = write!(
                    d,
                    " C{},{} {},{} {},{}",
                    c[0].x, c[0].y, c[1].x, c[1].y, c[2].x, c[2].y
                );
            }
            let _ = writeln!(
                s,
                "<path d=\"{d}\" fill=\"none\" stroke=\"#a00\"/><circle cx=\"{}\" cy=\"{}\" r=\"2\" fill=\"#a00\"/><text x=\"{}\" y=\"{}\" font-size=\"8\" fill=\"#555\" dominant-baseline=\"middle\">{}</text>",
                r.points[r.points.len() - 1].x,
                r.points[r.points.len() - 1].y,
                r.label_at.x,
                r.label_at.y,
                k
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

#[test]
fn large_cpu_call_graph() {
    let Some(path) = graph_support::large_cpu_path() else {
        println!("large_cpu_call_graph: ../shared absent, skipped");
        return;
    };
    let (nodes, edges) = match graph_support::call_graph_input(&path) {
        Ok(g) => g,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    assert_eq!(nodes.len(), 80);
    let l = match check(&nodes, &edges, false) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    let ranks = l.nodes.iter().map(|n| n.rank).max().unwrap_or(0) + 1;
    println!(
        "large.cpu: {} nodes, {} edges, {ranks} ranks, {:.0} × {:.0} px",
        nodes.len(),
        edges.len(),
        l.width,
        l.height
    );
    // Callers above callees except on edges that close a cycle: large.cpu has one 2-cycle
    // (mutual recursion) per child of its second node, and a few more.
    let upward = edges
        .iter()
        .filter(|e| e.from != e.to && l.nodes[e.to].rank <= l.nodes[e.from].rank)
        .count();
    let two_cycles = edges
        .iter()
        .filter(|e| e.from < e.to && edges.iter().any(|f| (f.from, f.to) == (e.to, e.from)))
        .count();
    println!("{upward} edges point up; {two_cycles} 2-cycles");
    assert!(
        upward <= two_cycles + 3,
        "{upward} edges point up, {two_cycles} 2-cycles"
    );
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|d| d.join("graph_layout_large.svg"));
    if let Some(out) = out {
        match std::fs::write(&out, svg(&l)) {
            Ok(()) => println!("wrote {}", out.display()),
            Err(e) => println!("{}: {e}", out.display()),
        }
    }
}

/// Debug aid: `PPROFVIEW_GRAPH_SVG=PROFILE cargo test --test graph_layout svg_of_profile`
/// writes the layout of PROFILE's call graph as `graph_layout_<file name>.svg` into the cargo
/// target directory (nothing without the variable).
#[test]
fn svg_of_profile() {
    let Some(path) = std::env::var_os("PPROFVIEW_GRAPH_SVG") else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let (nodes, edges) = match graph_support::call_graph_input(&path) {
        Ok(g) => g,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let l = match check(&nodes, &edges, false) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    let name = path
        .file_name()
        .map_or("profile".into(), |n| n.to_string_lossy());
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|d| d.join(format!("graph_layout_{name}.svg")));
    if let Some(out) = out {
        match std::fs::write(&out, svg(&l)) {
            Ok(()) => println!("wrote {} ({:.0} × {:.0})", out.display(), l.width, l.height),
            Err(e) => println!("{}: {e}", out.display()),
        }
    }
}
