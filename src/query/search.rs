//! Which samples a search regex touches: pprof's focus rule without removing anything.
//!
//! Consumes a profile, a value selector and a compiled regex; produces the summed value of
//! the samples with at least one matching frame, each sample counted once however many of
//! its frames match. A location matches as in pprof's `Location.matchesName`: any of its
//! lines' function name or file name, or its mapping's file. So the figure equals the
//! "Showing nodes accounting for" value of `pprof -top -focus=RE -nodefraction=0`. It must
//! not change the profile or know how the figure is shown.

use super::ValueSelector;
use crate::model::{LocId, Profile};
use regex::Regex;

/// Σ value (pprof's flat sum) over the samples that have at least one frame matching `re`.
pub fn matched_value(profile: &Profile, value: ValueSelector, re: &Regex) -> i64 {
    let loc_matches: Vec<bool> = (0..profile.locations.len())
        .map(|i| location_matches(profile, LocId::from_index(i), re))
        .collect();
    // The tree is in pre-order, so a parent's answer is known before its children's.
    let tree = &profile.stacks;
    let mut node_matches = vec![false; tree.len()];
    for (i, &loc) in tree.locs().iter().enumerate() {
        let inherited = tree.parents_raw()[i];
        let parent = inherited != u32::MAX && node_matches[inherited as usize];
        node_matches[i] = parent || loc_matches[loc.index()];
    }
    let samples = &profile.samples;
    let (mut sum, mut div) = (0i64, 0i64);
    for i in 0..samples.len() {
        let Some(s) = samples.stack(i) else { continue };
        if node_matches[s.index()] {
            let vals = samples.values(i);
            sum = sum.wrapping_add(value.value(vals));
            div = div.wrapping_add(value.divisor(vals));
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

    use crate::load::folded_for_tests as profile;

    #[test]
    fn each_sample_counts_once() {
        let p = profile("main;a;a;b 3\nmain;c 1\nmain;a 2");
        let v = ValueSelector {
            index: 0,
            mean: false,
        };
        let re = |s: &str| Regex::new(s).expect("regex");
        assert_eq!(matched_value(&p, v, &re("^a$")), 5);
        assert_eq!(matched_value(&p, v, &re("main")), 6);
        assert_eq!(matched_value(&p, v, &re("c|b")), 4);
        assert_eq!(matched_value(&p, v, &re("zzz")), 0);
    }
}
