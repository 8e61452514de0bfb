//! The Peek view: `pprofview peek REGEX`, as blocks the page lays out.

use super::top_view::regex_message;
use super::views_protocol::{PeekRequest, PeekView};
use crate::query::{compile_go_regex, peek, Granularity, Prepared};
use crate::report::{legend_lines, peek_blocks, showing_labels};

/// Answers a Peek-view request with the blocks and legend `pprofview peek` prints.
pub fn peek_view(prepared: &Prepared, request: &PeekRequest) -> PeekView {
    let ctx = prepared.context();
    let mut view = PeekView {
        request: request.clone(),
        warnings: prepared.warnings().to_vec(),
        ..PeekView::default()
    };
    if request.regex.is_empty() {
        view.problem = "no function to peek at".to_string();
        return view;
    }
    let regex = match compile_go_regex(&request.regex) {
        Ok(re) => re,
        Err(reason) => {
            view.problem = format!("invalid peek regexp: {}", regex_message(&reason));
            return view;
        }
    };
    let granularity = request.query.granularity_or(Granularity::Functions);
    let found = peek(prepared, granularity, &regex, false);
    let (fmt, blocks) = peek_blocks(ctx, &found, "minimum");
    let mut legend = legend_lines(prepared.profile(), ctx, &fmt, false);
    legend.extend(showing_labels(
        found.graph_flat,
        found.total,
        0,
        0.0,
        found.graph_nodes,
        found.graph_nodes,
        &fmt,
    ));
    if blocks.is_empty() {
        view.problem = format!("no matches found for regexp: {}", request.regex);
    }
    view.legend = legend;
    view.blocks = blocks;
    view
}
