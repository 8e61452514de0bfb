//! Viewport properties: visible items and hit tests over random viewports of random trees
//! and of the fixtures, zoom and pan identities, zooming onto a node, and which row a
//! pixel belongs to.

use crate::geometry::{check_visible, viewport, vp_spec, VpSpec};
use crate::hits::check_hits;
use crate::support::{
    built_profile, built_spec, folded_profile, folded_text, laid_fixtures, tree, Laid,
};
use pprofview::layout::{hit_test, visible_items, FlameLayout, ItemKind, Orientation, Viewport};
use pprofview::query::{CallTree, Granularity};
use proptest::prelude::*;

/// Visible-item and hit-test checks of one viewport.
fn check_view(t: &CallTree, layout: &FlameLayout, spec: &VpSpec) -> Result<(), TestCaseError> {
    let vp = viewport(spec, t, layout);
    check_visible(t, layout, &vp).map_err(|e| TestCaseError::fail(format!("{vp:?}: {e}")))?;
    check_hits(t, layout, &vp).map_err(|e| TestCaseError::fail(format!("{vp:?}: {e}")))?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_trees_show_and_hit_what_they_should(text in folded_text(), spec in vp_spec(), by_name in any::<bool>()) {
        let p = folded_profile(&text);
        let mut t = tree(&p, 1, Granularity::FileFunctions);
        if by_name {
            t = t.reordered(pprofview::query::SiblingOrder::ByName);
        }
        check_view(&t, &FlameLayout::new(&t), &spec)?;
    }

    #[test]
    fn built_trees_show_and_hit_what_they_should(s in built_spec(), spec in vp_spec()) {
        let t = tree(&built_profile(&s), 0, Granularity::FileFunctions);
        check_view(&t, &FlameLayout::new(&t), &spec)?;
    }

    #[test]
    fn fixtures_show_and_hit_what_they_should(k in any::<usize>(), spec in vp_spec()) {
        let all = laid_fixtures();
        let (_, Laid { tree, layout }) = &all[k % all.len()];
        check_view(tree, layout, &spec)?;
    }

    #[test]
    fn zoom_in_then_out_is_the_identity(
        left in 0.0..1.0f64, log_span in -6.0..0.0f64, at in 0.0..1.0f64,
        log_factor in -3.0..3.0f64, width in 50.0..3000.0f64,
    ) {
        let span = 10f64.powf(log_span);
        let mut vp = Viewport::new(width, 600.0, 18.0);
        vp.show_range(left * (1.0 - span), left * (1.0 - span) + span);
        let (x0, x1) = (vp.x0, vp.x1);
        let (px, f) = (at * width, 10f64.powf(log_factor));
        // Skip when either step would be clamped to 0..1 (spans stay far above the limit).
        let anchor = vp.to_unit(px);
        let zoomed = (x1 - x0) / f;
        let z0 = anchor - at * zoomed;
        prop_assume!(zoomed <= 1.0 && z0 >= 0.0 && z0 + zoomed <= 1.0);
        vp.zoom_at(px, f);
        // In between, a few ulps of x (~1e-16) on top of the relative tolerance.
        let ztol = 1e-9 * zoomed + 1e-15;
        prop_assert!((vp.x0 - z0).abs() <= ztol && ((vp.x1 - vp.x0) - zoomed).abs() <= ztol, "zoomed to {}..{}", vp.x0, vp.x1);
        prop_assert!((vp.to_unit(px) - anchor).abs() <= ztol, "the anchor moved");
        vp.zoom_at(px, 1.0 / f);
        // Relative 1e-9, plus the ulps of x (the range is stored as two positions) that
        // zooming back out by `f` magnifies `f` times: only deep zooms by large factors
        // notice those (span 1e-3 and f = 1000: still within 2e-9 of the span).
        let tol = 1e-9 * (x1 - x0) + 4.0 * f.max(1.0 / f) * f64::EPSILON;
        prop_assert!((vp.x0 - x0).abs() <= tol && (vp.x1 - x1).abs() <= tol, "{x0}..{x1} became {}..{}", vp.x0, vp.x1);
    }

    #[test]
    fn pan_there_and_back_is_the_identity(
        left in 0.0..1.0f64, log_span in -6.0..0.0f64, dx in -5000.0..5000.0f64, width in 50.0..3000.0f64,
    ) {
        let span = 10f64.powf(log_span);
        let mut vp = Viewport::new(width, 600.0, 18.0);
        vp.show_range(left * (1.0 - span), left * (1.0 - span) + span);
        let (x0, x1) = (vp.x0, vp.x1);
        let moved = x0 - dx * vp.unit_per_px();
        prop_assume!(moved >= 0.0 && moved + (x1 - x0) <= 1.0);
        vp.pan(dx, 0.0, 10);
        prop_assert!((vp.x0 - moved).abs() <= 1e-9 * span, "pan moved to {} not {moved}", vp.x0);
        vp.pan(-dx, 0.0, 10);
        let tol = 1e-9 * (x1 - x0);
        prop_assert!((vp.x0 - x0).abs() <= tol && (vp.x1 - x1).abs() <= tol, "{x0}..{x1} became {}..{}", vp.x0, vp.x1);
        prop_assert_eq!(vp.scroll, 0.0);
    }
}

/// After `show_range` of a node's interval (its row scrolled into view), the node is one
/// box spanning exactly the viewport's width, in both orientations.
#[test]
fn showing_a_node_fills_the_width() {
    let mut checked = 0;
    for (name, Laid { tree, layout }) in laid_fixtures() {
        // Every node of small trees; an even spread of the big ones.
        let step = (tree.len() / 400).max(1);
        for n in (1..tree.len() as u32).step_by(step) {
            if layout.width[n as usize] < 1e-11 {
                continue;
            }
            for orientation in [Orientation::Icicle, Orientation::Flame] {
                let mut vp = Viewport::new(1234.0, 345.0, 18.0);
                vp.orientation = orientation;
                vp.show_range(layout.x0[n as usize], layout.x1(n));
                let d = tree.depth(n);
                vp.scroll_to(d as f64 * 18.0, tree.depth_count());
                let items = visible_items(tree, layout, &vp);
                let item = items.iter().find(|i| i.kind == ItemKind::Node(n));
                let item = item
                    .unwrap_or_else(|| panic!("{name}: node {n} not shown after zooming onto it"));
                let tol = 1e-6 * vp.width;
                assert!(
                    item.x.abs() <= tol && (item.x + item.w - vp.width).abs() <= tol,
                    "{name}: node {n} spans {}..{}",
                    item.x,
                    item.x + item.w
                );
                assert_eq!(
                    hit_test(tree, layout, &vp, vp.width / 2.0, item.y + 9.0),
                    Some(*item)
                );
                checked += 1;
            }
        }
    }
    println!("zoomed onto {checked} nodes");
    assert!(checked > 500);
}

/// Whole-graph viewports of every fixture at several sizes: items, accounting and hits.
#[test]
fn whole_fixture_views_account_for_every_child() {
    let mut items = 0;
    let mut gaps = 0;
    for (name, Laid { tree, layout }) in laid_fixtures() {
        for (w, h) in [(1600.0, 900.0), (400.0, 300.0), (97.0, 5000.0)] {
            for orientation in [Orientation::Icicle, Orientation::Flame] {
                let mut vp = Viewport::new(w, h, 18.0);
                vp.orientation = orientation;
                items += check_visible(tree, layout, &vp)
                    .unwrap_or_else(|e| panic!("{name} {w}x{h}: {e}"));
                gaps += check_hits(tree, layout, &vp)
                    .unwrap_or_else(|e| panic!("{name} {w}x{h}: {e}"))
                    .1;
            }
        }
    }
    println!("{items} items checked, {gaps} self gaps probed");
    assert!(gaps > 20, "too few self gaps probed: {gaps}");
}

/// Every integer pixel row belongs to the row whose box covers it (`[y, y + row height)`),
/// in both orientations: pointer coordinates are whole pixels at a zoom of 100%.
#[test]
fn each_pixel_row_hits_the_box_drawn_there() {
    let (_, Laid { tree, layout }) = laid_fixtures()
        .iter()
        .find(|(n, _)| n == "own/synth_deep")
        .expect("synth_deep");
    for orientation in [Orientation::Icicle, Orientation::Flame] {
        for scroll in [0.0, 7.0, 36.0] {
            let mut vp = Viewport::new(300.0, 200.0, 18.0);
            vp.orientation = orientation;
            vp.scroll_to(scroll, tree.depth_count());
            let items = visible_items(tree, layout, &vp);
            for py in 0..200 {
                let py = f64::from(py);
                // The root's leftmost descendant chain is wide at every depth.
                let want = items
                    .iter()
                    .find(|i| i.x <= 1.0 && i.x + i.w > 1.0 && i.y <= py && py < i.y + 18.0);
                let got = hit_test(tree, layout, &vp, 1.0, py);
                assert_eq!(
                    got.as_ref(),
                    want,
                    "{orientation:?} scroll {scroll}: pixel row {py}"
                );
            }
        }
    }
}
