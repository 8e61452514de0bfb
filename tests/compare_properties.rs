//! Property tests of profile comparison (`-base`, `-diff_base`, `-normalize`,
//! `-drop_negative`) on random profiles loaded as files are: a profile minus itself shows
//! nothing, `A - B` is `B - A` negated, `-normalize` scales the source to the base's totals,
//! and `(A + B) - B` reports exactly what `A` does.

use pprofview::decode::DecodeOptions;
use pprofview::encode::{LabelArg, ProfileBuilder};
use pprofview::load::{compare_loaded, load, Source};
use pprofview::model::merge::CompareOptions;
use pprofview::model::Profile;
use pprofview::query::{
    label_table, top_table, traces, Granularity, Prepared, Query, TopOptions, TopTable,
};
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

const SAMPLE_TYPES: &[(&str, &str)] = &[
    ("samples", "count"),
    ("cpu", "nanoseconds"),
    ("alloc", "bytes"),
];

/// Every frame the profiles use: one function or an inlined chain `outer+inner`. A frame has
/// the same address in every profile (its index here), so equal stacks of two profiles are
/// equal samples when merged, as with two profiles of one binary.
const FRAMES: &[&str] = &[
    "main",
    "a",
    "b",
    "c",
    "runtime.x",
    "pkg.(*T).m",
    "a+b",
    "c+a",
    "b+runtime.x",
];

/// One sample: stack (indexes into `FRAMES`, root first), values, a string and a numeric
/// label (either may be missing).
#[derive(Clone, Debug)]
struct Sample {
    stack: Vec<usize>,
    values: [i64; 3],
    worker: Option<&'static str>,
    bytes: Option<i64>,
}

fn samples() -> impl Strategy<Value = Vec<Sample>> {
    let sample = (
        prop::collection::vec(0..FRAMES.len(), 1..6),
        (
            0i64..4,
            0i64..100,
            prop_oneof![1 => Just(0i64), 3 => 0i64..5000],
        ),
        prop::option::of(prop::sample::select(vec!["w1", "w2"])),
        prop::option::of(prop::sample::select(vec![64i64, 1024, 4096])),
    )
        .prop_map(|(stack, (a, b, c), worker, bytes)| Sample {
            stack,
            values: [a, b, c],
            worker,
            bytes,
        });
    prop::collection::vec(sample, 1..12)
}

/// The `.pb.gz` bytes of `samples`.
fn encode(samples: &[Sample]) -> Vec<u8> {
    let mut b = ProfileBuilder::new(SAMPLE_TYPES);
    b.period("cpu", "nanoseconds", 10_000_000);
    let mut locs: HashMap<usize, u64> = HashMap::new();
    for s in samples {
        let mut leaf_first = Vec::new();
        for &f in s.stack.iter().rev() {
            let id = match locs.get(&f) {
                Some(&id) => id,
                None => {
                    let lines: Vec<(u64, i64)> = FRAMES[f]
                        .split('+')
                        .rev()
                        .map(|n| (b.function(n, &format!("{n}.go")), 1))
                        .collect();
                    let id = b.location(&lines, 0x1000 + 0x10 * f as u64, 0);
                    locs.insert(f, id);
                    id
                }
            };
            leaf_first.push(id);
        }
        let mut labels = Vec::new();
        if let Some(w) = s.worker {
            labels.push(("worker", LabelArg::Str(w)));
        }
        if let Some(n) = s.bytes {
            labels.push(("bytes", LabelArg::Num(n, "bytes")));
        }
        b.sample_locations(&leaf_first, &s.values, &labels);
    }
    b.encode_gzip()
}

/// `files` loaded (and merged) as the CLI loads them.
fn load_all(files: &[&[u8]]) -> Profile {
    let names: Vec<String> = (0..files.len()).map(|i| format!("p{i}.pb.gz")).collect();
    let sources: Vec<Source> = names
        .iter()
        .zip(files)
        .map(|(name, bytes)| Source { name, bytes })
        .collect();
    load(&sources, &DecodeOptions::default())
        .expect("loads")
        .profile
}

fn compare(source: &Profile, base: &Profile, diff_base: bool, normalize: bool) -> Profile {
    compare_loaded(
        source,
        &["source.pb.gz"],
        base,
        &["base.pb.gz"],
        CompareOptions {
            diff_base,
            normalize,
        },
    )
    .expect("same sample types compare")
}

fn query(si: usize, g: Granularity, drop_negative: bool) -> Query {
    Query {
        sample_index: si.to_string(),
        granularity: Some(g),
        drop_negative,
        ..Query::default()
    }
}

fn prepared(p: &Arc<Profile>, q: &Query) -> Prepared {
    Prepared::new(p, q, "minimum").expect("prepared")
}

/// Every node: no node fraction, no node count.
fn all_nodes() -> TopOptions {
    TopOptions {
        node_fraction: 0.0,
        ..TopOptions::default()
    }
}

fn top(p: &Arc<Profile>, q: &Query) -> TopTable {
    top_table(&prepared(p, q), &all_nodes()).expect("top")
}

/// (name, flat, cum) of every row, in display order.
fn rows(t: &TopTable) -> Vec<(String, i64, i64)> {
    t.rows
        .iter()
        .map(|r| (r.name.clone(), r.flat, r.cum))
        .collect()
}

/// Σ of each sample type's values over all samples.
fn sums(p: &Profile) -> Vec<i64> {
    (0..p.sample_types.len())
        .map(|t| p.samples.column(t).sum())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    // A profile with itself as base (-base or -diff_base, normalized or not): for every
    // sample type and granularity the top table has no row. Under -base its total is 0
    // and there is no trace; under -diff_base the base's samples carry pprof::base=true and
    // stay apart from the source's, so the total is the base's and the traces are the
    // profile's twice (once negated). Except pprof's quirk under -normalize when a sample type totals 0: its
    // ratio is 0, ScaleN drops every source sample whose scaled values are all 0 (that is
    // all of them), and what is left is the base, negated.
    #[test]
    fn self_comparison_is_empty(
        s in samples(),
        diff_base in any::<bool>(),
        normalize in any::<bool>(),
    ) {
        let bytes = encode(&s);
        let a = load_all(&[&bytes]);
        let c = Arc::new(compare(&a, &a, diff_base, normalize));
        if normalize && sums(&a).contains(&0) {
            let negated: Vec<i64> = sums(&a).iter().map(|v| -v).collect();
            prop_assert_eq!(sums(&c), negated);
            return Ok(());
        }
        for si in 0..SAMPLE_TYPES.len() {
            for g in Granularity::ALL {
                let q = query(si, g, false);
                let t = top(&c, &q);
                prop_assert_eq!(rows(&t), vec![], "{:?}", q);
                let (_, list) = traces(&prepared(&c, &q), g);
                if diff_base {
                    prop_assert_eq!(t.total, sums(&a)[si], "{:?}", q);
                    let (_, alone) = traces(&prepared(&Arc::new(a.clone()), &q), g);
                    prop_assert_eq!(list.len(), 2 * alone.len(), "{:?}", q);
                } else {
                    prop_assert_eq!(t.total, 0, "{:?}", q);
                    prop_assert!(list.is_empty(), "{:?}: {} traces", q, list.len());
                }
            }
        }
    }

    // `top -base=B A` is `top -base=A B` negated: same rows in the same order, flat and cum
    // of opposite signs, the same total. Under -drop_negative, what is left has no negative
    // row (flat < 0, or flat 0 and cum < 0), and every row of the full table that is not
    // negative stays.
    #[test]
    fn base_is_antisymmetric(
        sa in samples(),
        sb in samples(),
        si in 0..3usize,
        g in prop::sample::select(Granularity::ALL.to_vec()),
    ) {
        let (ba, bb) = (encode(&sa), encode(&sb));
        let (a, b) = (load_all(&[&ba]), load_all(&[&bb]));
        let a_minus_b = Arc::new(compare(&a, &b, false, false));
        let b_minus_a = Arc::new(compare(&b, &a, false, false));
        let q = query(si, g, false);
        let (ab, ba) = (top(&a_minus_b, &q), top(&b_minus_a, &q));
        let negated: Vec<(String, i64, i64)> =
            rows(&ab).into_iter().map(|(n, f, c)| (n, -f, -c)).collect();
        prop_assert_eq!(rows(&ba), negated);
        prop_assert_eq!(ba.total, ab.total);

        let dropped = top(&a_minus_b, &query(si, g, true));
        let negative = |flat: i64, cum: i64| flat < 0 || (flat == 0 && cum < 0);
        for r in &dropped.rows {
            prop_assert!(!negative(r.flat, r.cum), "{} {} {}", r.name, r.flat, r.cum);
        }
        let kept: Vec<&String> = dropped.rows.iter().map(|r| &r.name).collect();
        for (name, flat, cum) in rows(&ab) {
            if !negative(flat, cum) {
                prop_assert!(kept.contains(&&name), "{} ({}, {}) was dropped", name, flat, cum);
            }
        }
    }

    // -normalize: the base's part of the comparison (Σ before) is the base's total, and the
    // source's part (Σ after = value + before) is the source scaled as pprof's Normalize and
    // ScaleN do (ratio base/source per type, 0 for a source total of 0; each value rounded;
    // a sample dropped when every scaled value is 0), transcribed here. When ScaleN drops no
    // sample, that is the base's total per type up to the rounding (1/2 per source sample),
    // or 0 for a type the source has none of. With -base and with -diff_base.
    #[test]
    fn normalize_scales_the_source_to_the_base(
        sa in samples(),
        sb in samples(),
        diff_base in any::<bool>(),
    ) {
        let (ba, bb) = (encode(&sa), encode(&sb));
        let (source, base) = (load_all(&[&ba]), load_all(&[&bb]));
        let c = compare(&source, &base, diff_base, true);
        let (source_sums, base_sums) = (sums(&source), sums(&base));
        let n = SAMPLE_TYPES.len();
        let (mut before, mut after) = (vec![0i64; n], vec![0i64; n]);
        for i in 0..c.samples.len() {
            let zeros = vec![0i64; n];
            let b = c.samples.before(i).unwrap_or(&zeros);
            for t in 0..n {
                before[t] += b[t];
                after[t] += c.samples.values(i)[t] + b[t];
            }
        }
        prop_assert_eq!(&before, &base_sums);

        // pprof's Normalize + ScaleN on the loaded source.
        let ratios: Vec<f64> = (0..n)
            .map(|t| if source_sums[t] == 0 { 0.0 } else { base_sums[t] as f64 / source_sums[t] as f64 })
            .collect();
        let mut want = vec![0i64; n];
        let mut dropped = 0;
        let scaling = ratios.iter().any(|&r| r != 1.0);
        for i in 0..source.samples.len() {
            let mut v = source.samples.values(i).to_vec();
            let mut keep = !scaling;
            for t in 0..n {
                if ratios[t] != 1.0 {
                    v[t] = (v[t] as f64 * ratios[t]).round() as i64;
                    keep |= v[t] != 0;
                }
            }
            if keep {
                for t in 0..n {
                    want[t] += v[t];
                }
            } else {
                dropped += 1;
            }
        }
        prop_assert_eq!(&after, &want);
        if dropped == 0 {
            for t in 0..n {
                if source_sums[t] == 0 {
                    prop_assert_eq!(after[t], 0, "type {}", t);
                } else {
                    let off = (after[t] - base_sums[t]).abs();
                    prop_assert!(
                        2 * off <= source.samples.len() as i64,
                        "type {}: normalized source {} vs base {} ({} samples)",
                        t, after[t], base_sums[t], source.samples.len()
                    );
                }
            }
        }
    }

    // Merging A and B (both loaded as sources) and subtracting B (-base=B) gives A's top
    // table (rows, order and total) and A's tags, at every granularity.
    #[test]
    fn merge_then_subtract_is_the_identity(
        sa in samples(),
        sb in samples(),
        si in 0..3usize,
    ) {
        let (ba, bb) = (encode(&sa), encode(&sb));
        let a = Arc::new(load_all(&[&ba]));
        let both = load_all(&[&ba, &bb]);
        let b = load_all(&[&bb]);
        let c = Arc::new(compare(&both, &b, false, false));
        for g in Granularity::ALL {
            let q = query(si, g, false);
            let (want, got) = (top(&a, &q), top(&c, &q));
            prop_assert_eq!(rows(&got), rows(&want), "{:?}", q);
            prop_assert_eq!(got.total, want.total, "{:?}", q);
        }
        let q = query(si, Granularity::Functions, false);
        prop_assert_eq!(
            label_table(&prepared(&c, &q), "minimum"),
            label_table(&prepared(&a, &q), "minimum")
        );
    }
}
