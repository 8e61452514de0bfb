//! Rank assignment: which row each node goes in, callers above callees.

use super::DagEdge;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Passes of the tightening step at most (each one moves every node that can improve).
const MAX_PASSES: usize = 64;

/// Ranks of the `n` nodes for the acyclic `dag`: every edge spans at least its `min_len`
/// ranks. Longest path from the sources first; then, one node at a time in topological order
/// (and reverse order on alternate passes), a node whose in-edges outweigh its out-edges moves
/// up as far as its callers allow, and one whose out-edges outweigh its in-edges moves down as
/// far as its callees allow, which lowers Σ weight × length each time; a tie also moves down,
/// which costs nothing and lets its callers follow (each move lowers the cost, or keeps it and
/// raises Σ rank, so it ends). Each connected component is then shifted to start at rank 0.
pub(super) fn assign(n: usize, dag: &[DagEdge]) -> Vec<usize> {
    let mut ins = vec![Vec::new(); n];
    let mut outs = vec![Vec::new(); n];
    for (i, e) in dag.iter().enumerate() {
        outs[e.upper].push(i);
        ins[e.lower].push(i);
    }
    let topo = topological(n, dag, &outs, &ins);
    let mut rank = vec![0i64; n];
    for &v in &topo {
        for &i in &outs[v] {
            let e = &dag[i];
            rank[e.lower] = rank[e.lower].max(rank[v] + i64::from(e.min_len));
        }
    }
    for pass in 0..MAX_PASSES {
        let mut moved = false;
        for k in 0..topo.len() {
            let v = if pass % 2 == 0 {
                topo[k]
            } else {
                topo[topo.len() - 1 - k]
            };
            let (mut lo, mut hi) = (i64::MIN, i64::MAX);
            let (mut w_in, mut w_out) = (0u64, 0u64);
            for &i in &ins[v] {
                lo = lo.max(rank[dag[i].upper] + i64::from(dag[i].min_len));
                w_in += u64::from(dag[i].weight);
            }
            for &i in &outs[v] {
                hi = hi.min(rank[dag[i].lower] - i64::from(dag[i].min_len));
                w_out += u64::from(dag[i].weight);
            }
            let to = if w_in > w_out && lo != i64::MIN {
                lo
            } else if w_out >= w_in && w_out > 0 && hi != i64::MAX {
                // On a tie too: the cost stays, and the node's callers can follow it down
                // next (a caller chain hanging off a deep node comes down to it).
                hi
            } else {
                rank[v]
            };
            if to != rank[v] {
                rank[v] = to;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    normalise(n, dag, &rank)
}

/// Kahn's order, the smallest ready index first; nodes left over (none for an acyclic
/// input) are appended in index order so every node appears once.
fn topological(n: usize, dag: &[DagEdge], outs: &[Vec<usize>], ins: &[Vec<usize>]) -> Vec<usize> {
    let mut indeg: Vec<usize> = ins.iter().map(Vec::len).collect();
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&v| indeg[v] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    while let Some(Reverse(v)) = ready.pop() {
        order.push(v);
        placed[v] = true;
        for &i in &outs[v] {
            let w = dag[i].lower;
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.push(Reverse(w));
            }
        }
    }
    order.extend((0..n).filter(|&v| !placed[v]));
    order
}

/// Shifts each connected component so its smallest rank is 0.
fn normalise(n: usize, dag: &[DagEdge], rank: &[i64]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for e in dag {
        let (a, b) = (find(&mut parent, e.upper), find(&mut parent, e.lower));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut low = vec![i64::MAX; n];
    for (v, &r) in rank.iter().enumerate() {
        let c = find(&mut parent, v);
        low[c] = low[c].min(r);
    }
    (0..n)
        .map(|v| {
            let c = find(&mut parent, v);
            usize::try_from(rank[v] - low[c]).unwrap_or(0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dag(edges: &[(usize, usize, u32, u32)]) -> Vec<DagEdge> {
        edges
            .iter()
            .enumerate()
            .map(|(i, &(upper, lower, weight, min_len))| DagEdge {
                input: i,
                upper,
                lower,
                weight,
                min_len,
                reversed: false,
            })
            .collect()
    }

    #[test]
    fn longest_path_with_min_len() {
        let d = dag(&[(0, 1, 1, 1), (1, 2, 1, 2), (0, 2, 1, 1)]);
        assert_eq!(assign(3, &d), vec![0, 1, 3]);
    }

    #[test]
    fn sources_move_down_next_to_their_callees() {
        // 0 → 1 → 2 → 3, and 4 → 3: longest path puts 4 at rank 0, tightening at rank 2.
        let d = dag(&[(0, 1, 1, 1), (1, 2, 1, 1), (2, 3, 1, 1), (4, 3, 1, 1)]);
        assert_eq!(assign(5, &d), vec![0, 1, 2, 3, 2]);
    }

    #[test]
    fn heavy_edges_get_short() {
        // 0 → 1 → 2 → 3 → 4 fixes 4 at rank 4; node 5 is called by 0 and calls 4, and sits
        // next to whichever end its heavier edge goes to.
        let chain = [(0, 1, 1, 1), (1, 2, 1, 1), (2, 3, 1, 1), (3, 4, 1, 1)];
        let mut edges = chain.to_vec();
        edges.extend([(0, 5, 1, 1), (5, 4, 5, 1)]);
        assert_eq!(assign(6, &dag(&edges))[5], 3);
        let mut edges = chain.to_vec();
        edges.extend([(0, 5, 5, 1), (5, 4, 1, 1)]);
        assert_eq!(assign(6, &dag(&edges))[5], 1);
    }

    #[test]
    fn caller_chains_come_down_to_their_callee() {
        // 0 → 1 → … → 6 → 9 and 7 → 8 → 9: longest path puts 7 and 8 at ranks 0 and 1, nine
        // ranks above 9; 8 has as much weight in as out, and comes down with 7 behind it.
        let mut edges: Vec<(usize, usize, u32, u32)> = (0..6).map(|i| (i, i + 1, 1, 1)).collect();
        edges.extend([(6, 9, 1, 1), (7, 8, 1, 1), (8, 9, 1, 1)]);
        let r = assign(10, &dag(&edges));
        assert_eq!((r[7], r[8], r[9]), (5, 6, 7));
    }

    #[test]
    fn components_start_at_zero() {
        let d = dag(&[(0, 1, 1, 3), (2, 3, 1, 1)]);
        assert_eq!(assign(5, &d), vec![0, 3, 0, 1, 0]);
    }
}
