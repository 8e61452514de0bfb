//! The callers view, computed in the engine over the whole filtered profile (not over the
//! flame graph's capped tree, which may have lost light callers).

use super::flame_view::{flame_granularity, tree_format, MAX_FLAME_NODES};
use super::views_protocol::{SandwichRequest, SandwichView};
use crate::query::{Prepared, Sandwich};
use crate::report::legend_lines;

/// Answers a callers-view request.
pub fn sandwich(prepared: &Prepared, request: &SandwichRequest) -> SandwichView {
    let g = flame_granularity(&request.query);
    let s = Sandwich::of_profile(prepared, g, &request.function, MAX_FLAME_NODES / 2);
    let ctx = prepared.context();
    let fmt = tree_format(&s.callees, &ctx.sample_unit, ctx.total);
    SandwichView {
        request: request.clone(),
        legend: legend_lines(prepared.profile(), ctx, &fmt, false),
        warnings: prepared.warnings().to_vec(),
        total: ctx.total,
        sample_unit: fmt.sample_unit,
        output_unit: fmt.output_unit,
        callers: s.callers,
        callees: s.callees,
        diff: prepared.is_comparison(),
    }
}
