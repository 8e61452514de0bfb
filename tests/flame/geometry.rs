//! Viewport checks: what `visible_items` must return (a brute-force reference over all
//! nodes) and merged-block accounting; random viewports to check them on.

use pprofview::layout::{
    visible_items, FlameLayout, Item, ItemKind, Orientation, Viewport, MIN_BOX_PX,
};
use pprofview::query::CallTree;
use proptest::prelude::*;
use std::collections::{BTreeSet, HashSet};

/// A random viewport, as numbers independent of any tree.
#[derive(Clone, Debug)]
pub struct VpSpec {
    /// Where the range starts, as a fraction of the room left of it.
    pub left: f64,
    /// log10 of the span.
    pub log_span: f64,
    /// Zoom onto node `k % len` (padded by this fraction of its width) instead.
    pub target: Option<(usize, f64)>,
    /// Pixel size.
    pub width: f64,
    /// Pixel size.
    pub height: f64,
    /// Row height.
    pub row_height: f64,
    /// Scroll as a fraction of the maximum.
    pub scroll: f64,
    /// Flame (root at the bottom) rather than icicle.
    pub flame: bool,
}

/// Random viewports: spans from 1e-9 to everything, sizes from a phone to a wall.
pub fn vp_spec() -> impl Strategy<Value = VpSpec> {
    (
        (
            0.0..1.0f64,
            -9.0..0.0f64,
            prop::option::of((any::<usize>(), 0.0..2.0f64)),
        ),
        (
            50.0..2400.0f64,
            40.0..1200.0f64,
            prop::sample::select(vec![12.0, 18.0, 23.5]),
        ),
        (
            prop_oneof![Just(0.0), 0.0..1.0f64, Just(1.0)],
            any::<bool>(),
        ),
    )
        .prop_map(
            |((left, log_span, target), (width, height, row_height), (scroll, flame))| VpSpec {
                left,
                log_span,
                target,
                width,
                height,
                row_height,
                scroll,
                flame,
            },
        )
}

/// The viewport `spec` describes over `tree`.
pub fn viewport(spec: &VpSpec, tree: &CallTree, layout: &FlameLayout) -> Viewport {
    let mut vp = Viewport::new(spec.width, spec.height, spec.row_height);
    vp.orientation = if spec.flame {
        Orientation::Flame
    } else {
        Orientation::Icicle
    };
    match spec.target {
        Some((k, pad)) => {
            let n = (k % tree.len()) as u32;
            let w = layout.width[n as usize];
            vp.show_range(layout.x0[n as usize] - pad * w, layout.x1(n) + pad * w);
        }
        None => {
            let span = 10f64.powf(spec.log_span);
            let x0 = spec.left * (1.0 - span);
            vp.show_range(x0, x0 + span);
        }
    }
    let d = tree.depth_count();
    vp.scroll_to(spec.scroll * vp.max_scroll(d), d);
    vp
}

/// The nodes an item stands for.
pub fn members(kind: ItemKind) -> std::ops::RangeInclusive<u32> {
    match kind {
        ItemKind::Node(n) => n..=n,
        ItemKind::Merged { first, last } => first..=last,
    }
}

/// Σ weight of the nodes an item stands for.
pub fn item_weight(tree: &CallTree, kind: ItemKind) -> i64 {
    members(kind).map(|n| tree.weight[n as usize]).sum()
}

/// Whether row `d` is at least partly inside the viewport (recomputed from first principles).
fn row_visible(vp: &Viewport, d: usize) -> bool {
    let top = match vp.orientation {
        Orientation::Icicle => d as f64 * vp.row_height - vp.scroll,
        Orientation::Flame => vp.height - (d + 1) as f64 * vp.row_height + vp.scroll,
    };
    top < vp.height && top + vp.row_height > 0.0
}

/// What a viewport must show, by brute force over every node: a node is drawn when it is
/// at least `MIN_BOX_PX` wide, overlaps the range and its parent is drawn; under a drawn
/// parent, every narrow child overlapping the range is shown inside the maximal run of
/// narrow siblings around it. Returns (item kinds with depths, drawn flags).
pub fn expected(
    tree: &CallTree,
    layout: &FlameLayout,
    vp: &Viewport,
) -> (BTreeSet<(usize, u32, u32)>, Vec<bool>) {
    let min_unit = MIN_BOX_PX * (vp.x1 - vp.x0) / vp.width;
    let overlaps = |n: usize| layout.x0[n] < vp.x1 && layout.x1(n as u32) > vp.x0;
    let mut drawn = vec![false; tree.len()];
    for n in 0..tree.len() {
        let parent_ok = n == 0 || drawn[tree.parent[n] as usize];
        drawn[n] = parent_ok && layout.width[n] >= min_unit && overlaps(n);
    }
    let mut out = BTreeSet::new();
    for n in 0..tree.len() as u32 {
        let d = tree.depth(n);
        if !row_visible(vp, d) {
            continue;
        }
        if drawn[n as usize] {
            out.insert((d, n, n));
        }
        let parent = tree.parent[n as usize];
        let narrow = layout.width[n as usize] < min_unit;
        if n != 0 && narrow && drawn[parent as usize] && overlaps(n as usize) {
            let kids = tree.children(parent);
            let (mut first, mut last) = (n, n);
            while first > kids.start && layout.width[first as usize - 1] < min_unit {
                first -= 1;
            }
            while last + 1 < kids.end && layout.width[last as usize + 1] < min_unit {
                last += 1;
            }
            out.insert((d, first, last));
        }
    }
    (out, drawn)
}

/// `visible_items` equals the brute-force reference; items have their nodes' geometry,
/// come row by row left to right without overlapping; merged runs are maximal runs of
/// narrow siblings; no drawable node is hidden; and each row's items weigh exactly what
/// the children of the row above that they cover weigh. Returns the number of items.
pub fn check_visible(
    tree: &CallTree,
    layout: &FlameLayout,
    vp: &Viewport,
) -> Result<usize, String> {
    let items = visible_items(tree, layout, vp);
    let (want, drawn) = expected(tree, layout, vp);
    let key = |i: &Item| match i.kind {
        ItemKind::Node(n) => (i.depth, n, n),
        ItemKind::Merged { first, last } => (i.depth, first, last),
    };
    let got: BTreeSet<_> = items.iter().map(key).collect();
    ensure!(got.len() == items.len(), "an item appears twice");
    ensure!(
        got == want,
        "items differ: missing {:?}, extra {:?}",
        want.difference(&got).take(5).collect::<Vec<_>>(),
        got.difference(&want).take(5).collect::<Vec<_>>()
    );
    let min_unit = MIN_BOX_PX * vp.unit_per_px();
    let upp = vp.unit_per_px();
    for w in items.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        ensure!(a.depth <= b.depth, "rows out of order");
        if a.depth == b.depth {
            ensure!(
                b.x >= a.x + a.w - 1e-6 * a.w.max(1.0),
                "{a:?} overlaps {b:?}"
            );
        }
    }
    for item in &items {
        let nodes = members(item.kind);
        let (first, last) = (*nodes.start(), *nodes.end());
        ensure!(
            tree.depth(first) == item.depth,
            "{item:?} at the wrong depth"
        );
        ensure!(item.y == vp.row_top(item.depth), "{item:?} at the wrong y");
        ensure!(
            item.x == vp.to_px(layout.x0[first as usize]),
            "{item:?} at the wrong x"
        );
        // x1 − x0 loses up to an ulp of x0 (~1e-16), which deep zooms magnify.
        let w = (layout.x1(last) - layout.x0[first as usize]) / upp;
        let tol = 1e-9 * w.max(1.0) + 4.0 * f64::EPSILON / upp;
        ensure!(
            (item.w - w).abs() <= tol,
            "{item:?} has the wrong width {w}"
        );
        if let ItemKind::Merged { .. } = item.kind {
            let p = tree.parent[first as usize];
            let kids = tree.children(p);
            ensure!(
                nodes.clone().all(|n| tree.parent[n as usize] == p),
                "{item:?} spans parents"
            );
            ensure!(
                nodes.clone().all(|n| layout.width[n as usize] < min_unit),
                "{item:?} holds a wide node"
            );
            ensure!(
                first == kids.start || layout.width[first as usize - 1] >= min_unit,
                "{item:?} not maximal on the left"
            );
            ensure!(
                last + 1 == kids.end || layout.width[last as usize + 1] >= min_unit,
                "{item:?} not maximal on the right"
            );
        }
    }
    // No node wide enough to see is hidden while its ancestors are drawn.
    let shown: HashSet<u32> = items
        .iter()
        .filter_map(|i| match i.kind {
            ItemKind::Node(n) => Some(n),
            ItemKind::Merged { .. } => None,
        })
        .collect();
    for n in 0..tree.len() as u32 {
        let p = tree.parent[n as usize];
        let ancestors_drawn = n == 0 || drawn[p as usize];
        let wide = layout.width[n as usize] >= min_unit;
        let inside = layout.x0[n as usize] < vp.x1 && layout.x1(n) > vp.x0;
        if ancestors_drawn && wide && inside && row_visible(vp, tree.depth(n)) {
            ensure!(
                shown.contains(&n),
                "wide node {n} ({}) hidden",
                tree.name(n)
            );
        }
    }
    check_accounting(tree, layout, vp, &items, &drawn)?;
    Ok(items.len())
}

/// Per visible row d ≥ 1: Σ item weights = Σ weight of the children of drawn row-(d−1)
/// boxes that the items cover, where a child is covered when it overlaps the range or
/// shares a narrow run with one that does; and each such child is covered exactly once.
/// When the range is everything, that is every child of every drawn box.
fn check_accounting(
    tree: &CallTree,
    layout: &FlameLayout,
    vp: &Viewport,
    items: &[Item],
    drawn: &[bool],
) -> Result<(), String> {
    let min_unit = MIN_BOX_PX * vp.unit_per_px();
    let whole = vp.x0 == 0.0 && vp.x1 == 1.0;
    for d in 1..tree.depth_count() {
        if !row_visible(vp, d) {
            continue;
        }
        let row: Vec<&Item> = items.iter().filter(|i| i.depth == d).collect();
        let mut covered: Vec<u32> = row.iter().flat_map(|i| members(i.kind)).collect();
        let n_covered = covered.len();
        covered.sort_unstable();
        covered.dedup();
        ensure!(
            covered.len() == n_covered,
            "row {d}: a node is in two items"
        );
        let parents = (tree.row_start[d - 1]..tree.row_start[d]).filter(|&p| drawn[p as usize]);
        let (mut want_weight, mut parents_weight, mut n_children) = (0i64, 0i64, 0usize);
        let mut want: Vec<u32> = Vec::new();
        for p in parents {
            let kids: Vec<u32> = tree.children(p).collect();
            let in_range = |c: u32| layout.x0[c as usize] < vp.x1 && layout.x1(c) > vp.x0;
            let narrow = |c: u32| layout.width[c as usize] < min_unit;
            for (k, &c) in kids.iter().enumerate() {
                // Covered: in range, or narrow and joined by narrow siblings to one in range.
                let run_hits = |dir: &mut dyn Iterator<Item = &u32>| {
                    dir.take_while(|&&s| narrow(s)).any(|&s| in_range(s))
                };
                let cover = in_range(c)
                    || (narrow(c)
                        && (run_hits(&mut kids[..k].iter().rev())
                            || run_hits(&mut kids[k + 1..].iter())));
                if cover {
                    want.push(c);
                    want_weight += tree.weight[c as usize];
                }
            }
            parents_weight += tree.weight[p as usize] - self_weight(tree, p);
            n_children += kids.len();
        }
        want.sort_unstable();
        ensure!(
            covered == want,
            "row {d}: items cover {} nodes, expected {}",
            covered.len(),
            want.len()
        );
        let got_weight: i64 = row.iter().map(|i| item_weight(tree, i.kind)).sum();
        ensure!(
            got_weight == want_weight,
            "row {d}: items weigh {got_weight}, children {want_weight}"
        );
        if whole {
            // Everything in range: the row holds every child of every drawn box above,
            // i.e. the drawn boxes' weight less their self weight.
            ensure!(
                covered.len() == n_children,
                "row {d}: {} of {n_children} children shown",
                covered.len()
            );
            ensure!(
                got_weight == parents_weight,
                "row {d}: items weigh {got_weight}, drawn parents less self {parents_weight}"
            );
        }
    }
    Ok(())
}

/// Σ|value| of the samples ending at `p`: its weight minus its children's.
fn self_weight(tree: &CallTree, p: u32) -> i64 {
    tree.weight[p as usize]
        - tree
            .children(p)
            .map(|c| tree.weight[c as usize])
            .sum::<i64>()
}
