//! The graph view draws what `pprofview dot` prints: for each fixture and flag set, the
//! scene's nodes are DOT's nodes in the same order with the same label text, its edges are
//! DOT's edges (between the same nodes, with the same weight label), and the layout keeps
//! every node box apart and every edge on its ends.

mod harness;

use harness::{fixtures, run_report};
use pprofview::cli::{parse, Command};
use pprofview::decode::DecodeOptions;
use pprofview::load::{load, Source};
use pprofview::query::Prepared;
use pprofview::report::GraphScene;
use pprofview::session::graph_scene_of;
use std::path::PathBuf;
use std::sync::Arc;

/// `(profile, flags)` pairs checked.
const CASES: &[(&str, &str)] = &[
    ("go_cpu.pb.gz", ""),
    ("go_cpu.pb.gz", "-focus=runFor -hide=fold"),
    ("go_heap.pb.gz", "-sample_index=alloc_space"),
    ("go_mutex.pb.gz", ""),
    ("go_goroutine.pb.gz", ""),
    ("synth_labels.pb.gz", ""),
    ("go_allocs.pb.gz", "-lines"),
];

/// DOT's escaping of one label line.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\l")
}

/// The scene of `flags` on `file`, built as the session builds it (pprof's 80 nodes).
fn scene(file: &PathBuf, flags: &str) -> GraphScene {
    let mut args = vec!["dot".to_string()];
    args.extend(flags.split_whitespace().map(String::from));
    args.push(file.display().to_string());
    let Ok(Command::Run(inv)) = parse(&args) else {
        panic!("flags {flags}")
    };
    let bytes = std::fs::read(file).expect("fixture");
    let source = Source {
        name: "p",
        bytes: &bytes,
    };
    let profile = load(&[source], &DecodeOptions::default())
        .expect("profile")
        .profile;
    let prepared = Prepared::new(&Arc::new(profile), &inv.query, "minimum").expect("query");
    graph_scene_of(&prepared, 0).expect("graph")
}

#[test]
fn scenes_are_dots_graphs() {
    let mut checked = 0;
    for (name, flags) in CASES {
        let file = fixtures().join("profiles").join(name);
        let words: Vec<&str> = flags.split_whitespace().collect();
        let dot = run_report("dot", &words, std::slice::from_ref(&file))
            .expect("dot")
            .text;
        let s = scene(&file, flags);
        let labels: Vec<&str> = dot
            .lines()
            .filter(|l| l.starts_with('N') && l.contains(" [label=\"") && l.contains("id=\"node"))
            .collect();
        assert_eq!(labels.len(), s.nodes.len(), "{name} {flags}: node count");
        for (i, (line, node)) in labels.iter().zip(&s.nodes).enumerate() {
            let text: Vec<String> = node.lines.iter().map(|l| escape(l)).collect();
            let want = format!("N{} [label=\"{}\" id=", i + 1, text.join("\\n"));
            assert!(
                line.starts_with(&want),
                "{name} {flags}: {line}\n  scene: {want}"
            );
        }
        let edges = dot.lines().filter(|l| l.contains(" -> N")).count();
        assert!(
            s.edges.len() <= edges,
            "{name} {flags}: more edges than dot"
        );
        for e in &s.edges {
            let line = format!("N{} -> N{} [label=\" {}", e.from + 1, e.to + 1, e.label[0]);
            assert!(dot.contains(&line), "{name} {flags}: no {line} in dot");
            let first = e.points.first().expect("a route");
            let [l, t, w, h] = s.nodes[e.from as usize].rect;
            let on = |v: f64, a: f64, b: f64| v >= a - 1e-6 && v <= b + 1e-6;
            assert!(
                on(first[0], l, l + w) && on(first[1], t, t + h),
                "{name}: edge starts off its node"
            );
        }
        for (i, a) in s.nodes.iter().enumerate() {
            for b in &s.nodes[i + 1..] {
                let [ax, ay, aw, ah] = a.rect;
                let [bx, by, bw, bh] = b.rect;
                let apart = ax + aw <= bx || bx + bw <= ax || ay + ah <= by || by + bh <= ay;
                assert!(apart, "{name} {flags}: {} overlaps {}", a.name, b.name);
            }
        }
        checked += 1;
    }
    assert_eq!(checked, CASES.len());
}
