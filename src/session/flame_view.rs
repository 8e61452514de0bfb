//! The session's side of the flame graph: building call trees and answering searches.
//!
//! Consumes a prepared query and flame requests; produces [`FlameGraph`]s and
//! [`FlameSearch`]es. The total comes from the prepared query and the unit from the tree's
//! own values, so a flame graph never needs the top table. Keeps the frames of the last tree
//! sent, so a search names frames by the same indexes the page holds.

use super::flame_protocol::{FlameGraph, FlameRequest, FlameSearch, FlameSearchRequest};
use super::protocol::SearchOutcome;
use super::top_view::regex_message;
use crate::model::units::percentage;
use crate::query::{
    compile_go_regex, matched_value, CallTree, CallTreeScratch, Frame, Granularity, Prepared, Query,
};
use crate::render::SvgOptions;
use crate::report::{legend_lines, showing_labels, ValueFormat};

/// Frames of the last tree sent, by request, and the memory trees are built in (kept from one
/// tree to the next: after a change of sample type or sample filter, the next tree reuses
/// what depends only on the frames).
#[derive(Debug, Default)]
pub struct FlameFrames {
    key: Option<FlameRequest>,
    frames: Vec<Frame>,
    /// The memory call trees are built in, kept for the next one.
    scratch: CallTreeScratch,
}

/// The most call-tree nodes sent to the page. Lighter nodes are summed into stand-ins:
/// at this size a dropped node is far below a pixel until zoomed in thousands of times,
/// and the page stays fast and small on profiles with millions of distinct stacks.
pub const MAX_FLAME_NODES: usize = 250_000;

/// The flame graph's granularity for `query`: its own, else `filefunctions` (pprof's).
pub fn flame_granularity(query: &Query) -> Granularity {
    query.granularity_or(Granularity::FileFunctions)
}

/// How the values of `tree` are formatted: pprof's unit choice over its nodes.
pub fn tree_format(tree: &CallTree, sample_unit: &str, total: i64) -> ValueFormat {
    let values: Vec<(i64, i64)> = (1..tree.len())
        .map(|i| (tree.self_value[i], tree.total[i]))
        .collect();
    ValueFormat::choose(sample_unit, "minimum", &values, total)
}

impl FlameFrames {
    /// The tree `request` asks for, and a warning when its call path is gone.
    fn tree(&mut self, prepared: &Prepared, request: &FlameRequest) -> (CallTree, Option<String>) {
        let granularity = flame_granularity(&request.query);
        if !request.under.is_empty() {
            let below = CallTree::build_under_in(
                prepared,
                granularity,
                &request.under,
                MAX_FLAME_NODES,
                &mut self.scratch,
            );
            if let Some(tree) = below {
                return (tree, None);
            }
        }
        let tree = CallTree::build_limited_in(
            prepared,
            granularity,
            None,
            MAX_FLAME_NODES,
            &mut self.scratch,
        );
        let gone = (!request.under.is_empty()).then(|| {
            format!(
                "the call path {} is not in this flame graph; showing the whole graph",
                request.under.join(" → ")
            )
        });
        (tree, gone)
    }

    /// Builds the tree `request` asks for.
    pub fn build(&mut self, prepared: &Prepared, request: &FlameRequest) -> FlameGraph {
        let (tree, gone) = self.tree(prepared, request);
        let mut warnings = prepared.warnings().to_vec();
        warnings.extend(gone);
        self.key = Some(request.clone());
        self.frames = tree.frames.clone();
        let ctx = prepared.context();
        let fmt = tree_format(&tree, &ctx.sample_unit, ctx.total);
        let mut legend = legend_lines(prepared.profile(), ctx, &fmt, false);
        let shown = tree
            .total
            .first()
            .copied()
            .unwrap_or(0)
            .wrapping_sub(tree.self_value.first().copied().unwrap_or(0));
        legend.extend(showing_labels(shown, ctx.total, 0, 0.0, 0, 0, &fmt));
        FlameGraph {
            request: request.clone(),
            sample_type: ctx.sample_type.clone(),
            legend,
            warnings,
            total: ctx.total,
            sample_unit: fmt.sample_unit,
            output_unit: fmt.output_unit,
            tree,
            diff: prepared.is_comparison(),
        }
    }

    /// Answers a search over the frames of the tree `request.flame` names.
    pub fn search(&mut self, prepared: &Prepared, request: &FlameSearchRequest) -> FlameSearch {
        if self.key.as_ref() != Some(&request.flame) {
            self.frames = self.tree(prepared, &request.flame).0.frames;
            self.key = Some(request.flame.clone());
        }
        let (matches, outcome) = match request.search.as_str() {
            "" => (Vec::new(), SearchOutcome::None),
            text => match compile_go_regex(text) {
                Ok(re) => {
                    let matches = self
                        .frames
                        .iter()
                        .map(|f| {
                            re.is_match(&f.name) || (!f.file.is_empty() && re.is_match(&f.file))
                        })
                        .collect();
                    let matched = matched_value(prepared, &re);
                    let ctx = prepared.context();
                    let fmt = ValueFormat {
                        sample_unit: ctx.sample_unit.clone(),
                        output_unit: "minimum".to_string(),
                    };
                    let outcome = SearchOutcome::Matched {
                        value: fmt.format(matched),
                        percent: percentage(matched, ctx.total).trim().to_string(),
                    };
                    (matches, outcome)
                }
                Err(reason) => (Vec::new(), SearchOutcome::Invalid(regex_message(&reason))),
            },
        };
        FlameSearch {
            request: request.clone(),
            matches,
            outcome,
        }
    }
}

/// The options that draw `graph` as the page shows it: its legend, units, total and, for a
/// comparison, colours by change. Set the width, zoom path, orientation and palette on the
/// result, then call [`flame_svg`](crate::render::flame_svg) with `graph.tree`.
pub fn svg_options(graph: &FlameGraph) -> SvgOptions {
    SvgOptions {
        legend: graph.legend.clone(),
        diff: graph.diff,
        sample_unit: graph.sample_unit.clone(),
        output_unit: graph.output_unit.clone(),
        total: graph.total,
        ..SvgOptions::default()
    }
}
