//! `drop_frames` / `keep_frames`: pprof's `RemoveUninteresting`, applied once at load time.
//!
//! Consumes a [`Profile`]; produces the same profile with uninteresting frames (allocator
//! internals, signal handlers, ...) removed together with everything they call, as the
//! profile's own `drop_frames` regex asks. A sample's value then belongs to the last
//! interesting caller. Frames rootward of the first "user" frame are never removed.

use super::{LocId, Profile, StackId, StackTreeBuilder};
use crate::goregex::compile_go_regex;
use regex::Regex;

/// Applies the profile's `drop_frames`/`keep_frames`. Returns a warning when a regex does
/// not compile (pprof then leaves the profile unchanged, and so does this).
pub fn remove_uninteresting(profile: &mut Profile) -> Option<String> {
    let drop = profile.str(profile.drop_frames).to_string();
    if drop.is_empty() {
        return None;
    }
    let keep = profile.str(profile.keep_frames).to_string();
    // Go's regexp syntax, as pprof compiles them (`^(drop)$`).
    let compile = |re: &str, what: &str| {
        compile_go_regex(&format!("^({re})$")).map_err(|e| {
            format!("the profile's {what} expression {re:?} is invalid ({e}); it was not applied")
        })
    };
    let drop_rx = match compile(&drop, "drop_frames") {
        Ok(r) => r,
        Err(w) => return Some(w),
    };
    let keep_rx = if keep.is_empty() {
        None
    } else {
        match compile(&keep, "keep_frames") {
            Ok(r) => Some(r),
            Err(w) => return Some(w),
        }
    };
    prune(profile, &drop_rx, keep_rx.as_ref());
    None
}

/// pprof's `Prune(dropRx, keepRx)`.
pub fn prune(profile: &mut Profile, drop: &Regex, keep: Option<&Regex>) {
    let n_locs = profile.locations.len();
    let mut whole = vec![false; n_locs];
    let mut beneath = vec![false; n_locs];
    for li in 0..n_locs {
        let loc = profile.locations[li];
        let lines = &profile.lines[loc.lines_start as usize..loc.lines_end as usize];
        // Scan from the outermost line inwards for the first droppable function.
        let hit = (0..lines.len()).rev().find(|&i| {
            let name = profile.str(profile.function(lines[i].function).name);
            if name.is_empty() {
                return false;
            }
            let name = simplify_func(name);
            drop.is_match(name) && keep.is_none_or(|k| !k.is_match(name))
        });
        if let Some(i) = hit {
            beneath[li] = true;
            if i == lines.len() - 1 {
                whole[li] = true;
            } else {
                profile.locations[li].lines_start += i as u32 + 1;
            }
        }
    }
    if !whole.iter().any(|&w| w) && !beneath.iter().any(|&b| b) {
        return;
    }

    // Rewrite every call path: after the first user frame, the first prunable location cuts
    // the path (dropping itself when wholly pruned, keeping itself otherwise).
    let tree = &profile.stacks;
    let n = tree.len();
    let mut builder = StackTreeBuilder::new();
    let mut new_of: Vec<Option<StackId>> = vec![None; n];
    let mut found_user = vec![false; n];
    let mut cut = vec![false; n];
    for s in 0..n {
        let id = StackId::from_index(s);
        let parent = tree.parent(id);
        let (p_new, p_user, p_cut) = match parent {
            Some(p) => (new_of[p.index()], found_user[p.index()], cut[p.index()]),
            None => (None, false, false),
        };
        let loc = tree.loc(id);
        let li = loc.index();
        let (node, user, is_cut) = if p_cut {
            (p_new, true, true)
        } else if !whole[li] && !beneath[li] {
            (Some(builder.child(p_new, loc.0)), true, false)
        } else if !p_user {
            (Some(builder.child(p_new, loc.0)), false, false)
        } else if whole[li] {
            (p_new, true, true)
        } else {
            (Some(builder.child(p_new, loc.0)), true, true)
        };
        new_of[s] = node;
        found_user[s] = user;
        cut[s] = is_cut;
    }
    let (stacks, renumber) = builder.finish(LocId);
    profile.stacks = stacks;
    profile
        .samples
        .remap_stacks(|s| new_of[s.index()].map(|n| StackId(renumber[n.index()])));
}

/// pprof's `simplifyFunc`: drop a leading `.` and the argument list (from the first `(` that
/// does not start `(anonymous namespace)`; `operator()` is kept whole).
pub fn simplify_func(name: &str) -> &str {
    let name = name.strip_prefix('.').unwrap_or(name);
    const RESERVED: [&str; 2] = ["(anonymous namespace)", "operator()"];
    let bytes = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Bytes, not `str` slices: `i` may be inside a multi-byte character.
        if let Some(r) = RESERVED
            .iter()
            .find(|r| bytes[i..].starts_with(r.as_bytes()))
        {
            i += r.len();
            continue;
        }
        if bytes[i] == b'(' {
            return &name[..i];
        }
        i += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::from_folded;

    fn stacks(p: &Profile) -> Vec<String> {
        (0..p.samples.len())
            .map(|i| {
                let mut names: Vec<&str> = p
                    .stacks
                    .path_leaf_first(p.samples.stack(i))
                    .flat_map(|l| {
                        p.lines_of(l)
                            .iter()
                            .map(|ln| p.str(p.function(ln.function).name))
                    })
                    .collect();
                names.reverse();
                names.join(";")
            })
            .collect()
    }

    #[test]
    fn drops_matching_frames_and_their_callees_after_the_first_user_frame() {
        let mut b = from_folded(
            "main;alloc;malloc;inner 5\nmalloc;main;x 1\nmain;work 2\nmain;app+malloc 3",
            &[("space", "bytes")],
        )
        .expect("folded");
        b.drop_frames("malloc", "");
        let mut p = b.build_profile();
        assert_eq!(remove_uninteresting(&mut p), None);
        assert_eq!(
            stacks(&p),
            vec!["main;alloc", "malloc;main;x", "main;work", "main;app"]
        );
    }

    #[test]
    fn keep_frames_wins_and_bad_regexes_warn() {
        let mut b = from_folded("main;malloc;x 1", &[("space", "bytes")]).expect("folded");
        b.drop_frames("mal.*", "malloc");
        let mut p = b.build_profile();
        remove_uninteresting(&mut p);
        assert_eq!(stacks(&p), vec!["main;malloc;x"]);
        // Go's syntax: \w is ASCII, `{` that starts no repetition is a literal.
        let mut b =
            from_folded("main;mallocé;x 1\nmain;w{;y 1", &[("space", "bytes")]).expect("folded");
        b.drop_frames(r"malloc\w|w{", "");
        let mut p = b.build_profile();
        assert_eq!(remove_uninteresting(&mut p), None);
        assert_eq!(stacks(&p), vec!["main;mallocé;x", "main"]);
        b.drop_frames("(", "");
        let mut p = b.build_profile();
        assert!(remove_uninteresting(&mut p).is_some());
    }

    #[test]
    fn simplify_matches_pprof() {
        assert_eq!(simplify_func(".foo(int)"), "foo");
        assert_eq!(
            simplify_func("ns::(anonymous namespace)::f(x)"),
            "ns::(anonymous namespace)::f"
        );
        assert_eq!(simplify_func("Foo::operator()(int)"), "Foo::operator()");
        assert_eq!(simplify_func("plain"), "plain");
        assert_eq!(simplify_func("ünïcødé(x)"), "ünïcødé");
    }
}
