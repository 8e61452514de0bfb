//! Geometry of the flame graph: where every call-tree node sits, and what a viewport shows.
//!
//! Consumes a [`CallTree`](crate::query::CallTree); produces positions in *unit x* (the
//! root spans `0.0..1.0`, as `f64` so deep zooms stay exact) and depth rows
//! ([`FlameLayout`]), the viewport maths between unit x and CSS pixels ([`Viewport`]), and
//! the list of boxes a viewport shows, with siblings too narrow to see merged into one
//! block ([`visible_items`], [`hit_test`]). It never draws and never formats text.
//!
//! Also the call graph's layout ([`graph`], [`layout_graph`]): a layered (Sugiyama) layout
//! like Graphviz `dot`'s, placing node boxes of given sizes in ranks, callers above callees,
//! and routing every edge as a cubic Bézier path, so the call graph can be drawn without
//! Graphviz.

mod flame;
pub mod graph;
mod viewport;
mod visible;

pub use flame::FlameLayout;
pub use graph::{
    layout_graph, EdgeRoute, GraphLayout, GraphLayoutOptions, LayoutEdge, NodeSize, PlacedNode,
    Point,
};
pub use viewport::{Orientation, Viewport};
pub use visible::{hit_test, visible_items, Item, ItemKind, MIN_BOX_PX};
