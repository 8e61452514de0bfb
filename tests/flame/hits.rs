//! Hit-test checks: `hit_test` agrees with the items `visible_items` draws, has no holes
//! between siblings, and finds nothing where nothing is drawn.

use crate::geometry::members;
use pprofview::layout::{hit_test, visible_items, FlameLayout, Item, ItemKind, Viewport};
use pprofview::query::CallTree;

/// The part of an item inside the viewport: (x0, x1, y0, y1) in pixels.
pub fn clipped(vp: &Viewport, item: &Item) -> (f64, f64, f64, f64) {
    let (x0, x1) = (item.x.max(0.0), (item.x + item.w).min(vp.width));
    let (y0, y1) = (item.y.max(0.0), (item.y + vp.row_height).min(vp.height));
    (x0, x1, y0, y1)
}

/// `hit_test` at the centre of every item's visible part returns that item; points in a
/// drawn box's self gap (right of its last child, one row down), outside the viewport
/// and below the deepest row return nothing. Returns (items hit, gaps probed).
pub fn check_hits(
    tree: &CallTree,
    layout: &FlameLayout,
    vp: &Viewport,
) -> Result<(usize, usize), String> {
    let items = visible_items(tree, layout, vp);
    let mut hits = 0;
    for item in &items {
        let (x0, x1, y0, y1) = clipped(vp, item);
        if x1 - x0 < 1e-3 || y1 - y0 < 1e-3 {
            continue;
        }
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let hit = hit_test(tree, layout, vp, cx, cy);
        ensure!(
            hit == Some(*item),
            "hit at ({cx}, {cy}) gave {hit:?}, not {item:?}"
        );
        hits += 1;
    }
    // Siblings tile their parent's children run: a point on the boundary between two
    // (where rounding may leave x1 of one an ulp short of x0 of the next) hits one of them.
    for item in &items {
        let first = *members(item.kind).start();
        let prev_sibling =
            first > 0 && tree.parent[first as usize - 1] == tree.parent[first as usize];
        let (_, _, y0, y1) = clipped(vp, item);
        if prev_sibling && (0.0..vp.width).contains(&item.x) && y1 > y0 {
            let hit = hit_test(tree, layout, vp, item.x, (y0 + y1) / 2.0);
            ensure!(
                hit.is_some_and(|h| h.depth == item.depth),
                "hit at the left edge of {item:?} gave {hit:?}"
            );
        }
    }
    let mut gaps = 0;
    for item in &items {
        let ItemKind::Node(p) = item.kind else {
            continue;
        };
        let Some(last) = tree.children(p).last() else {
            continue;
        };
        let (g0, g1) = (
            vp.to_px(layout.x1(last)).max(0.0),
            vp.to_px(layout.x1(p)).min(vp.width),
        );
        let y = vp.row_top(item.depth + 1) + vp.row_height / 2.0;
        if g1 - g0 >= 1.0 && (0.0..vp.height).contains(&y) {
            let hit = hit_test(tree, layout, vp, (g0 + g1) / 2.0, y);
            ensure!(hit.is_none(), "hit in the self gap of {p} gave {hit:?}");
            gaps += 1;
        }
    }
    for (px, py) in [
        (-1.0, 1.0),
        (vp.width, 1.0),
        (1.0, -1.0),
        (1.0, vp.height),
        (f64::NAN, 1.0),
    ] {
        ensure!(
            hit_test(tree, layout, vp, px, py).is_none(),
            "hit outside at ({px}, {py})"
        );
    }
    let below = vp.row_top(tree.depth_count()) + vp.row_height / 2.0;
    if (0.0..vp.height).contains(&below) {
        ensure!(
            hit_test(tree, layout, vp, vp.width / 2.0, below).is_none(),
            "hit below the deepest row"
        );
    }
    Ok((hits, gaps))
}
