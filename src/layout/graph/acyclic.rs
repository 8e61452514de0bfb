//! Cycle removal: which edges to reverse so that the graph becomes acyclic.

/// For each `(from, to, weight)` edge (no self-loops, ends `< n`), whether to reverse it so
/// that no cycle is left: Eades, Lin and Smyth's greedy heuristic, weighted. Sources go to
/// the front of a sequence as they appear, sinks to the back; when only cycles are left, the
/// node whose out-weight most exceeds its in-weight (smallest index on ties) goes to the
/// front. The edges that point backwards in the sequence are the ones reversed: on a graph
/// without cycles, none.
pub(super) fn reversed_edges(n: usize, edges: &[(usize, usize, u32)]) -> Vec<bool> {
    let mut outs = vec![Vec::new(); n];
    let mut ins = vec![Vec::new(); n];
    let (mut in_count, mut out_count) = (vec![0usize; n], vec![0usize; n]);
    // Out-weight minus in-weight over the edges still in the graph.
    let mut delta = vec![0i64; n];
    for (i, &(a, b, w)) in edges.iter().enumerate() {
        outs[a].push(i);
        ins[b].push(i);
        out_count[a] += 1;
        in_count[b] += 1;
        delta[a] += i64::from(w);
        delta[b] -= i64::from(w);
    }
    let mut removed = vec![false; n];
    let (mut front, mut back) = (Vec::with_capacity(n), Vec::new());
    // Candidates, highest index on top so the smallest comes off first.
    let mut sources: Vec<usize> = (0..n).rev().filter(|&v| in_count[v] == 0).collect();
    let mut sinks: Vec<usize> = (0..n).rev().filter(|&v| out_count[v] == 0).collect();
    let mut left = n;
    while left > 0 {
        let v = if let Some(v) = sinks.pop() {
            if removed[v] {
                continue;
            }
            back.push(v);
            v
        } else if let Some(v) = sources.pop() {
            if removed[v] {
                continue;
            }
            front.push(v);
            v
        } else {
            let mut best = None;
            for v in (0..n).filter(|&v| !removed[v]) {
                if best.is_none_or(|b: usize| delta[v] > delta[b]) {
                    best = Some(v);
                }
            }
            let Some(v) = best else { break };
            front.push(v);
            v
        };
        removed[v] = true;
        left -= 1;
        for &i in &outs[v] {
            let (_, b, w) = edges[i];
            if !removed[b] {
                in_count[b] -= 1;
                delta[b] += i64::from(w);
                if in_count[b] == 0 {
                    sources.push(b);
                }
            }
        }
        for &i in &ins[v] {
            let (a, _, w) = edges[i];
            if !removed[a] {
                out_count[a] -= 1;
                delta[a] -= i64::from(w);
                if out_count[a] == 0 {
                    sinks.push(a);
                }
            }
        }
    }
    let mut at = vec![0usize; n];
    for (i, &v) in front.iter().chain(back.iter().rev()).enumerate() {
        at[v] = i;
    }
    edges.iter().map(|&(a, b, _)| at[a] > at[b]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weighted(edges: &[(usize, usize)]) -> Vec<(usize, usize, u32)> {
        edges.iter().map(|&(a, b)| (a, b, 1)).collect()
    }

    fn acyclic_after(n: usize, edges: &[(usize, usize)]) -> bool {
        let rev = reversed_edges(n, &weighted(edges));
        let mut indeg = vec![0; n];
        let mut out = vec![Vec::new(); n];
        for (&(a, b), &r) in edges.iter().zip(&rev) {
            let (a, b) = if r { (b, a) } else { (a, b) };
            out[a].push(b);
            indeg[b] += 1;
        }
        let mut ready: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
        let mut seen = 0;
        while let Some(v) = ready.pop() {
            seen += 1;
            for &w in &out[v] {
                indeg[w] -= 1;
                if indeg[w] == 0 {
                    ready.push(w);
                }
            }
        }
        seen == n
    }

    #[test]
    fn dag_keeps_every_edge() {
        let edges = [(0, 1), (1, 2), (0, 2), (3, 2)];
        assert_eq!(reversed_edges(4, &weighted(&edges)), vec![false; 4]);
    }

    #[test]
    fn cycle_reverses_the_edge_back_to_the_entry() {
        // main → a → b → a (recursion): b → a goes back.
        let edges = [(1, 2), (2, 1), (0, 1)];
        assert_eq!(
            reversed_edges(3, &weighted(&edges)),
            vec![false, true, false]
        );
        // The lighter edge of a 2-cycle is the one reversed.
        let edges = [(0, 1, 1), (1, 0, 5)];
        assert_eq!(reversed_edges(2, &edges), vec![true, false]);
    }

    #[test]
    fn cycles_without_sources_are_broken() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 1), (1, 0), (3, 2)];
        assert!(acyclic_after(4, &edges));
        let ring: Vec<(usize, usize)> = (0..50).map(|i| (i, (i * 7 + 3) % 50)).collect();
        assert!(acyclic_after(50, &ring));
    }
}
