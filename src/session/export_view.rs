//! Exports of the top table (TSV, Markdown) and the summary for a ticket, from the rows the
//! page shows (`TopView::page`), so an export never disagrees with the screen.
//!
//! Markdown never carries a profile's text as markup: names go into code spans (with
//! pipes escaped for tables), so a function called `![x](https://…)` stays text in a
//! ticket.

use super::export_protocol::{ExportKind, ExportRequest, Exported};
use super::protocol::{TopPage, TopRequest, TopRowView};
use super::top_view::TopView;
use crate::query::Prepared;

/// How many rows the ticket summary lists.
pub const SUMMARY_ROWS: u32 = 10;

/// Writes `request`'s export from the query's top table (or, for `Proto`, the profile).
pub fn export(view: &mut TopView, prepared: &Prepared, request: &ExportRequest) -> Exported {
    if request.kind == ExportKind::Proto {
        return Exported {
            request: request.clone(),
            file_name: format!("{}-view.pb.gz", file_stem(&request.title)),
            mime: "application/gzip".to_string(),
            data: crate::export::write_filtered(prepared),
        };
    }
    let count = match request.kind {
        ExportKind::Summary => SUMMARY_ROWS,
        _ => u32::MAX,
    };
    let page = view.page(
        prepared,
        &TopRequest {
            query: request.query.clone(),
            sort: request.sort,
            search: request.search.clone(),
            first: 0,
            count,
        },
    );
    let stem = file_stem(&request.title);
    let (file_name, mime, text) = match request.kind {
        ExportKind::TopTsv => (
            format!("{stem}-top.tsv"),
            "text/tab-separated-values",
            tsv(&page),
        ),
        ExportKind::TopMarkdown => (
            format!("{stem}-top.md"),
            "text/markdown",
            markdown_table(&page),
        ),
        // (`Proto` returned above.)
        ExportKind::Summary | ExportKind::Proto => (
            format!("{stem}-summary.md"),
            "text/markdown",
            summary(&page, request),
        ),
    };
    Exported {
        request: request.clone(),
        file_name,
        mime: mime.to_string(),
        data: text.into_bytes(),
    }
}

/// The columns of a row: the comparison's before/after/delta, then pprof's five, then the name.
fn cells(r: &TopRowView) -> Vec<String> {
    let mut cells = Vec::new();
    if let Some(d) = &r.diff {
        cells.extend([d.before.clone(), d.after.clone(), d.delta.clone()]);
    }
    cells.extend([
        r.flat.clone(),
        r.flat_pct.clone(),
        r.sum_pct.clone(),
        r.cum.clone(),
        r.cum_pct.clone(),
    ]);
    cells.push(format!("{}{}", r.name, r.inline));
    cells
}

fn header(page: &TopPage) -> Vec<&'static str> {
    let mut h = Vec::new();
    if page.rows.first().is_some_and(|r| r.diff.is_some()) {
        h.extend(["before", "after", "delta"]);
    }
    h.extend(["flat", "flat%", "sum%", "cum", "cum%", "name"]);
    h
}

/// Tab-separated values: a header line, then one line per row (tabs and line breaks in
/// names become spaces).
fn tsv(page: &TopPage) -> String {
    let mut out = header(page).join("\t");
    out.push('\n');
    for r in &page.rows {
        let line: Vec<String> = cells(r)
            .into_iter()
            .map(|c| c.replace(['\t', '\n', '\r'], " "))
            .collect();
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    out
}

/// A Markdown table of the rows; names in code spans.
fn markdown_table(page: &TopPage) -> String {
    let head = header(page);
    let mut out = format!("| {} |\n", head.join(" | "));
    let aligns: Vec<&str> = head
        .iter()
        .map(|h| if *h == "name" { "---" } else { "---:" })
        .collect();
    out.push_str(&format!("| {} |\n", aligns.join(" | ")));
    for r in &page.rows {
        let mut c = cells(r);
        if let Some(name) = c.last_mut() {
            *name = code_span(name);
        }
        out.push_str(&format!("| {} |\n", c.join(" | ")));
    }
    out
}

/// Markdown for a ticket: the profile, pprof's legend lines, notes, the top rows, the link.
fn summary(page: &TopPage, request: &ExportRequest) -> String {
    let mut out = format!("**Profile:** {}\n\n", code_span(&request.title));
    out.push_str("```\n");
    for l in &page.legend {
        out.push_str(&l.replace("```", "'''"));
        out.push('\n');
    }
    out.push_str("```\n\n");
    let mut bases: Vec<&String> = request.query.base.iter().collect();
    bases.extend(&request.query.diff_base);
    if !bases.is_empty() {
        let how = if request.query.base.is_empty() {
            "compared with"
        } else {
            "minus base"
        };
        let names: Vec<String> = bases.iter().map(|b| code_span(b)).collect();
        out.push_str(&format!("**Base:** {how} {}\n\n", names.join(", ")));
    }
    if !request.search.is_empty() {
        out.push_str(&format!("**Search:** {}\n\n", code_span(&request.search)));
    }
    out.push_str(&format!("Top {} rows:\n\n", page.rows.len()));
    out.push_str(&markdown_table(page));
    if !request.link.is_empty() {
        out.push_str(&format!(
            "\n[Open this view in pprofview](<{}>)\n",
            request.link.replace('>', "%3E")
        ));
    }
    out
}

/// `text` as a Markdown code span that survives a table cell: backticks fenced by a longer
/// run, pipes escaped, line breaks as spaces.
fn code_span(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ").replace('|', "\\|");
    let mut fence = "`".to_string();
    while text.contains(fence.as_str()) {
        fence.push('`');
    }
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A file-name stem from the profile's title: its last path segment without `.pb.gz`, and
/// only characters safe in file names.
fn file_stem(title: &str) -> String {
    let last = title.rsplit(['/', '\\']).next().unwrap_or(title);
    let base = last.split(['?', '#', ' ']).next().unwrap_or(last);
    let base = base
        .trim_end_matches(".gz")
        .trim_end_matches(".pb")
        .trim_end_matches(".pprof");
    let stem: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    if stem.is_empty() {
        "profile".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_keep_names_as_text() {
        assert_eq!(code_span("main.f"), "`main.f`");
        assert_eq!(code_span("a|b"), "`a\\|b`");
        assert_eq!(code_span("x`y"), "``x`y``");
        assert_eq!(code_span("![i](http://e/x)"), "`![i](http://e/x)`");
        assert_eq!(file_stem("https://h/p/heap.pb.gz?x=1"), "heap");
        assert_eq!(file_stem("a b/<c>.pb.gz"), "_c_");
        assert_eq!(file_stem(""), "profile");
    }
}
