//! The messages of the callers view, the Labels view and query checks.
//!
//! Plain data like the rest of the protocol; everything a response carries is computed in
//! the engine (over the whole filtered profile) and formatted there, so the page only lays
//! it out.

use crate::query::{CallTree, FieldError, Query};
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The callers and callees of one function.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SandwichRequest {
    /// What to compute (`filefunctions` when the granularity is unset, as the flame graph).
    pub query: Query,
    /// The function, as the flame graph names its frames.
    pub function: String,
}

/// Callers (inverted: root = the function, children = its direct callers) and callees of
/// one function, merged over every place it occurs, each sample counted once.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SandwichView {
    /// What was asked for.
    pub request: SandwichRequest,
    /// pprof's legend lines for the query.
    pub legend: Vec<String>,
    /// pprof's notes on the query.
    pub warnings: Vec<String>,
    /// The report total (percentages are of it).
    pub total: i64,
    /// Unit of the values as the profile writes it.
    pub sample_unit: String,
    /// Unit values are formatted in.
    pub output_unit: String,
    /// Callers, root = the function. Call [`CallTree::reindex`] after deserializing.
    pub callers: CallTree,
    /// Callees, root = the function. Call [`CallTree::reindex`] after deserializing.
    pub callees: CallTree,
    /// Whether the trees are a comparison's (totals are deltas, weights before + after).
    #[cfg_attr(feature = "serde", serde(default))]
    pub diff: bool,
}

/// The Labels view of a query.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct LabelsRequest {
    /// What to compute.
    pub query: Query,
}

/// Every label key with its values, as `pprofview tags` prints them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct LabelsView {
    /// What was asked for.
    pub request: LabelsRequest,
    /// pprof's legend lines.
    pub legend: Vec<String>,
    /// pprof's notes on the query.
    pub warnings: Vec<String>,
    /// The keys, alphabetically.
    pub keys: Vec<LabelKeyView>,
}

/// One label key.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct LabelKeyView {
    /// The key.
    pub key: String,
    /// Whether its values are numbers.
    pub numeric: bool,
    /// `Total X` as `-tags` prints it.
    pub total: String,
    /// The values, heaviest first.
    pub values: Vec<LabelValueView>,
}

/// One value of a label key.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct LabelValueView {
    /// The value (numbers with their unit, e.g. `1MB`).
    pub value: String,
    /// Its weight as `-tags` prints it (`1.2s`).
    pub weight: String,
    /// Its share of the key's total (`79.08%`); empty when the total is not positive.
    pub percent: String,
    /// Its share of the key's total in thousandths (0–1000), for bars.
    pub permille: u32,
    /// The pattern a label filter on it takes after `key=` (`^value$`, or a numeric range).
    pub filter: String,
}

/// The answer to a query check.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Checked {
    /// The query checked.
    pub query: Query,
    /// `Ok` when usable, else the first bad field.
    pub result: Result<(), FieldError>,
}

/// A view request refused because of its query.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Rejected {
    /// The query.
    pub query: Query,
    /// Its first bad field.
    pub error: FieldError,
}

/// The Traces view: the distinct stacks of a query.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TracesRequest {
    /// What to compute (`functions` when the granularity is unset, as `pprofview traces`).
    pub query: Query,
    /// A regex: only stacks with a frame it matches (empty: all).
    pub search: String,
    /// How many stacks to send at most (the heaviest).
    pub limit: u32,
}

/// Identical stacks merged, heaviest first, with values as `pprofview traces` prints them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TracesView {
    /// What was asked for.
    pub request: TracesRequest,
    /// pprof's legend lines.
    pub legend: Vec<String>,
    /// pprof's notes on the query.
    pub warnings: Vec<String>,
    /// Whether values count goroutines (a goroutine profile or dump).
    pub goroutines: bool,
    /// The pile-ups in words (goroutine profiles only), heaviest first.
    pub pileups: Vec<String>,
    /// Distinct stacks that match the search (all of them, not only those sent).
    pub stacks: u64,
    /// The search's outcome.
    pub search: super::protocol::SearchOutcome,
    /// The heaviest `limit` of them.
    pub groups: Vec<TraceGroupView>,
}

/// One distinct stack.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TraceGroupView {
    /// The summed value, formatted (`1.20s`, `2000`).
    pub value: String,
    /// Its share of the total (`37.38%`).
    pub percent: String,
    /// How many samples were merged into it.
    pub samples: u64,
    /// Labels as `-traces` prints them (`key: v1 v2`), sorted.
    pub labels: Vec<String>,
    /// Frames, leaf first.
    pub frames: Vec<TraceFrameView>,
}

/// One frame of a stack.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TraceFrameView {
    /// Its name at the query's granularity.
    pub name: String,
    /// Whether it was inlined into its caller.
    pub inline: bool,
}

/// The Peek view: callers and callees of the nodes a regex names, as `pprofview peek`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PeekRequest {
    /// What to compute (`functions` when the granularity is unset, as `pprofview peek`).
    pub query: Query,
    /// The regex (Go syntax, matched anywhere in a node's name).
    pub regex: String,
}

/// The blocks `pprofview peek REGEX` prints for the same query.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PeekView {
    /// What was asked for.
    pub request: PeekRequest,
    /// pprof's legend lines, with "Showing nodes accounting for".
    pub legend: Vec<String>,
    /// pprof's notes on the query.
    pub warnings: Vec<String>,
    /// One block per matched node, in pprof's order.
    pub blocks: Vec<crate::report::PeekBlock>,
    /// Why there is nothing to show (a bad regex, no match); empty otherwise.
    pub problem: String,
}
