//! `(&Profile, &Query)` → derived tables: which value, which granularity, which samples and
//! frames (pprof's filters); then the node graph, the top table and the call tree computed
//! from them.
//!
//! Consumes a [`Profile`](crate::model::Profile) and a [`Query`]; produces tables of numbers
//! ([`TopTable`], [`CallTree`], label and trace listings). It never formats text (that is
//! `report`) and never mutates the profile. The pipeline order is pprof's (PPROF-SEMANTICS
//! §2.1): label frames (`-tagroot`/`-tagleaf`), the total (before filtering unless
//! `-relative_percentages`), the filters, then aggregation at the chosen granularity. A query
//! is compiled once into a [`Prepared`], which every report reads.

mod call_graph;
mod calltree;
mod filters;
mod graph;
mod label_frames;
mod labels;
mod leaf_order;
mod list;
mod nodes;
mod paths;
mod peek;
mod pivot;
mod prepared;
mod reuse;
mod sample_index;
mod sandwich;
mod search;
mod spec;
mod sweep;
mod top;
mod top_shape;
mod traces;

pub use crate::goregex::{compile_go_regex, quote_meta};
pub use call_graph::{call_graph, CallGraph, GraphEdge, GraphNode, GraphOptions, Tag};
pub use calltree::{
    frame_name, CallTree, CallTreeScratch, Frame, PathStep, SiblingOrder, ELIDED_NAME, NONE,
};
pub use filters::{
    compile_tag_filter, num_label_units, Filtered, LocationLines, NumRange, TagFilter,
};
pub use graph::{aggregate, Aggregate, Edge, EdgeSet, TreeWeights};
pub use labels::{label_table, LabelKey, LabelTable};
pub use list::{
    list, list_selected, InlinedCall, ListFile, ListFunction, ListLine, Listing, LIST_MARGIN,
};
pub use nodes::{Granularity, NodeId, NodeInfo, NodeTable};
pub use paths::{
    best_suffix_match, go_base, go_clean, go_dir, go_join, split_list, trim_path, PathTrim,
};
pub use peek::{peek, peek_selected, Peek, PeekEntry, PeekLink};
pub use pivot::Pivot;
pub use prepared::{total, Prepared, ReportContext};
pub use sample_index::{resolve_sample_index, ValueSelector};
pub use sandwich::Sandwich;
pub use search::{location_matches, matched_value};
pub use spec::{
    parse_link_bool, Comparison, Compiled, Field, FieldError, FieldKind, Query, DROPPED, FIELDS,
};
pub use sweep::{sweep, SubtreeSums};
pub use top::{top_table, top_table_in, InlineKind, TopOptions, TopRow, TopTable};
pub use top_shape::TopScratch;
pub use traces::{trace_groups, traces, Trace, TraceGroup};
