//! The flame graph's messages: the call tree for one sample type and granularity, and the
//! frames a search matches.
//!
//! Plain data like the rest of the protocol. The tree crosses to the page once per
//! (sample type, granularity); zoom, hover and the callers view then run on the page
//! without another round trip. Searches come back here because the regex engine and pprof's
//! focus rule live with the profile.

use crate::query::{CallTree, Query};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use super::SearchOutcome;

/// Which call tree to send.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FlameRequest {
    /// What to compute; the flame graph's granularity is `filefunctions` when the query
    /// leaves it unset (pprof's).
    pub query: Query,
    /// When not empty, a call path (frame names, root first; the page's zoom path) to load
    /// the tree below: the path's nodes, then the heaviest nodes under its last one (what a
    /// stand-in there stood for), the path's other children summed into stand-ins.
    #[cfg_attr(feature = "serde", serde(default))]
    pub under: Vec<String>,
}

/// The call tree of one sample type, and how to format its values.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FlameGraph {
    /// What was asked for.
    pub request: FlameRequest,
    /// The sample type shown (resolved name).
    pub sample_type: String,
    /// pprof's legend lines for this query.
    pub legend: Vec<String>,
    /// pprof's notes on the query ("Focus expression matched no samples", …).
    pub warnings: Vec<String>,
    /// The report total (Σ |value|): every percentage is of this.
    pub total: i64,
    /// Unit of the values as the profile writes it (`nanoseconds`).
    pub sample_unit: String,
    /// Unit to format values in (pprof's unit choice over the tree's values).
    pub output_unit: String,
    /// The tree, siblings heaviest first. Call [`CallTree::reindex`] after deserializing.
    pub tree: CallTree,
    /// Whether the tree is a comparison's: each node's `total` is then after − before and
    /// its `weight` after + before (see [`FlameGraph::before_after`]).
    #[cfg_attr(feature = "serde", serde(default))]
    pub diff: bool,
}

impl FlameGraph {
    /// A comparison node's `(before, after)`: the base's value there and the profile's
    /// (both non-negative for profiles of non-negative values). `None` for other trees.
    pub fn before_after(&self, node: u32) -> Option<(i64, i64)> {
        if !self.diff {
            return None;
        }
        let i = node as usize;
        let (w, t) = (*self.tree.weight.get(i)?, *self.tree.total.get(i)?);
        Some((w.wrapping_sub(t) / 2, w.wrapping_add(t) / 2))
    }
}

/// A search over the flame graph's frames.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FlameSearchRequest {
    /// The tree searched (same fields as its [`FlameRequest`]).
    pub flame: FlameRequest,
    /// The regex (empty: no search).
    pub search: String,
}

/// Which frames match, and how much of the profile they account for.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FlameSearch {
    /// What was asked for.
    pub request: FlameSearchRequest,
    /// Per frame of the tree: whether its name or file matches (empty: no search).
    pub matches: Vec<bool>,
    /// The matched value and its share, each sample once (pprof's `-focus` rule).
    pub outcome: SearchOutcome,
}
