//! The Source view: `pprofview list` for one function (or a regex), with the text the page
//! found for each file laid under the numbers.

use super::source_protocol::{
    InlinedCallView, SourceFileView, SourceFunctionView, SourceLineView, SourceRequest, SourceView,
};
use super::top_view::regex_message;
use crate::query::{
    best_suffix_match, compile_go_regex, list_selected, ListFile, ListLine, PathTrim, Prepared,
};
use crate::report::{
    legend_lines, list_value, routine_header, routine_share, scan_source_lines, source_rows,
    ValueFormat,
};
use std::collections::HashMap;

/// Answers a Source-view request with the listing `pprofview list` prints for the same
/// query, laid over the texts the request carries.
pub fn source_view(prepared: &Prepared, request: &SourceRequest) -> SourceView {
    let ctx = prepared.context();
    let fmt = ValueFormat {
        sample_unit: ctx.sample_unit.clone(),
        output_unit: "minimum".to_string(),
    };
    let mut view = SourceView {
        request: request.clone(),
        warnings: prepared.warnings().to_vec(),
        legend: legend_lines(prepared.profile(), ctx, &fmt, false),
        ..SourceView::default()
    };
    let trim = PathTrim::default();
    let listing = if !request.function.is_empty() {
        list_selected(prepared, &trim, |name| name == request.function)
    } else if request.regex.is_empty() {
        view.problem = "no function to list".to_string();
        return view;
    } else {
        match compile_go_regex(&request.regex) {
            Ok(re) => list_selected(prepared, &trim, |name| re.is_match(name)),
            Err(reason) => {
                view.problem = format!("invalid list regexp: {}", regex_message(&reason));
                return view;
            }
        }
    };
    if listing.functions.is_empty() {
        view.problem = if request.function.is_empty() {
            format!("no matches found for regexp: {}", request.regex)
        } else {
            format!("no samples in {} with this query", request.function)
        };
        return view;
    }
    view.total = format!("Total: {}", fmt.format(listing.total));
    let texts: HashMap<&str, Vec<String>> = request
        .texts
        .iter()
        .map(|t| (t.file.as_str(), scan_source_lines(t.text.as_bytes())))
        .collect();
    view.functions = listing
        .functions
        .iter()
        .map(|function| SourceFunctionView {
            name: function.name.clone(),
            files: function
                .files
                .iter()
                .map(|file| {
                    let mut v = file_view(file, &fmt, texts.get(file.file.as_str()));
                    v.routine = routine_header(&function.name, &file.file);
                    v.share = routine_share(file, listing.total);
                    v.candidate = best_suffix_match(&file.file, &trim, &request.candidates)
                        .and_then(|i| u32::try_from(i).ok());
                    v
                })
                .collect(),
        })
        .collect();
    view
}

/// One file of a function: its totals and rows, with `text` when the page has it.
fn file_view(file: &ListFile, fmt: &ValueFormat, text: Option<&Vec<String>>) -> SourceFileView {
    let max_flat = file.lines.iter().map(|l| l.flat.unsigned_abs()).max();
    let max_cum = file.lines.iter().map(|l| l.cum.unsigned_abs()).max();
    let heat = |v: i64, max: Option<u64>| match max {
        Some(m) if m > 0 => {
            let share = (v.unsigned_abs() as f64 / m as f64 * 1000.0).round();
            share.clamp(0.0, 1000.0) as u16
        }
        _ => 0,
    };
    let row = |line: i64, flat: i64, cum: i64, text: Option<String>| SourceLineView {
        line,
        flat: list_value(fmt, flat),
        cum: list_value(fmt, cum),
        flat_value: flat,
        cum_value: cum,
        flat_heat: heat(flat, max_flat),
        cum_heat: heat(cum, max_cum),
        text,
        inlined: sampled(file, line)
            .map(|l| {
                l.inlined
                    .iter()
                    .map(|c| InlinedCallView {
                        name: c.name.clone(),
                        at: format!("{}:{}", c.file, c.line),
                        value: fmt.format(c.value),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    let rows = match text {
        Some(text) => source_rows(file, text)
            .into_iter()
            .map(|r| row(r.line, r.flat, r.cum, Some(r.text)))
            .collect(),
        None => file
            .lines
            .iter()
            .map(|l| row(l.line, l.flat, l.cum, None))
            .collect(),
    };
    SourceFileView {
        file: file.file.clone(),
        flat: fmt.format(file.flat),
        cum: fmt.format(file.cum),
        has_text: text.is_some(),
        rows,
        ..SourceFileView::default()
    }
}

/// The sampled line `line` of `file`, if it has values.
fn sampled(file: &ListFile, line: i64) -> Option<&ListLine> {
    file.lines
        .binary_search_by_key(&line, |l| l.line)
        .ok()
        .map(|i| &file.lines[i])
}
