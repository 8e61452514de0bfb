//! Building a [`CallTree`] from a profile: one walk over the stack tree, frames at the
//! granularity, children found by sibling scan (or a map for nodes with many children). A
//! build limited to the heaviest nodes takes the best-first expansion instead
//! (`heaviest.rs`), which builds only what it keeps; this full build is its reference, and
//! what the callers view and unlimited builds use.

use super::expand::CallTreeScratch;
use super::heaviest::{build_heaviest, build_heaviest_under};
use super::raw::{keep_heaviest, RawTree};
use super::{CallTree, Frame, PathStep, SiblingOrder, NONE};
use crate::model::Profile;
use crate::query::{Granularity, NodeId, NodeTable, Prepared};
use rustc_hash::FxHashMap;

impl CallTree {
    /// Builds the tree of the filtered profile at `granularity`, siblings heaviest first.
    /// Values are the query's sample value (never divided: a flame graph ignores `-mean`,
    /// as pprof's does); `-noinlines` comes from the query.
    pub fn build(prepared: &Prepared, granularity: Granularity) -> Self {
        Self::build_limited(prepared, granularity, None, usize::MAX)
    }

    /// Like [`CallTree::build`], but keeps at most about `max_nodes` nodes: the lightest
    /// are dropped (a node is never lighter than its children, so what is kept stays a
    /// tree) and each parent that lost children gets one stand-in child, framed
    /// [`CallTree::elided_frame`], carrying their total, so every sum still holds.
    /// `only`, when given, further restricts the samples (indexed like the profile's).
    ///
    /// With a limit (neither 0 nor `usize::MAX`), only the nodes kept and their children are
    /// ever built (`heaviest.rs`); the result is the one [`CallTree::build_then_limit`]
    /// gives.
    pub fn build_limited(
        prepared: &Prepared,
        granularity: Granularity,
        only: Option<&[bool]>,
        max_nodes: usize,
    ) -> Self {
        let mut scratch = CallTreeScratch::default();
        Self::build_limited_in(prepared, granularity, only, max_nodes, &mut scratch)
    }

    /// [`CallTree::build_limited`] working in `scratch`, which the next build can reuse.
    pub fn build_limited_in(
        prepared: &Prepared,
        granularity: Granularity,
        only: Option<&[bool]>,
        max_nodes: usize,
        scratch: &mut CallTreeScratch,
    ) -> Self {
        if max_nodes != 0 && max_nodes != usize::MAX {
            if let Some(tree) = build_heaviest(prepared, granularity, only, max_nodes, scratch) {
                return tree;
            }
        }
        let nodes = NodeTable::new(prepared, granularity, prepared.query().noinlines);
        Self::build_full(prepared, &nodes, only, max_nodes)
    }

    /// The tree below one node: the call path `under` (root first: frames as a tree of this
    /// query and granularity holds them, or their names as a link's zoom path gives them),
    /// then the heaviest `max_nodes` nodes below its
    /// last node, with the same sums as in the full tree; the path's other children are
    /// summed into stand-ins. What a flame graph loads when the user zooms into a stand-in.
    /// `None` when the path is not in the tree (a frame unknown, or no such child).
    pub fn build_under_in(
        prepared: &Prepared,
        granularity: Granularity,
        under: &[impl PathStep],
        max_nodes: usize,
        scratch: &mut CallTreeScratch,
    ) -> Option<Self> {
        build_heaviest_under(prepared, granularity, None, under, max_nodes, scratch)
    }

    /// [`CallTree::build_limited`] the long way: builds every node of the tree, then keeps the
    /// heaviest `max_nodes`. The reference the faster expansion is tested against.
    pub fn build_then_limit(
        prepared: &Prepared,
        granularity: Granularity,
        only: Option<&[bool]>,
        max_nodes: usize,
    ) -> Self {
        let nodes = NodeTable::new(prepared, granularity, prepared.query().noinlines);
        Self::build_full(prepared, &nodes, only, max_nodes)
    }

    fn build_full(
        prepared: &Prepared,
        nodes: &NodeTable,
        only: Option<&[bool]>,
        max_nodes: usize,
    ) -> Self {
        let profile = prepared.profile();
        let value = prepared.value();
        // Sample weights per stack-tree node.
        let n_stacks = profile.stacks.len();
        let (mut stack_self, mut stack_abs) = (vec![0i64; n_stacks], vec![0i64; n_stacks]);
        let (mut root_self, mut root_abs) = (0i64, 0i64);
        let samples = &profile.samples;
        for (i, stack) in prepared.samples() {
            if only.is_some_and(|k| !k.get(i).copied().unwrap_or(false)) {
                continue;
            }
            let v = value.value(samples.values(i));
            match stack {
                Some(s) => {
                    let s = s.index();
                    stack_self[s] = stack_self[s].wrapping_add(v);
                    stack_abs[s] = stack_abs[s].wrapping_add(prepared.weight(i, v));
                }
                None => {
                    root_self = root_self.wrapping_add(v);
                    root_abs = root_abs.wrapping_add(prepared.weight(i, v));
                }
            }
        }

        // Unordered tree: node 0 = root; (parent, frame) → node. Most nodes have a few
        // children, found by scanning a sibling list; a node with many gets a map.
        let mut raw = RawTree::default();
        raw.push(NONE, NONE);
        raw.self_value[0] = root_self;
        raw.weight[0] = root_abs;
        // Frame index per (report node, inlined): dense, so a vector instead of a map.
        let mut frame_of_key: Vec<u32> = vec![NONE; nodes.len() * 2];
        let mut frames: Vec<Frame> = Vec::new();
        let mut kids = Siblings::with_capacity(n_stacks + 1);
        let mut node_of_stack = vec![0u32; n_stacks];
        let parents = profile.stacks.parents_raw();
        let locs = profile.stacks.locs();
        let all_visible = !prepared.filtered().hides_nodes();
        for s in 0..n_stacks {
            let mut at = match parents[s] {
                NONE => 0,
                p => node_of_stack[p as usize],
            };
            let shown = all_visible || prepared.node_visible(crate::model::StackId(s as u32));
            let here = if shown { nodes.frames(locs[s]) } else { &[] };
            for (pos, &n) in here.iter().enumerate() {
                let inlined = pos > 0;
                let key = n.index() * 2 + usize::from(inlined);
                let frame = match frame_of_key.get(key).copied() {
                    Some(f) if f != NONE => f,
                    _ => {
                        frames.push(frame_info(profile, nodes, n, inlined));
                        let f = (frames.len() - 1) as u32;
                        if let Some(slot) = frame_of_key.get_mut(key) {
                            *slot = f;
                        }
                        f
                    }
                };
                at = kids.child(&mut raw, at, frame);
            }
            node_of_stack[s] = at;
            let a = at as usize;
            raw.self_value[a] = raw.self_value[a].wrapping_add(stack_self[s]);
            raw.weight[a] = raw.weight[a].wrapping_add(stack_abs[s]);
        }
        raw.total = raw.self_value.clone();
        for i in (1..raw.parent.len()).rev() {
            let p = raw.parent[i] as usize;
            raw.total[p] = raw.total[p].wrapping_add(raw.total[i]);
            raw.weight[p] = raw.weight[p].wrapping_add(raw.weight[i]);
        }
        let keep = keep_heaviest(&raw.weight, max_nodes);
        raw.into_ordered(frames, SiblingOrder::ByWeight, keep.as_deref())
    }
}

/// Children lookup while building: a sibling list per node, and a map for nodes with many
/// children (a list scan there would be quadratic).
struct Siblings {
    first: Vec<u32>,
    next: Vec<u32>,
    count: Vec<u32>,
    many: FxHashMap<(u32, u32), u32>,
}

/// Children a node may have before its lookups go through the map.
const SCAN_LIMIT: u32 = 16;

impl Siblings {
    fn with_capacity(n: usize) -> Self {
        let mut s = Self {
            first: Vec::with_capacity(n),
            next: Vec::with_capacity(n),
            count: Vec::with_capacity(n),
            many: FxHashMap::default(),
        };
        // The root, already pushed into the raw tree.
        s.first.push(NONE);
        s.next.push(NONE);
        s.count.push(0);
        s
    }

    /// The child of `at` with `frame`, created in `raw` when new.
    fn child(&mut self, raw: &mut RawTree, at: u32, frame: u32) -> u32 {
        let a = at as usize;
        if self.count[a] > SCAN_LIMIT {
            if let Some(&c) = self.many.get(&(at, frame)) {
                return c;
            }
        } else {
            let mut c = self.first[a];
            while c != NONE {
                if raw.frame[c as usize] == frame {
                    return c;
                }
                c = self.next[c as usize];
            }
        }
        let c = raw.push(at, frame);
        self.first.push(NONE);
        self.next.push(self.first[a]);
        self.count.push(0);
        self.first[a] = c;
        self.count[a] += 1;
        if self.count[a] == SCAN_LIMIT + 1 {
            let mut k = self.first[a];
            while k != NONE {
                self.many.insert((at, raw.frame[k as usize]), k);
                k = self.next[k as usize];
            }
        } else if self.count[a] > SCAN_LIMIT + 1 {
            self.many.insert((at, frame), c);
        }
        c
    }
}

/// The name the flame graph gives report node `n`: its function name (`:line` at line
/// granularities), or its printable name when it has no function.
pub fn frame_name(profile: &Profile, nodes: &NodeTable, n: NodeId) -> String {
    let info = nodes.info(n);
    let fname = profile.str(info.name);
    if fname.is_empty() {
        nodes.name(n).to_string()
    } else if info.lineno != 0 {
        format!("{fname}:{}", info.lineno)
    } else {
        fname.to_string()
    }
}

/// The [`Frame`] of report node `n`.
pub(super) fn frame_info(profile: &Profile, nodes: &NodeTable, n: NodeId, inlined: bool) -> Frame {
    let info = nodes.info(n);
    Frame {
        name: frame_name(profile, nodes, n),
        file: nodes.file(n).to_string(),
        line: info.lineno,
        inlined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ELIDED_NAME;
    use std::sync::Arc;

    use crate::load::folded_for_tests as profile;

    #[test]
    fn limited_trees_keep_every_sum_with_stand_ins() {
        let p = profile("main;a;x 50\nmain;a;y 3\nmain;a;z 2\nmain;b;w 1\nmain;c 40\n");
        let p = Prepared::unfiltered(&Arc::new(p)).expect("prepared");
        let full = CallTree::build(&p, Granularity::Functions);
        assert_eq!(full.elided_frame, None);
        let small = CallTree::build_limited(&p, Granularity::Functions, None, 4);
        let stand_in = small.elided_frame.expect("some nodes were dropped");
        assert_eq!(small.frames[stand_in as usize].name, ELIDED_NAME);
        assert_eq!(small.total[0], full.total[0]);
        for n in 0..small.len() as u32 {
            let kids: i64 = small.children(n).map(|c| small.total[c as usize]).sum();
            assert_eq!(
                small.self_value[n as usize] + kids,
                small.total[n as usize],
                "node {n}"
            );
        }
        // Every kept real node has its full total; the stand-ins hold what was dropped.
        let a = small.find_path(&["main", "a"]);
        assert_eq!(a.1, 2);
        assert_eq!(small.total[a.0 as usize], 55);
        let under_a: Vec<(&str, i64)> = small
            .children(a.0)
            .map(|c| (small.name(c), small.total[c as usize]))
            .collect();
        assert_eq!(under_a, [("x", 50), (ELIDED_NAME, 5)]);
        // A zoom to `a`, or to a frame it summed, has a stand-in on its path; `x` has none.
        assert!(small.stand_in_on_path(&["main", "a"]));
        assert!(small.stand_in_on_path(&["main", "a", "y"]));
        assert!(!small.stand_in_on_path(&["main", "a", "x"]));
        assert!(!full.stand_in_on_path(&["main", "a"]));
        // Reordering keeps the stand-ins and their frame.
        let by_name = small.reordered(SiblingOrder::ByName);
        assert_eq!(by_name.elided_frame, Some(stand_in));
        assert_eq!(by_name.len(), small.len());
    }
}
