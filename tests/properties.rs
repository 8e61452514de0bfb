//! Property tests on generated profiles: aggregation invariants, merging, and a
//! per-sample reference implementation of pprof's `newGraph` that the stack-tree
//! aggregation must agree with exactly.

use pprofview::decode::{decode, DecodeOptions};
use pprofview::encode::{gzip, ProfileBuilder};
use pprofview::load::{load, Source};
use pprofview::model::Profile;
use pprofview::query::{
    aggregate, top_table, EdgeSet, Granularity, NodeId, NodeTable, Prepared, Query, TopOptions,
    TopTable, TreeWeights, ValueSelector,
};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

const NAMES: &[&str] = &["main", "a", "b", "c", "d", "runtime.x", "pkg.(*T).m"];

/// A frame: one function, or an inlined chain `outer+inner`.
fn frame() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0..NAMES.len()).prop_map(|i| NAMES[i].to_string()),
        1 => (0..NAMES.len(), 0..NAMES.len()).prop_map(|(i, j)| format!("{}+{}", NAMES[i], NAMES[j])),
    ]
}

/// Samples: non-empty stacks (root first) with two values each.
fn samples(signed: bool) -> impl Strategy<Value = Vec<(Vec<String>, [i64; 2])>> {
    let v = if signed { -50i64..100 } else { 0i64..100 };
    prop::collection::vec(
        (prop::collection::vec(frame(), 1..8), (0i64..5, v)).prop_map(|(s, (a, b))| (s, [a, b])),
        1..25,
    )
}

/// A filter regex for the property test: none, a function name, or a file name (`NAME.go`).
#[derive(Clone, Debug)]
enum Target {
    None,
    Function(&'static str),
    File(&'static str),
}

impl Target {
    fn is_none(&self) -> bool {
        matches!(self, Self::None)
    }

    fn regex(&self) -> String {
        match self {
            Self::None => String::new(),
            Self::Function(n) => format!("^{}$", regex::escape(n)),
            Self::File(n) => format!("^{}\\.go$", regex::escape(n)),
        }
    }

    /// Whether a generated frame (`f` or inlined `outer+inner`) has a matching line.
    fn hits(&self, frame: &str) -> bool {
        frame.split('+').any(|f| match self {
            Self::None => false,
            Self::Function(n) | Self::File(n) => f == *n,
        })
    }
}

fn filter_target() -> impl Strategy<Value = Target> {
    prop_oneof![
        1 => Just(Target::None),
        2 => (0..NAMES.len()).prop_map(|i| Target::Function(NAMES[i])),
        1 => (0..NAMES.len()).prop_map(|i| Target::File(NAMES[i])),
    ]
}

fn build(samples: &[(Vec<String>, [i64; 2])]) -> ProfileBuilder {
    let mut b = ProfileBuilder::new(&[("samples", "count"), ("cpu", "nanoseconds")]);
    for (stack, values) in samples {
        let frames: Vec<&str> = stack.iter().map(String::as_str).collect();
        b.sample(&frames, values);
    }
    b
}

/// The top table of `q` over `p`, nothing dropped.
fn top(p: &Profile, q: &Query) -> TopTable {
    let prepared = Prepared::new(&Arc::new(p.clone()), q, "minimum").expect("prepared");
    top_table(&prepared, &all_nodes()).expect("top")
}

fn all_nodes() -> TopOptions {
    TopOptions {
        node_fraction: 0.0,
        ..TopOptions::default()
    }
}

/// pprof's newGraph, sample by sample (graph.go), for nodes only.
fn reference(
    p: &Profile,
    nodes: &NodeTable,
    value: ValueSelector,
    kept: Option<&[bool]>,
) -> (Vec<i64>, Vec<i64>) {
    let mut flat = vec![0i64; nodes.len()];
    let mut cum = vec![0i64; nodes.len()];
    for i in 0..p.samples.len() {
        let vals = p.samples.values(i);
        let (w, dw) = (value.value(vals), value.divisor(vals));
        if w == 0 && dw == 0 {
            continue;
        }
        let mut locs: Vec<_> = p.stacks.path_leaf_first(p.samples.stack(i)).collect();
        locs.reverse();
        let mut seen = HashSet::new();
        let mut parent: Option<NodeId> = None;
        let mut residual = false;
        for l in locs {
            for &n in nodes.frames(l) {
                if kept.is_some_and(|k| !k[n.index()]) {
                    residual = true;
                    continue;
                }
                if seen.insert(n) {
                    cum[n.index()] += w;
                }
                parent = Some(n);
                residual = false;
            }
        }
        if let (Some(n), false) = (parent, residual) {
            flat[n.index()] += w;
        }
    }
    (flat, cum)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn flat_sums_to_total_and_cum_bounds_hold(s in samples(false)) {
        let p = build(&s).build_profile();
        for g in [Granularity::Functions, Granularity::Lines, Granularity::Addresses] {
            let q = Query { granularity: Some(g), ..Query::default() };
            let t = top(&p, &q);
            prop_assert_eq!(t.flat_sum(), t.total);
            for r in &t.rows {
                prop_assert!(r.flat >= 0 && r.cum >= r.flat && r.cum <= t.total, "{r:?}");
            }
        }
    }

    #[test]
    fn tree_aggregation_equals_per_sample_reference(
        s in samples(true),
        mask_bits in any::<u64>(),
        noinlines in any::<bool>(),
        mean in any::<bool>(),
    ) {
        let p = build(&s).build_profile();
        let value = ValueSelector {
            index: 1,
            mean,
            before: false,
        };
        let q = Query { sample_index: "1".into(), mean, noinlines, ..Query::default() };
        let prepared = Prepared::new(&Arc::new(p.clone()), &q, "minimum").expect("prepared");
        for g in [Granularity::Functions, Granularity::FileFunctions, Granularity::Addresses] {
            let nodes = NodeTable::new(&prepared, g, noinlines);
            let weights = TreeWeights::new(&prepared);
            let mask: Vec<bool> = (0..nodes.len()).map(|i| mask_bits >> (i % 64) & 1 == 1).collect();
            for kept in [None, Some(mask.as_slice())] {
                let agg = aggregate(&prepared, &weights, &nodes, kept, EdgeSet::All);
                let (flat, cum) = reference(&p, &nodes, value, kept);
                prop_assert_eq!(&agg.flat, &flat);
                prop_assert_eq!(&agg.cum, &cum);
            }
        }
    }

    #[test]
    fn focus_and_ignore_equal_dropping_the_samples_beforehand(
        s in samples(true),
        focus in filter_target(),
        ignore in filter_target(),
        g in prop_oneof![Just(Granularity::Functions), Just(Granularity::Lines)],
    ) {
        let p = build(&s).build_profile();
        let q = Query {
            granularity: Some(g),
            focus: focus.regex(),
            ignore: ignore.regex(),
            ..Query::default()
        };
        let filtered = top(&p, &q);
        // pprof's rule, stated on the generated stacks: some frame matches focus (or there
        // is none), and no frame matches ignore.
        let kept: Vec<_> = s
            .iter()
            .filter(|(stack, _)| {
                (focus.is_none() || stack.iter().any(|f| focus.hits(f)))
                    && !stack.iter().any(|f| ignore.hits(f))
            })
            .cloned()
            .collect();
        let unfiltered = Query { granularity: Some(g), ..Query::default() };
        let reference = top(&build(&kept).build_profile(), &unfiltered);
        prop_assert_eq!(filtered.total, top(&p, &unfiltered).total);
        let rows = |t: &pprofview::query::TopTable| -> HashMap<String, (i64, i64)> {
            t.rows.iter().map(|r| (r.name.clone(), (r.flat, r.cum))).collect()
        };
        prop_assert_eq!(rows(&filtered), rows(&reference));
    }

    #[test]
    fn merging_a_profile_with_itself_doubles_every_value(s in samples(false)) {
        let bytes = build(&s).encode_gzip();
        let src = [Source { name: "a", bytes: &bytes }, Source { name: "b", bytes: &bytes }];
        let one = load(&src[..1], &DecodeOptions::default()).expect("load").profile;
        let two = load(&src, &DecodeOptions::default()).expect("load").profile;
        let q = Query::default();
        let t1 = top(&one, &q);
        let t2 = top(&two, &q);
        prop_assert_eq!(t2.total, 2 * t1.total);
        let row = |t: &pprofview::query::TopTable| -> HashMap<String, (i64, i64)> {
            t.rows.iter().map(|r| (r.name.clone(), (r.flat, r.cum))).collect()
        };
        let (r1, r2) = (row(&t1), row(&t2));
        prop_assert_eq!(r1.len(), r2.len());
        for (name, (f, c)) in r1 {
            prop_assert_eq!(r2.get(&name).copied(), Some((2 * f, 2 * c)), "{}", name);
        }
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let opts = DecodeOptions { max_inflated: 1 << 20 };
        let _ = decode(&bytes, &opts);
        let _ = decode(&gzip(&bytes), &opts);
    }

    #[test]
    fn merging_keeps_every_sample_value(a in samples(false), b in samples(false)) {
        let (ba, bb) = (build(&a).encode_gzip(), build(&b).encode_gzip());
        let src = [Source { name: "a", bytes: &ba }, Source { name: "b", bytes: &bb }];
        let merged = load(&src, &DecodeOptions::default()).expect("load").profile;
        let sum = |p: &Profile, i: usize| -> i64 { p.samples.column(i).sum() };
        let pa = load(&src[..1], &DecodeOptions::default()).expect("a").profile;
        let pb = load(&src[1..], &DecodeOptions::default()).expect("b").profile;
        for i in 0..2 {
            prop_assert_eq!(sum(&merged, i), sum(&pa, i) + sum(&pb, i));
        }
    }
}
