//! The graph view: pprof's call graph of a query (`go tool pprof -web`'s numbers and
//! trimming), formatted and laid out in the engine so the page only draws it.
//!
//! Consumes a prepared query and a [`GraphRequest`]; produces a [`GraphView`] holding the
//! placed [`GraphScene`]. `pprofview svg -graph` draws the same scene.

use crate::query::{call_graph, compile_go_regex, Granularity, GraphOptions, Prepared};
use crate::report::{graph_scene, DotOptions, GraphScene};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// pprof's node count for its graph reports.
pub const GRAPH_NODE_COUNT: u32 = 80;

/// The call graph of a query.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct GraphRequest {
    /// What to compute (`functions` when the granularity is unset, as `pprofview dot`).
    pub query: crate::query::Query,
    /// Keep about this many nodes (`-nodecount`); 0: pprof's 80.
    pub node_count: u32,
    /// The search box's regex: the nodes it matches are marked (empty: none).
    pub search: String,
}

/// The laid-out call graph and its legend.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct GraphView {
    /// What was asked for.
    pub request: GraphRequest,
    /// pprof's notes on the query.
    pub warnings: Vec<String>,
    /// The graph: nodes, edges, positions, pprof's legend lines.
    pub scene: GraphScene,
    /// The nodes the search matches, by index.
    pub matches: Vec<u32>,
    /// Why there is nothing to draw; empty otherwise.
    pub problem: String,
}

/// The call graph `pprofview dot` prints for `query` at `node_count` nodes, as a scene.
pub fn graph_scene_of(prepared: &Prepared, node_count: u32) -> Result<GraphScene, String> {
    let granularity = prepared.query().granularity_or(Granularity::Functions);
    let options = GraphOptions {
        node_count: if node_count == 0 {
            GRAPH_NODE_COUNT as usize
        } else {
            node_count as usize
        },
        ..GraphOptions::default()
    };
    let graph = call_graph(prepared, granularity, &options).map_err(|e| e.to_string())?;
    let dot = DotOptions {
        unit: options.tag_unit.clone(),
        node_fraction: options.node_fraction,
        edge_fraction: options.edge_fraction,
    };
    Ok(graph_scene(
        prepared.profile(),
        prepared.context(),
        &graph,
        &dot,
    ))
}

/// Answers a graph-view request with `scene`, the request's graph (cached by the session),
/// marking the nodes whose name the search matches.
pub fn graph_view(
    prepared: &Prepared,
    request: &GraphRequest,
    scene: Result<Arc<GraphScene>, String>,
) -> GraphView {
    let mut view = GraphView {
        request: request.clone(),
        warnings: prepared.warnings().to_vec(),
        ..GraphView::default()
    };
    let scene = match scene {
        Ok(scene) => scene,
        Err(e) => {
            view.problem = e;
            return view;
        }
    };
    if scene.nodes.is_empty() {
        view.problem =
            "No nodes to show: the filters left no samples, or every value is zero.".to_string();
    }
    if !request.search.is_empty() {
        if let Ok(re) = compile_go_regex(&request.search) {
            view.matches = (0..scene.nodes.len() as u32)
                .filter(|&i| re.is_match(&scene.nodes[i as usize].name))
                .collect();
        }
    }
    view.scene = GraphScene::clone(&scene);
    view
}

impl super::Loaded {
    /// The graph view of `request`, its scene cached by query and node count.
    pub(super) fn graph(
        &mut self,
        request: &GraphRequest,
    ) -> Result<GraphView, Box<super::Response>> {
        let profile = self.profile_for(&request.query)?;
        let p = super::prepare(&profile, &mut self.prepared, &request.query)?;
        let key = (request.query.clone(), request.node_count);
        let scene = self
            .graphs
            .get_or_try(&key, || graph_scene_of(p, request.node_count).map(Arc::new))
            .map(|s| Arc::clone(s));
        Ok(graph_view(p, request, scene))
    }
}
