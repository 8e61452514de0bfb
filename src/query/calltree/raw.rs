//! The tree while it is built (nodes in creation order) and its renumbering into display
//! order, optionally dropping the lightest nodes into per-parent stand-ins.

use super::{CallTree, Frame, SiblingOrder, NONE};

/// Marks a queue entry as a stand-in for dropped children (an index into the stand-ins).
const SYNTHETIC: u32 = 1 << 31;

/// The name of the stand-in frame for children too light to send.
pub const ELIDED_NAME: &str = "(smaller frames, not loaded: zoomed too far)";

/// The tree while it is built: nodes in creation order (parents first).
#[derive(Default)]
pub(in crate::query) struct RawTree {
    pub(in crate::query) parent: Vec<u32>,
    pub(in crate::query) frame: Vec<u32>,
    pub(in crate::query) total: Vec<i64>,
    pub(in crate::query) self_value: Vec<i64>,
    pub(in crate::query) weight: Vec<i64>,
}

impl RawTree {
    pub(in crate::query) fn push(&mut self, parent: u32, frame: u32) -> u32 {
        self.parent.push(parent);
        self.frame.push(frame);
        self.total.push(0);
        self.self_value.push(0);
        self.weight.push(0);
        (self.parent.len() - 1) as u32
    }

    /// Renumbers breadth-first with siblings in `order`, dropping nodes no sample reached
    /// (weight 0): they would have no width.
    pub(in crate::query) fn into_ordered(
        self,
        mut frames: Vec<Frame>,
        order: SiblingOrder,
        keep: Option<&[bool]>,
    ) -> CallTree {
        let n = self.parent.len();
        // Whether node `c` is kept: it weighs something and the selection keeps it.
        let kept = |c: u32| {
            self.weight[c as usize] > 0
                && keep.is_none_or(|k| k.get(c as usize).copied().unwrap_or(false))
        };
        let elided_frame = keep.is_some().then(|| {
            frames.push(Frame {
                name: ELIDED_NAME.to_string(),
                file: String::new(),
                line: 0,
                inlined: false,
            });
            (frames.len() - 1) as u32
        });
        // Stand-ins for the children too light to keep: (total, weight) per parent.
        let mut elided: Vec<(i64, i64)> = Vec::new();
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
            if old & SYNTHETIC != 0 {
                out.first_child.push(queue.len() as u32);
                out.child_count.push(0);
                head += 1;
                continue;
            }
            sorted.clear();
            sorted.extend(
                kids[count[old as usize] as usize..count[old as usize + 1] as usize]
                    .iter()
                    .copied()
                    .filter(|&c| kept(c)),
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
            // The dropped children's weight, as one stand-in child (kept last).
            let (mut gone_total, mut gone_weight) = (0i64, 0i64);
            if elided_frame.is_some() {
                for &c in &kids[count[old as usize] as usize..count[old as usize + 1] as usize] {
                    let w = self.weight[c as usize];
                    if w > 0 && !kept(c) {
                        gone_total = gone_total.wrapping_add(self.total[c as usize]);
                        gone_weight = gone_weight.wrapping_add(w);
                    }
                }
            }
            if gone_weight > 0 {
                elided.push((gone_total, gone_weight));
                sorted.push(SYNTHETIC | (elided.len() - 1) as u32);
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
        let pick = |o: u32, column: &[i64], stand_in: fn(&(i64, i64)) -> i64| -> i64 {
            if o & SYNTHETIC != 0 {
                elided.get((o & !SYNTHETIC) as usize).map_or(0, stand_in)
            } else {
                column[o as usize]
            }
        };
        out.frame = queue
            .iter()
            .map(|&o| match (o & SYNTHETIC != 0, elided_frame) {
                (true, Some(f)) => f,
                _ => self.frame[(o & !SYNTHETIC) as usize],
            })
            .collect();
        out.total = queue
            .iter()
            .map(|&o| pick(o, &self.total, |e| e.0))
            .collect();
        // A stand-in is a leaf: its whole total is its own.
        out.self_value = queue
            .iter()
            .map(|&o| pick(o, &self.self_value, |e| e.0))
            .collect();
        out.weight = queue
            .iter()
            .map(|&o| pick(o, &self.weight, |e| e.1))
            .collect();
        out.elided_frame = elided_frame;
        out.frames = frames;
        out
    }
}

/// Which nodes to keep so that exactly `max_nodes` remain (`None`: keep all): the heaviest,
/// ties going to the earlier node. Parents come before their children and weigh at least as
/// much, so a parent always ranks before its children and what is kept stays a tree.
pub(super) fn keep_heaviest(weights: &[i64], max_nodes: usize) -> Option<Vec<bool>> {
    // Nodes no sample reached are dropped anyway (the root always stays).
    let useful = 1 + weights.iter().skip(1).filter(|&&w| w > 0).count();
    if useful <= max_nodes || max_nodes == 0 {
        return None;
    }
    let rank = |i: u32| (std::cmp::Reverse(weights[i as usize]), i);
    let mut order: Vec<u32> = (0..weights.len() as u32).collect();
    let (_, nth, _) = order.select_nth_unstable_by_key(max_nodes - 1, |&i| rank(i));
    let last = rank(*nth);
    Some((0..weights.len() as u32).map(|i| rank(i) <= last).collect())
}
