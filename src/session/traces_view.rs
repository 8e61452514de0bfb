//! The Traces view: `pprofview traces` with identical stacks merged, heaviest first, and for
//! goroutine profiles the pile-ups in words.

use super::protocol::SearchOutcome;
use super::top_view::regex_message;
use super::views_protocol::{TraceFrameView, TraceGroupView, TracesRequest, TracesView};
use crate::model::units::percentage;
use crate::query::{compile_go_regex, trace_groups, Granularity, Prepared, TraceGroup};
use crate::report::{legend_lines, pileup_lines, trace_label_lines, PileupStack, ValueFormat};

/// Whether a sample type counts goroutines (a goroutine profile or dump).
pub fn counts_goroutines(name: &str, unit: &str) -> bool {
    matches!(name, "goroutine" | "goroutines") && unit == "count"
}

/// Answers a Traces-view request.
pub fn traces(prepared: &Prepared, request: &TracesRequest) -> TracesView {
    let ctx = prepared.context();
    let granularity = request.query.granularity_or(Granularity::Functions);
    let (nodes, groups) = trace_groups(prepared, granularity);
    let fmt = ValueFormat {
        sample_unit: ctx.sample_unit.clone(),
        output_unit: "minimum".to_string(),
    };
    let (groups, search): (Vec<TraceGroup>, SearchOutcome) = match request.search.as_str() {
        "" => (groups, SearchOutcome::None),
        text => match compile_go_regex(text) {
            Ok(re) => {
                let kept: Vec<TraceGroup> = groups
                    .into_iter()
                    .filter(|g| {
                        g.trace
                            .frames
                            .iter()
                            .any(|(n, _)| re.is_match(nodes.name(*n)))
                    })
                    .collect();
                let value = kept.iter().fold(0i64, |a, g| a.wrapping_add(g.trace.value));
                let outcome = SearchOutcome::Matched {
                    value: fmt.format(value),
                    percent: percentage(value, ctx.total).trim().to_string(),
                };
                (kept, outcome)
            }
            Err(reason) => (groups, SearchOutcome::Invalid(regex_message(&reason))),
        },
    };
    let goroutines = counts_goroutines(&ctx.sample_type, &ctx.sample_unit);
    let pileups = if goroutines {
        let names: Vec<Vec<&str>> = groups
            .iter()
            .take(crate::report::MAX_PILEUPS * 4)
            .map(|g| g.trace.frames.iter().map(|(n, _)| nodes.name(*n)).collect())
            .collect();
        let stacks: Vec<PileupStack<'_>> = groups
            .iter()
            .zip(&names)
            .map(|(g, frames)| PileupStack {
                frames,
                state: label_value(g, "state"),
                wait: label_value(g, "wait"),
                created_by: label_value(g, "created_by"),
                goroutines: g.trace.value,
            })
            .collect();
        pileup_lines(&stacks, ctx.total)
    } else {
        Vec::new()
    };
    let limit = request.limit as usize;
    TracesView {
        request: request.clone(),
        legend: legend_lines(prepared.profile(), ctx, &fmt, false),
        warnings: prepared.warnings().to_vec(),
        goroutines,
        pileups,
        stacks: groups.len() as u64,
        search,
        groups: groups
            .iter()
            .take(limit)
            .map(|g| TraceGroupView {
                value: fmt.format(g.trace.value),
                percent: percentage(g.trace.value, ctx.total).trim().to_string(),
                samples: g.samples,
                labels: label_lines(g),
                frames: g
                    .trace
                    .frames
                    .iter()
                    .map(|&(n, inline)| TraceFrameView {
                        name: nodes.name(n).to_string(),
                        inline,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The first value of string label `key`.
fn label_value<'a>(g: &'a TraceGroup, key: &str) -> Option<&'a str> {
    let (_, values) = g.trace.labels.iter().find(|(k, _)| k == key)?;
    values.first().map(String::as_str)
}

/// Labels as `-traces` prints them, in its order, without its padding (`role: waiter`).
fn label_lines(g: &TraceGroup) -> Vec<String> {
    trace_label_lines(&g.trace)
        .iter()
        .map(|l| l.trim_start().replacen(":  ", ": ", 1))
        .collect()
}
