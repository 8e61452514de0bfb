//! `CallTree::build_limited`: a tree cut down to its heaviest nodes, each parent that lost
//! children getting one stand-in. Every kept node must be the full tree's node with the
//! same path and the same sums; stand-ins carry exactly what was dropped.

use crate::invariants::check_all;
use crate::support::{
    built_profile, built_spec, folded_profile, folded_text, own, shared_fixtures,
};
use pprofview::model::Profile;
use pprofview::query::{CallTree, Granularity, ELIDED_NAME};
use proptest::prelude::*;
use std::collections::HashMap;

/// Checks the limited tree of `p` against the full one; returns the stand-ins found.
/// (`max_nodes` ≥ 1: a limit of 0 means none.)
fn check_limited(p: &Profile, index: usize, max_nodes: usize) -> Result<usize, String> {
    let prepared = crate::support::prepared(p, index);
    let full = CallTree::build(&prepared, Granularity::FileFunctions);
    let limited = CallTree::build_limited(&prepared, Granularity::FileFunctions, None, max_nodes);
    check_all(&limited).map_err(|e| format!("limited to {max_nodes}: {e}"))?;
    if full.len() <= max_nodes {
        ensure!(limited == full, "a tree within the limit was changed");
        return Ok(0);
    }
    let elided = limited.elided_frame;
    ensure!(
        elided.is_some_and(|f| limited.frames[f as usize].name == ELIDED_NAME),
        "nodes were dropped but there is no stand-in frame"
    );
    // One build, so the same frames in the same order, the stand-in's appended.
    ensure!(
        limited.frames.get(..full.frames.len()) == Some(&full.frames[..]),
        "the limited tree's frames differ"
    );
    let mut child: HashMap<(u32, u32), u32> = HashMap::new();
    for n in 1..full.len() {
        child.insert((full.parent[n], full.frame[n]), n as u32);
    }
    // Kept nodes: matched to the full tree, same sums.
    let mut matched = vec![0u32; limited.len()];
    let mut kept = vec![false; full.len()];
    kept[0] = true;
    let mut stand_ins = 0;
    for n in 1..limited.len() {
        let parent = matched[limited.parent[n] as usize];
        if Some(limited.frame[n]) == elided {
            // A leaf; its sums are checked below, once every kept node is known.
            ensure!(limited.child_count[n] == 0, "stand-in {n} has children");
            stand_ins += 1;
            continue;
        }
        let m = *child
            .get(&(parent, limited.frame[n]))
            .ok_or(format!("node {n} is not in the full tree"))?;
        matched[n] = m;
        kept[m as usize] = true;
        let sums = |t: &CallTree, i: usize| (t.total[i], t.self_value[i], t.weight[i]);
        ensure!(
            sums(&limited, n) == sums(&full, m as usize),
            "node {n} changed its sums"
        );
    }
    // Stand-ins hold exactly the dropped children of their parent.
    for n in 1..limited.len() {
        if Some(limited.frame[n]) != elided {
            continue;
        }
        let parent = matched[limited.parent[n] as usize];
        let (mut total, mut weight) = (0i64, 0i64);
        for c in full.children(parent).filter(|&c| !kept[c as usize]) {
            total += full.total[c as usize];
            weight += full.weight[c as usize];
        }
        let got = (limited.total[n], limited.self_value[n], limited.weight[n]);
        ensure!(
            got == (total, total, weight),
            "stand-in {n}: {got:?}, dropped ({total}, {weight})"
        );
    }
    // The heaviest nodes are the ones kept, at most `max_nodes` of them (ties at the cut-off
    // may go either way).
    let kept_count = kept.iter().filter(|&&k| k).count();
    ensure!(
        kept_count <= max_nodes,
        "{kept_count} nodes kept for a limit of {max_nodes}"
    );
    let lightest_kept = (1..full.len())
        .filter(|&i| kept[i])
        .map(|i| full.weight[i])
        .min();
    let heaviest_dropped = (1..full.len())
        .filter(|&i| !kept[i])
        .map(|i| full.weight[i])
        .max();
    if let (Some(k), Some(d)) = (lightest_kept, heaviest_dropped) {
        ensure!(
            d <= k,
            "dropped a node weighing {d} but kept one weighing {k}"
        );
    }
    Ok(stand_ins)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn limited_dsl_trees_keep_the_heaviest_nodes_and_every_sum(text in folded_text(), max in 1usize..40) {
        let p = folded_profile(&text);
        for index in 0..2 {
            check_limited(&p, index, max).map_err(TestCaseError::fail)?;
        }
    }

    #[test]
    fn limited_built_trees_keep_the_heaviest_nodes_and_every_sum(s in built_spec(), max in 1usize..30) {
        check_limited(&built_profile(&s), 0, max).map_err(TestCaseError::fail)?;
    }
}

/// Own fixtures and node limits that leave stand-ins in their trees.
pub(crate) const FIXTURE_LIMITS: [(&str, usize); 4] = [
    ("go_cpu", 20),
    ("go_cpu", 60),
    ("synth_deep", 100),
    ("go_allocs", 50),
];

#[test]
fn limited_fixture_trees_keep_the_heaviest_nodes_and_every_sum() {
    let mut stand_ins = 0;
    for (stem, max) in FIXTURE_LIMITS {
        let p = own(stem);
        for index in 0..p.sample_types.len() {
            stand_ins += check_limited(&p, index, max).unwrap_or_else(|e| panic!("{stem}: {e}"));
        }
    }
    // The worker's own limit, on the one shared profile above it.
    if let Some(large) =
        shared_fixtures().and_then(|s| s.iter().find(|f| f.name.ends_with("large.cpu.pb.gz")))
    {
        stand_ins +=
            check_limited(&large.profile, 1, 400_000).unwrap_or_else(|e| panic!("large.cpu: {e}"));
    }
    println!("{stand_ins} stand-ins checked");
    assert!(stand_ins > 10, "only {stand_ins} stand-ins checked");
}
