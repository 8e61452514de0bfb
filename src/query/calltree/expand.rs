//! What the best-first expansion (`heaviest.rs`) reads, and how it finds children.
//!
//! Consumes a prepared query and its [`Frames`]; produces, in a [`CallTreeScratch`], a record
//! per stack-tree node (Σ value and Σ |value| over its subtree, where its subtree ends, its
//! frames) and the call-tree nodes found by expanding batches of nodes. The records take one
//! backward pass: a node's own samples are the next run of the samples in stack order
//! ([`LeafOrder`]) and its children's sums wait on a stack; when only values changed since
//! the last build, only the sums are written.
//!
//! A call-tree node is a group of *occurrences*, (stack node, frame position) pairs with the
//! same path of frames. Its children are the occurrences one frame deeper — the next frame
//! of the same location, or the first frame of each child stack node (a node that shows no
//! frame passes its children on) — grouped by frame. Occurrences that weigh nothing stay in
//! their groups: the full build numbers a node at its first occurrence, weighing or not, and
//! that order breaks ties. The reads of a whole batch are independent of each other, so they
//! overlap in the memory system instead of waiting for one another: the stack tree is far
//! larger than any cache and these reads are the cost.

use super::frames::{Frames, NO_FRAME};
use super::NONE;
use crate::model::StackId;
use crate::query::leaf_order::LeafOrder;
use crate::query::reuse::FrameKey;
use crate::query::{Granularity, Prepared};
use std::ops::Range;

/// What the expansion reads of one stack-tree node, together (one cache miss, not four).
#[derive(Clone, Copy, Debug, Default)]
struct Rec {
    /// Σ value over the subtree.
    total: i64,
    /// Σ |value| over the subtree.
    weight: i64,
    /// One past the subtree (pre-order).
    end: u32,
    /// Its frames, as its location's code in [`Frames`] ([`NO_FRAME`] when it shows
    /// none).
    frames: u32,
}

/// A call-tree node found so far.
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    pub(super) frame: u32,
    /// Its first occurrence, ((stack node << 32) | frame position) + 1: the full build's
    /// order (the root, created first there, is 0).
    pub(super) rank: u64,
    pub(super) total: i64,
    pub(super) weight: i64,
    /// Its occurrences: a range of `occurrences`.
    occurrences: (u32, u32),
    /// Its children (found together, so consecutive): a range of `found`.
    pub(super) kids: (u32, u32),
    pub(super) kept: bool,
}

impl Found {
    pub(super) fn root(total: i64, weight: i64) -> Self {
        Self {
            frame: NONE,
            rank: 0,
            total,
            weight,
            occurrences: (0, 0),
            kids: (0, 0),
            kept: false,
        }
    }

    pub(super) fn kids(&self) -> Range<u32> {
        self.kids.0..self.kids.0 + self.kids.1
    }
}

/// A child occurrence found while expanding a batch.
#[derive(Clone, Copy, Debug, Default)]
struct Child {
    /// The parent's position in the batch.
    parent: u32,
    frame: u32,
    s: u32,
    pos: u32,
    total: i64,
    weight: i64,
}

/// The memory a limited call-tree build works in ([`CallTree::build_limited_in`]): about
/// 24 bytes per stack-tree node and some per node found, and the tables that depend only on
/// the frames (the numbered frames, the samples in stack order). Kept from one build to the
/// next, a viewer's engine neither allocates the memory again nor recomputes the tables when
/// only the sample type or the sample filters change.
///
/// [`CallTree::build_limited_in`]: super::CallTree::build_limited_in
#[derive(Default)]
pub struct CallTreeScratch {
    /// The numbered frames, and what they were numbered for.
    frames: Option<(FrameKey, Granularity, bool, Frames)>,
    leaves: LeafOrder,
    pub(super) work: Work,
}

impl std::fmt::Debug for CallTreeScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallTreeScratch")
            .field("stack_nodes", &self.work.recs.len())
            .field("found", &self.work.found.len())
            .finish()
    }
}

/// The per-build part of [`CallTreeScratch`].
#[derive(Default)]
pub(super) struct Work {
    recs: Vec<Rec>,
    /// Whether the frames and subtree ends in `recs` are those of the frames kept.
    recs_match: bool,
    pub(super) found: Vec<Found>,
    /// (stack node, frame position) of each found node's occurrences.
    occurrences: Vec<(u32, u32)>,
    /// The child occurrences of the batch being expanded.
    children: Vec<Child>,
    /// `children` grouped by parent, and where each parent's group starts.
    grouped: Vec<Child>,
    starts: Vec<u32>,
    /// Sibling scans under way: (parent, next stack node, end of the siblings).
    scans: Vec<(u32, u32, u32)>,
    next_scans: Vec<(u32, u32, u32)>,
    /// Subtree sums waiting for their parent: (stack node, total, weight).
    pending: Vec<(u32, i64, i64)>,
    /// (value, |value|) of the samples, in `LeafOrder` order.
    values: Vec<(i64, i64)>,
}

impl CallTreeScratch {
    /// Gets ready to expand the tree of `prepared` at `granularity`: the frames numbered (or
    /// kept from the last build with the same frames), and the record of every stack node —
    /// its frames and Σ (value, |value|) over its subtree for the samples `prepared` keeps
    /// (and `only` allows). Returns the frames and the root's weight (every such sample,
    /// with or without a stack); `None` when that Σ |value| overflows (the full build's
    /// wrapping sums are then not ordered as the expansion needs).
    pub(super) fn prepare(
        &mut self,
        prepared: &Prepared,
        granularity: Granularity,
        only: Option<&[bool]>,
    ) -> Option<(&Frames, &mut Work, i64)> {
        let key = FrameKey::of(prepared);
        let noinlines = prepared.query().noinlines;
        let reuse = self
            .frames
            .as_ref()
            .is_some_and(|(k, g, n, _)| *k == key && *g == granularity && *n == noinlines);
        if !reuse {
            self.frames = None;
            self.work.recs_match = false;
            let frames = Frames::new(prepared, granularity);
            self.frames = Some((key, granularity, noinlines, frames));
        }
        self.leaves.update(prepared);
        let (_, _, _, frames) = self.frames.as_ref()?;
        let kept = self.work.recs_match && self.work.recs.len() == prepared.profile().stacks.len();
        let root_weight = self
            .work
            .records(prepared, frames, &self.leaves, only, kept)?;
        Some((frames, &mut self.work, root_weight))
    }
}

impl Work {
    /// Fills `recs` in one backward pass over the stack tree: a node's own samples are the
    /// next run of `leaves`, its children's sums wait in `pending`. With `structure`, only the
    /// sums are new (the frames and ends in `recs` are right). Returns the root's weight.
    fn records(
        &mut self,
        prepared: &Prepared,
        frames: &Frames,
        leaves: &LeafOrder,
        only: Option<&[bool]>,
        structure: bool,
    ) -> Option<i64> {
        let profile = prepared.profile();
        let tree = &profile.stacks;
        let locs = tree.locs();
        let n = tree.len();
        let value = prepared.value();
        let filtered = prepared.filtered();
        let all_visible = !filtered.hides_nodes();
        // (value, |value|) of every sample kept (and allowed by `only`), in `leaves` order;
        // a sequential pass over the samples (reading them in that order would wait on
        // memory for each one).
        let positions = &leaves.position;
        self.values.clear();
        self.values.resize(leaves.samples.len(), (0, 0));
        let (mut root_total, mut root_weight) = (0i64, 0i64);
        for (i, &at) in positions.iter().enumerate() {
            if !filtered.keeps(i) || only.is_some_and(|k| !k.get(i).copied().unwrap_or(false)) {
                continue;
            }
            let v = value.value(profile.samples.values(i));
            v.checked_abs()?;
            let a = prepared.weight(i, v);
            // Σ |value| of every sample kept: no partial sum can overflow when this does not.
            root_weight = root_weight.checked_add(a)?;
            root_total = root_total.wrapping_add(v);
            if let Some(slot) = self.values.get_mut(at as usize) {
                *slot = (v, a);
            }
        }
        // Every record is written below.
        self.recs.resize(n, Rec::default());
        self.pending.clear();
        let mut j = leaves.samples.len();
        for s in (0..n).rev() {
            let r = &mut self.recs[s];
            if !structure {
                let id = StackId::from_index(s);
                r.end = tree.subtree_end(id).0;
                r.frames = if all_visible || prepared.node_visible(id) {
                    frames.of_loc[locs[s].index()]
                } else {
                    NO_FRAME
                };
            }
            let (mut total, mut weight) = (0i64, 0i64);
            while j > 0 && leaves.leaves[j - 1] as usize == s {
                j -= 1;
                let (v, a) = self.values[j];
                total = total.wrapping_add(v);
                weight += a;
            }
            while let Some(&(c, t, w)) = self.pending.last().filter(|p| p.0 < r.end) {
                debug_assert!(c as usize > s);
                total = total.wrapping_add(t);
                weight += w;
                self.pending.pop();
            }
            (r.total, r.weight) = (total, weight);
            if weight != 0 {
                self.pending.push((s as u32, total, weight));
            }
        }
        self.recs_match = true;
        self.found.clear();
        self.occurrences.clear();
        self.found.push(Found::root(root_total, root_weight));
        Some(root_weight)
    }

    /// Finds the children of every node of `batch` (the root is 0); returns the range of
    /// `found` they took, each parent's children consecutive. Sibling scans advance one
    /// step per round for all of the batch, so their reads do not wait for one another.
    pub(super) fn expand(&mut self, frames: &Frames, batch: &[u32]) -> Range<u32> {
        self.children.clear();
        self.scans.clear();
        for (b, &x) in batch.iter().enumerate() {
            let b = b as u32;
            if x == 0 {
                if !self.recs.is_empty() {
                    self.scans.push((b, 0, self.recs.len() as u32));
                }
                continue;
            }
            let (start, len) = self.found[x as usize].occurrences;
            for &(s, pos) in &self.occurrences[start as usize..(start + len) as usize] {
                let r = self.recs[s as usize];
                match frames.at(r.frames, pos + 1) {
                    Some(frame) => self.children.push(Child {
                        parent: b,
                        frame,
                        s,
                        pos: pos + 1,
                        total: r.total,
                        weight: r.weight,
                    }),
                    None if s + 1 < r.end => self.scans.push((b, s + 1, r.end)),
                    None => {}
                }
            }
        }
        // Stack nodes that show no frame pass their children on; weightless subtrees are
        // skipped.
        while !self.scans.is_empty() {
            self.next_scans.clear();
            for &(b, c, end) in &self.scans {
                let r = self.recs[c as usize];
                match frames.at(r.frames, 0) {
                    Some(frame) => self.children.push(Child {
                        parent: b,
                        frame,
                        s: c,
                        pos: 0,
                        total: r.total,
                        weight: r.weight,
                    }),
                    None if c + 1 < r.end => self.next_scans.push((b, c + 1, r.end)),
                    None => {}
                }
                if r.end < end {
                    self.next_scans.push((b, r.end, end));
                }
            }
            std::mem::swap(&mut self.scans, &mut self.next_scans);
        }
        self.group(batch)
    }

    /// Turns `children` into found nodes: grouped by parent (a counting sort on the batch
    /// position), then by frame.
    fn group(&mut self, batch: &[u32]) -> Range<u32> {
        self.starts.clear();
        self.starts.resize(batch.len() + 1, 0);
        for c in &self.children {
            self.starts[c.parent as usize + 1] += 1;
        }
        for i in 0..batch.len() {
            self.starts[i + 1] += self.starts[i];
        }
        self.grouped.clear();
        self.grouped.resize(self.children.len(), Child::default());
        let mut fill = self.starts.clone();
        for c in &self.children {
            let slot = &mut fill[c.parent as usize];
            self.grouped[*slot as usize] = *c;
            *slot += 1;
        }
        let first = self.found.len() as u32;
        for (b, &x) in batch.iter().enumerate() {
            let group = &mut self.grouped[self.starts[b] as usize..self.starts[b + 1] as usize];
            group.sort_unstable_by_key(|c| (c.frame, c.s));
            self.found[x as usize].kids = (self.found.len() as u32, 0);
            let mut rest = &group[..];
            while let Some(c0) = rest.first() {
                let same = rest.iter().take_while(|c| c.frame == c0.frame).count();
                let (group, next) = rest.split_at(same);
                rest = next;
                let (total, weight) = group.iter().fold((0i64, 0i64), |(t, w), c| {
                    (t.wrapping_add(c.total), w.wrapping_add(c.weight))
                });
                if weight == 0 {
                    // A node no sample reaches: it has no width and is never drawn.
                    continue;
                }
                let start = self.occurrences.len() as u32;
                self.occurrences.extend(group.iter().map(|c| (c.s, c.pos)));
                self.found[x as usize].kids.1 += 1;
                self.found.push(Found {
                    frame: c0.frame,
                    rank: ((u64::from(c0.s) << 32) | u64::from(c0.pos)) + 1,
                    total,
                    weight,
                    occurrences: (start, same as u32),
                    kids: (0, 0),
                    kept: false,
                });
            }
        }
        first..self.found.len() as u32
    }
}
