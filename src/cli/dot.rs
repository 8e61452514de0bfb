//! `pprofview dot`: the invocation's trimming options turned into the call graph's and the
//! DOT writer's, as `go tool pprof -dot` reads its flags.

use super::Invocation;
use crate::error::QueryError;
use crate::query::{call_graph, CallGraph, Granularity, GraphOptions, Prepared};
use crate::render::graph_svg;
use crate::report::{dot_text, graph_scene, DotOptions};

/// The DOT text of `prepared` for `inv` (its granularity, `-nodecount`, `-nodefraction`,
/// `-edgefraction`, `-unit` and `-call_tree`).
pub(super) fn dot(prepared: &Prepared, inv: &Invocation) -> Result<String, QueryError> {
    let (graph, dot) = graph(prepared, inv)?;
    Ok(dot_text(
        prepared.profile(),
        prepared.context(),
        &graph,
        &dot,
    ))
}

/// `svg -graph`: the call graph `dot` prints, laid out and drawn as the page's graph view
/// draws it, pprof's legend on top.
pub(super) fn graph_image(prepared: &Prepared, inv: &Invocation) -> Result<String, QueryError> {
    let (graph, dot) = graph(prepared, inv)?;
    let scene = graph_scene(prepared.profile(), prepared.context(), &graph, &dot);
    Ok(graph_svg(&scene, &scene.legend))
}

/// The trimmed call graph of `inv` and the DOT writer's options.
fn graph(prepared: &Prepared, inv: &Invocation) -> Result<(CallGraph, DotOptions), QueryError> {
    let granularity = inv.query.granularity_or(Granularity::Functions);
    let options = GraphOptions {
        node_count: inv.top.node_count,
        node_fraction: inv.top.node_fraction,
        edge_fraction: inv.top.edge_fraction,
        tag_unit: inv.text.unit.clone(),
        call_tree: inv.call_tree,
    };
    let graph = call_graph(prepared, granularity, &options)?;
    let dot = DotOptions {
        unit: inv.text.unit.clone(),
        node_fraction: inv.top.node_fraction,
        edge_fraction: inv.top.edge_fraction,
    };
    Ok((graph, dot))
}

#[cfg(test)]
mod tests {
    use crate::cli::{parse, Command};

    fn node_count(args: &str) -> Result<usize, String> {
        let args: Vec<String> = args.split_whitespace().map(String::from).collect();
        match parse(&args) {
            Ok(Command::Run(inv)) => Ok(inv.top.node_count),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn dot_defaults_to_80_nodes() {
        assert_eq!(node_count("dot p.pb.gz"), Ok(80));
        assert_eq!(node_count("dot -nodecount=-1 p.pb.gz"), Ok(80));
        assert_eq!(node_count("dot -nodecount=0 p.pb.gz"), Ok(0));
        assert_eq!(node_count("dot -trim=false p.pb.gz"), Ok(0));
        assert_eq!(node_count("top p.pb.gz"), Ok(0));
        assert_eq!(node_count("svg -graph p.pb.gz"), Ok(80));
        assert_eq!(node_count("svg p.pb.gz"), Ok(0));
    }
}
