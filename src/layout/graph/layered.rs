//! The layered graph: real nodes and the dummy nodes that long edges become.

use super::DagEdge;

/// The layered graph: the real nodes `0..real`, then one dummy node per rank crossed by a
/// long edge. Neighbour lists hold (node, edge weight), in input edge order.
#[derive(Clone, Debug, Default)]
pub(super) struct Layered {
    pub(super) real: usize,
    pub(super) rank: Vec<usize>,
    /// Extent left of the centre line.
    pub(super) left: Vec<f64>,
    /// Extent right of the centre line (a real node's self-loops included).
    pub(super) right: Vec<f64>,
    pub(super) up: Vec<Vec<(usize, u32)>>,
    pub(super) down: Vec<Vec<(usize, u32)>>,
    /// Each rank's nodes, in drawing order (filled by `order`).
    pub(super) layers: Vec<Vec<usize>>,
    /// Per [`DagEdge`]: its layered nodes from `upper` to `lower`, both included.
    pub(super) chains: Vec<Vec<usize>>,
}

/// Half width of a dummy node.
const DUMMY_HALF: f64 = 1.0;

impl Layered {
    pub(super) fn is_dummy(&self, v: usize) -> bool {
        v >= self.real
    }

    fn add(&mut self, rank: usize, left: f64, right: f64) -> usize {
        self.rank.push(rank);
        self.left.push(left);
        self.right.push(right);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.rank.len() - 1
    }

    /// Real nodes with their half extents, dummy chains for the edges.
    pub(super) fn build(half: &[(f64, f64)], ranks: &[usize], dag: &[DagEdge]) -> Layered {
        let mut g = Layered {
            real: half.len(),
            ..Layered::default()
        };
        for (&(l, r), &rank) in half.iter().zip(ranks) {
            g.add(rank, l, r);
        }
        for e in dag {
            let mut chain = vec![e.upper];
            let mut prev = e.upper;
            for r in ranks[e.upper] + 1..ranks[e.lower] {
                let d = g.add(r, DUMMY_HALF, DUMMY_HALF);
                g.down[prev].push((d, e.weight));
                g.up[d].push((prev, e.weight));
                chain.push(d);
                prev = d;
            }
            g.down[prev].push((e.lower, e.weight));
            g.up[e.lower].push((prev, e.weight));
            chain.push(e.lower);
            g.chains.push(chain);
        }
        let ranks_count = g.rank.iter().max().map_or(0, |&m| m + 1);
        g.layers = vec![Vec::new(); ranks_count];
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dummies_chain_long_edges() {
        let dag = [DagEdge {
            input: 0,
            upper: 0,
            lower: 1,
            weight: 3,
            min_len: 1,
            reversed: false,
        }];
        let g = Layered::build(&[(1.0, 1.0), (1.0, 1.0)], &[0, 3], &dag);
        assert_eq!(g.chains, vec![vec![0, 2, 3, 1]]);
        assert_eq!(g.rank, vec![0, 3, 1, 2]);
        assert_eq!(g.layers.len(), 4);
        assert_eq!(g.down[0], vec![(2, 3)]);
        assert_eq!(g.up[1], vec![(3, 3)]);
    }
}
