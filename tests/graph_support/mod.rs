//! pprof's call graph of `large.cpu` as layout input, shared by `tests/graph_layout.rs` and
//! the benchmark's graph row (`tests/bench/graph.rs`).

#![allow(dead_code)]

use pprofview::decode::{decode, DecodeOptions};
use pprofview::layout::{LayoutEdge, NodeSize};
use pprofview::query::{call_graph, Granularity, GraphOptions, Prepared};
use pprofview::render::shorten_function_name_go119;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `../shared/testdata/pprof/upstream/proftest__large.cpu.pb.gz` (or under
/// `$PPROFVIEW_SHARED`), when present.
pub fn large_cpu_path() -> Option<PathBuf> {
    let base = match std::env::var_os("PPROFVIEW_SHARED") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    let p = base.join("testdata/pprof/upstream/proftest__large.cpu.pb.gz");
    p.is_file().then_some(p)
}

/// A node's label lines as pprof's DOT writer makes them, roughly: the shortened name split
/// at dots, then the flat and cum lines.
fn label_lines(name: &str) -> Vec<String> {
    let short = shorten_function_name_go119(name);
    let mut lines: Vec<String> = short
        .replace("::", ".")
        .split('.')
        .map(str::to_string)
        .collect();
    lines.push("10.50s (12.34%)".to_string());
    lines.push("of 20.75s (45.67%)".to_string());
    lines
}

/// The graph `pprofview dot -nodefraction=0 -edgefraction=0` draws for `path` (80 nodes),
/// as layout input: box sizes from the labels (width = 8 + 0.6 × font px × longest line,
/// font 8 + ⌈16 √(|flat| / max |flat|)⌉ as pprof's), pprof's edge weights
/// (1 + |weight| × 100 / total, at most 101), `min_len` 1.
pub fn call_graph_input(path: &Path) -> Result<(Vec<NodeSize>, Vec<LayoutEdge>), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let decoded = decode(&bytes, &DecodeOptions::default()).map_err(|e| e.to_string())?;
    let profile = Arc::new(decoded.profile);
    let prepared = Prepared::unfiltered(&profile).map_err(|e| e.to_string())?;
    let options = GraphOptions {
        node_fraction: 0.0,
        edge_fraction: 0.0,
        ..Default::default()
    };
    let graph =
        call_graph(&prepared, Granularity::Functions, &options).map_err(|e| e.to_string())?;
    let total = prepared.context().total.unsigned_abs().max(1) as f64;
    let max_flat = graph
        .nodes
        .iter()
        .map(|n| n.flat_value().unsigned_abs())
        .max()
        .unwrap_or(0) as f64;
    let nodes = graph
        .nodes
        .iter()
        .map(|n| {
            let flat = n.flat_value().unsigned_abs() as f64;
            let font = if max_flat > 0.0 {
                8.0 + (16.0 * (flat / max_flat).sqrt()).ceil()
            } else {
                8.0
            };
            let lines = label_lines(&n.function);
            let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1);
            NodeSize {
                width: 8.0 + 0.6 * font * longest as f64,
                height: 8.0 + 1.2 * font * lines.len() as f64,
            }
        })
        .collect();
    let edges = graph
        .edges
        .iter()
        .filter_map(|e| {
            let to = e.to?;
            let w = (e.weight_value().unsigned_abs() as f64 * 100.0 / total).floor();
            Some(LayoutEdge {
                from: e.from,
                to,
                weight: 1 + w.min(100.0) as u32,
                min_len: 1,
            })
        })
        .collect();
    Ok((nodes, edges))
}
