//! Comparison colours: a frame of a diff tree (pprof's `-base`/`-diff_base`) is coloured by
//! how much it changed, not by its package.
//!
//! Consumes a comparison's call tree, whose `total` is after − before and `weight` is
//! after + before at each node; produces per-node fills, the gradient of the page's colour
//! legend, and the before/after of a node or block. Grey is unchanged; red (orange on the
//! colour-blind palette) grew, green (blue) shrank, deeper the larger the change relative to
//! the node's size. Black labels read on every fill. Must not touch the browser.

use super::colour::{Palette, Rgb};
use crate::query::CallTree;

/// The fill of a frame that did not change.
pub const UNCHANGED: Rgb = Rgb::new(0xd9, 0xd9, 0xd9);

/// Fill of the largest growth (a frame the base did not have), per palette.
const fn grew(palette: Palette) -> Rgb {
    match palette {
        Palette::Warm => Rgb::new(0xe8, 0x55, 0x4a),
        // Paul Tol's vibrant orange.
        Palette::ColourBlind => Rgb::new(0xee, 0x77, 0x33),
    }
}

/// Fill of the largest shrink (a frame only the base had), per palette.
const fn shrank(palette: Palette) -> Rgb {
    match palette {
        Palette::Warm => Rgb::new(0x4f, 0xbf, 0x5a),
        Palette::ColourBlind => Rgb::new(0x55, 0x99, 0xdd),
    }
}

/// Steps of intensity between grey and the full colour: fills come from a few dozen
/// colours, so the canvas changes its fill style rarely, and differences below half a
/// step (|change| under about 0.03% of the node) stay plain grey.
const STEPS: f64 = 32.0;

/// How much a node changed, from its `delta` (after − before) and `weight`
/// (after + before): `2·delta / (weight + |delta|)`, which is `delta / max(before, after)`,
/// in −1..=1. 1 means the node is new, −1 that it is gone, 0 that it is unchanged (and
/// also for a node of weight 0).
pub fn diff_ratio(delta: i64, weight: i64) -> f64 {
    let den = weight as f64 + (delta as f64).abs();
    if weight == 0 || den <= 0.0 {
        return 0.0;
    }
    (2.0 * delta as f64 / den).clamp(-1.0, 1.0)
}

/// The fill for a change of `ratio` (see [`diff_ratio`]): [`UNCHANGED`] grey at 0, moving
/// towards the palette's "grew" colour for positive ratios and its "shrank" colour for
/// negative ones. The intensity is √|ratio| (so small changes show), in 32 steps.
pub fn diff_colour(ratio: f64, palette: Palette) -> Rgb {
    let r = if ratio.is_finite() {
        ratio.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let t = (r.abs().sqrt() * STEPS).round() / STEPS;
    let to = if r > 0.0 {
        grew(palette)
    } else {
        shrank(palette)
    };
    lerp(UNCHANGED, to, t)
}

/// Each channel `t` (0..=1) of the way from `a` to `b`, rounded to nearest.
fn lerp(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let ch = |a: u8, b: u8| {
        let (a, b) = (f64::from(a), f64::from(b));
        (a + (b - a) * t).round().clamp(0.0, 255.0) as u8
    };
    Rgb::new(ch(a.r, b.r), ch(a.g, b.g), ch(a.b, b.b))
}

/// The colour scale as a CSS `linear-gradient` from "shrank" (left, ratio −1) through
/// "unchanged" to "grew" (right, ratio 1), with `stops` (at least 2) evenly spaced stops
/// computed by [`diff_colour`].
pub fn diff_gradient_css(palette: Palette, stops: usize) -> String {
    let n = stops.max(2);
    let parts: Vec<String> = (0..n)
        .map(|k| {
            let at = k as f64 / (n - 1) as f64;
            let colour = diff_colour(at * 2.0 - 1.0, palette);
            format!("{} {}%", colour.css(), round2(at * 100.0))
        })
        .collect();
    format!("linear-gradient(to right, {})", parts.join(", "))
}

/// `v` with at most two decimals and no trailing zeros (`12.5`, `0`, `33.33`).
fn round2(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `(before, after)` summed over the nodes `first..=last` of a comparison's tree (one node
/// when `first == last`; a run of merged siblings otherwise); `None` when the range is
/// empty or outside the tree.
pub fn before_after(tree: &CallTree, first: u32, last: u32) -> Option<(i64, i64)> {
    let range = first as usize..=last as usize;
    let (weight, total) = (tree.weight.get(range.clone())?, tree.total.get(range)?);
    if weight.is_empty() {
        return None;
    }
    let w = weight.iter().fold(0i64, |a, &v| a.wrapping_add(v));
    let t = total.iter().fold(0i64, |a, &v| a.wrapping_add(v));
    Some((w.wrapping_sub(t) / 2, w.wrapping_add(t) / 2))
}

/// How much `after` differs from `before`, as a share of `before`: `+35.0%`, `-100.0%`
/// when it is gone, `new` when there was nothing before, `0%` when equal (the top table's
/// `delta%` cells read the same).
pub fn relative_change(before: i64, after: i64) -> String {
    if before == after {
        return "0%".to_string();
    }
    if before == 0 {
        return "new".to_string();
    }
    let pct = (after as f64 - before as f64) / (before as f64).abs() * 100.0;
    format!("{pct:+.1}%")
}

/// Per-node fills of a comparison's tree for one palette (computed once per tree).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiffColours {
    fill: Vec<Rgb>,
    palette: Palette,
}

impl DiffColours {
    /// Colours every node of `tree` (the root and stand-ins too) by its change.
    pub fn new(tree: &CallTree, palette: Palette) -> Self {
        let fill = tree
            .total
            .iter()
            .zip(&tree.weight)
            .map(|(&t, &w)| diff_colour(diff_ratio(t, w), palette))
            .collect();
        Self { fill, palette }
    }

    /// The fill of node `n` ([`UNCHANGED`] outside the tree).
    pub fn get(&self, n: u32) -> Rgb {
        self.fill.get(n as usize).copied().unwrap_or(UNCHANGED)
    }

    /// The fill of the merged siblings `first..=last`: their summed change.
    pub fn merged(&self, tree: &CallTree, first: u32, last: u32) -> Rgb {
        let range = first as usize..=last as usize;
        match (tree.total.get(range.clone()), tree.weight.get(range)) {
            (Some(t), Some(w)) => {
                let sum = |v: &[i64]| v.iter().fold(0i64, |a, &x| a.wrapping_add(x));
                diff_colour(diff_ratio(sum(t), sum(w)), self.palette)
            }
            _ => UNCHANGED,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::colour::contrast;
    use crate::render::{dimmed, text_colour};

    /// A comparison tree: root, then one child per `(before, after)`.
    fn tree(nodes: &[(i64, i64)]) -> CallTree {
        let (b, a): (i64, i64) = nodes.iter().fold((0, 0), |(x, y), &(b, a)| (x + b, y + a));
        let mut t = CallTree {
            parent: vec![crate::query::NONE],
            frame: vec![crate::query::NONE],
            total: vec![a - b],
            self_value: vec![0],
            weight: vec![a + b],
            ..CallTree::default()
        };
        for &(b, a) in nodes {
            t.parent.push(0);
            t.frame.push(crate::query::NONE);
            t.total.push(a - b);
            t.self_value.push(a - b);
            t.weight.push(a + b);
        }
        t
    }

    #[test]
    fn ratio_signs_and_endpoints() {
        // (before, after) → ratio = (after − before) / max(before, after).
        let r = |b: i64, a: i64| diff_ratio(a - b, a + b);
        assert_eq!(r(0, 10), 1.0);
        assert_eq!(r(10, 0), -1.0);
        assert_eq!(r(10, 10), 0.0);
        assert_eq!(r(0, 0), 0.0);
        assert!((r(100, 150) - 50.0 / 150.0).abs() < 1e-12);
        assert!((r(150, 100) + 50.0 / 150.0).abs() < 1e-12);
        assert!(r(100, 101) > 0.0 && r(101, 100) < 0.0);
        // Weight 0 (or nonsense from mixed signs) stays in range.
        assert_eq!(diff_ratio(5, 0), 0.0);
        assert!((-1.0..=1.0).contains(&diff_ratio(-7, 3)));
        assert!((-1.0..=1.0).contains(&diff_ratio(i64::MAX, i64::MAX)));
    }

    #[test]
    fn colours_by_sign_and_size() {
        for p in [Palette::Warm, Palette::ColourBlind] {
            assert_eq!(diff_colour(0.0, p), UNCHANGED);
            assert_eq!(diff_colour(1e-5, p), UNCHANGED, "tiny changes are grey");
            assert_eq!(diff_colour(f64::NAN, p), UNCHANGED);
            assert_eq!(diff_colour(1.0, p), grew(p));
            assert_eq!(diff_colour(-1.0, p), shrank(p));
            assert_eq!(diff_colour(7.0, p), grew(p));
            // A 1% change is already visibly tinted (√ curve), and deeper changes deeper.
            let spread = |c: Rgb| c.r.max(c.g).max(c.b) - c.r.min(c.g).min(c.b);
            assert!(spread(diff_colour(0.01, p)) >= 10, "{p:?}");
            let mut last = 0;
            for k in 0..=20 {
                let s = spread(diff_colour(f64::from(k) / 20.0, p));
                assert!(s >= last, "{p:?} {k}");
                last = s;
            }
        }
        // Warm: grew is red, shrank green; colour-blind: orange and blue.
        let (g, s) = (
            diff_colour(0.5, Palette::Warm),
            diff_colour(-0.5, Palette::Warm),
        );
        assert!(g.r > g.g && g.r > g.b, "{g:?}");
        assert!(s.g > s.r && s.g > s.b, "{s:?}");
        let (g, s) = (
            diff_colour(0.5, Palette::ColourBlind),
            diff_colour(-0.5, Palette::ColourBlind),
        );
        assert!(g.r > g.g && g.g > g.b, "orange {g:?}");
        assert!(s.b > s.g && s.g > s.r, "blue {s:?}");
        for r in [-1.0, -0.3, 0.3, 1.0] {
            assert_ne!(
                diff_colour(r, Palette::Warm),
                diff_colour(r, Palette::ColourBlind)
            );
        }
    }

    #[test]
    fn black_text_reads_on_every_diff_fill() {
        for p in [Palette::Warm, Palette::ColourBlind] {
            for k in -64..=64 {
                let c = diff_colour(f64::from(k) / 64.0, p);
                assert!(contrast(c, text_colour()) >= 4.5, "{p:?} {k} {c:?}");
                assert!(contrast(dimmed(c), text_colour()) >= 4.5, "{p:?} {k}");
            }
        }
    }

    #[test]
    fn gradient_runs_from_shrank_to_grew() {
        let css = diff_gradient_css(Palette::Warm, 9);
        assert!(
            css.starts_with("linear-gradient(to right, #4fbf5a 0%, "),
            "{css}"
        );
        assert!(css.contains(&format!("{} 50%", UNCHANGED.css())), "{css}");
        assert!(css.contains(" 12.5%, "), "{css}");
        assert!(css.ends_with("#e8554a 100%)"), "{css}");
        assert_eq!(css.matches('#').count(), 9);
        let blind = diff_gradient_css(Palette::ColourBlind, 9);
        assert!(
            blind.starts_with("linear-gradient(to right, #5599dd 0%"),
            "{blind}"
        );
        assert!(blind.ends_with("#ee7733 100%)"), "{blind}");
        assert_eq!(diff_gradient_css(Palette::Warm, 0).matches('#').count(), 2);
        assert_eq!(round2(100.0 / 3.0), "33.33");
    }

    #[test]
    fn node_colours_and_values() {
        // New, gone, unchanged, grew by half, shrank by half.
        let t = tree(&[(0, 10), (10, 0), (5, 5), (10, 20), (20, 10)]);
        let c = DiffColours::new(&t, Palette::Warm);
        assert_eq!(c.get(1), grew(Palette::Warm));
        assert_eq!(c.get(2), shrank(Palette::Warm));
        assert_eq!(c.get(3), UNCHANGED);
        assert_eq!(c.get(4), diff_colour(0.5, Palette::Warm));
        assert_eq!(c.get(5), diff_colour(-0.5, Palette::Warm));
        assert_eq!(c.get(99), UNCHANGED);
        // Root: before 45, after 45.
        assert_eq!(c.get(0), UNCHANGED);
        // Merged: 1 and 2 cancel out; 4 and 5 too.
        assert_eq!(c.merged(&t, 1, 2), UNCHANGED);
        assert_eq!(c.merged(&t, 3, 4), diff_colour(10.0 / 25.0, Palette::Warm));
        assert_eq!(c.merged(&t, 4, 99), UNCHANGED);
        assert_eq!(before_after(&t, 1, 1), Some((0, 10)));
        assert_eq!(before_after(&t, 2, 2), Some((10, 0)));
        assert_eq!(before_after(&t, 4, 5), Some((30, 30)));
        assert_eq!(before_after(&t, 0, 0), Some((45, 45)));
        assert_eq!(before_after(&t, 3, 2), None);
        assert_eq!(before_after(&t, 6, 6), None);
        let blind = DiffColours::new(&t, Palette::ColourBlind);
        assert_eq!(blind.get(1), grew(Palette::ColourBlind));
        assert_ne!(blind, c);
    }

    #[test]
    fn relative_changes() {
        assert_eq!(relative_change(100, 135), "+35.0%");
        assert_eq!(relative_change(100, 60), "-40.0%");
        assert_eq!(relative_change(100, 0), "-100.0%");
        assert_eq!(relative_change(0, 5), "new");
        assert_eq!(relative_change(0, 0), "0%");
        assert_eq!(relative_change(7, 7), "0%");
    }
}
