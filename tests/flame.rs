//! Acceptance tests of the flame graph core: the call tree (structure, values against an
//! independent per-sample reference), its layout, viewport maths, visible items with
//! merged blocks, hit testing, the sandwich view, and drawing goldens (comparisons too).
//!
//! Inputs: random profiles (the folded-stack DSL, and profiles built location by location
//! with equal names in different files, nameless functions and unsymbolized addresses),
//! every own fixture in tests/fixtures/profiles, and every profile in ../shared when present.

// Defined before the modules so that they all see it (macros scope textually).
/// Returns `Err(format!(...))` from the enclosing function unless `cond` holds.
macro_rules! ensure {
    ($cond:expr, $($fmt:tt)+) => {
        let ok: bool = $cond;
        if !ok {
            return Err(format!($($fmt)+));
        }
    };
}

#[path = "flame/diff.rs"]
mod diff;
#[path = "flame/geometry.rs"]
mod geometry;
#[path = "flame/goldens.rs"]
mod goldens;
mod harness;
#[path = "flame/hits.rs"]
mod hits;
#[path = "flame/invariants.rs"]
mod invariants;
#[path = "flame/limited.rs"]
mod limited;
#[path = "flame/reference.rs"]
mod reference;
#[path = "flame/sandwich.rs"]
mod sandwich;
#[path = "flame/support.rs"]
mod support;
#[path = "flame/under.rs"]
mod under;
#[path = "flame/viewport.rs"]
mod viewport;

use invariants::check_all;
use pprofview::model::Profile;
use pprofview::query::{CallTree, Granularity, Prepared, Query};
use proptest::prelude::*;
use std::sync::Arc;
use support::{
    built_profile, built_spec, folded_profile, folded_text, own_fixtures, shared_fixtures, Fixture,
};

const GRANULARITIES: [Granularity; 5] = Granularity::ALL;

fn build(
    p: &Profile,
    index: usize,
    granularity: Granularity,
    noinlines: bool,
    keep: Option<&[bool]>,
) -> CallTree {
    let query = Query {
        sample_index: index.to_string(),
        noinlines,
        ..Query::default()
    };
    let prepared = Prepared::new(&Arc::new(p.clone()), &query, "minimum").expect("prepared");
    CallTree::build_limited(&prepared, granularity, keep, usize::MAX)
}

/// Profiles with more samples than this (../shared's 425,000-node `large.cpu`) are
/// checked in fewer configurations: tests run unoptimized.
const BIG: usize = 5_000;

/// Tree and layout invariants of every sample type at every granularity, with and without
/// inlined frames, and with a sample mask (big profiles: the last sample type at
/// filefunctions and lines only).
fn invariants_of(p: &Profile, mask: Option<&[bool]>) -> Result<(), String> {
    let big = p.samples.len() > BIG;
    for index in 0..p.sample_types.len() {
        for g in GRANULARITIES {
            for noinlines in [false, true] {
                let small_case = index + 1 == p.sample_types.len()
                    && !noinlines
                    && matches!(g, Granularity::FileFunctions | Granularity::Lines);
                if big && !small_case {
                    continue;
                }
                let t = build(p, index, g, noinlines, mask);
                check_all(&t)
                    .map_err(|e| format!("type {index}, {g:?}, noinlines {noinlines}: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Tree totals against the reference for every sample type at filefunctions and
/// functions; returns the number of paths compared.
fn totals_of(p: &Profile, keep: Option<&[bool]>) -> Result<usize, String> {
    let mut paths = 0;
    for index in 0..p.sample_types.len() {
        for g in [Granularity::FileFunctions, Granularity::Functions] {
            let t = build(p, index, g, false, keep);
            let mut want = reference::reference(p, index, g, keep);
            paths += reference::compare(&t, &mut want)
                .map_err(|e| format!("type {index}, {g:?}: {e}"))?;
        }
    }
    Ok(paths)
}

fn mask(bits: u64, n: usize) -> Vec<bool> {
    (0..n).map(|i| bits >> (i % 64) & 1 == 1).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn dsl_trees_keep_their_invariants(text in folded_text(), bits in any::<u64>()) {
        let p = folded_profile(&text);
        invariants_of(&p, None).map_err(TestCaseError::fail)?;
        invariants_of(&p, Some(&mask(bits, p.samples.len()))).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn built_trees_keep_their_invariants(spec in built_spec()) {
        invariants_of(&built_profile(&spec), None).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn dsl_tree_totals_equal_the_per_sample_reference(text in folded_text(), bits in any::<u64>()) {
        let p = folded_profile(&text);
        totals_of(&p, None).map_err(TestCaseError::fail)?;
        totals_of(&p, Some(&mask(bits, p.samples.len()))).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn built_tree_totals_equal_the_per_sample_reference(spec in built_spec()) {
        totals_of(&built_profile(&spec), None).map_err(TestCaseError::fail)?;
    }
}

fn for_fixtures(what: &str, check: impl Fn(&Fixture) -> Result<usize, String>) {
    let mut all: Vec<&Fixture> = own_fixtures().iter().collect();
    match shared_fixtures() {
        Some(shared) => all.extend(shared),
        None => println!("{what}: shared profiles absent, own fixtures only"),
    }
    let mut failures = Vec::new();
    let mut count = 0;
    for f in &all {
        match check(f) {
            Ok(n) => count += n,
            Err(e) => failures.push(format!("{}: {e}", f.name)),
        }
    }
    println!("{what}: {} profiles, {count} checked", all.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixture_trees_keep_their_invariants() {
    for_fixtures("invariants", |f| {
        invariants_of(&f.profile, None).map(|()| 1)
    });
}

#[test]
fn fixture_tree_totals_equal_the_per_sample_reference() {
    for_fixtures("reference paths", |f| totals_of(&f.profile, None));
}
