//! The call tree behind the flame graph: one node per distinct call path of frames.
//!
//! Consumes a prepared query (value, filters) and a granularity; produces a [`CallTree`]. A node is (parent, frame), where a frame is a report node at
//! the granularity plus whether it was inlined there (pprof's flame graph keys sources
//! the same way, PPROF-SEMANTICS §2.16). Recursion stays nested: a path that re-enters a
//! function gets a deeper node, never a merged one. Every sample adds its value to each
//! node on its path exactly once, so `total = self + Σ children` holds everywhere.
//!
//! Nodes are stored breadth-first with siblings in display order, so each depth is one
//! contiguous run and each node's children are contiguous in the next run: the flame
//! layout reads positions straight off this order. It never formats numbers and never
//! draws.

mod build;
mod expand;
mod frames;
mod heaviest;
mod ordered;
mod radix;
mod raw;

pub use build::frame_name;
pub use expand::CallTreeScratch;
pub(in crate::query) use raw::RawTree;
pub use raw::ELIDED_NAME;

/// "No node" in [`CallTree::parent`] (the root's parent) and [`CallTree::frame`] (the root's frame).
pub const NONE: u32 = u32::MAX;

/// One frame: a report node at the tree's granularity, inlined or not.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Frame {
    /// Full name as pprof's flame graph shows it: function name (`:line` at line
    /// granularities), or the file / mapping / address for frames without a function.
    pub name: String,
    /// Source file, cleaned (empty when unknown or dropped by the granularity).
    pub file: String,
    /// Line number (0 unless the granularity keeps lines).
    pub line: i64,
    /// Whether this frame was inlined into its caller at this call site.
    pub inlined: bool,
}

impl Frame {
    /// What a filter on this frame names: its function (the name without the `:line` that
    /// line granularities add), or its file or binary for frames without a function.
    pub fn refine_target(&self) -> &str {
        if self.line != 0 {
            let suffix = format!(":{}", self.line);
            if let Some(function) = self.name.strip_suffix(&suffix) {
                return function;
            }
        }
        &self.name
    }
}

/// One step of a call path to load a tree below ([`CallTree::build_under_in`]): a frame, or
/// a frame's name, as a link's zoom path names frames. When several children match (equal
/// names), the one the page shows first is taken: the heaviest.
pub trait PathStep {
    /// Whether `frame` is this step.
    fn is(&self, frame: &Frame) -> bool;
}

impl PathStep for Frame {
    fn is(&self, frame: &Frame) -> bool {
        self == frame
    }
}

impl PathStep for String {
    fn is(&self, frame: &Frame) -> bool {
        *self == frame.name
    }
}

/// How siblings are ordered (and so laid out left to right).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SiblingOrder {
    /// Heaviest first (ties by name), the usual flame graph.
    #[default]
    ByWeight,
    /// By name, so two profiles can be compared side by side.
    ByName,
}

/// A call tree in breadth-first display order. Node 0 is the synthetic root ("all samples").
///
/// Serialized, it carries only the per-node columns and frames; call
/// [`CallTree::reindex`] after deserializing to rebuild the child and row indexes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CallTree {
    /// Parent of each node ([`NONE`] for the root); always a smaller index.
    pub parent: Vec<u32>,
    /// Frame of each node, an index into [`CallTree::frames`] ([`NONE`] for the root).
    pub frame: Vec<u32>,
    /// Σ value of the samples whose path passes through the node.
    pub total: Vec<i64>,
    /// Σ value of the samples whose path ends at the node.
    pub self_value: Vec<i64>,
    /// Σ |value| over the same samples as `total`: the box width, which always contains
    /// the children's widths even when values have mixed signs.
    pub weight: Vec<i64>,
    /// First child of each node (children are contiguous).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub first_child: Vec<u32>,
    /// Number of children of each node.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub child_count: Vec<u32>,
    /// Index of the first node of each depth, plus the node count at the end.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub row_start: Vec<u32>,
    /// The distinct frames.
    pub frames: Vec<Frame>,
    /// How siblings are ordered.
    pub order: SiblingOrder,
    /// The frame of stand-in nodes that sum up children too light to keep (see
    /// [`CallTree::build_limited`]); `None` when nothing was dropped.
    pub elided_frame: Option<u32>,
}

impl CallTree {
    /// Rebuilds `first_child`, `child_count` and `row_start` from `parent` (nodes must be
    /// breadth-first: every parent before its children, siblings contiguous). Nodes that
    /// break that order are cut off with everything after them, so a malformed tree from
    /// outside becomes a smaller valid one instead of a panic later.
    pub fn reindex(&mut self) {
        let n = self
            .parent
            .len()
            .min(self.frame.len())
            .min(self.total.len());
        let n = n.min(self.self_value.len()).min(self.weight.len());
        let mut first_child = vec![0u32; n];
        let mut child_count = vec![0u32; n];
        let mut depth = vec![0u32; n];
        let mut row_start = Vec::new();
        let mut valid = n.min(1);
        if n > 0 {
            row_start.push(0);
            for (i, fc) in first_child.iter_mut().enumerate() {
                *fc = i as u32 + 1;
            }
        }
        let mut last_parent = 0u32;
        for i in 1..n {
            let p = self.parent[i];
            // Parents non-decreasing and earlier; a child row follows its parent's row.
            if p as usize >= i || p < last_parent {
                break;
            }
            let p_us = p as usize;
            if child_count[p_us] == 0 {
                first_child[p_us] = i as u32;
            } else if first_child[p_us] + child_count[p_us] != i as u32 {
                break;
            }
            child_count[p_us] += 1;
            depth[i] = depth[p_us] + 1;
            if depth[i] < depth[i - 1] {
                break;
            }
            if depth[i] != depth[i - 1] {
                row_start.push(i as u32);
            }
            last_parent = p;
            valid = i + 1;
        }
        for v in [&mut self.parent, &mut self.frame] {
            v.truncate(valid);
        }
        for v in [&mut self.total, &mut self.self_value, &mut self.weight] {
            v.truncate(valid);
        }
        first_child.truncate(valid);
        child_count.truncate(valid);
        for fc in first_child.iter_mut() {
            // A node without children points just past its (empty) range.
            *fc = (*fc).min(valid as u32);
        }
        for f in self.frame.iter_mut() {
            if *f as usize >= self.frames.len() {
                *f = NONE;
            }
        }
        row_start.retain(|&s| (s as usize) < valid);
        row_start.push(valid as u32);
        if valid == 0 {
            row_start.clear();
        }
        self.first_child = first_child;
        self.child_count = child_count;
        self.row_start = row_start;
    }

    /// A copy of the per-node columns, to be ordered anew.
    fn raw(&self) -> RawTree {
        RawTree {
            parent: self.parent.clone(),
            frame: self.frame.clone(),
            total: self.total.clone(),
            self_value: self.self_value.clone(),
            weight: self.weight.clone(),
        }
    }

    /// The same tree with siblings in `order`.
    pub fn reordered(&self, order: SiblingOrder) -> Self {
        // Stand-ins keep their frame (keeping everything adds no new one).
        let mut tree = self.raw().into_ordered(self.frames.clone(), order, None);
        tree.elided_frame = self.elided_frame;
        tree
    }

    /// The same tree cut down to about `max_nodes` nodes, as [`CallTree::build_limited`]
    /// cuts: the lightest dropped, per-parent stand-ins carrying their totals.
    pub fn limited(&self, max_nodes: usize) -> Self {
        let Some(keep) = raw::keep_heaviest(&self.weight, max_nodes) else {
            return self.clone();
        };
        self.raw()
            .into_ordered(self.frames.clone(), self.order, Some(&keep))
    }

    /// Number of nodes (at least 1: the root).
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// Whether the tree has no nodes at all (only for a default-constructed tree).
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// Number of depths (rows), root included.
    pub fn depth_count(&self) -> usize {
        self.row_start.len().saturating_sub(1)
    }

    /// Depth of `node` (root = 0).
    pub fn depth(&self, node: u32) -> usize {
        self.row_start
            .partition_point(|&s| s <= node)
            .saturating_sub(1)
    }

    /// The children of `node`, in display order.
    pub fn children(&self, node: u32) -> std::ops::Range<u32> {
        let i = node as usize;
        self.first_child[i]..self.first_child[i] + self.child_count[i]
    }

    /// The frame of `node` (`None` for the root).
    pub fn frame_of(&self, node: u32) -> Option<&Frame> {
        self.frames.get(*self.frame.get(node as usize)? as usize)
    }

    /// The display name of `node` ("root" for the root).
    pub fn name(&self, node: u32) -> &str {
        self.frame_of(node).map_or("root", |f| f.name.as_str())
    }

    /// The nodes from the root's first child down to `node` (empty for the root).
    pub fn path(&self, node: u32) -> Vec<u32> {
        let mut path = Vec::new();
        let mut at = node;
        while at != 0 && (at as usize) < self.len() {
            path.push(at);
            at = self.parent[at as usize];
        }
        path.reverse();
        path
    }

    /// Whether the deepest node of this tree on the call path `names` had children summed
    /// into a stand-in: the rest of the path, or the frames below the path's last node, are
    /// then among them, and a tree built below the path shows them.
    pub fn stand_in_on_path<S: AsRef<str>>(&self, names: &[S]) -> bool {
        let (at, _) = self.find_path(names);
        self.children(at).any(|c| self.name(c) == ELIDED_NAME)
    }

    /// The node reached by following frame names from the root, stopping at the
    /// deepest name that still matches; the number of names that matched comes second.
    pub fn find_path<S: AsRef<str>>(&self, names: &[S]) -> (u32, usize) {
        let mut at = 0u32;
        for (i, name) in names.iter().enumerate() {
            let next = self.children(at).find(|&c| self.name(c) == name.as_ref());
            match next {
                Some(c) => at = c,
                None => return (at, i),
            }
        }
        (at, names.len())
    }
}
