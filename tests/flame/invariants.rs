//! Structural invariants every call tree and its flame layout must satisfy, as checks
//! returning the first violation (so proptest can shrink on them).

use pprofview::layout::FlameLayout;
use pprofview::query::{CallTree, SiblingOrder, NONE};
use std::collections::HashMap;

/// Float slack for unit-x comparisons (positions are sums of f64 fractions).
pub const EPS: f64 = 1e-12;

/// Σ weight of `node`'s children.
pub fn children_weight(tree: &CallTree, node: u32) -> i64 {
    tree.children(node).map(|c| tree.weight[c as usize]).sum()
}

/// Breadth-first storage, value sums and sibling order of `tree`.
pub fn check_tree(tree: &CallTree) -> Result<(), String> {
    let n = tree.len();
    ensure!(n >= 1, "no root");
    for v in [
        tree.frame.len(),
        tree.total.len(),
        tree.self_value.len(),
        tree.weight.len(),
        tree.first_child.len(),
        tree.child_count.len(),
    ] {
        ensure!(v == n, "column of length {v} for {n} nodes");
    }
    ensure!(tree.parent[0] == NONE, "root has a parent");
    // Rows: contiguous runs, non-empty, root alone in row 0, ending at the node count.
    let rows = &tree.row_start;
    ensure!(
        rows.first() == Some(&0) && rows.last() == Some(&(n as u32)),
        "row_start {rows:?}"
    );
    ensure!(n == 1 || rows.get(1) == Some(&1), "root not alone in row 0");
    ensure!(
        rows.windows(2).all(|w| w[0] < w[1]),
        "empty or unordered row in {rows:?}"
    );
    ensure!(tree.depth_count() == rows.len() - 1, "depth_count");
    // Children: the runs of nodes 0, 1, 2, ... tile 1..n in order (breadth-first).
    let mut next = 1u32;
    for i in 0..n as u32 {
        let kids = tree.children(i);
        if !kids.is_empty() {
            ensure!(
                kids.start == next,
                "children of {i} start at {} not {next}",
                kids.start
            );
        }
        next += tree.child_count[i as usize];
        let mut frames: Vec<u32> = Vec::new();
        for c in kids.clone() {
            ensure!(tree.parent[c as usize] == i, "parent of {c} is not {i}");
            frames.push(tree.frame[c as usize]);
        }
        frames.sort_unstable();
        ensure!(
            frames.windows(2).all(|w| w[0] != w[1]),
            "two children of {i} share a frame"
        );
    }
    ensure!(next as usize == n, "children cover {next} of {n} nodes");
    for c in 1..n as u32 {
        let (ci, p) = (c as usize, tree.parent[c as usize]);
        ensure!(p < c, "parent {p} of {c} not before it");
        ensure!(tree.depth(c) == tree.depth(p) + 1, "depth of {c}");
        ensure!(
            (tree.frame[ci] as usize) < tree.frames.len(),
            "frame of {c} out of range"
        );
        ensure!(tree.weight[ci] > 0, "node {c} weighs nothing");
    }
    // Values: total = self + Σ children; weight (Σ|v|) contains the children and the
    // self values' magnitude, and has the parity of total (|v| ≡ v mod 2).
    for i in 0..n as u32 {
        let k = i as usize;
        let kids_total: i64 = tree.children(i).map(|c| tree.total[c as usize]).sum();
        ensure!(
            tree.total[k] == tree.self_value[k] + kids_total,
            "node {i}: total {} != self {} + children {kids_total}",
            tree.total[k],
            tree.self_value[k]
        );
        let gap = tree.weight[k] - children_weight(tree, i);
        ensure!(
            gap >= tree.self_value[k].abs(),
            "node {i}: self weight {gap} < |self|"
        );
        ensure!(
            (gap - tree.self_value[k]) % 2 == 0,
            "node {i}: self weight parity"
        );
        ensure!(
            tree.weight[k] >= tree.total[k].abs(),
            "node {i}: weight < |total|"
        );
    }
    check_order(tree)
}

/// Siblings in `tree.order`: heaviest first then by name, or by name.
fn check_order(tree: &CallTree) -> Result<(), String> {
    for p in 0..tree.len() as u32 {
        // A stand-in for dropped children (`build_limited`) is placed apart from the order.
        let kids: Vec<u32> = tree
            .children(p)
            .filter(|&c| Some(tree.frame[c as usize]) != tree.elided_frame)
            .collect();
        for w in kids.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (wa, wb) = (tree.weight[a as usize], tree.weight[b as usize]);
            let ok = match tree.order {
                SiblingOrder::ByWeight => wa > wb || (wa == wb && tree.name(a) <= tree.name(b)),
                SiblingOrder::ByName => tree.name(a) <= tree.name(b),
            };
            ensure!(
                ok,
                "siblings {a} ({}, {wa}) and {b} ({}, {wb}) out of {:?} order",
                tree.name(a),
                tree.name(b),
                tree.order
            );
        }
    }
    Ok(())
}

/// Widths are weight / root weight; each child lies inside its parent, children start at
/// the parent's left edge and follow each other without gaps or overlaps; the parent's
/// self weight is the gap on the right.
pub fn check_layout(tree: &CallTree, layout: &FlameLayout) -> Result<(), String> {
    let n = tree.len();
    ensure!(
        layout.x0.len() == n && layout.width.len() == n,
        "layout size"
    );
    let root = tree.weight[0] as f64;
    if root == 0.0 {
        ensure!(
            layout.width.iter().all(|&w| w == 0.0),
            "weightless tree has widths"
        );
        return Ok(());
    }
    ensure!(
        layout.x0[0] == 0.0 && layout.width[0] == 1.0,
        "root is not 0..1"
    );
    for i in 0..n {
        let want = tree.weight[i] as f64 / root;
        ensure!(
            (layout.width[i] - want).abs() <= want * 1e-12,
            "width of {i}: {} vs {want}",
            layout.width[i]
        );
    }
    for p in 0..n as u32 {
        let mut at = layout.x0[p as usize];
        for c in tree.children(p) {
            let x0 = layout.x0[c as usize];
            ensure!(
                (x0 - at).abs() <= EPS,
                "child {c} of {p} starts at {x0}, not {at}"
            );
            ensure!(
                x0 >= layout.x0[p as usize] - EPS,
                "child {c} left of parent {p}"
            );
            ensure!(
                layout.x1(c) <= layout.x1(p) + EPS,
                "child {c} right of parent {p}"
            );
            at = layout.x1(c);
        }
        let gap = (tree.weight[p as usize] - children_weight(tree, p)) as f64 / root;
        ensure!(((layout.x1(p) - at) - gap).abs() <= EPS, "self gap of {p}");
    }
    Ok(())
}

/// Whether `b` holds the same nodes as `a` (same frame paths from the root, with the same
/// total, self and weight), whatever the sibling order: each node of `a` is matched to the
/// child of its parent's match with the same frame (siblings never share a frame).
pub fn same_paths(a: &CallTree, b: &CallTree) -> Result<(), String> {
    ensure!(a.len() == b.len(), "{} nodes vs {}", a.len(), b.len());
    let mut child: HashMap<(u32, u32), u32> = HashMap::with_capacity(b.len());
    for n in 1..b.len() as u32 {
        child.insert((b.parent[n as usize], b.frame[n as usize]), n);
    }
    let mut matched = vec![0u32; a.len()];
    for n in 0..a.len() {
        if n > 0 {
            let key = (matched[a.parent[n] as usize], a.frame[n]);
            matched[n] = *child
                .get(&key)
                .ok_or(format!("path to node {n} ({}) missing", a.name(n as u32)))?;
        }
        let m = matched[n] as usize;
        let (va, vb) = (
            (a.total[n], a.self_value[n], a.weight[n]),
            (b.total[m], b.self_value[m], b.weight[m]),
        );
        ensure!(
            va == vb,
            "node {n} ({}): {va:?} became {vb:?}",
            a.name(n as u32)
        );
    }
    Ok(())
}

/// All tree and layout invariants for both sibling orders, and reordering keeps every
/// (path, total) and round-trips.
pub fn check_all(tree: &CallTree) -> Result<(), String> {
    ensure!(tree.frame[0] == NONE, "the root has a frame");
    check_tree(tree)?;
    check_layout(tree, &FlameLayout::new(tree))?;
    let by_name = tree.reordered(SiblingOrder::ByName);
    check_tree(&by_name).map_err(|e| format!("by name: {e}"))?;
    check_layout(&by_name, &FlameLayout::new(&by_name)).map_err(|e| format!("by name: {e}"))?;
    same_paths(tree, &by_name).map_err(|e| format!("reordering changed the paths: {e}"))?;
    // (A limited tree's stand-ins move when sorted by weight, so only full trees.)
    ensure!(
        tree.elided_frame.is_some() || by_name.reordered(SiblingOrder::ByWeight) == *tree,
        "reordering does not round-trip"
    );
    Ok(())
}
