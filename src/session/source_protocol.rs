//! The messages of the Source view: pprof's `-list`, per function and file, with the
//! values of each line already formatted as `pprofview list` prints them.
//!
//! Source text never comes from the engine: the page finds it (a folder the user picked,
//! or the link's `src=` template) and sends it back with the request, so the engine can
//! lay the listing over it. The engine also says which picked file holds each listed file.

use crate::query::Query;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A Source-view request.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SourceRequest {
    /// What to compute (the listing is always at line granularity, as pprof's `-list`).
    pub query: Query,
    /// One function, by its exact name (as the flame graph and the top table name it).
    pub function: String,
    /// A regex (Go syntax, matched anywhere in a function's name), used when `function` is
    /// empty.
    pub regex: String,
    /// Paths of the source files the user picked (relative to the picked folder), for the
    /// engine to match against the listed files ([`SourceFileView::candidate`]).
    pub candidates: Vec<String>,
    /// Source text the page has found, per listed file.
    pub texts: Vec<SourceText>,
}

/// The text of one listed file, as the page read or fetched it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SourceText {
    /// The file, as [`SourceFileView::file`] names it.
    pub file: String,
    /// The whole text (lines are split as pprof reads a source file).
    pub text: String,
}

/// What `pprofview list` prints for the same query, laid out for the page.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SourceView {
    /// What was asked for.
    pub request: SourceRequest,
    /// pprof's legend lines (profile labels and "Active filters:").
    pub legend: Vec<String>,
    /// pprof's notes on the query.
    pub warnings: Vec<String>,
    /// `Total: 2.09s`, the listing's first line.
    pub total: String,
    /// The listed functions, by name.
    pub functions: Vec<SourceFunctionView>,
    /// Why there is nothing to show (no function, a bad regex, no match); empty otherwise.
    pub problem: String,
}

/// One listed function.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SourceFunctionView {
    /// Its name.
    pub name: String,
    /// Its part in each source file, by file name; empty when the profile names no file
    /// (pprof prints "No source information for NAME").
    pub files: Vec<SourceFileView>,
}

/// A listed function's part in one file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SourceFileView {
    /// The file as pprof prints it (cleaned; `/proc/self/cwd/` trimmed): the name the page
    /// looks for and puts in a `src=` template.
    pub file: String,
    /// `ROUTINE ======================== NAME in FILE`.
    pub routine: String,
    /// Σ flat, formatted.
    pub flat: String,
    /// Σ cum, formatted.
    pub cum: String,
    /// `21.05% of Total`.
    pub share: String,
    /// Which of the request's candidates holds this file (longest common path tail).
    pub candidate: Option<u32>,
    /// Whether the rows carry source text (the request had this file's text).
    pub has_text: bool,
    /// With text: every line pprof prints (its window, as far as the text goes); without:
    /// the lines that have values.
    pub rows: Vec<SourceLineView>,
}

/// One row of a listing.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SourceLineView {
    /// The line number.
    pub line: i64,
    /// Flat as `pprofview list` prints it (`.` for zero).
    pub flat: String,
    /// Cum as `pprofview list` prints it (`.` for zero).
    pub cum: String,
    /// The raw flat value.
    pub flat_value: i64,
    /// The raw cum value.
    pub cum_value: i64,
    /// |flat| relative to the largest |flat| of the function's lines, in thousandths.
    pub flat_heat: u16,
    /// |cum| relative to the largest |cum| of the function's lines, in thousandths.
    pub cum_heat: u16,
    /// The source text of the line (with text only; tabs kept).
    pub text: Option<String>,
    /// The calls inlined at this line, heaviest first.
    pub inlined: Vec<InlinedCallView>,
}

/// A call inlined at a listed line.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct InlinedCallView {
    /// The callee's function name.
    pub name: String,
    /// `file:line` of the callee's frame.
    pub at: String,
    /// The value of the samples making this call, formatted as the line's values.
    pub value: String,
}
