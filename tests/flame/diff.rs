//! Comparison drawing: a `-diff_base` flame graph from the session, coloured by change.
//! Checks the before/after arithmetic against the session's, that every box is filled with
//! its node's change colour, and a golden per palette in tests/golden/flame/
//! (`UPDATE_GOLDEN=1 cargo test --test flame diff` rewrites them; review the diff).

use crate::harness::fixtures;
use pprofview::layout::{visible_items, FlameLayout, ItemKind, Viewport};
use pprofview::query::Query;
use pprofview::render::{
    before_after, diff_colour, draw_flame, DiffColours, FlameStyle, FrameColours, Labels, Marks,
    Palette, RecordingPainter, Scene,
};
use pprofview::session::{FlameGraph, FlameRequest, Request, Response, Session, SourceBytes};
use std::collections::HashSet;

fn source(stem: &str) -> SourceBytes {
    let path = fixtures().join("profiles").join(format!("{stem}.pb.gz"));
    SourceBytes {
        name: format!("{stem}.pb.gz"),
        bytes: std::fs::read(&path).expect("fixture is readable"),
    }
}

/// The flame graph of `after` compared with `base` (`-diff_base`).
fn diff_graph(after: &str, base: &str) -> FlameGraph {
    let mut session = Session::new(Default::default());
    let loaded = session.handle(Request::Load {
        sources: vec![source(after)],
        bases: vec![source(base)],
    });
    assert!(
        matches!(loaded.last(), Some(Response::Loaded(_))),
        "load failed: {loaded:?}"
    );
    let query = Query {
        diff_base: vec![format!("{base}.pb.gz")],
        ..Query::default()
    };
    match session
        .handle(Request::Flame(FlameRequest {
            query,
            under: Vec::new(),
        }))
        .pop()
    {
        Some(Response::Flame(g)) => {
            let mut g = *g;
            g.tree.reindex();
            g
        }
        other => panic!("flame failed: {other:?}"),
    }
}

/// Draws `graph` at `width`×`height` with its change colours; returns the recording and the
/// boxes' expected fills.
fn draw(
    graph: &FlameGraph,
    palette: Palette,
    width: f64,
    height: f64,
) -> (String, HashSet<String>) {
    let tree = &graph.tree;
    let layout = FlameLayout::new(tree);
    let vp = Viewport::new(width, height, 18.0);
    let colours = FrameColours::new(tree, palette);
    let diff = DiffColours::new(tree, palette);
    let style = FlameStyle::default();
    let scene = Scene {
        tree,
        layout: &layout,
        viewport: &vp,
        colours: &colours,
        diff: Some(&diff),
        style: &style,
    };
    let mut painter = RecordingPainter::new();
    let drawn = draw_flame(&mut painter, &mut Labels::new(), &scene, &Marks::default());
    let fills = visible_items(tree, &layout, &vp)
        .iter()
        .map(|i| match i.kind {
            ItemKind::Node(n) => diff.get(n).css(),
            ItemKind::Merged { first, last } => diff.merged(tree, first, last).css(),
        })
        .collect();
    let log = format!(
        "# diff, {palette:?}, {width}x{height}: {drawn} items, {} nodes\n{}",
        tree.len(),
        painter.log()
    );
    (log, fills)
}

#[test]
fn diff_values_match_the_session() {
    let graph = diff_graph("go_cpu_b", "go_cpu");
    assert!(graph.diff, "a diff_base query gives a comparison's tree");
    let tree = &graph.tree;
    let (mut grew, mut shrank) = (0, 0);
    for n in 0..tree.len() as u32 {
        let ours = before_after(tree, n, n);
        assert_eq!(ours, graph.before_after(n), "node {n}");
        let (b, a) = ours.expect("node in range");
        assert!(b >= 0 && a >= 0, "node {n}: {b} {a}");
        let c = diff_colour(
            pprofview::render::diff_ratio(tree.total[n as usize], tree.weight[n as usize]),
            Palette::Warm,
        );
        grew += usize::from(a > b && c.r > c.g);
        shrank += usize::from(a < b && c.g > c.r);
    }
    assert!(grew > 0 && shrank > 0, "grew {grew}, shrank {shrank}");
}

#[test]
fn diff_goldens() {
    let graph = diff_graph("go_cpu_b", "go_cpu");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/flame");
    let mut failed = Vec::new();
    for (name, palette, w, h) in [
        (
            "go_cpu_b.diff_base=go_cpu.1600x900",
            Palette::Warm,
            1600.0,
            900.0,
        ),
        (
            "go_cpu_b.diff_base=go_cpu.colour-blind.400x300",
            Palette::ColourBlind,
            400.0,
            300.0,
        ),
    ] {
        let (log, fills) = draw(&graph, palette, w, h);
        // Every box (17 px high) is filled with a change colour of a visible item.
        for line in log
            .lines()
            .filter(|l| l.starts_with("fill ") && l.contains("x17.00 "))
        {
            let colour = line.rsplit(' ').next().unwrap_or_default();
            assert!(fills.contains(colour), "{name}: {line}");
        }
        let path = dir.join(format!("{name}.txt"));
        if update {
            std::fs::write(&path, &log).expect("write golden");
            println!("wrote   {}", path.display());
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(log.as_str()) {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "goldens differ: {failed:?} (UPDATE_GOLDEN=1 rewrites them)"
    );
}
