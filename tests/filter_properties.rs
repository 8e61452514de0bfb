//! Invariants of pprof's filters on random profiles (inlined frames, mappings, string and
//! numeric labels, three sample types, signed values): filters that match everything or
//! nothing change nothing, focus and ignore split the samples, hide and show keep the
//! numbers they must, and label frames (`-tagroot`/`-tagleaf`) only regroup the samples.

mod filter_support;

use filter_support::reference::{reference, Filters};
use filter_support::{
    all_nodes, build, name_regex, rows, samples, top, Sample, MAPPINGS, STR_KEYS,
};
use pprofview::model::Profile;
use pprofview::query::{label_table, top_table, CallTree, Granularity, Prepared, Query, TopTable};
use proptest::prelude::*;
use regex::Regex;
use std::collections::HashMap;
use std::sync::Arc;

const GRANULARITIES: [Granularity; 5] = Granularity::ALL;

fn prepared(p: &Arc<Profile>, q: &Query) -> Prepared {
    Prepared::new(p, q, "minimum").expect("prepared")
}

/// (name, flat, cum) of every row, in the table's order.
fn table(t: &TopTable) -> Vec<(String, i64, i64)> {
    t.rows
        .iter()
        .map(|r| (r.name.clone(), r.flat, r.cum))
        .collect()
}

/// Σ of the value of the samples that have a frame (pprof drops the others).
fn sum_with_frames(s: &[Sample], si: usize) -> i64 {
    s.iter()
        .filter(|s| !s.stack.is_empty())
        .map(|s| s.values[si])
        .sum()
}

/// Whether a row is a function of the generated profiles (not an address or a label).
fn is_function(name: &str) -> bool {
    filter_support::NAMES.contains(&name)
}

/// Whether `re` matches a mapping file (then `-hide`/`-show` act on whole locations).
fn matches_a_mapping(re: &str) -> bool {
    let re = Regex::new(re).expect("re");
    MAPPINGS.iter().flatten().any(|m| re.is_match(m))
}

/// What a label frame of `key` is called in a sample: its string values joined by `,`, or
/// `<unknown>` (a frame without name or file at `functions` granularity) when it has none.
fn label_frame(s: &Sample, key: &str) -> String {
    let v = s.str_values(key);
    if v.is_empty() {
        "<unknown>".to_string()
    } else {
        v.join(",")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    // -focus=.* and -ignore=^$ change nothing: top rows, total, tags and call tree equal the
    // unfiltered query's at every granularity.
    #[test]
    fn match_all_focus_and_match_none_ignore_change_nothing(
        s in samples(true),
        si in 0..3usize,
        noinlines in any::<bool>(),
        rel in any::<bool>(),
        mean in any::<bool>(),
    ) {
        let p = Arc::new(build(&s));
        for g in GRANULARITIES {
            let base = Query {
                granularity: Some(g),
                sample_index: si.to_string(),
                noinlines,
                mean,
                relative_percentages: rel,
                ..Query::default()
            };
            let plain = prepared(&p, &base);
            let t0 = top_table(&plain, &all_nodes()).expect("top");
            let tree0 = CallTree::build(&plain, g);
            let tags0 = label_table(&plain, "minimum");
            for (focus, ignore) in [(".*", ""), ("", "^$"), (".*", "^$")] {
                let q = Query { focus: focus.into(), ignore: ignore.into(), ..base.clone() };
                let f = prepared(&p, &q);
                let t = top_table(&f, &all_nodes()).expect("top");
                prop_assert_eq!(t.total, t0.total, "{:?}", q);
                prop_assert_eq!(table(&t), table(&t0), "{:?}", q);
                prop_assert_eq!(label_table(&f, "minimum"), tags0.clone(), "{:?}", q);
                prop_assert_eq!(CallTree::build(&f, g), tree0.clone(), "{:?}", q);
            }
        }
    }

    // -focus=A and -ignore=A split the samples: their Σ flat add up to the unfiltered Σ flat;
    // both report the unfiltered total, and with -relative_percentages their totals add up to
    // the unfiltered one.
    #[test]
    fn focus_and_ignore_split_the_samples(
        s in samples(true),
        a in name_regex(),
        si in 0..3usize,
        g in prop::sample::select(GRANULARITIES.to_vec()),
    ) {
        let p = build(&s);
        let base = Query { granularity: Some(g), sample_index: si.to_string(), ..Query::default() };
        let focus = Query { focus: a.clone(), ..base.clone() };
        let ignore = Query { ignore: a.clone(), ..base.clone() };
        let (t0, tf, ti) = (top(&p, &base), top(&p, &focus), top(&p, &ignore));
        prop_assert_eq!(t0.flat_sum(), sum_with_frames(&s, si));
        prop_assert_eq!(tf.flat_sum() + ti.flat_sum(), t0.flat_sum());
        prop_assert_eq!(tf.total, t0.total);
        prop_assert_eq!(ti.total, t0.total);
        let rel = |q: &Query| top(&p, &Query { relative_percentages: true, ..q.clone() }).total;
        prop_assert_eq!(rel(&focus) + rel(&ignore), rel(&base));
        let abs_with_frames: i64 =
            s.iter().filter(|s| !s.stack.is_empty()).map(|s| s.values[si].abs()).sum();
        prop_assert_eq!(rel(&base), abs_with_frames, "samples without frames are dropped");
    }

    // -hide=A keeps the total, and Σ flat loses only the samples left without frames; no
    // function row matches A; no row's cum grows (and none changes when A matches no
    // mapping). -show=A likewise, and keeps only rows whose name or file matches A.
    #[test]
    fn hide_and_show_keep_the_numbers(
        s in samples(false),
        a in name_regex(),
        si in 0..3usize,
        show in any::<bool>(),
    ) {
        let p = build(&s);
        let base = Query { sample_index: si.to_string(), ..Query::default() };
        let (q, f) = if show {
            (Query { show: a.clone(), ..base.clone() }, Filters { show: Some(a.clone()), ..Filters::default() })
        } else {
            (Query { hide: a.clone(), ..base.clone() }, Filters { hide: Some(a.clone()), ..Filters::default() })
        };
        let (t0, t) = (top(&p, &base), top(&p, &q));
        prop_assert_eq!(t.total, t0.total);
        // The samples that keep a frame: Σ flat is theirs.
        let survivors: i64 = reference(&s, &f).iter().map(|s| s.values[si]).sum();
        prop_assert_eq!(t.flat_sum(), survivors);
        let re = Regex::new(&a).expect("re");
        let matches = |name: &str| re.is_match(name) || re.is_match(&format!("{name}.go"));
        let (before, after, mapped) = (rows(&t0), rows(&t), matches_a_mapping(&a));
        for r in &t.rows {
            if show {
                prop_assert!(mapped || matches(&r.name), "{} is not shown", r.name);
            } else if is_function(&r.name) {
                prop_assert!(!re.is_match(&r.name), "{} is hidden", r.name);
            }
            let cum0 = before.get(&r.name).map(|r| r.1);
            prop_assert!(cum0.is_some_and(|c| r.cum <= c), "{}: {} vs {:?}", r.name, r.cum, cum0);
        }
        // A function the filter keeps keeps every sample it is in: same cum, still a row
        // (a mapping matching A removes or keeps whole locations, so -hide may then take
        // some of its frames too). Rows of addresses without lines (`[app]`) are named
        // after their mapping: -show keeps none of them, -hide all unless A matches it.
        for (name, (_, cum0)) in &before {
            let kept = if show {
                is_function(name) && matches(name)
            } else {
                !mapped && !matches(name)
            };
            if kept {
                prop_assert_eq!(after.get(name).map(|r| r.1), Some(*cum0), "{}", name);
            }
        }
    }

    // -tagroot=k: every root of the call tree is a label frame of k (its values, or
    // <unknown>) weighing what the samples with those values weigh; the total is unchanged,
    // and Σ flat gains only the samples that had no frames. -tagleaf=k: all flat is on label
    // frames of k. (Names are checked exactly for string keys.)
    #[test]
    fn label_frames_regroup_the_samples(
        s in samples(true),
        keys in prop::collection::vec(
            prop::sample::select(vec!["worker", "kind", "bytes", "items", "nokey"]), 1..3),
        si in 0..3usize,
        leaf in any::<bool>(),
    ) {
        let p = Arc::new(build(&s));
        let base = Query { sample_index: si.to_string(), ..Query::default() };
        let q = if leaf {
            Query { tagleaf: keys.join(","), ..base.clone() }
        } else {
            Query { tagroot: keys.join(","), ..base.clone() }
        };
        let (plain, labelled) = (prepared(&p, &base), prepared(&p, &q));
        prop_assert_eq!(labelled.total(), plain.total());
        let (t0, t) = (top_table(&plain, &all_nodes()).expect("top"), top_table(&labelled, &all_nodes()).expect("top"));
        let frameless: i64 = s.iter().filter(|s| s.stack.is_empty()).map(|s| s.values[si]).sum();
        prop_assert_eq!(t.flat_sum(), t0.flat_sum() + frameless);
        // The key next to the root (tagroot) or to the leaf (tagleaf), when its values are
        // strings, names the frames exactly.
        let key = if leaf { keys[keys.len() - 1] } else { keys[0] };
        let string_key = key == "nokey" || STR_KEYS.iter().any(|(k, _)| *k == key);
        // (Σ value, Σ |value|) per label frame.
        let mut want: HashMap<String, (i64, i64)> = HashMap::new();
        for smp in &s {
            let e = want.entry(label_frame(smp, key)).or_default();
            *e = (e.0 + smp.values[si], e.1 + smp.values[si].abs());
        }
        if leaf {
            // All flat is on leaf label frames, named after their values.
            for r in t.rows.iter().filter(|r| r.flat != 0) {
                prop_assert!(!is_function(&r.name), "flat on {}", r.name);
            }
            let got: HashMap<String, i64> =
                t.rows.iter().filter(|r| r.flat != 0).map(|r| (r.name.clone(), r.flat)).collect();
            let want: HashMap<String, i64> =
                want.into_iter().filter(|(_, v)| v.0 != 0).map(|(k, v)| (k, v.0)).collect();
            if string_key {
                prop_assert_eq!(got, want);
            }
        } else {
            let tree = CallTree::build(&labelled, Granularity::Functions);
            let roots: Vec<u32> = tree.children(0).collect();
            let total: i64 = roots.iter().map(|&n| tree.total[n as usize]).sum();
            prop_assert_eq!(total, s.iter().map(|s| s.values[si]).sum::<i64>());
            for &n in &roots {
                prop_assert!(!is_function(tree.name(n)), "root {}", tree.name(n));
            }
            if string_key {
                // A box of no weight is not drawn.
                let want: HashMap<String, i64> =
                    want.into_iter().filter(|(_, v)| v.1 != 0).map(|(k, v)| (k, v.0)).collect();
                let got: HashMap<String, i64> =
                    roots.iter().map(|&n| (tree.name(n).to_string(), tree.total[n as usize])).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}
