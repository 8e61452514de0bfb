//! Horizontal coordinates: each node's centre x, keeping each rank's order and gaps.

use super::Layered;

/// Sweeps pulling each rank towards one side only (down, up, down, up), to start.
const ONE_SIDED: usize = 4;
/// Sweeps in all (both neighbours), alternating direction, at most.
const SWEEPS: usize = 64;
/// At least this many, however large the graph.
const MIN_SWEEPS: usize = 6;
/// Fewer sweeps on larger graphs: at most about this many node and edge visits in all.
const WORK: usize = 2_000_000;
/// A sweep that moves nothing by more than this (px) ends the iteration.
const SETTLED: f64 = 0.01;
/// How much a node with no neighbour on the side considered wants to stay where it is.
const STAY: f64 = 1e-3;

/// The edge's pull, beyond its weight: dot's Ω (1 between real nodes, 2 when one end is a
/// dummy, 8 between dummies), so long edges run straight.
fn omega(g: &Layered, a: usize, b: usize) -> f64 {
    match (g.is_dummy(a), g.is_dummy(b)) {
        (false, false) => 1.0,
        (true, true) => 8.0,
        _ => 2.0,
    }
}

/// The least distance between the centres of `a` and `b`, `a` left of `b` in one rank:
/// their extents plus the node gap (half of it beside a dummy, a quarter between dummies).
fn separation(g: &Layered, a: usize, b: usize, gap: f64) -> f64 {
    let gap = match (g.is_dummy(a), g.is_dummy(b)) {
        (false, false) => gap,
        (true, true) => gap / 4.0,
        _ => gap / 2.0,
    };
    g.right[a] + gap + g.left[b]
}

/// Neighbour lists flattened: node `v`'s entries are `entries[first[v]..first[v + 1]]`, each
/// (neighbour, pull).
struct Pulls {
    first: Vec<usize>,
    entries: Vec<(usize, f64)>,
}

impl Pulls {
    /// Pull = weight² × Ω: a heavy edge outweighs many light ones, so it runs straight.
    fn new(g: &Layered, lists: &[Vec<(usize, u32)>]) -> Pulls {
        let mut first = Vec::with_capacity(lists.len() + 1);
        let mut entries = Vec::new();
        for (v, list) in lists.iter().enumerate() {
            first.push(entries.len());
            for &(w, weight) in list {
                let weight = f64::from(weight);
                entries.push((w, weight * weight * omega(g, v, w)));
            }
        }
        first.push(entries.len());
        Pulls { first, entries }
    }

    fn of(&self, v: usize) -> &[(usize, f64)] {
        &self.entries[self.first[v]..self.first[v + 1]]
    }
}

/// Centre x of every layered node (any origin; the caller shifts). Starting from each rank
/// packed to the left, it minimises Σ pull × (x_a − x_b)² over the edges (pull = weight² × Ω)
/// subject to every rank's order and separations, one rank at a time given its neighbours
/// (solved exactly by [`place_into`]) in alternating sweeps, until nothing moves by more than
/// a hundredth of a pixel or the sweeps run out (fewer on very large graphs).
pub(super) fn x_coords(g: &Layered, gap: f64) -> Vec<f64> {
    let (up, down) = (Pulls::new(g, &g.up), Pulls::new(g, &g.down));
    // Each rank's offsets: Σ of the separations to its left.
    let offsets: Vec<Vec<f64>> = g
        .layers
        .iter()
        .map(|layer| {
            let mut at = 0.0;
            let mut out = Vec::with_capacity(layer.len());
            for (i, &v) in layer.iter().enumerate() {
                if i > 0 {
                    at += separation(g, layer[i - 1], v, gap);
                }
                out.push(at);
            }
            out
        })
        .collect();
    let mut x = vec![0.0; g.rank.len()];
    for (layer, offset) in g.layers.iter().zip(&offsets) {
        for (&v, &o) in layer.iter().zip(offset) {
            x[v] = o;
        }
    }
    let size = g.rank.len() + up.entries.len();
    let sweeps = SWEEPS.min((WORK / size.max(1)).max(MIN_SWEEPS));
    let ranks = g.layers.len();
    let (mut desired, mut weights, mut placed) = (Vec::new(), Vec::new(), Vec::new());
    let mut blocks = Vec::new();
    for sweep in 0..ONE_SIDED + sweeps {
        let downward = sweep % 2 == 0;
        let (use_up, use_down) = if sweep < ONE_SIDED {
            (downward, !downward)
        } else {
            (true, true)
        };
        let mut moved = 0.0f64;
        for k in 0..ranks {
            let r = if downward { k } else { ranks - 1 - k };
            let layer = &g.layers[r];
            desired.clear();
            weights.clear();
            for &v in layer {
                let (mut sum, mut total) = (0.0, 0.0);
                for (on, pulls) in [(use_up, &up), (use_down, &down)] {
                    if on {
                        for &(w, pull) in pulls.of(v) {
                            sum += pull * x[w];
                            total += pull;
                        }
                    }
                }
                if total > 0.0 {
                    desired.push(sum / total);
                    weights.push(total);
                } else {
                    desired.push(x[v]);
                    weights.push(STAY);
                }
            }
            place_into(&desired, &weights, &offsets[r], &mut blocks, &mut placed);
            for (&v, &p) in layer.iter().zip(&placed) {
                moved = moved.max((x[v] - p).abs());
                x[v] = p;
            }
        }
        if sweep >= ONE_SIDED && moved < SETTLED {
            break;
        }
    }
    straighten(g, &up, &down, &offsets, &mut x);
    x
}

/// The squared pulls spread a jog over a whole chain (each link slanted a little); dot's
/// drawings keep chains straight and jog once. Top down, a node with one edge up and one down
/// (a chain link, or a long edge's dummy) moves right under its upper neighbour, or else right
/// above its lower one, when that fits between its rank neighbours and costs no more
/// Σ pull × |x_a − x_b| than where it is.
fn straighten(g: &Layered, up: &Pulls, down: &Pulls, offsets: &[Vec<f64>], x: &mut [f64]) {
    for (layer, offset) in g.layers.iter().zip(offsets) {
        for (i, &v) in layer.iter().enumerate() {
            let (&[(a, pa)], &[(b, pb)]) = (up.of(v), down.of(v)) else {
                continue;
            };
            let cost = |at: f64, x: &[f64]| pa * (at - x[a]).abs() + pb * (at - x[b]).abs();
            let now = cost(x[v], x);
            // The room between the rank neighbours (their separations are the offsets').
            let low = if i > 0 {
                x[layer[i - 1]] + (offset[i] - offset[i - 1])
            } else {
                f64::NEG_INFINITY
            };
            let high = if i + 1 < layer.len() {
                x[layer[i + 1]] - (offset[i + 1] - offset[i])
            } else {
                f64::INFINITY
            };
            for target in [x[a], x[b]] {
                if (low..=high).contains(&target) && cost(target, x) <= now + 1e-9 {
                    x[v] = target;
                    break;
                }
            }
        }
    }
}

/// Positions `p` minimising Σ weights[i] × (p[i] − desired[i])² subject to
/// p[i] − p[i−1] ≥ sep(i).
pub(super) fn place(desired: &[f64], weights: &[f64], sep: impl Fn(usize) -> f64) -> Vec<f64> {
    let mut offset = Vec::with_capacity(desired.len());
    let mut at = 0.0;
    for i in 0..desired.len() {
        if i > 0 {
            at += sep(i);
        }
        offset.push(at);
    }
    let mut out = Vec::new();
    place_into(desired, weights, &offset, &mut Vec::new(), &mut out);
    out
}

/// [`place`] with the cumulative separations given (`offset[i]` = Σ sep up to `i`): an
/// isotonic regression of desired − offset, solved by pooling adjacent violators into
/// `blocks` (Σ weight, Σ weight × value, count); the positions go to `out`.
fn place_into(
    desired: &[f64],
    weights: &[f64],
    offset: &[f64],
    blocks: &mut Vec<(f64, f64, usize)>,
    out: &mut Vec<f64>,
) {
    blocks.clear();
    for i in 0..desired.len() {
        blocks.push((weights[i], weights[i] * (desired[i] - offset[i]), 1));
        while blocks.len() >= 2 {
            let (w1, s1, c1) = blocks[blocks.len() - 1];
            let (w0, s0, c0) = blocks[blocks.len() - 2];
            if s0 / w0 <= s1 / w1 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (w0 + w1, s0 + s1, c0 + c1);
        }
    }
    out.clear();
    for &(w, s, c) in blocks.iter() {
        for _ in 0..c {
            out.push(s / w + offset[out.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_keeps_order_and_gaps() {
        // Both want 0: they share the overlap equally.
        let p = place(&[0.0, 0.0], &[1.0, 1.0], |_| 10.0);
        assert_eq!(p, vec![-5.0, 5.0]);
        // The heavier one stays nearer its wish.
        let p = place(&[0.0, 0.0], &[3.0, 1.0], |_| 8.0);
        assert_eq!(p, vec![-2.0, 6.0]);
        // Far enough apart already: unchanged.
        let p = place(&[0.0, 50.0, 49.0], &[1.0, 1.0, 1.0], |_| 1.0);
        assert_eq!(p, vec![0.0, 49.0, 50.0]);
    }

    use super::super::test_dag as dag;

    #[test]
    fn parent_centred_over_children_and_heavy_edge_vertical() {
        let half = vec![(10.0, 10.0); 3];
        let mut g = Layered::build(&half, &[0, 1, 1], &dag(&[(0, 1, 1), (0, 2, 1)]));
        g.layers = vec![vec![0], vec![1, 2]];
        let x = x_coords(&g, 20.0);
        assert!((x[0] - (x[1] + x[2]) / 2.0).abs() < 1e-6);
        assert!((x[2] - x[1] - 40.0).abs() < 1e-6);
        let mut g = Layered::build(&half, &[0, 1, 1], &dag(&[(0, 1, 100), (0, 2, 1)]));
        g.layers = vec![vec![0], vec![1, 2]];
        let x = x_coords(&g, 20.0);
        assert!((x[0] - x[1]).abs() < 1.0, "{x:?}");
    }

    #[test]
    fn long_edges_run_straight() {
        // 0 → 1 → 2 → 3 and 0 → 3 around it: the long edge's dummies line up.
        let half = vec![(10.0, 10.0); 4];
        let edges = dag(&[(0, 1, 1), (1, 2, 1), (2, 3, 1), (0, 3, 1)]);
        let mut g = Layered::build(&half, &[0, 1, 2, 3], &edges);
        g.layers = vec![vec![0], vec![1, 4], vec![2, 5], vec![3]];
        let x = x_coords(&g, 20.0);
        assert!((x[4] - x[5]).abs() < 1e-3, "{x:?}");
        assert!(x[4] - x[1] >= 10.0 + 10.0 + 1.0 - 1e-9);
    }

    #[test]
    fn chains_jog_once() {
        // A chain 0 → 1 → 2 → 3 slanted evenly (what squared pulls give between two fixed
        // ends) becomes straight under 0 with one jog into 3.
        let half = vec![(10.0, 10.0); 4];
        let edges = dag(&[(0, 1, 1), (1, 2, 1), (2, 3, 1)]);
        let mut g = Layered::build(&half, &[0, 1, 2, 3], &edges);
        g.layers = vec![vec![0], vec![1], vec![2], vec![3]];
        let (up, down) = (Pulls::new(&g, &g.up), Pulls::new(&g, &g.down));
        let offsets = vec![vec![0.0]; 4];
        let mut x = vec![0.0, 10.0, 20.0, 30.0];
        straighten(&g, &up, &down, &offsets, &mut x);
        assert_eq!(x, vec![0.0, 0.0, 0.0, 30.0]);
        // No room under the caller (a rank neighbour in the way): 1 goes over 2 instead.
        let mut g = Layered::build(&[(10.0, 10.0); 5], &[0, 1, 2, 3, 1], &edges);
        g.layers = vec![vec![0], vec![4, 1], vec![2], vec![3]];
        let (up, down) = (Pulls::new(&g, &g.up), Pulls::new(&g, &g.down));
        let offsets = vec![vec![0.0], vec![0.0, 30.0], vec![0.0], vec![0.0]];
        let mut x = vec![0.0, 10.0, 20.0, 30.0, -15.0];
        straighten(&g, &up, &down, &offsets, &mut x);
        assert_eq!(x, vec![0.0, 20.0, 20.0, 30.0, -15.0]);
    }
}
