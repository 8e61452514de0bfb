//! Property tests of the link format (`state::url`): any state survives being written into a
//! fragment and read back, and no fragment, however broken, makes parsing fail.

use pprofview::query::{Field, Granularity, Query};
use pprofview::state::{UrlState, View};
use proptest::prelude::*;

/// Any text, including the characters the format uses (`&`, `=`, `#`, `%`, `+`, spaces).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9./:?&=#%+ ()|\\\\^$*-]{0,24}",
        any::<String>().prop_map(|s| s.chars().take(24).collect()),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "https://[a-z]{1,8}\\.internal/[a-z0-9/._%?&=+ -]{0,20}",
        "[a-z0-9_-]{1,8}(/[a-z0-9_.-]{1,8}){0,2}\\.pb\\.gz",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fragment_round_trip(
        urls in prop::collection::vec(url(), 0..3),
        si in text(),
        q in text(),
        kept in prop::collection::vec(("[a-z]{1,3}", text()), 0..3),
        top in any::<bool>(),
        g in prop::option::of(prop::sample::select(vec![
            Granularity::Functions, Granularity::Files, Granularity::Lines, Granularity::Addresses,
        ])),
        p in prop::collection::vec(text().prop_filter("a frame has a name", |n| !n.is_empty()), 0..4),
    ) {
        // Kept keys are the ones this version does not interpret.
        let kept: Vec<(String, String)> = kept
            .into_iter()
            .filter(|(k, _)| !["v", "url", "view", "q", "p", "base", "diff_base", "norm", "dropneg", "sha"].contains(&k.as_str()))
            .filter(|(k, _)| Field::by_link(k).is_none())
            .collect();
        let query = Query { sample_index: si, granularity: g, ..Query::default() };
        let state = UrlState { urls, query, view: if top { View::Top } else { View::DEFAULT }, q, p, kept };
        let (back, _) = UrlState::parse(&state.to_fragment());
        prop_assert_eq!(back, state);
    }

    #[test]
    fn any_fragment_parses(fragment in any::<String>()) {
        let (state, _) = UrlState::parse(&fragment);
        // Whatever it read, it can write and read again to the same state.
        let (again, _) = UrlState::parse(&state.to_fragment());
        prop_assert_eq!(again, state);
    }
}
