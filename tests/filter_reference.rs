//! pprof's filters (`-focus`, `-ignore`, `-hide`, `-show`, `-show_from`, `-tagfocus`,
//! `-tagignore`, `-tagshow`, `-taghide`, `-prune_from`) against a per-sample reference written
//! in the test (`filter_support::reference`): the filtered query must report what the
//! unfiltered query reports on a profile built from the samples the reference keeps, with the
//! stacks it rewrote.

mod filter_support;

use filter_support::reference::{reference, tag_spec, Filters};
use filter_support::{all_nodes, build, name_regex, rows, samples, samples_with, Sample};
use pprofview::model::Profile;
use pprofview::query::{label_table, top_table, CallTree, Frame, Granularity, Prepared, Query};
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

fn granularity() -> impl Strategy<Value = Granularity> {
    prop::sample::select(vec![
        Granularity::Functions,
        Granularity::FileFunctions,
        Granularity::Files,
        Granularity::Lines,
    ])
}

fn filters(with_empty_key: bool) -> impl Strategy<Value = Filters> {
    let re = || prop::option::weighted(0.3, name_regex());
    let key_re =
        || prop::option::weighted(0.15, prop::sample::select(vec!["worker", "^b", "s$", "k"]));
    let tag = move || prop::option::weighted(0.3, tag_spec(with_empty_key));
    (
        (re(), re(), re(), re(), re(), re()),
        (tag(), tag(), key_re(), key_re()),
    )
        .prop_map(
            |((focus, ignore, hide, show, show_from, prune_from), (tf, ti, ts, th))| Filters {
                focus,
                ignore,
                hide,
                show,
                show_from,
                prune_from,
                tagfocus: tf,
                tagignore: ti,
                tagshow: ts.map(str::to_string),
                taghide: th.map(str::to_string),
            },
        )
}

/// A frame as (name, file, line, inlined).
type Key = (String, String, i64, bool);

/// Every call path of the flame graph's tree (frames from the root) with its (total, self).
fn paths(t: &CallTree) -> HashMap<Vec<Key>, (i64, i64)> {
    let key = |f: &Frame| (f.name.clone(), f.file.clone(), f.line, f.inlined);
    let mut out: HashMap<Vec<Key>, (i64, i64)> = HashMap::new();
    for n in 1..t.len() as u32 {
        let path = t
            .path(n)
            .iter()
            .map(|&p| key(t.frame_of(p).expect("frame")))
            .collect();
        // Frames differing only in their object file (`files` granularity) share a key.
        let e = out.entry(path).or_default();
        *e = (e.0 + t.total[n as usize], e.1 + t.self_value[n as usize]);
    }
    out
}

/// Label keys: (numeric, total), and the values of string keys.
type Labels = HashMap<String, (bool, i64, Option<Vec<(String, i64)>>)>;

fn labels(p: &Prepared) -> Labels {
    label_table(p, "minimum")
        .into_iter()
        .map(|k| {
            (
                k.key,
                (k.numeric, k.total, (!k.numeric).then_some(k.values)),
            )
        })
        .collect()
}

fn check(s: &[Sample], f: &Filters, base: Query) -> Result<(), TestCaseError> {
    let p = Arc::new(build(s));
    let q = f.query(base.clone());
    let filtered = match Prepared::new(&p, &q, "minimum") {
        Ok(prepared) => prepared,
        // A tag value that is neither a range nor a list of regexes Go compiles (a `+5kb:1ms`
        // read as a regex): refused, never a panic.
        Err(e) => {
            prop_assert!(q.validate().is_err(), "{e}");
            return Ok(());
        }
    };
    let kept = reference(s, f);
    let expected: Profile = build(&kept);
    let expected = Prepared::new(&Arc::new(expected), &base, "minimum").expect("prepared");
    let unfiltered = Prepared::new(&p, &base, "minimum").expect("prepared");
    prop_assert_eq!(
        filtered.total(),
        unfiltered.total(),
        "the total is the unfiltered one"
    );
    let g = base.granularity_or(Granularity::Functions);
    let (t, e) = (
        top_table(&filtered, &all_nodes()),
        top_table(&expected, &all_nodes()),
    );
    prop_assert_eq!(rows(&t.expect("top")), rows(&e.expect("top")), "top rows");
    prop_assert_eq!(
        paths(&CallTree::build(&filtered, g)),
        paths(&CallTree::build(&expected, g)),
        "call tree"
    );
    prop_assert_eq!(labels(&filtered), labels(&expected), "tags");
    // With -relative_percentages the total is that of the samples kept.
    let rel = Query {
        relative_percentages: true,
        ..q
    };
    let rel = Prepared::new(&p, &rel, "minimum").expect("prepared");
    prop_assert_eq!(rel.total(), expected.total(), "relative total");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    // Every filter together equals pprof's per-sample filtering, at every named granularity,
    // for any sample type and with -noinlines: top rows, call tree paths and tags agree.
    #[test]
    fn filters_equal_the_per_sample_reference(
        s in samples_with(true, true),
        f in filters(true),
        g in granularity(),
        si in 0..3usize,
        noinlines in any::<bool>(),
    ) {
        let base = Query {
            granularity: Some(g),
            sample_index: si.to_string(),
            noinlines,
            ..Query::default()
        };
        check(&s, &f, base)?;
    }

    // One frame filter at a time (the combinations above rarely hit each alone).
    #[test]
    fn each_frame_filter_alone_equals_the_reference(
        s in samples_with(false, true),
        which in 0..6usize,
        re in name_regex(),
        g in granularity(),
    ) {
        let mut f = Filters::default();
        *[&mut f.focus, &mut f.ignore, &mut f.hide, &mut f.show, &mut f.show_from,
          &mut f.prune_from][which] = Some(re);
        check(&s, &f, Query { granularity: Some(g), sample_index: "1".into(), ..Query::default() })?;
    }

    // One label filter at a time.
    #[test]
    fn each_tag_filter_alone_equals_the_reference(
        s in samples(false),
        ignore in any::<bool>(),
        t in tag_spec(true),
    ) {
        let mut f = Filters::default();
        if ignore { f.tagignore = Some(t) } else { f.tagfocus = Some(t) }
        check(&s, &f, Query { sample_index: "2".into(), ..Query::default() })?;
    }
}

// A tag filter value starting with `=` has no key in pprof (`strings.SplitN(v, "=", 2)` gives
// key "", which `compileTagFilter` treats as "any key"), so `-tagfocus==w1` keeps the samples
// with a label matching `w1` (a bug pprofview had, found by the property above).
#[test]
fn a_tag_filter_starting_with_equals_has_no_key() {
    use filter_support::{Frame, Lab};
    let s = vec![
        Sample {
            stack: vec![Frame {
                lines: vec!["work"],
                mapping: None,
            }],
            values: [3, 0, 0],
            labels: vec![("worker", Lab::Str("w1"))],
        },
        Sample {
            stack: vec![Frame {
                lines: vec!["idle"],
                mapping: None,
            }],
            values: [5, 0, 0],
            labels: vec![("bytes", Lab::Num(1024, "bytes"))],
        },
    ];
    let p = Arc::new(build(&s));
    // go tool pprof -top: `-tagfocus==w1` shows work 3; `-tagfocus==:1kb` shows idle 5;
    // `-tagignore==w1` shows idle 5.
    for (tagfocus, tagignore, name, flat) in [
        ("=w1", "", "work", 3),
        ("=:1kb", "", "idle", 5),
        ("", "=w1", "idle", 5),
    ] {
        let q = Query {
            tagfocus: tagfocus.into(),
            tagignore: tagignore.into(),
            sample_index: "0".into(),
            ..Query::default()
        };
        let t = top_table(
            &Prepared::new(&p, &q, "minimum").expect("prepared"),
            &all_nodes(),
        );
        let r = rows(&t.expect("top"));
        assert_eq!(r.len(), 1, "{q:?}: {r:?}");
        assert_eq!(r.get(name), Some(&(flat, flat)), "{q:?}");
    }
}
