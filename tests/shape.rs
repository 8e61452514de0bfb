//! The fast re-aggregation paths against the ones they replace, number for number:
//!
//! - `CallTree::build_limited` (a best-first expansion that builds only the heaviest nodes)
//!   equals `CallTree::build_then_limit` (every node built, then cut), ties included;
//! - `query::sweep` (one pre-order sweep, no undo logs) equals `query::aggregate`: flat, cum,
//!   mean divisors and every edge in the same order, with and without a kept-node mask;
//! - `top_table_in` (the shape of the frames kept in a `TopScratch` from one query to the
//!   next, one backward pass per query) equals `top_table`, trimmed or not.
//!
//! On random profiles (the folded-stack DSL with recursion and inlined frames, and profiles
//! built location by location with equal names in other files, nameless functions and bare
//! addresses) under random queries (sample type, mean, granularity, noinlines, and the
//! filters that change frames or samples), and on the own fixtures.

mod harness;
#[allow(dead_code)]
#[path = "flame/support.rs"]
mod support;

use pprofview::model::Profile;
use pprofview::query::{
    aggregate, sweep, top_table, top_table_in, CallTree, CallTreeScratch, EdgeSet, Granularity,
    NodeTable, Prepared, Query, SubtreeSums, TopOptions, TopScratch, TreeWeights,
};
use proptest::prelude::*;
use std::sync::Arc;
use support::{built_profile, built_spec, folded_profile, folded_text, own_fixtures, NAMES};

const GRANULARITIES: [Granularity; 5] = Granularity::ALL;

/// A regex for a filter: unset, or one of the generated function names (or a prefix).
fn pattern() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        2 => (0..NAMES.len()).prop_map(|i| format!("^{}$", regex::escape(NAMES[i]))),
        1 => Just("a|b".to_string()),
        1 => Just("^(main|pkg)".to_string()),
    ]
}

/// A query: sample type, mean, noinlines and the filters that change samples or frames.
fn query() -> impl Strategy<Value = Query> {
    (
        (0usize..2, any::<bool>(), any::<bool>()),
        (pattern(), pattern(), pattern(), pattern()),
        (pattern(), pattern()),
    )
        .prop_map(
            |((index, mean, noinlines), (focus, ignore, hide, show), (show_from, prune_from))| {
                Query {
                    sample_index: index.to_string(),
                    mean,
                    noinlines,
                    focus,
                    ignore,
                    hide,
                    show,
                    show_from,
                    prune_from,
                    ..Query::default()
                }
            },
        )
}

/// `query` on `p`, with the sample index brought into range.
fn prepared(p: &Profile, query: &Query) -> Prepared {
    let mut q = query.clone();
    let types = p.sample_types.len().max(1);
    q.sample_index = (q.sample_index.parse::<usize>().unwrap_or(0) % types).to_string();
    Prepared::new(&Arc::new(p.clone()), &q, "minimum").expect("prepared")
}

/// Both call-tree builds, for every granularity and a few limits (one shared scratch, as
/// the viewer's engine keeps one).
fn same_trees(p: &Profile, q: &Query, only: Option<&[bool]>) -> Result<(), String> {
    let prepared = prepared(p, q);
    let mut scratch = CallTreeScratch::default();
    for g in GRANULARITIES {
        let full = CallTree::build_then_limit(&prepared, g, only, usize::MAX);
        let n = full.len();
        for max in [
            1,
            2,
            3,
            n / 3,
            n / 2,
            n.saturating_sub(1),
            n,
            n + 1,
            250_000,
        ] {
            let max = max.max(1);
            let want = CallTree::build_then_limit(&prepared, g, only, max);
            let got = CallTree::build_limited_in(&prepared, g, only, max, &mut scratch);
            ensure(got == want, || {
                format!("{g:?}, limit {max}: {got:?}\n  instead of {want:?}")
            })?;
        }
    }
    Ok(())
}

/// The sweep against `aggregate` for every granularity, mask and edge set.
fn same_aggregates(p: &Profile, q: &Query, mask_bits: u64) -> Result<(), String> {
    let prepared = prepared(p, q);
    let weights = TreeWeights::new(&prepared);
    let sums = SubtreeSums::new(&prepared);
    for g in GRANULARITIES {
        let nodes = NodeTable::new(&prepared, g, q.noinlines);
        let mask: Vec<bool> = (0..nodes.len())
            .map(|i| mask_bits >> (i % 64) & 1 == 1)
            .collect();
        for kept in [None, Some(mask.as_slice())] {
            for edges in [EdgeSet::None, EdgeSet::IntoInlined, EdgeSet::All] {
                let want = aggregate(&prepared, &weights, &nodes, kept, edges);
                let got = sweep(&prepared, &sums, &nodes, kept, edges);
                let what = || format!("{g:?}, mask {}, {edges:?}", kept.is_some());
                ensure(got.flat == want.flat, || format!("{}: flat", what()))?;
                ensure(got.flat_div == want.flat_div, || {
                    format!("{}: flat_div", what())
                })?;
                ensure(got.cum == want.cum, || format!("{}: cum", what()))?;
                ensure(got.cum_div == want.cum_div, || {
                    format!("{}: cum_div", what())
                })?;
                ensure(got.edges == want.edges, || {
                    format!(
                        "{}: edges {:?} instead of {:?}",
                        what(),
                        got.edges,
                        want.edges
                    )
                })?;
            }
        }
    }
    Ok(())
}

/// `top_table_in` against `top_table` for each query in turn, with one scratch (so frames
/// kept from one query serve the next when they are the same), at every granularity.
fn same_tops(p: &Profile, queries: &[Query]) -> Result<(), String> {
    let options = [
        TopOptions {
            node_fraction: 0.0,
            ..TopOptions::default()
        },
        TopOptions::default(),
        TopOptions {
            node_count: 3,
            cum_sort: true,
            ..TopOptions::default()
        },
    ];
    let mut scratch = TopScratch::default();
    for g in GRANULARITIES {
        for q in queries {
            let q = Query {
                granularity: Some(g),
                ..q.clone()
            };
            let prepared = prepared(p, &q);
            for o in &options {
                let want = top_table(&prepared, o).map_err(|e| e.to_string())?;
                let got = top_table_in(&prepared, o, &mut scratch).map_err(|e| e.to_string())?;
                ensure(got == want, || {
                    format!("{q:?} {o:?}: {got:?}\n  instead of {want:?}")
                })?;
            }
        }
    }
    Ok(())
}

fn ensure(ok: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(message())
    }
}

fn mask(bits: u64, n: usize) -> Vec<bool> {
    (0..n).map(|i| bits >> (i % 64) & 1 == 1).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn limited_trees_equal_the_full_build_cut_on_dsl_profiles(
        text in folded_text(),
        q in query(),
        bits in any::<u64>(),
    ) {
        let p = folded_profile(&text);
        same_trees(&p, &q, None).map_err(TestCaseError::fail)?;
        let only = mask(bits, p.samples.len());
        same_trees(&p, &q, Some(&only)).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn limited_trees_equal_the_full_build_cut_on_built_profiles(spec in built_spec(), q in query()) {
        same_trees(&built_profile(&spec), &q, None).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn kept_shapes_give_the_same_top_tables_on_dsl_profiles(
        text in folded_text(),
        a in query(),
        b in query(),
    ) {
        // The second query often keeps the first one's frames (only values or samples
        // change), so its shape is reused; the third is the first again.
        let b2 = Query { hide: a.hide.clone(), show: a.show.clone(), show_from: a.show_from.clone(), prune_from: a.prune_from.clone(), noinlines: a.noinlines, ..b.clone() };
        let queries = [a.clone(), b2, b, a];
        same_tops(&folded_profile(&text), &queries).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn kept_shapes_give_the_same_top_tables_on_built_profiles(spec in built_spec(), a in query(), b in query()) {
        same_tops(&built_profile(&spec), &[a.clone(), b, a]).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn the_sweep_equals_aggregate_on_dsl_profiles(
        text in folded_text(),
        q in query(),
        bits in any::<u64>(),
    ) {
        same_aggregates(&folded_profile(&text), &q, bits).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn the_sweep_equals_aggregate_on_built_profiles(
        spec in built_spec(),
        q in query(),
        bits in any::<u64>(),
    ) {
        same_aggregates(&built_profile(&spec), &q, bits).map_err(TestCaseError::fail)?;
    }
}

/// Every own fixture, every sample type, a few queries: both equalities.
#[test]
fn fixtures_agree() {
    let queries = [
        Query::default(),
        Query {
            hide: "runtime".into(),
            ..Query::default()
        },
        Query {
            show_from: "main".into(),
            prune_from: "runtime".into(),
            ..Query::default()
        },
        Query {
            focus: "main".into(),
            mean: true,
            noinlines: true,
            ..Query::default()
        },
    ];
    let mut checked = 0;
    for f in own_fixtures() {
        for index in 0..f.profile.sample_types.len() {
            for q in &queries {
                let q = Query {
                    sample_index: index.to_string(),
                    ..q.clone()
                };
                let prepared = prepared(&f.profile, &q);
                let mut scratch = CallTreeScratch::default();
                for g in [Granularity::FileFunctions, Granularity::Lines] {
                    let full = CallTree::build_then_limit(&prepared, g, None, usize::MAX);
                    for max in [10, full.len() / 4, full.len() / 2] {
                        let max = max.max(1);
                        let want = CallTree::build_then_limit(&prepared, g, None, max);
                        let got = CallTree::build_limited_in(&prepared, g, None, max, &mut scratch);
                        assert!(got == want, "{}: {q:?} {g:?} limit {max}", f.name);
                    }
                }
                same_aggregates(&f.profile, &q, 0x5555_5555_aaaa_0f0f)
                    .unwrap_or_else(|e| panic!("{}: {q:?}: {e}", f.name));
                same_tops(&f.profile, std::slice::from_ref(&q))
                    .unwrap_or_else(|e| panic!("{}: {q:?}: {e}", f.name));
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} cases");
}

/// Values whose Σ |value| overflows: the limited build falls back to the full one, and its
/// scratch stays right (used for another profile before, and for the same frames after).
#[test]
fn overflowing_weights_fall_back_to_the_full_build() {
    let text = |big: i64| {
        format!(
            "main;a;x {big},1\nmain;a;y {big},2\nmain;b {big},3\nmain;c;d 5,4\nmain;c;e 6,5\n\
             main;b;f -{big},6\n"
        )
    };
    let small = Arc::new(folded_profile("main;a;x 1,1\nmain;b 2,2\nmain;c 3,3\n"));
    let half = Arc::new(folded_profile(&text(i64::MAX / 2)));
    let max = Arc::new(folded_profile(&text(i64::MAX)));
    let mut scratch = CallTreeScratch::default();
    // The second profile with other frames (`-hide`), then twice in a row with the same
    // frames: first its overflowing sample type, then one that does not overflow (the records
    // of the other frames must not be taken for these).
    let cases = [
        (&small, 0, ""),
        (&half, 1, "^a$"),
        (&half, 0, ""),
        (&half, 1, ""),
        (&max, 0, ""),
        (&half, 1, ""),
    ];
    for (p, index, hide) in cases {
        let q = Query {
            sample_index: index.to_string(),
            hide: hide.to_string(),
            ..Query::default()
        };
        let prepared = Prepared::new(p, &q, "minimum").expect("prepared");
        for limit in [1, 2, 3, 5, 8] {
            let g = Granularity::Functions;
            let want = CallTree::build_then_limit(&prepared, g, None, limit);
            let got = CallTree::build_limited_in(&prepared, g, None, limit, &mut scratch);
            assert_eq!(got, want, "type {index}, hide {hide:?}, limit {limit}");
        }
    }
}
