//! The callers/callees ("sandwich") trees of one function: hand-computed on a profile with
//! several call sites, recursion and an inlined copy, and generic properties on random
//! profiles and the fixtures.

use crate::invariants::check_tree;
use crate::support::{folded_profile, folded_text, own, tree, NAMES};
use pprofview::encode::from_folded;
use pprofview::model::Profile;
use pprofview::query::{CallTree, Granularity, Sandwich};
use proptest::prelude::*;

/// `f` is called from `a`, `b`, `c` and `main`, recurses directly (`f;f`) and through `h`
/// (`f;h;f`), is a root of its own (`f;g`), and is inlined into `d` once (`d+f`).
const PROFILE: &str = "
main;a;f;g 10
main;b;f;f;g 7
main;f 3
main;c;f;h;f 5
main;a;g 2
f;g 1
main;b 4
main;d+f;g 6
";

/// (path of names from the root's child, total, self) of every node, sorted.
fn rows(t: &CallTree) -> Vec<(String, i64, i64)> {
    let mut v: Vec<_> = (0..t.len() as u32)
        .map(|n| {
            let names: Vec<&str> = t.path(n).iter().map(|&m| t.name(m)).collect();
            let k = n as usize;
            (names.join(";"), t.total[k], t.self_value[k])
        })
        .collect();
    v.sort();
    v
}

fn owned(v: &[(&str, i64, i64)]) -> Vec<(String, i64, i64)> {
    let mut v: Vec<_> = v.iter().map(|&(p, t, s)| (p.to_string(), t, s)).collect();
    v.sort();
    v
}

#[test]
fn sandwich_of_a_recursive_function_called_from_several_places() {
    let p = from_folded(PROFILE, &[("samples", "count")])
        .expect("DSL")
        .build_profile();
    let t = tree(&p, 0, Granularity::FileFunctions);
    let s = Sandwich::new(&t, "f");
    // Samples containing f, each once: 10 + 7 + 3 + 5 + 1 + 6.
    let callers = owned(&[
        ("", 32, 1), // the `f;g` sample: f has no caller
        ("a", 10, 0),
        ("a;main", 10, 10),
        ("b", 7, 0),
        ("b;main", 7, 7),
        ("c", 5, 0),
        ("c;main", 5, 5),
        ("d", 6, 0), // the inlined copy's caller is the function it sits in
        ("d;main", 6, 6),
        ("main", 3, 3),
    ]);
    assert_eq!(rows(&s.callers), callers);
    let callees = owned(&[
        ("", 32, 3), // `main;f` ends in f
        ("f", 7, 0), // direct recursion, nested below the outermost f
        ("f;g", 7, 7),
        ("g", 17, 17), // 10 + 1 + 6 (the inlined f's callee merges)
        ("h", 5, 0),
        ("h;f", 5, 5),
    ]);
    assert_eq!(rows(&s.callees), callees);
    for side in [&s.callers, &s.callees] {
        check_tree(side).expect("sandwich tree invariants");
        assert_eq!(
            side.weight[0], 32,
            "all values are positive: weight = total"
        );
    }
    assert!(
        (1..s.callers.len() as u32).all(|n| s.callers.name(n) != "f"),
        "no f above the outermost f"
    );
    let absent = Sandwich::new(&t, "nope");
    assert_eq!((absent.callers.total[0], absent.callees.total[0]), (0, 0));
}

/// Σ value and Σ|value| of the samples with a function called `name` anywhere on their
/// stack (inlined or not), each sample once, read from the profile model.
fn containing(p: &Profile, index: usize, name: &str) -> (i64, i64) {
    let (mut total, mut weight) = (0i64, 0i64);
    for i in 0..p.samples.len() {
        let v = p.samples.values(i)[index];
        let hit = p.stacks.path_leaf_first(p.samples.stack(i)).any(|loc| {
            p.lines_of(loc)
                .iter()
                .any(|l| p.str(p.function(l.function).name) == name)
        });
        if hit {
            total += v;
            weight += v.abs();
        }
    }
    (total, weight)
}

/// Both trees satisfy the call-tree invariants, their roots weigh what the samples
/// containing the function weigh (recursion counted once), and no caller is the function.
fn check_sandwich(p: &Profile, index: usize, name: &str) -> Result<(), String> {
    let t = tree(p, index, Granularity::FileFunctions);
    let s = Sandwich::new(&t, name);
    let (total, weight) = containing(p, index, name);
    for (side, st) in [("callers", &s.callers), ("callees", &s.callees)] {
        check_tree(st).map_err(|e| format!("{name} {side}: {e}"))?;
        if (st.total[0], st.weight[0]) != (total, weight) {
            return Err(format!(
                "{name} {side}: root {:?}, samples {:?}",
                (st.total[0], st.weight[0]),
                (total, weight)
            ));
        }
    }
    if (1..s.callers.len() as u32).any(|n| s.callers.name(n) == name) {
        return Err(format!("{name} is its own caller"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn sandwich_roots_count_each_sample_once(text in folded_text()) {
        let p = folded_profile(&text);
        for name in NAMES {
            for index in 0..2 {
                check_sandwich(&p, index, name).map_err(TestCaseError::fail)?;
            }
        }
    }
}

#[test]
fn sandwich_on_fixtures() {
    for (stem, names) in [
        (
            "go_cpu",
            &["main.descend", "main.fold", "runtime.mallocgc"][..],
        ),
        ("synth_deep", &["pkg.recurse", "chain.f100"][..]),
        ("go_heap", &["main.allocRecords", "runtime.malg"][..]),
    ] {
        let p = own(stem);
        for name in names {
            for index in 0..p.sample_types.len() {
                check_sandwich(&p, index, name).unwrap_or_else(|e| panic!("{stem}: {e}"));
            }
        }
    }
}
