//! The export messages: a view written as a file or as text for a ticket, made in the
//! worker from the same numbers the page shows.

use super::protocol::TopSort;
use crate::query::Query;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// What to write.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum ExportKind {
    /// The top table (every row, in the page's order and search) as tab-separated values.
    #[default]
    TopTsv,
    /// The same as a Markdown table.
    TopMarkdown,
    /// Markdown for an incident ticket: profile, type, duration, total, filters, base, the
    /// top 10 rows and the link.
    Summary,
    /// The profile after the query (merged, compared, filtered) as `.pb.gz`, which
    /// `go tool pprof` opens with the same `top` (`pprofview proto`).
    Proto,
}

/// An export request.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ExportRequest {
    /// The view's query.
    pub query: Query,
    /// The top table's order.
    pub sort: TopSort,
    /// The search box (rows whose name matches; empty: all).
    pub search: String,
    /// What to write.
    pub kind: ExportKind,
    /// The view's link (for the summary).
    pub link: String,
    /// The profile's name as the page shows it.
    pub title: String,
}

/// A written export.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Exported {
    /// What was asked for.
    pub request: ExportRequest,
    /// A file name for a download (`heap-top.tsv`).
    pub file_name: String,
    /// Its media type.
    pub mime: String,
    /// The contents.
    pub data: Vec<u8>,
}
