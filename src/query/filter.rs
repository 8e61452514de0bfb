//! pprof's `-focus` and `-ignore` (`FilterSamplesByName`): which samples a report keeps.
//!
//! Consumes a profile and the options as typed ([`SampleFilter`]); produces a keep-mask over
//! the samples ([`SampleMask`]) that aggregations honour (`TreeWeights::with_mask`), and
//! whether each regex matched anything (pprof's "… expression matched no samples"). A
//! location matches as in pprof's `Location.matchesName` ([`location_matches`]); one that
//! matches ignore never counts as focused. A sample is kept iff one of its locations is
//! focused (any, when there is no focus) and none is ignored. Matching uses full names,
//! before granularity aggregation (PPROF-SEMANTICS §2.10). The report total is computed
//! before filtering (§2.1): the mask must not feed `query::total`.

use super::go_regex::compile_go_regex;
use super::location_matches;
use crate::error::QueryError;
use crate::model::{LocId, Profile};
use regex::Regex;

/// The focus and ignore regexes as typed, in Go syntax; empty means not set (as in pprof).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SampleFilter {
    /// Keep only samples with a frame matching this (`-focus`).
    pub focus: String,
    /// Drop samples with a frame matching this (`-ignore`).
    pub ignore: String,
}

impl SampleFilter {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.focus.is_empty() && self.ignore.is_empty()
    }

    /// pprof's `ActiveFilters`: `focus=RE`, `ignore=RE` for the options set, in that order.
    pub fn active_filters(&self) -> Vec<String> {
        [("focus", &self.focus), ("ignore", &self.ignore)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={v}"))
            .collect()
    }

    /// Compiles the regexes (focus first, as pprof reports the first bad one).
    pub fn compile(&self) -> Result<CompiledFilter, QueryError> {
        let one = |option: &str, pattern: &str| -> Result<Option<Regex>, QueryError> {
            if pattern.is_empty() {
                return Ok(None);
            }
            compile_go_regex(pattern)
                .map(Some)
                .map_err(|reason| QueryError::BadRegex {
                    option: option.to_string(),
                    message: format!("`{pattern}`: {reason}"),
                })
        };
        Ok(CompiledFilter {
            focus: one("focus", &self.focus)?,
            ignore: one("ignore", &self.ignore)?,
        })
    }
}

/// A [`SampleFilter`] with its regexes compiled.
#[derive(Clone, Debug, Default)]
pub struct CompiledFilter {
    focus: Option<Regex>,
    ignore: Option<Regex>,
}

/// What a location is to the filter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Focused,
    Ignored,
}

impl CompiledFilter {
    /// Whether it keeps every sample.
    pub fn is_empty(&self) -> bool {
        self.focus.is_none() && self.ignore.is_none()
    }

    /// The samples of `profile` this filter keeps.
    pub fn apply(&self, profile: &Profile) -> SampleMask {
        if self.is_empty() {
            return SampleMask::all();
        }
        let marks: Vec<Mark> = (0..profile.locations.len())
            .map(|i| {
                let loc = LocId::from_index(i);
                let matches = |re: &Option<Regex>| {
                    re.as_ref()
                        .is_some_and(|re| location_matches(profile, loc, re))
                };
                if matches(&self.ignore) {
                    Mark::Ignored
                } else if self.focus.is_none() || matches(&self.focus) {
                    Mark::Focused
                } else {
                    Mark::None
                }
            })
            .collect();
        let tree = &profile.stacks;
        let samples = &profile.samples;
        // pprof asks which locations of the profile matched; after its load-time merge
        // those are the locations some sample uses.
        let mut used = vec![false; tree.len()];
        for i in 0..samples.len() {
            if let Some(s) = samples.stack(i) {
                used[s.index()] = true;
            }
        }
        let parents = tree.parents_raw();
        for s in (0..tree.len()).rev() {
            if used[s] && parents[s] != u32::MAX {
                used[parents[s] as usize] = true;
            }
        }
        // Pre-order: a parent's path flags are known before its children's.
        let (mut focused, mut ignored) = (vec![false; tree.len()], vec![false; tree.len()]);
        let (mut focus_matched, mut ignore_matched) = (false, false);
        for (s, &loc) in tree.locs().iter().enumerate() {
            let mark = marks[loc.index()];
            if used[s] {
                focus_matched |= mark == Mark::Focused;
                ignore_matched |= mark == Mark::Ignored;
            }
            let p = parents[s];
            let (pf, pi) = if p == u32::MAX {
                (false, false)
            } else {
                (focused[p as usize], ignored[p as usize])
            };
            focused[s] = pf || mark == Mark::Focused;
            ignored[s] = pi || mark == Mark::Ignored;
        }
        let keep = (0..samples.len())
            .map(|i| {
                samples
                    .stack(i)
                    .is_some_and(|s| focused[s.index()] && !ignored[s.index()])
            })
            .collect();
        SampleMask {
            keep: Some(keep),
            focus_matched: focus_matched || self.focus.is_none(),
            ignore_matched: ignore_matched || self.ignore.is_none(),
        }
    }
}

/// Which samples a filter keeps, and whether its regexes matched anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleMask {
    keep: Option<Vec<bool>>,
    /// Whether a location matched focus and not ignore (true when focus is unset).
    pub focus_matched: bool,
    /// Whether a location matched ignore (true when ignore is unset).
    pub ignore_matched: bool,
}

impl SampleMask {
    /// The mask of no filter: every sample kept.
    pub fn all() -> Self {
        Self {
            keep: None,
            focus_matched: true,
            ignore_matched: true,
        }
    }

    /// Per sample index: whether it is kept; `None` when all are.
    pub fn keep(&self) -> Option<&[bool]> {
        self.keep.as_deref()
    }

    /// Whether sample `i` is kept.
    pub fn keeps(&self, i: usize) -> bool {
        self.keep
            .as_ref()
            .is_none_or(|k| k.get(i).copied().unwrap_or(false))
    }

    /// pprof's warnings for regexes that matched nothing (`warnNoMatches`), for stderr.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.focus_matched {
            out.push("Focus expression matched no samples".to_string());
        }
        if !self.ignore_matched {
            out.push("Ignore expression matched no samples".to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::load::folded_for_tests as profile;

    fn kept(p: &Profile, focus: &str, ignore: &str) -> (Vec<bool>, Vec<String>) {
        let f = SampleFilter {
            focus: focus.to_string(),
            ignore: ignore.to_string(),
        };
        let mask = f.compile().expect("compiles").apply(p);
        let keep = (0..p.samples.len()).map(|i| mask.keeps(i)).collect();
        (keep, mask.warnings())
    }

    #[test]
    fn focus_and_ignore() {
        let p = profile("main;a;b 3\nmain;c 1\nmain;a;c 2");
        let stack = |i: usize| {
            let mut names = Vec::new();
            let mut s = p.samples.stack(i);
            while let Some(id) = s {
                let loc = p.stacks.loc(id);
                let f = p.lines_of(loc)[0].function;
                names.push(p.str(p.function(f).name).to_string());
                s = p.stacks.parent(id);
            }
            names.join(";")
        };
        let with = |focus: &str, ignore: &str| {
            let (keep, warnings) = kept(&p, focus, ignore);
            let mut leaves: Vec<String> = (0..keep.len()).filter(|&i| keep[i]).map(stack).collect();
            leaves.sort();
            (leaves.join(" "), warnings)
        };
        assert_eq!(with("^a$", "").0, "b;a;main c;a;main");
        assert_eq!(with("", "^c$").0, "b;a;main");
        assert_eq!(with("^a$", "^c$").0, "b;a;main");
        // Ignore wins over focus on the same location.
        assert_eq!(
            with("^a$", "^a$"),
            (
                "".to_string(),
                vec!["Focus expression matched no samples".to_string()]
            )
        );
        assert_eq!(with("zz", "yy").1.len(), 2);
        assert!(SampleFilter::default().compile().expect("empty").is_empty());
    }

    #[test]
    fn active_filters_and_errors() {
        let f = SampleFilter {
            focus: "a".into(),
            ignore: "b|c".into(),
        };
        assert_eq!(f.active_filters(), vec!["focus=a", "ignore=b|c"]);
        let bad = SampleFilter {
            focus: String::new(),
            ignore: "(".into(),
        };
        match bad.compile() {
            Err(QueryError::BadRegex { option, message }) => {
                assert_eq!(option, "ignore");
                assert_eq!(message, "`(`: unclosed group");
            }
            other => panic!("{other:?}"),
        }
    }
}
