//! The messages between a viewer and its [`Session`](super::Session).
//!
//! Consumes nothing; defines the [`Request`]s a viewer sends and the [`Response`]s it gets
//! back. Everything a response carries is already computed and formatted (pprof's units and
//! percentages), so the viewer only lays it out. With the `serde` feature the types
//! serialize, which is how they cross the Web Worker boundary. They must stay plain data: no
//! profile, no handles, nothing that only makes sense on one side.

use super::details_protocol::DetailsView;
use super::flame_protocol::{FlameGraph, FlameRequest, FlameSearch, FlameSearchRequest};
use super::summary_protocol::{BaseSummary, Summary};
use super::views_protocol::{
    Checked, LabelsRequest, LabelsView, PeekRequest, PeekView, Rejected, SandwichRequest,
    SandwichView, TracesRequest, TracesView,
};
use crate::query::Query;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A request to the session.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Request {
    /// Decode `sources`, merge them (as pprof merges several profiles) and keep the result,
    /// replacing what was loaded before. Answered by progress, then `Loaded` or `Failed`.
    Load {
        /// The files, in the order the user gave them.
        sources: Vec<SourceBytes>,
        /// Base profiles to compare with (merged), kept beside the profile; a query with
        /// `base`/`diff_base` naming them shows the comparison. Empty: none.
        #[cfg_attr(feature = "serde", serde(default))]
        bases: Vec<SourceBytes>,
    },
    /// Replace the base profiles of the loaded profile (empty: drop them), checking that
    /// they can be compared with it. Answered by `BaseLoaded` or `Failed`; the profile
    /// stays loaded either way.
    LoadBase {
        /// The base files, merged.
        bases: Vec<SourceBytes>,
    },
    /// A window of the top table. Answered by `Top` or `Failed`.
    Top(TopRequest),
    /// The call tree for the flame graph. Answered by `Flame` or `Failed`.
    Flame(FlameRequest),
    /// Which flame graph frames a regex matches. Answered by `FlameSearch` or `Failed`.
    FlameSearch(FlameSearchRequest),
    /// Callers and callees of one function over the whole filtered profile. Answered by
    /// `Sandwich`.
    Sandwich(SandwichRequest),
    /// Label keys and values with their weight (the Labels view). Answered by `Labels`.
    Labels(LabelsRequest),
    /// Whether a query can be used (its regexes compile). Answered by `Checked`.
    Check(Query),
    /// The distinct stacks (the Traces view). Answered by `Traces`.
    Traces(TracesRequest),
    /// The loaded profile's own facts (the Details view). Answered by `Details`.
    Details,
    /// Callers and callees of the nodes a regex names (the Peek view). Answered by `Peek`.
    Peek(PeekRequest),
    /// pprof's call graph, laid out (the graph view). Answered by `Graph`.
    Graph(super::graph_view::GraphRequest),
    /// pprof's `-list` of a function or regex (the Source view). Answered by `Source`.
    Source(Box<super::source_protocol::SourceRequest>),
    /// A view written as a file or ticket text. Answered by `Exported`.
    Export(Box<super::export_protocol::ExportRequest>),
}

/// One input file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SourceBytes {
    /// The name shown to the user (file name or URL).
    pub name: String,
    /// The file's bytes, as read (gzipped or not).
    pub bytes: Vec<u8>,
}

/// Which rows of the top table to send, and how they are ordered and filtered.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TopRequest {
    /// What to compute (sample type, granularity — `functions` when unset —, filters).
    pub query: Query,
    /// Row order.
    pub sort: TopSort,
    /// A regex; only rows whose name matches are listed. Empty lists all rows.
    pub search: String,
    /// Position of the first row to send, in the sorted and filtered list.
    pub first: u32,
    /// How many rows to send at most.
    pub count: u32,
}

/// A column of the top table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum TopColumn {
    /// Flat value.
    Flat,
    /// Flat percentage (orders as flat).
    FlatPct,
    /// Running sum of flat percentage: pprof's own order.
    #[default]
    SumPct,
    /// Cumulative value.
    Cum,
    /// Cumulative percentage (orders as cum).
    CumPct,
    /// Function name.
    Name,
    /// A comparison's base flat value ("before").
    Before,
    /// The profile's own flat value ("after"; scaled under `-normalize`).
    After,
    /// After minus before: the flat value of the comparison.
    Delta,
}

impl TopColumn {
    /// Every column, in display order.
    pub const ALL: [TopColumn; 6] = [
        TopColumn::Flat,
        TopColumn::FlatPct,
        TopColumn::SumPct,
        TopColumn::Cum,
        TopColumn::CumPct,
        TopColumn::Name,
    ];

    /// The extra columns of a comparison, in display order (before the name).
    pub const DIFF: [TopColumn; 3] = [TopColumn::Before, TopColumn::After, TopColumn::Delta];

    /// The column's `data-col` name and header text (CONTRACT §3).
    pub fn key(self) -> &'static str {
        match self {
            TopColumn::Before => "before",
            TopColumn::After => "after",
            TopColumn::Delta => "delta",
            TopColumn::Flat => "flat",
            TopColumn::FlatPct => "flat%",
            TopColumn::SumPct => "sum%",
            TopColumn::Cum => "cum",
            TopColumn::CumPct => "cum%",
            TopColumn::Name => "name",
        }
    }

    /// The direction a first click sorts in: numbers largest first, names A→Z, sum% in
    /// pprof's order.
    pub fn natural_descending(self) -> bool {
        !matches!(self, TopColumn::Name | TopColumn::SumPct)
    }
}

/// The order of the top table's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TopSort {
    /// The column sorted by.
    pub column: TopColumn,
    /// Largest (or last name) first.
    pub descending: bool,
}

impl Default for TopSort {
    /// pprof's own order (flat, largest first, with pprof's tie-breaks).
    fn default() -> Self {
        Self {
            column: TopColumn::SumPct,
            descending: false,
        }
    }
}

/// A message from the session.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum Response {
    /// Work on a load advanced.
    Progress(Progress),
    /// A load finished: what the profile holds.
    Loaded(Summary),
    /// Base profiles are loaded (or dropped) and can be compared with the profile.
    BaseLoaded(BaseSummary),
    /// A request failed; the previous profile (if any) is still loaded after a failed load.
    Failed(ErrorReport),
    /// Rows of the top table.
    Top(Box<TopPage>),
    /// A call tree for the flame graph (boxed: it is by far the largest message).
    Flame(Box<FlameGraph>),
    /// Search results over a flame graph's frames.
    FlameSearch(Box<FlameSearch>),
    /// Callers and callees of a function.
    Sandwich(Box<SandwichView>),
    /// The Labels view.
    Labels(Box<LabelsView>),
    /// The answer to `Check`.
    Checked(Box<Checked>),
    /// A view request whose query cannot be used (a field's regex does not compile).
    Rejected(Box<Rejected>),
    /// The Traces view.
    Traces(Box<TracesView>),
    /// The Details view.
    Details(Box<DetailsView>),
    /// The Peek view.
    Peek(Box<PeekView>),
    /// The graph view.
    Graph(Box<super::graph_view::GraphView>),
    /// The Source view.
    Source(Box<super::source_protocol::SourceView>),
    /// An export.
    Exported(Box<super::export_protocol::Exported>),
}

/// What a load is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum LoadStage {
    /// Reading a local file.
    Reading,
    /// Downloading a profile URL.
    Fetching,
    /// Inflating gzip data.
    Inflating,
    /// Reading the protobuf message.
    Decoding,
    /// Resolving references and building tables.
    Indexing,
    /// Computing the first view.
    Aggregating,
}

impl LoadStage {
    /// A lower-case verb for progress text ("inflating").
    pub fn verb(self) -> &'static str {
        match self {
            LoadStage::Reading => "reading",
            LoadStage::Fetching => "downloading",
            LoadStage::Inflating => "inflating",
            LoadStage::Decoding => "decoding",
            LoadStage::Indexing => "indexing",
            LoadStage::Aggregating => "aggregating",
        }
    }
}

/// Progress of a load.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Progress {
    /// The stage.
    pub stage: LoadStage,
    /// The file concerned (empty when the stage concerns all of them).
    pub file: String,
    /// Bytes done within the stage (0 when the stage has no byte count).
    pub done: u64,
    /// Bytes the stage will handle (0 when unknown).
    pub total: u64,
}

/// A failure, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ErrorReport {
    /// The file concerned, when there is one.
    pub file: Option<String>,
    /// What went wrong (without the file name).
    pub message: String,
}

impl std::fmt::Display for ErrorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A window of the top table.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TopPage {
    /// The request this answers (so a viewer can drop answers it no longer wants).
    pub request: TopRequest,
    /// The sample type shown (resolved from the request).
    pub sample_type: String,
    /// The legend: pprof's lines above the table (`Type:`, `Duration:`, "Active filters:",
    /// "Showing nodes …").
    pub legend: Vec<String>,
    /// pprof's notes on the query ("Focus expression matched no samples", …).
    pub warnings: Vec<String>,
    /// Rows in the whole table.
    pub total_rows: u32,
    /// Rows that match the search (all rows without one).
    pub matched_rows: u32,
    /// The rows from `request.first`.
    pub rows: Vec<TopRowView>,
    /// What the search matched, or why it could not be used.
    pub search: SearchOutcome,
}

/// The result of the search box.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum SearchOutcome {
    /// No search.
    #[default]
    None,
    /// The samples with at least one frame matching the regex, each once: pprof's
    /// `-focus=RE` "Showing nodes accounting for" figure.
    Matched {
        /// Their value, formatted (`1.20s`).
        value: String,
        /// Their share of the profile total (`45.00%`).
        percent: String,
    },
    /// The regex does not compile; rows are not filtered.
    Invalid(String),
}

/// One formatted row of the top table, text exactly as `pprof -top` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TopRowView {
    /// Position in pprof's own order (0 = first line of `pprof -top`).
    pub rank: u32,
    /// Flat value.
    pub flat: String,
    /// Flat percentage.
    pub flat_pct: String,
    /// Running sum of flat percentages in pprof's order.
    pub sum_pct: String,
    /// Cumulative value.
    pub cum: String,
    /// Cumulative percentage.
    pub cum_pct: String,
    /// The node's name.
    pub name: String,
    /// What a filter on this row names (its function, else its file): "Focus on" uses it.
    pub target: String,
    /// `" (inline)"`, `" (partial-inline)"` or empty, as pprof appends it.
    pub inline: String,
    /// Byte ranges of `name` that the search matched.
    pub highlights: Vec<(u32, u32)>,
    /// For a comparison: the base's flat value, the profile's, their difference and its
    /// share of the base's (`+35.0%`, `new`, `gone`); `None` otherwise.
    pub diff: Option<DiffCells>,
}

/// A comparison's cells of one top row, formatted.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DiffCells {
    /// Flat value in the base.
    pub before: String,
    /// Flat value in the profile.
    pub after: String,
    /// `after - before`, signed (`+1.20s`, `-40ms`, `0`).
    pub delta: String,
    /// The change relative to before.
    pub delta_pct: String,
}
