//! The nodes a best-first expansion kept (`heaviest.rs`), laid out as a [`CallTree`]:
//! breadth-first, siblings heaviest first, each parent that lost children given a stand-in.
//! What `RawTree::into_ordered` (`raw.rs`) makes of the same nodes, without ever looking at
//! the ones that were not found.

use super::expand::Found;
use super::{CallTree, Frame, SiblingOrder, ELIDED_NAME, NONE};

/// Marks a queue entry as a stand-in for dropped children.
const SYNTHETIC: u32 = 1 << 31;

/// The kept nodes breadth-first with siblings heaviest first (ties by name, then the full
/// build's order), each parent that lost children given a stand-in when `limited`: what
/// `RawTree::into_ordered` makes of the same nodes. `name_rank` orders the frames by name.
pub(super) fn ordered(
    found: &[Found],
    mut frames: Vec<Frame>,
    name_rank: &[u32],
    limited: bool,
) -> CallTree {
    let elided_frame = limited.then(|| {
        frames.push(Frame {
            name: ELIDED_NAME.to_string(),
            file: String::new(),
            line: 0,
            inlined: false,
        });
        (frames.len() - 1) as u32
    });
    let name = |f: &Found| name_rank.get(f.frame as usize).copied().unwrap_or(0);
    let mut out = CallTree {
        order: SiblingOrder::ByWeight,
        ..CallTree::default()
    };
    // Breadth-first over found nodes (stand-ins are leaves and queue as `SYNTHETIC`);
    // `queue[k]` becomes node k. Each node's columns are written when it is queued, but its
    // own value only when its children are known.
    // At most every kept node and one stand-in each.
    let room = 2 * found.iter().filter(|f| f.kept).count() + 1;
    let mut queue: Vec<u32> = Vec::with_capacity(room);
    let mut depth_of: Vec<u32> = Vec::with_capacity(room);
    queue.push(0);
    depth_of.push(0);
    for column in [
        &mut out.parent,
        &mut out.frame,
        &mut out.first_child,
        &mut out.child_count,
    ] {
        column.reserve(room);
    }
    for column in [&mut out.total, &mut out.self_value, &mut out.weight] {
        column.reserve(room);
    }
    out.parent.push(NONE);
    out.frame.push(NONE);
    out.total.push(found[0].total);
    out.self_value.push(0);
    out.weight.push(found[0].weight);
    let mut sorted: Vec<(i64, u32, u64, u32)> = Vec::new();
    let mut head = 0usize;
    while head < queue.len() {
        let old = queue[head];
        let depth = depth_of[head];
        out.first_child.push(queue.len() as u32);
        if old & SYNTHETIC != 0 {
            out.child_count.push(0);
            head += 1;
            continue;
        }
        let f = &found[old as usize];
        let (mut below, mut gone_total, mut gone_weight) = (0i64, 0i64, 0i64);
        sorted.clear();
        for c in f.kids() {
            let k = &found[c as usize];
            below = below.wrapping_add(k.total);
            if k.kept {
                sorted.push((k.weight, name(k), k.rank, c));
            } else {
                gone_total = gone_total.wrapping_add(k.total);
                gone_weight = gone_weight.wrapping_add(k.weight);
            }
        }
        out.self_value[head] = f.total.wrapping_sub(below);
        sorted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let stand_in = limited && gone_weight > 0;
        out.child_count
            .push(sorted.len() as u32 + u32::from(stand_in));
        for &(weight, _, _, c) in &sorted {
            let k = &found[c as usize];
            queue.push(c);
            depth_of.push(depth + 1);
            out.parent.push(head as u32);
            out.frame.push(k.frame);
            out.total.push(k.total);
            out.self_value.push(0);
            out.weight.push(weight);
        }
        if stand_in {
            queue.push(SYNTHETIC);
            depth_of.push(depth + 1);
            out.parent.push(head as u32);
            out.frame.push(elided_frame.unwrap_or(NONE));
            out.total.push(gone_total);
            // A stand-in is a leaf: its whole total is its own.
            out.self_value.push(gone_total);
            out.weight.push(gone_weight);
        }
        head += 1;
    }
    // Rows: depths are non-decreasing along the queue.
    for (k, &d) in depth_of.iter().enumerate() {
        while out.row_start.len() <= d as usize {
            out.row_start.push(k as u32);
        }
    }
    out.row_start.push(queue.len() as u32);
    out.elided_frame = elided_frame;
    out.frames = frames;
    out
}
