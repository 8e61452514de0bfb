//! The order in which pprof's merge first meets a profile's locations.
//!
//! Consumes a [`Profile`]; produces its locations in first-reference order and which
//! stack-tree nodes are reached by a sample with a value. pprof walks each sample's stack
//! leaf first, samples in order, skipping all-zero samples; that order decides the merged
//! profile's location ids and which file name survives when mappings merge.

use super::{LocId, Profile};

impl Profile {
    /// The locations in the order pprof's merge first meets them (samples in order, each
    /// stack leaf first, all-zero samples skipped), and which stack-tree nodes those walks
    /// reach.
    ///
    /// Computed with sequential passes over the pre-order tree instead of walking each
    /// sample's path: a node is first reached by the first sample whose stack ends in its
    /// subtree, at that sample's leaf depth minus the node's depth; a location comes in the
    /// order of its earliest such (sample, distance) pair.
    pub fn locations_in_reference_order(&self) -> (Vec<LocId>, Vec<bool>) {
        let n = self.stacks.len();
        let parents = self.stacks.parents_raw();
        let locs = self.stacks.locs();
        // The first sample (with a value) whose stack ends in each node's subtree.
        let mut first = vec![u32::MAX; n];
        for i in 0..self.samples.len() {
            if self.samples.is_zero(i) {
                continue;
            }
            if let Some(s) = self.samples.stack(i) {
                let f = &mut first[s.index()];
                *f = (*f).min(i as u32);
            }
        }
        // Children come after their parents (pre-order): one backward pass.
        for s in (0..n).rev() {
            let (p, f) = (parents[s], first[s]);
            if let Some(pf) = first.get_mut(p as usize) {
                *pf = (*pf).min(f);
            }
        }
        let mut depth = vec![0u32; n];
        for s in 0..n {
            if let Some(&d) = depth.get(parents[s] as usize) {
                depth[s] = d + 1;
            }
        }
        // Per location, its earliest (sample, distance from that sample's leaf).
        let mut key = vec![(u32::MAX, u32::MAX); self.locations.len()];
        for s in 0..n {
            let f = first[s];
            if f == u32::MAX {
                continue;
            }
            let leaf = self
                .samples
                .stack(f as usize)
                .map_or(0, |l| depth[l.index()]);
            let k = (f, leaf.saturating_sub(depth[s]));
            let slot = &mut key[locs[s].index()];
            *slot = (*slot).min(k);
        }
        let mut order: Vec<LocId> = (0..self.locations.len())
            .filter(|&l| key[l].0 != u32::MAX)
            .map(LocId::from_index)
            .collect();
        order.sort_unstable_by_key(|l| key[l.index()]);
        let visited = first.iter().map(|&f| f != u32::MAX).collect();
        (order, visited)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: walk each sample's stack leaf first, up to known ground.
    fn by_walking(p: &Profile) -> (Vec<LocId>, Vec<bool>) {
        let mut visited = vec![false; p.stacks.len()];
        let mut seen = vec![false; p.locations.len()];
        let mut order = Vec::new();
        for i in 0..p.samples.len() {
            if p.samples.is_zero(i) {
                continue;
            }
            let mut node = p.samples.stack(i);
            while let Some(n) = node {
                if std::mem::replace(&mut visited[n.index()], true) {
                    break;
                }
                let loc = p.stacks.loc(n);
                if !std::mem::replace(&mut seen[loc.index()], true) {
                    order.push(loc);
                }
                node = p.stacks.parent(n);
            }
        }
        (order, visited)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn passes_equal_the_walk_on_random_stacks(
            lines in proptest::collection::vec(
                (proptest::collection::vec(0u8..6, 1..7), 0u8..4),
                1..25,
            )
        ) {
            let folded: String = lines
                .iter()
                .map(|(frames, v)| {
                    let names: Vec<String> = frames.iter().map(|f| format!("f{f}")).collect();
                    format!("{} {v}\n", names.join(";"))
                })
                .collect();
            let p = crate::load::folded_for_tests(&folded);
            proptest::prop_assert_eq!(p.locations_in_reference_order(), by_walking(&p));
        }
    }

    #[test]
    fn passes_equal_the_walk() {
        for folded in [
            "a;b;c 1\na;b 2\nc;b;a 3\n",
            "x;y;x;y 1\ny 0\nx;z 4\ny;x 2\na;a;a 1\n",
            "main;f;g;h 5\nmain;g;f 1\nmain;f;g 2\nother 0\nmain;h 1\n",
        ] {
            let p = crate::load::folded_for_tests(folded);
            assert_eq!(p.locations_in_reference_order(), by_walking(&p), "{folded}");
        }
    }
}
