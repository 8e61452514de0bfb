//! The call tree behind the flame graph: one node per distinct call path of frames.
//!
//! Consumes a profile, a value selection, a granularity and an optional sample keep-mask;
//! produces a [`CallTree`]. A node is (parent, frame), where a frame is a report node at
//! the granularity plus whether it was inlined there (pprof's flame graph keys sources
//! the same way, PPROF-SEMANTICS §2.16). Recursion stays nested: a path that re-enters a
//! function gets a deeper node, never a merged one. Every sample adds its value to each
//! node on its path exactly once, so `total = self + Σ children` holds everywhere.
//!
//! Nodes are stored breadth-first with siblings in display order, so each depth is one
//! contiguous run and each node's children are contiguous in the next run: the flame
//! layout reads positions straight off this order. It never formats numbers and never
//! draws.

use super::nodes::{Granularity, NodeTable};
use super::sample_index::ValueSelector;
use crate::model::Profile;
use rustc_hash::FxHashMap;

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
}

/// What to build a call tree from.
#[derive(Clone, Copy, Debug)]
pub struct CallTreeOptions<'a> {
    /// Which value of each sample.
    pub value: ValueSelector,
    /// How frames are grouped.
    pub granularity: Granularity,
    /// Attribute inlined frames to the function they were inlined into.
    pub noinlines: bool,
    /// Samples to include (all when `None`); indexed like the profile's samples.
    pub keep: Option<&'a [bool]>,
}

impl CallTree {
    /// Builds the tree of `profile` under `options`, siblings heaviest first.
    pub fn build(profile: &Profile, options: &CallTreeOptions<'_>) -> Self {
        let nodes = NodeTable::new(profile, options.granularity, options.noinlines);
        // Sample weights per stack-tree node.
        let n_stacks = profile.stacks.len();
        let (mut stack_self, mut stack_abs) = (vec![0i64; n_stacks], vec![0i64; n_stacks]);
        let (mut root_self, mut root_abs) = (0i64, 0i64);
        let samples = &profile.samples;
        for i in 0..samples.len() {
            if options
                .keep
                .is_some_and(|k| !k.get(i).copied().unwrap_or(false))
            {
                continue;
            }
            let v = options.value.value(samples.values(i));
            match samples.stack(i) {
                Some(s) => {
                    let s = s.index();
                    stack_self[s] = stack_self[s].wrapping_add(v);
                    stack_abs[s] = stack_abs[s].wrapping_add(v.wrapping_abs());
                }
                None => {
                    root_self = root_self.wrapping_add(v);
                    root_abs = root_abs.wrapping_add(v.wrapping_abs());
                }
            }
        }

        // Unordered tree: node 0 = root; (parent, frame key) → node.
        let mut raw = RawTree::default();
        raw.push(NONE, NONE);
        raw.self_value[0] = root_self;
        raw.weight[0] = root_abs;
        let mut frame_of_key: FxHashMap<u32, u32> = FxHashMap::default();
        let mut frames: Vec<Frame> = Vec::new();
        let mut children: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut node_of_stack = vec![0u32; n_stacks];
        let parents = profile.stacks.parents_raw();
        let locs = profile.stacks.locs();
        for s in 0..n_stacks {
            let mut at = match parents[s] {
                NONE => 0,
                p => node_of_stack[p as usize],
            };
            for (pos, &n) in nodes.frames(locs[s]).iter().enumerate() {
                let inlined = pos > 0;
                let key = n.0.wrapping_mul(2) | u32::from(inlined);
                let frame = *frame_of_key.entry(key).or_insert_with(|| {
                    frames.push(frame_info(profile, &nodes, n, inlined));
                    (frames.len() - 1) as u32
                });
                at = *children
                    .entry((at, frame))
                    .or_insert_with(|| raw.push(at, frame));
            }
            node_of_stack[s] = at;
            let a = at as usize;
            raw.self_value[a] = raw.self_value[a].wrapping_add(stack_self[s]);
            raw.weight[a] = raw.weight[a].wrapping_add(stack_abs[s]);
        }
        drop(children);
        raw.total = raw.self_value.clone();
        for i in (1..raw.parent.len()).rev() {
            let p = raw.parent[i] as usize;
            raw.total[p] = raw.total[p].wrapping_add(raw.total[i]);
            raw.weight[p] = raw.weight[p].wrapping_add(raw.weight[i]);
        }
        raw.into_ordered(frames, SiblingOrder::ByWeight)
    }

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

    /// The same tree with siblings in `order`.
    pub fn reordered(&self, order: SiblingOrder) -> Self {
        let raw = RawTree {
            parent: self.parent.clone(),
            frame: self.frame.clone(),
            total: self.total.clone(),
            self_value: self.self_value.clone(),
            weight: self.weight.clone(),
        };
        raw.into_ordered(self.frames.clone(), order)
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

/// The tree while it is built: nodes in creation order (parents first).
#[derive(Default)]
pub(super) struct RawTree {
    pub(super) parent: Vec<u32>,
    pub(super) frame: Vec<u32>,
    pub(super) total: Vec<i64>,
    pub(super) self_value: Vec<i64>,
    pub(super) weight: Vec<i64>,
}

impl RawTree {
    pub(super) fn push(&mut self, parent: u32, frame: u32) -> u32 {
        self.parent.push(parent);
        self.frame.push(frame);
        self.total.push(0);
        self.self_value.push(0);
        self.weight.push(0);
        (self.parent.len() - 1) as u32
    }

    /// Renumbers breadth-first with siblings in `order`, dropping nodes no sample reached
    /// (weight 0): they would have no width.
    pub(super) fn into_ordered(self, frames: Vec<Frame>, order: SiblingOrder) -> CallTree {
        let n = self.parent.len();
        // Children lists in creation order (a CSR of the unordered tree).
        let mut count = vec![0u32; n + 1];
        for &p in &self.parent[1.min(n)..] {
            count[p as usize + 1] += 1;
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut fill = count.clone();
        let mut kids = vec![0u32; n.saturating_sub(1)];
        for (i, &p) in self.parent.iter().enumerate().skip(1) {
            kids[fill[p as usize] as usize] = i as u32;
            fill[p as usize] += 1;
        }
        let name = |i: u32| -> &str {
            frames
                .get(self.frame[i as usize] as usize)
                .map_or("", |f| f.name.as_str())
        };
        let mut out = CallTree {
            order,
            ..CallTree::default()
        };
        if n == 0 {
            return out;
        }
        // Breadth-first over old ids; `queue[k]` becomes new id k.
        let mut queue: Vec<u32> = vec![0];
        let mut new_parent: Vec<u32> = vec![NONE];
        let mut head = 0usize;
        let mut depth_of_head = vec![0u32];
        let mut sorted: Vec<u32> = Vec::new();
        while head < queue.len() {
            let old = queue[head];
            let depth = depth_of_head[head];
            sorted.clear();
            sorted.extend(
                kids[count[old as usize] as usize..count[old as usize + 1] as usize]
                    .iter()
                    .copied()
                    .filter(|&c| self.weight[c as usize] != 0),
            );
            match order {
                SiblingOrder::ByWeight => sorted.sort_by(|&a, &b| {
                    self.weight[b as usize]
                        .cmp(&self.weight[a as usize])
                        .then_with(|| name(a).cmp(name(b)))
                        .then(a.cmp(&b))
                }),
                SiblingOrder::ByName => {
                    sorted.sort_by(|&a, &b| name(a).cmp(name(b)).then(a.cmp(&b)))
                }
            }
            out.first_child.push(queue.len() as u32);
            out.child_count.push(sorted.len() as u32);
            for &c in &sorted {
                queue.push(c);
                new_parent.push(head as u32);
                depth_of_head.push(depth + 1);
            }
            head += 1;
        }
        // Rows: depths are non-decreasing along the queue.
        for (k, &d) in depth_of_head.iter().enumerate() {
            while out.row_start.len() <= d as usize {
                out.row_start.push(k as u32);
            }
        }
        out.row_start.push(queue.len() as u32);
        out.parent = new_parent;
        out.frame = queue.iter().map(|&o| self.frame[o as usize]).collect();
        out.total = queue.iter().map(|&o| self.total[o as usize]).collect();
        out.self_value = queue.iter().map(|&o| self.self_value[o as usize]).collect();
        out.weight = queue.iter().map(|&o| self.weight[o as usize]).collect();
        out.frames = frames;
        out
    }
}

/// The [`Frame`] of report node `n`.
fn frame_info(profile: &Profile, nodes: &NodeTable, n: super::NodeId, inlined: bool) -> Frame {
    let info = nodes.info(n);
    let fname = profile.str(info.name);
    let name = if fname.is_empty() {
        nodes.name(n).to_string()
    } else if info.lineno != 0 {
        format!("{fname}:{}", info.lineno)
    } else {
        fname.to_string()
    };
    Frame {
        name,
        file: nodes.file(n).to_string(),
        line: info.lineno,
        inlined,
    }
}
