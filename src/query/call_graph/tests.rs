//! The call graph's trimming on small profiles.

use super::*;
use crate::encode::from_folded;
use std::sync::Arc;

fn prepared(folded: &str) -> Prepared {
    let b = from_folded(folded, &[("cpu", "nanoseconds")]).expect("folded");
    Prepared::unfiltered(&Arc::new(b.build_profile())).expect("query")
}

fn names(g: &CallGraph) -> Vec<&str> {
    g.nodes.iter().map(|n| n.name.as_str()).collect()
}

fn edges(g: &CallGraph) -> Vec<(&str, &str, i64, bool)> {
    g.edges
        .iter()
        .map(|e| {
            let to = e.to.map_or("N0", |t| g.nodes[t].name.as_str());
            (g.nodes[e.from].name.as_str(), to, e.weight, e.residual)
        })
        .collect()
}

#[test]
fn untrimmed_chain_keeps_every_call() {
    let p = prepared("main;a;b;c 100");
    let g = call_graph(&p, Granularity::Functions, &GraphOptions::default()).expect("graph");
    // Entry and leaf nodes first (entropy order), then the pass-through ones by name.
    assert_eq!(names(&g), ["c", "main", "a", "b"]);
    assert_eq!(
        edges(&g),
        [
            ("a", "b", 100, false),
            ("b", "c", 100, false),
            ("main", "a", 100, false)
        ]
    );
    assert_eq!((g.dropped_nodes, g.dropped_edges), (0, 0));
}

#[test]
fn a_dropped_middle_node_leaves_a_residual_edge() {
    let p = prepared("main;a;b;c 100");
    let options = GraphOptions {
        node_count: 3,
        ..GraphOptions::default()
    };
    let g = call_graph(&p, Granularity::Functions, &options).expect("graph");
    assert_eq!(names(&g), ["c", "main", "a"]);
    assert_eq!(
        edges(&g),
        [("a", "c", 100, true), ("main", "a", 100, false)]
    );
    assert_eq!(g.nodes_before_count, 4);
    assert_eq!(g.flat_sum(), 100);
}

#[test]
fn light_nodes_and_edges_are_dropped_and_counted() {
    let p = prepared("main;a;c 1000\nmain;b;c 4\nmain;d 1");
    let mut options = GraphOptions {
        node_count: 0,
        node_fraction: 0.002,
        edge_fraction: 0.01,
        ..GraphOptions::default()
    };
    let g = call_graph(&p, Granularity::Functions, &options).expect("graph");
    // d (cum 1) is under the node cutoff (2); b→c and main→b (4) under the edge cutoff (10).
    assert_eq!(g.dropped_nodes, 1);
    assert_eq!(g.dropped_edges, 2);
    // pprof's quirk: with a node count, edges are trimmed once before the top nodes are
    // chosen; when that keeps every node, the count of the final trim is 0.
    options.node_count = 80;
    let counted = call_graph(&p, Granularity::Functions, &options).expect("graph");
    assert_eq!(counted.dropped_edges, 0);
    assert_eq!(edges(&counted), edges(&g));
    assert!(!names(&g).contains(&"d"));
    assert_eq!(
        edges(&g),
        [("a", "c", 1000, false), ("main", "a", 1000, false)]
    );
}

#[test]
fn negative_fractions_are_refused() {
    let p = prepared("main 1");
    let options = GraphOptions {
        node_fraction: -1.0,
        ..GraphOptions::default()
    };
    assert!(call_graph(&p, Granularity::Functions, &options).is_err());
}

#[test]
fn a_call_tree_has_a_node_per_path_and_splices_dropped_ones() {
    let p = prepared("main;a;c 10\nmain;b;c 5\nmain;b;x;c 1");
    let mut options = GraphOptions {
        call_tree: true,
        node_count: 0,
        node_fraction: 0.0,
        edge_fraction: 0.0,
        ..GraphOptions::default()
    };
    let g = call_graph(&p, Granularity::Functions, &options).expect("tree");
    let count = |g: &CallGraph, name: &str| g.nodes.iter().filter(|n| n.name == name).count();
    assert_eq!(count(&g, "c"), 3);
    // x and the c below it (cum 1) are under the cutoff (3).
    options.node_fraction = 0.2;
    let g = call_graph(&p, Granularity::Functions, &options).expect("tree");
    assert_eq!(g.dropped_nodes, 2);
    assert_eq!(count(&g, "c"), 2);
    assert!(edges(&g).contains(&("b", "c", 5, false)));
    // With room for 4 nodes, entropy keeps both c and main, and a (c's caller, 10) before
    // b: the c below b then hangs from main through a residual edge.
    options.node_count = 4;
    let g = call_graph(&p, Granularity::Functions, &options).expect("tree");
    assert_eq!(g.nodes.len(), 4);
    assert!(edges(&g).iter().any(|e| e.0 == "main" && e.1 == "c" && e.3));
}
