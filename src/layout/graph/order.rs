//! Crossing reduction: the order of the nodes within each rank.

use super::Layered;

/// Barycenter sweeps at most (alternately down and up).
const MAX_SWEEPS: usize = 24;
/// Sweeps without a better ordering before giving up.
const PATIENCE: usize = 6;
/// Transpose passes per sweep at most.
const TRANSPOSE_PASSES: usize = 4;
/// Fewer sweeps on larger graphs (at least [`MIN_SWEEPS`]): about this many node and edge
/// visits in all.
const WORK: usize = 1_500_000;
const MIN_SWEEPS: usize = 4;

/// Fills `g.layers`: a depth-first initial order (so components stay together), then
/// weighted barycenter sweeps, each followed by adjacent swaps (transpose), keeping the
/// ordering with the fewest crossings, each crossing counted as the product of the weights of
/// the two edges.
pub(super) fn order(g: &mut Layered) {
    initial(g);
    let mut pos = positions(g);
    let mut best = g.layers.clone();
    let mut best_crossings = crossings(g, &pos);
    let mut stale = 0;
    let size = g.rank.len() + g.down.iter().map(Vec::len).sum::<usize>();
    let sweeps = MAX_SWEEPS.min((WORK / size.max(1)).max(MIN_SWEEPS));
    let mut keyed: Vec<(f64, usize, usize)> = Vec::new();
    for sweep in 0..sweeps {
        if best_crossings == 0 {
            break;
        }
        let down = sweep % 2 == 0;
        let ranks: Vec<usize> = if down {
            (1..g.layers.len()).collect()
        } else {
            (0..g.layers.len().saturating_sub(1)).rev().collect()
        };
        for r in ranks {
            let fixed = if down { &g.up } else { &g.down };
            keyed.clear();
            keyed.extend(g.layers[r].iter().map(|&v| {
                (
                    barycenter(&fixed[v], &pos).unwrap_or(pos[v] as f64),
                    pos[v],
                    v,
                )
            }));
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (i, &(_, _, v)) in keyed.iter().enumerate() {
                g.layers[r][i] = v;
                pos[v] = i;
            }
        }
        transpose(g, &mut pos);
        let c = crossings(g, &pos);
        if c < best_crossings {
            best_crossings = c;
            best.clone_from(&g.layers);
            stale = 0;
        } else {
            stale += 1;
            if stale >= PATIENCE {
                break;
            }
        }
    }
    g.layers = best;
    centre_heavy(g);
}

/// Within each run of adjacent nodes with the same upper neighbours (say the callees of
/// one caller), puts the heaviest in the middle and the lighter ones alternately right and
/// left of it, so the heaviest edge can run straight down; a rank is reordered only when that
/// does not add crossings.
fn centre_heavy(g: &mut Layered) {
    let mut pos = positions(g);
    for r in 1..g.layers.len() {
        let before = g.layers[r].clone();
        let callers: Vec<Vec<usize>> = before
            .iter()
            .map(|&v| {
                let mut ids: Vec<usize> = g.up[v].iter().map(|&(u, _)| u).collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        let mut start = 0;
        let mut changed = false;
        while start < before.len() {
            let mut end = start + 1;
            while end < before.len() && !callers[start].is_empty() && callers[end] == callers[start]
            {
                end += 1;
            }
            if end - start > 2 {
                let mut run: Vec<(u64, usize, usize)> = before[start..end]
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| (g.up[v].iter().map(|&(_, w)| u64::from(w)).sum(), i, v))
                    .collect();
                run.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                let k = run.len();
                let mid = (k - 1) / 2;
                for (j, &(_, _, v)) in run.iter().enumerate() {
                    let step = j.div_ceil(2);
                    let at = if j % 2 == 1 { mid + step } else { mid - step };
                    g.layers[r][start + at] = v;
                }
                changed = true;
            }
            start = end;
        }
        if !changed {
            continue;
        }
        let old = crossings_around(g, &pos, r);
        for (i, &v) in g.layers[r].iter().enumerate() {
            pos[v] = i;
        }
        if crossings_around(g, &pos, r) > old {
            for (i, &v) in before.iter().enumerate() {
                pos[v] = i;
            }
            g.layers[r] = before;
        }
    }
}

/// Each rank's nodes in the order a depth-first search down the edges first reaches them,
/// starting from the real nodes by (rank, index).
fn initial(g: &mut Layered) {
    let n = g.rank.len();
    let mut roots: Vec<usize> = (0..g.real).collect();
    roots.sort_by_key(|&v| (g.rank[v], v));
    let mut seen = vec![false; n];
    let mut stack = Vec::new();
    for root in roots {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        stack.push(root);
        while let Some(v) = stack.pop() {
            g.layers[g.rank[v]].push(v);
            for &(w, _) in g.down[v].iter().rev() {
                if !seen[w] {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
    }
}

fn positions(g: &Layered) -> Vec<usize> {
    let mut pos = vec![0; g.rank.len()];
    for layer in &g.layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// The weighted mean position of `neighbours`; `None` without any.
fn barycenter(neighbours: &[(usize, u32)], pos: &[usize]) -> Option<f64> {
    let (mut sum, mut total) = (0.0, 0.0);
    for &(w, weight) in neighbours {
        sum += pos[w] as f64 * f64::from(weight);
        total += f64::from(weight);
    }
    (total > 0.0).then(|| sum / total)
}

/// Swaps neighbours within a rank while that lowers the crossings of their edges; after the
/// first pass, only ranks next to one that changed are looked at again.
fn transpose(g: &mut Layered, pos: &mut [usize]) {
    let ranks = g.layers.len();
    let mut changed = vec![true; ranks];
    for _ in 0..TRANSPOSE_PASSES {
        let look: Vec<bool> = (0..ranks)
            .map(|r| changed[r.saturating_sub(1)..(r + 2).min(ranks)].contains(&true))
            .collect();
        changed.fill(false);
        for r in (0..ranks).filter(|&r| look[r]) {
            for i in 1..g.layers[r].len() {
                let (u, v) = (g.layers[r][i - 1], g.layers[r][i]);
                let now = pair_crossings(g, pos, u, v);
                let swapped = pair_crossings(g, pos, v, u);
                if swapped < now {
                    g.layers[r].swap(i - 1, i);
                    pos[u] = i;
                    pos[v] = i - 1;
                    changed[r] = true;
                }
            }
        }
        if !changed.contains(&true) {
            break;
        }
    }
}

/// Weighted crossings between the edges of `u` and of `v` when `u` is left of `v`.
fn pair_crossings(g: &Layered, pos: &[usize], u: usize, v: usize) -> u64 {
    let mut c = 0u64;
    for lists in [&g.up, &g.down] {
        for &(a, wa) in &lists[u] {
            for &(b, wb) in &lists[v] {
                if pos[a] > pos[b] {
                    c = c.saturating_add(u64::from(wa) * u64::from(wb));
                }
            }
        }
    }
    c
}

/// Σ over crossing edge pairs of the product of their weights, rank pair by rank pair.
pub(super) fn crossings(g: &Layered, pos: &[usize]) -> u64 {
    (1..g.layers.len())
        .map(|r| crossings_above(g, pos, r))
        .fold(0, u64::saturating_add)
}

/// The weighted crossings between ranks `r − 1` and `r` (`r` ≥ 1), by sorting and a Fenwick
/// tree: O(E log V).
fn crossings_above(g: &Layered, pos: &[usize], r: usize) -> u64 {
    let mut edges = Vec::new();
    for &a in &g.layers[r - 1] {
        for &(b, w) in &g.down[a] {
            edges.push((pos[a], pos[b], u64::from(w)));
        }
    }
    edges.sort_unstable();
    let size = g.layers[r].len();
    let mut tree = vec![0u64; size + 1];
    let (mut total, mut inserted) = (0u64, 0u64);
    for &(_, b, w) in &edges {
        // Weight already inserted at positions ≤ b.
        let mut at_most = 0u64;
        let mut i = b + 1;
        while i > 0 {
            at_most += tree[i];
            i &= i - 1;
        }
        total = total.saturating_add(w * (inserted - at_most));
        inserted += w;
        let mut i = b + 1;
        while i <= size {
            tree[i] += w;
            i += i & i.wrapping_neg();
        }
    }
    total
}

/// The weighted crossings of the edges touching rank `r`.
fn crossings_around(g: &Layered, pos: &[usize], r: usize) -> u64 {
    let above = if r > 0 { crossings_above(g, pos, r) } else { 0 };
    let below = if r + 1 < g.layers.len() {
        crossings_above(g, pos, r + 1)
    } else {
        0
    };
    above.saturating_add(below)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layered(n: usize, ranks: &[usize], edges: &[(usize, usize, u32)]) -> Layered {
        Layered::build(&vec![(5.0, 5.0); n], ranks, &super::super::test_dag(edges))
    }

    #[test]
    fn counts_weighted_crossings() {
        // 0 1 above 2 3, edges 0 → 3 (weight 2) and 1 → 2 (weight 3) cross once.
        let mut g = layered(4, &[0, 0, 1, 1], &[(0, 3, 2), (1, 2, 3)]);
        g.layers = vec![vec![0, 1], vec![2, 3]];
        assert_eq!(crossings(&g, &positions(&g)), 6);
        g.layers = vec![vec![0, 1], vec![3, 2]];
        assert_eq!(crossings(&g, &positions(&g)), 0);
        // Shared ends never cross.
        let mut g = layered(3, &[0, 0, 1], &[(0, 2, 1), (1, 2, 1)]);
        g.layers = vec![vec![1, 0], vec![2]];
        assert_eq!(crossings(&g, &positions(&g)), 0);
    }

    fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut all = Vec::new();
        for i in 0..items.len() {
            let mut rest = items.to_vec();
            let first = rest.remove(i);
            for mut p in permutations(&rest) {
                p.insert(0, first);
                all.push(p);
            }
        }
        all
    }

    #[test]
    fn finds_the_fewest_crossings_on_small_graphs() {
        let cases: [&[(usize, usize, u32)]; 3] = [
            // A 6-cycle on two rows.
            &[
                (0, 4, 1),
                (0, 5, 1),
                (1, 3, 1),
                (2, 5, 1),
                (2, 3, 1),
                (1, 4, 1),
            ],
            // A zigzag that depth-first order draws crossed.
            &[(0, 5, 1), (1, 4, 1), (2, 3, 1), (0, 3, 2), (2, 5, 1)],
            &[
                (0, 3, 1),
                (1, 3, 1),
                (2, 4, 3),
                (0, 5, 1),
                (1, 4, 1),
                (2, 5, 1),
            ],
        ];
        for edges in cases {
            let mut g = layered(6, &[0, 0, 0, 1, 1, 1], edges);
            order(&mut g);
            let found = crossings(&g, &positions(&g));
            let mut fewest = u64::MAX;
            for top in permutations(&[0, 1, 2]) {
                for bottom in permutations(&[3, 4, 5]) {
                    g.layers = vec![top.clone(), bottom];
                    fewest = fewest.min(crossings(&g, &positions(&g)));
                }
            }
            assert_eq!(found, fewest, "{edges:?}");
        }
    }

    #[test]
    fn heavy_edges_are_not_crossed() {
        // Two chains 0 → 2 (heavy) and 1 → 3, plus 0 → 3 and 1 → 2 (light): one crossing is
        // unavoidable, and it must be between the light edges.
        let edges = [(0, 3, 1), (1, 2, 1), (0, 2, 50), (1, 3, 50)];
        let mut g = layered(4, &[0, 0, 1, 1], &edges);
        order(&mut g);
        assert_eq!(crossings(&g, &positions(&g)), 1);
    }
}
