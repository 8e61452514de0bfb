//! Which samples a search regex touches: pprof's focus rule without removing anything.
//!
//! Consumes a prepared query and a compiled regex; produces the summed value of the samples
//! the query keeps that have at least one matching frame, each sample counted once however
//! many of its frames match. A location matches as in pprof's `Location.matchesName` (any of
//! its lines' function name or file name, or its mapping's file), on the frames as recorded,
//! before `-hide`/`-show` rewrote them: so the figure equals the "Showing nodes accounting
//! for" value of `pprof -top -focus=RE -nodefraction=0` with the same other filters. It must
//! not change the profile or know how the figure is shown.

use super::filters::NameMatches;
use super::prepared::Prepared;
use crate::model::{LocId, Profile};
use regex::Regex;

/// Σ value (pprof's flat sum) over the kept samples with at least one frame matching `re`.
pub fn matched_value(prepared: &Prepared, re: &Regex) -> i64 {
    let profile = prepared.profile();
    let m = NameMatches::new(profile, re);
    let loc_matches: Vec<bool> = (0..profile.locations.len())
        .map(|i| m.location(profile, LocId::from_index(i)))
        .collect();
    // The tree is in pre-order, so a parent's answer is known before its children's.
    let tree = &profile.stacks;
    let parents = tree.parents_raw();
    let mut node_matches = vec![false; tree.len()];
    for (i, &loc) in tree.locs().iter().enumerate() {
        let p = parents[i];
        node_matches[i] = (p != u32::MAX && node_matches[p as usize]) || loc_matches[loc.index()];
    }
    let value = prepared.value();
    let samples = &profile.samples;
    let (mut sum, mut div) = (0i64, 0i64);
    for (i, _) in prepared.samples() {
        let Some(s) = samples.stack(i) else { continue };
        if node_matches[s.index()] {
            let (w, dw) = value.weigh(samples, i);
            sum = sum.wrapping_add(w);
            div = div.wrapping_add(dw);
        }
    }
    if div != 0 {
        sum.wrapping_div(div)
    } else {
        sum
    }
}

/// pprof's `Location.matchesName`.
pub fn location_matches(profile: &Profile, loc: LocId, re: &Regex) -> bool {
    for line in profile.lines_of(loc) {
        let f = profile.function(line.function);
        if re.is_match(profile.str(f.name)) || re.is_match(profile.str(f.filename)) {
            return true;
        }
    }
    match profile.location(loc).mapping {
        Some(m) => re.is_match(profile.str(profile.mapping(m).file)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;
    use std::sync::Arc;

    use crate::load::folded_for_tests as profile;

    #[test]
    fn each_kept_sample_counts_once() {
        let p = Arc::new(profile("main;a;a;b 3\nmain;c 1\nmain;a 2"));
        let all = Prepared::unfiltered(&p).expect("prepared");
        let re = |s: &str| Regex::new(s).expect("regex");
        assert_eq!(matched_value(&all, &re("^a$")), 5);
        assert_eq!(matched_value(&all, &re("main")), 6);
        assert_eq!(matched_value(&all, &re("c|b")), 4);
        assert_eq!(matched_value(&all, &re("zzz")), 0);
        let q = Query {
            ignore: "^b$".into(),
            hide: "^a$".into(),
            ..Query::default()
        };
        let filtered = Prepared::new(&p, &q, "minimum").expect("prepared");
        // Hidden frames still match (as -focus matches before -hide); ignored samples do not.
        assert_eq!(matched_value(&filtered, &re("^a$")), 2);
    }
}
