//! Cycle removal: which edges to reverse so that the graph becomes acyclic.

/// For each `(from, to)` edge (no self-loops, ends `< n`), whether to reverse it: the back
/// edges of a depth-first search that starts from the sources (nodes nothing calls) in index
/// order, then from every node still unvisited in index order, following edges in input
/// order. Reversing every back edge leaves a graph without cycles.
pub(super) fn reversed_edges(n: usize, edges: &[(usize, usize)]) -> Vec<bool> {
    let mut out = vec![Vec::new(); n];
    let mut has_in = vec![false; n];
    for (i, &(a, b)) in edges.iter().enumerate() {
        out[a].push(i);
        has_in[b] = true;
    }
    // 0 unvisited, 1 on the DFS stack, 2 done.
    let mut state = vec![0u8; n];
    let mut reversed = vec![false; edges.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let roots = (0..n).filter(|&v| !has_in[v]).chain(0..n);
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&e) = out[v].get(next) {
                top.1 += 1;
                let w = edges[e].1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reversed[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    reversed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acyclic_after(n: usize, edges: &[(usize, usize)]) -> bool {
        let rev = reversed_edges(n, edges);
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
        assert_eq!(reversed_edges(4, &edges), vec![false; 4]);
    }

    #[test]
    fn cycle_reverses_the_edge_back_to_the_entry() {
        // main → a → b → a (recursion): b → a goes back.
        let edges = [(1, 2), (2, 1), (0, 1)];
        assert_eq!(reversed_edges(3, &edges), vec![false, true, false]);
    }

    #[test]
    fn cycles_without_sources_are_broken() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 1), (1, 0), (3, 2)];
        assert!(acyclic_after(4, &edges));
        let ring: Vec<(usize, usize)> = (0..50).map(|i| (i, (i * 7 + 3) % 50)).collect();
        assert!(acyclic_after(50, &ring));
    }
}
