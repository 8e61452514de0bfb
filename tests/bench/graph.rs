//! The call graph layout row: `layout::layout_graph` on pprof's call graph of `large.cpu`
//! (80 nodes, as `pprofview dot -nodefraction=0 -edgefraction=0` builds it; box sizes from
//! the formatted labels, as the graph view sizes them), the median of about 20 runs and the peak heap.
//! Skipped, with a message, when `../shared` is absent.

use crate::measure::{in_process, Budget};
use crate::report::mb;
use pprofview::layout::{layout_graph, GraphLayoutOptions};
use std::process::ExitCode;

#[path = "../graph_support/mod.rs"]
mod graph_support;

/// Prints the row (or why it is skipped); fails only when the profile cannot be read.
pub fn section(quick: bool) -> ExitCode {
    println!("\n== call graph layout (layout::graph, in process; median) ==\n");
    let Some(path) = graph_support::large_cpu_path() else {
        println!("graph layout: ../shared/testdata/pprof/upstream/proftest__large.cpu.pb.gz not found, skipped");
        return ExitCode::SUCCESS;
    };
    let (nodes, edges) = match graph_support::call_graph_input(&path) {
        Ok(g) => g,
        Err(e) => {
            println!("graph layout: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let runs = if quick { 1 } else { 20 };
    let budget = Budget {
        seconds: 0.0,
        min_runs: runs,
        max_runs: runs,
        cap_seconds: 30.0,
    };
    let options = GraphLayoutOptions::default();
    let m = in_process(&budget, || layout_graph(&nodes, &edges, &options));
    let median = m.median().as_secs_f64() * 1e3;
    println!(
        "graph layout, large.cpu 80 nodes: {median:.2} ms median of {} runs ({} nodes, {} edges; peak heap {:.2} MB){}",
        m.times.len(),
        nodes.len(),
        edges.len(),
        mb(m.peak_bytes),
        if median < 50.0 { "" } else { " — TARGET MISSED (< 50 ms)" }
    );
    ExitCode::SUCCESS
}
