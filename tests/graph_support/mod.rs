//! pprof's call graph of `large.cpu` as layout input, shared by `tests/graph_layout.rs` and
//! the benchmark's graph row (`tests/bench/graph.rs`).

#![allow(dead_code)]

use pprofview::decode::{decode, DecodeOptions};
use pprofview::layout::{LayoutEdge, NodeSize};
use pprofview::query::{call_graph, Granularity, GraphOptions, Prepared};
use pprofview::report::{unplaced_scene, DotOptions};
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

/// The graph `pprofview dot -nodefraction=0 -edgefraction=0` draws for `path` (80 nodes),
/// as the page's graph view hands it to the layout: box sizes of the formatted labels
/// (`report::unplaced_scene`), pprof's edge weights.
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
    let dot = DotOptions {
        unit: options.tag_unit.clone(),
        node_fraction: 0.0,
        edge_fraction: 0.0,
    };
    let (_, nodes, edges) = unplaced_scene(&profile, prepared.context(), &graph, &dot);
    Ok((nodes, edges))
}
