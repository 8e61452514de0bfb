//! The function a view pivots on: which report nodes it is, and which samples pass it.
//!
//! Consumes a [`Prepared`] query, a granularity and a test on report nodes; produces a
//! [`Pivot`]: the node table at that granularity, the nodes the test selects, and per
//! sample whether its path (as the filters leave it) goes through one of them. The callers
//! view ([`Sandwich`](super::Sandwich)) and `peek` ([`peek`](super::peek)) both start
//! here: every caller and callee of a function, with its value, lies on one of those
//! samples, so both compute their numbers over them only.

use super::nodes::{Granularity, NodeId, NodeTable};
use super::prepared::Prepared;
use crate::model::StackId;

/// The report nodes a test selects and the samples whose filtered path passes one of them.
#[derive(Clone, Debug)]
pub struct Pivot {
    /// The nodes of the granularity (with the query's `-noinlines`).
    pub nodes: NodeTable,
    /// Per node: whether the test selected it.
    pub selected: Vec<bool>,
    /// Per sample of the profile: kept by the filters and through a selected node.
    pub samples: Vec<bool>,
}

impl Pivot {
    /// The nodes of `granularity` for which `select(nodes, node)` holds, and the samples
    /// through them.
    pub fn new(
        prepared: &Prepared,
        granularity: Granularity,
        select: impl Fn(&NodeTable, NodeId) -> bool,
    ) -> Self {
        let profile = prepared.profile();
        let nodes = NodeTable::new(prepared, granularity, prepared.query().noinlines);
        let selected: Vec<bool> = (0..nodes.len() as u32)
            .map(|n| select(&nodes, NodeId(n)))
            .collect();
        // Per stack-tree node: whether its path, as the filters leave it, passes a selected
        // node (parents come before children in the tree's numbering).
        let tree = &profile.stacks;
        let parents = tree.parents_raw();
        let mut through = vec![false; tree.len()];
        for s in 0..tree.len() {
            let id = StackId::from_index(s);
            let here = prepared.node_visible(id)
                && nodes
                    .frames(tree.loc(id))
                    .iter()
                    .any(|n| selected[n.index()]);
            through[s] = here || (parents[s] != u32::MAX && through[parents[s] as usize]);
        }
        let mut samples = vec![false; profile.samples.len()];
        for (i, stack) in prepared.samples() {
            samples[i] = stack.is_some_and(|s| through[s.index()]);
        }
        Self {
            nodes,
            selected,
            samples,
        }
    }

    /// Whether any node was selected.
    pub fn any_selected(&self) -> bool {
        self.selected.iter().any(|&s| s)
    }
}
