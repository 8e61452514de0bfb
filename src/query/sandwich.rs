//! The callers/callees ("sandwich") view of one function, merged over every place it occurs.
//!
//! Consumes a [`CallTree`] and a function name; produces two call trees rooted at that
//! function: its callers, inverted (root = the function, children = its direct callers,
//! then theirs), and its callees (children = what it calls, merged across call sites).
//! Like pprof's pivot, each sample counts once: only the outermost occurrence of the
//! function on a path is used, so recursion never double counts.

use super::calltree::{frame_name, CallTree, RawTree, NONE};
use super::nodes::Granularity;
use super::pivot::Pivot;
use super::prepared::Prepared;
use rustc_hash::FxHashMap;

/// Callers and callees of one function.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sandwich {
    /// The function's name.
    pub name: String,
    /// Root = the function; below it, who called it (inverted paths).
    pub callers: CallTree,
    /// Root = the function; below it, what it called.
    pub callees: CallTree,
}

impl Sandwich {
    /// The sandwich of the function called `name` (as the flame graph names frames) over every
    /// sample of the filtered profile at `granularity`, each side cut down to about
    /// `max_nodes` nodes (see [`CallTree::limited`]). The samples are those of the function's
    /// [`Pivot`], as `peek` uses them.
    pub fn of_profile(
        prepared: &Prepared,
        granularity: Granularity,
        name: &str,
        max_nodes: usize,
    ) -> Self {
        let profile = prepared.profile();
        let pivot = Pivot::new(prepared, granularity, |nodes, n| {
            frame_name(profile, nodes, n) == name
        });
        let tree = CallTree::build_limited(prepared, granularity, Some(&pivot.samples), usize::MAX);
        let mut s = Self::new(&tree, name);
        s.callers = s.callers.limited(max_nodes);
        s.callees = s.callees.limited(max_nodes);
        s
    }

    /// The sandwich of the function called `name` in `tree` (roots weigh 0 when absent).
    pub fn new(tree: &CallTree, name: &str) -> Self {
        let outermost = outermost_occurrences(tree, name);
        let (mut callers, mut callees) = (callers(tree, &outermost), callees(tree, &outermost));
        // Both roots stand for the function: give them its frame, so they are named by it.
        if let Some(&first) = outermost.first() {
            let frame = tree.frame[first as usize];
            for t in [&mut callers, &mut callees] {
                if let Some(root) = t.frame.first_mut() {
                    *root = frame;
                }
            }
        }
        Self {
            name: name.to_string(),
            callers,
            callees,
        }
    }
}

/// Nodes named `name` with no ancestor of that name, in tree order.
fn outermost_occurrences(tree: &CallTree, name: &str) -> Vec<u32> {
    let n = tree.len();
    // under[i]: an ancestor-or-self of i is named `name`.
    let mut under = vec![false; n];
    let mut found = Vec::new();
    for i in 1..n {
        let p = tree.parent[i] as usize;
        let hit = tree.name(i as u32) == name;
        if hit && !under[p] {
            found.push(i as u32);
        }
        under[i] = under[p] || hit;
    }
    found
}

/// A merging tree builder: (parent, frame) → node.
struct Merger {
    raw: RawTree,
    index: FxHashMap<(u32, u32), u32>,
}

impl Merger {
    fn new() -> Self {
        let mut raw = RawTree::default();
        raw.push(NONE, NONE);
        Self {
            raw,
            index: FxHashMap::default(),
        }
    }

    fn child(&mut self, parent: u32, frame: u32) -> u32 {
        let raw = &mut self.raw;
        *self
            .index
            .entry((parent, frame))
            .or_insert_with(|| raw.push(parent, frame))
    }

    fn add(&mut self, node: u32, total: i64, self_value: i64, weight: i64) {
        let i = node as usize;
        self.raw.total[i] = self.raw.total[i].wrapping_add(total);
        self.raw.self_value[i] = self.raw.self_value[i].wrapping_add(self_value);
        self.raw.weight[i] = self.raw.weight[i].wrapping_add(weight);
    }

    fn finish(self, tree: &CallTree) -> CallTree {
        let mut out = self.raw.into_ordered(tree.frames.clone(), tree.order, None);
        out.elided_frame = tree.elided_frame;
        out
    }
}

fn callers(tree: &CallTree, outermost: &[u32]) -> CallTree {
    let mut m = Merger::new();
    for &o in outermost {
        let (t, w) = (tree.total[o as usize], tree.weight[o as usize]);
        m.add(0, t, 0, w);
        let mut at = 0u32;
        let mut up = tree.parent[o as usize];
        while up != 0 && up != NONE {
            at = m.child(at, tree.frame[up as usize]);
            m.add(at, t, 0, w);
            up = tree.parent[up as usize];
        }
        // The outermost caller (or the function itself, when it is a root) ends the path.
        m.add(at, 0, t, 0);
    }
    m.finish(tree)
}

fn callees(tree: &CallTree, outermost: &[u32]) -> CallTree {
    let mut m = Merger::new();
    let mut stack: Vec<(u32, u32)> = Vec::new();
    for &o in outermost {
        let i = o as usize;
        m.add(0, tree.total[i], tree.self_value[i], tree.weight[i]);
        stack.extend(tree.children(o).map(|c| (c, 0)));
        while let Some((old, new_parent)) = stack.pop() {
            let j = old as usize;
            let new = m.child(new_parent, tree.frame[j]);
            m.add(new, tree.total[j], tree.self_value[j], tree.weight[j]);
            stack.extend(tree.children(old).map(|c| (c, new)));
        }
    }
    m.finish(tree)
}
