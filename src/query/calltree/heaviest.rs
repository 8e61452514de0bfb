//! The heaviest nodes of a call tree without building the rest of it: a best-first expansion
//! from the root over the stack tree, for [`CallTree::build_limited`].
//!
//! Consumes a prepared query, a granularity, a node budget and a [`CallTreeScratch`];
//! produces the same [`CallTree`] as the full build followed by the cut (`build.rs`,
//! `raw.rs`), number for number and tie for tie. A call-tree node is a group of occurrences
//! in the stack tree (`expand.rs`) and weighs the sum of their subtrees' weights, which one
//! backward pass over the stack tree gives for every stack node at once. A node never weighs less than its children, so taking
//! the heaviest node found so far, again and again, takes the heaviest nodes of the whole
//! tree in order — ties included, when ties are broken as the full build breaks them: by
//! creation order there, which is the order of each node's first occurrence (stack node,
//! then frame position), since the full build walks the stack tree in pre-order.
//!
//! Nodes are taken in batches whose reads overlap (`expand.rs`); a batch may take a few
//! nodes more than needed, never fewer: the walk stops only when no candidate left (and so
//! no node below one) ranks before the `max_nodes`-th best node taken, and the kept nodes are
//! the best `max_nodes` of those taken. The queue is a radix heap (`radix.rs`). Only the
//! nodes taken and their children are ever looked at: on the 30 MB synthetic profile,
//! 670,000 of its 8.5 million call-tree nodes.

use super::expand::{CallTreeScratch, Work};
use super::frames::Frames;
use super::ordered::ordered;
use super::radix::RadixHeap;
use super::{CallTree, PathStep};
use crate::query::{Granularity, Prepared};
use std::collections::BinaryHeap;

/// Nodes expanded together (see `Work::expand`).
const BATCH: usize = 256;

/// A node's place in the order of the cut: heaviest first, ties to the earlier first
/// occurrence. Smaller is better.
type Key = (u64, u64);

fn key(weight: i64, rank: u64) -> Key {
    // Weights are positive (nodes that weigh nothing are never found).
    (i64::MAX.abs_diff(weight), rank)
}

/// The tree [`CallTree::build_limited`] returns, found by expanding only the heaviest nodes
/// (see the module documentation) in `scratch`; `None` when the weights overflow, and the
/// full build must decide.
pub(super) fn build_heaviest(
    prepared: &Prepared,
    granularity: Granularity,
    only: Option<&[bool]>,
    max_nodes: usize,
    scratch: &mut CallTreeScratch,
) -> Option<CallTree> {
    build_heaviest_under(
        prepared,
        granularity,
        only,
        &[] as &[String],
        max_nodes,
        scratch,
    )
}

/// [`build_heaviest`] below the node at the call path `under` (root first; empty: the root):
/// the path's nodes, then the heaviest `max_nodes` nodes of that node's subtree, as if it
/// were the root. The path's other children are summed into stand-ins, so every sum still
/// holds, and every node kept has the full tree's sums. `None` when the path is not in the
/// tree, or the weights overflow.
pub(super) fn build_heaviest_under(
    prepared: &Prepared,
    granularity: Granularity,
    only: Option<&[bool]>,
    under: &[impl PathStep],
    max_nodes: usize,
    scratch: &mut CallTreeScratch,
) -> Option<CallTree> {
    let (frames, work, _) = scratch.prepare(prepared, granularity, only)?;
    let limit = if max_nodes == 0 {
        usize::MAX
    } else {
        max_nodes
    };
    let mut path = vec![0u32];
    for step in under {
        let last = *path.last()?;
        let kids = work.expand(frames, &[last]);
        // The first of the matching children in display order: heaviest, then first found.
        let next = kids
            .filter(|&c| step.is(&frames.frames[work.found[c as usize].frame as usize]))
            .min_by_key(|&c| {
                let f = &work.found[c as usize];
                key(f.weight, f.rank)
            })?;
        path.push(next);
    }
    let start = *path.last()?;
    let f = &work.found[start as usize];
    let taken = take_best(work, frames, (key(f.weight, f.rank), start), limit);
    for &n in &path {
        work.found[n as usize].kept = true;
    }
    // The path's nodes lost their other children (unless they had none).
    let limited = taken > limit || path.len() > 1;
    Some(ordered(
        &work.found,
        frames.frames.clone(),
        &frames.name_rank,
        limited,
    ))
}

/// Takes the best nodes (see the module documentation) from `start` (its key and node) down,
/// marks the best `limit` of them kept, and returns how many nodes there are that weigh
/// something, or `limit + 1` if that is more.
fn take_best(work: &mut Work, frames: &Frames, start: (Key, u32), limit: usize) -> usize {
    let mut heap = RadixHeap::new();
    let (root, root_id) = start;
    heap.push(root.0, root.1, root_id);
    // Children that rank before the last node taken from the heap (found when their parent
    // was expanded in the same batch as later nodes): taken with the next batch.
    let mut pending: Vec<(Key, u32)> = Vec::new();
    let mut taken: Vec<(Key, u32)> = Vec::new();
    let mut last_taken: Key = (0, 0);
    // Once `limit` nodes are taken: the best `limit` of them, worst on top, and so the
    // cut-off (nodes that rank after it are never kept).
    let mut best: Option<BinaryHeap<(Key, u32)>> = None;
    let mut left_out = false;
    let mut batch: Vec<u32> = Vec::with_capacity(BATCH);
    loop {
        batch.clear();
        for (k, id) in pending.drain(..) {
            batch.push(id);
            taken.push((k, id));
        }
        let cut = best.as_ref().and_then(|b| b.peek()).map(|&(k, _)| k);
        while batch.len() < BATCH {
            let Some((k, r, id)) = heap.peek() else { break };
            if cut.is_some_and(|c| (k, r) > c) {
                break;
            }
            heap.pop();
            batch.push(id);
            taken.push(((k, r), id));
            last_taken = (k, r);
        }
        if batch.is_empty() {
            break;
        }
        let first_new = taken.len() - batch.len();
        let children = work.expand(frames, &batch);
        match &mut best {
            None if taken.len() >= limit => {
                let (better, nth, _) = taken.select_nth_unstable(limit - 1);
                best = Some(better.iter().chain([&*nth]).copied().collect());
            }
            None => {}
            Some(b) => {
                for &t in &taken[first_new..] {
                    if b.peek().is_some_and(|&w| t < w) {
                        b.pop();
                        b.push(t);
                    }
                }
            }
        }
        let cut = best.as_ref().and_then(|b| b.peek()).map(|&(k, _)| k);
        for c in children {
            let f = &work.found[c as usize];
            let k = key(f.weight, f.rank);
            if cut.is_some_and(|cut| k > cut) {
                // Never kept, nor anything below it.
                left_out = true;
            } else if k.0 < heap.floor() || k < last_taken {
                pending.push((k, c));
            } else {
                heap.push(k.0, k.1, c);
            }
        }
    }
    let cut = best.as_ref().and_then(|b| b.peek()).map(|&(k, _)| k);
    for &(k, id) in &taken {
        if cut.is_none_or(|c| k <= c) {
            work.found[id as usize].kept = true;
        }
    }
    if left_out || !heap.is_empty() {
        limit.saturating_add(1)
    } else {
        taken.len()
    }
}
