//! What a load (or a base) changes in the state beyond the summary: the comparison the
//! query makes, the link's sample type checked against the profile, and the link's `sha` pin
//! checked against the file loaded.

use super::app::AppState;
use crate::session::TopColumn;

/// Points the query at `bases` in its current mode (`-base` unless `-diff_base` was on) and
/// sorts the table by delta; no bases drop the comparison and its toggles.
pub(super) fn compare_with(state: &mut AppState, bases: Vec<String>, identical: bool) {
    let q = &mut state.link.query;
    let diff = !q.diff_base.is_empty();
    q.base.clear();
    q.diff_base.clear();
    state.identical = identical && !bases.is_empty();
    if bases.is_empty() {
        q.normalize = false;
        q.drop_negative = false;
        if state
            .link
            .options
            .sort
            .is_some_and(|s| TopColumn::DIFF.contains(&s.column))
        {
            state.link.options.sort = None;
        }
    } else if diff {
        q.diff_base = bases;
    } else {
        q.base = bases;
    }
}

/// Warns when the profile just loaded is not the one the link was made from (its `sha`),
/// then pins the link to what is loaded now.
pub(super) fn check_sha(state: &mut AppState, loaded: &[String]) {
    let expected = std::mem::take(&mut state.expected_sha);
    if !expected.is_empty() && expected != loaded {
        let what = match state.link.urls.as_slice() {
            [] => state.link.files.join(" + "),
            urls => urls.join(" + "),
        };
        state.notices.push(format!(
            "The profile ({what}) is not the one this link was made from: it changed since              (SHA-256 {} then, {} now). The view may differ from what its author saw.",
            expected.join(","),
            loaded.join(",")
        ));
    }
    state.link.sha = loaded.to_vec();
}

/// Drops a link's sample type that the loaded profile lacks (with a notice), and one that
/// is the profile's default (defaults stay out of links). A number names a type by index.
pub(super) fn check_sample_type(state: &mut AppState) {
    let Some(summary) = &state.summary else {
        return;
    };
    let si = &state.link.query.sample_index;
    let by_index = si
        .parse::<usize>()
        .ok()
        .and_then(|i| summary.sample_types.get(i))
        .map(|t| t.name.clone());
    if let Some(name) = by_index {
        state.link.query.sample_index = name;
    }
    let si = &state.link.query.sample_index;
    if !si.is_empty() && !summary.sample_types.iter().any(|t| &t.name == si) {
        state.notices.push(format!(
            "this profile has no sample type \"{si}\"; showing {}",
            summary.default_sample_type
        ));
        state.link.query.sample_index.clear();
    } else if *si == summary.default_sample_type {
        state.link.query.sample_index.clear();
    }
}
