//! The frames filters change per location: pprof's `-hide`/`-show` (`FilterSamplesByName`),
//! `-show_from` (`filterShowFromLocation`) and `-prune_from` (`PruneFrom`) all rewrite a
//! location's lines the same way wherever it occurs, so they are one table of lines per
//! location, copied from the profile only when a filter is set.
//!
//! Consumes a profile and compiled regexes; produces [`LocationLines`] and, per location,
//! what each regex matched. Regexes run once per function and once per mapping, not once
//! per line of every location.

use crate::model::prune::simplify_func;
use crate::model::{FuncId, Line, LocId, Profile};
use regex::Regex;

/// Per function and per mapping: whether a regex matches its name / file name (pprof's
/// `matchesName` looks at a line's function name and file name, and the mapping's file).
pub(crate) struct NameMatches {
    func: Vec<bool>,
    mapping: Vec<bool>,
}

impl NameMatches {
    pub(crate) fn new(profile: &Profile, re: &Regex) -> Self {
        Self {
            func: profile
                .functions
                .iter()
                .map(|f| re.is_match(profile.str(f.name)) || re.is_match(profile.str(f.filename)))
                .collect(),
            mapping: profile
                .mappings
                .iter()
                .map(|m| re.is_match(profile.str(m.file)))
                .collect(),
        }
    }

    pub(super) fn line(&self, line: &Line) -> bool {
        self.func[line.function.index()]
    }

    pub(super) fn mapping_of(&self, profile: &Profile, loc: LocId) -> bool {
        profile
            .location(loc)
            .mapping
            .is_some_and(|m| self.mapping[m.index()])
    }

    /// pprof's `Location.matchesName` on the location's original lines.
    pub(crate) fn location(&self, profile: &Profile, loc: LocId) -> bool {
        profile.lines_of(loc).iter().any(|l| self.line(l)) || self.mapping_of(profile, loc)
    }
}

/// The lines of every location after the frame filters, and which locations are gone from
/// every stack (all their lines filtered away).
#[derive(Clone, Debug)]
pub struct LocationLines {
    /// Per location: its first line in `lines`.
    starts: Vec<u32>,
    /// Per location: one past its last line (locations only ever lose lines).
    ends: Vec<u32>,
    lines: Vec<Line>,
    removed: Vec<bool>,
}

impl LocationLines {
    /// A copy of the profile's lines.
    pub(super) fn of(profile: &Profile) -> Self {
        Self {
            starts: profile.locations.iter().map(|l| l.lines_start).collect(),
            ends: profile.locations.iter().map(|l| l.lines_end).collect(),
            lines: profile.lines.clone(),
            removed: vec![false; profile.locations.len()],
        }
    }

    /// The location's lines now (innermost first), `None` when it was removed.
    #[inline]
    pub fn get(&self, loc: LocId) -> Option<&[Line]> {
        let i = loc.index();
        if self.removed[i] {
            return None;
        }
        Some(&self.lines[self.starts[i] as usize..self.ends[i] as usize])
    }

    /// Whether the location is gone from every stack.
    #[inline]
    pub fn removed(&self, loc: LocId) -> bool {
        self.removed[loc.index()]
    }

    /// Keeps only the lines `keep` accepts (order kept); the location is removed when none
    /// are left.
    fn retain(&mut self, i: usize, mut keep: impl FnMut(&Line) -> bool) {
        let (s, e) = (self.starts[i] as usize, self.ends[i] as usize);
        let mut w = s;
        for r in s..e {
            if keep(&self.lines[r]) {
                self.lines[w] = self.lines[r];
                w += 1;
            }
        }
        self.ends[i] = w as u32;
        if w == s {
            self.removed[i] = true;
        }
    }

    /// Keeps lines `from..to` (relative to the location's first line now).
    fn keep_range(&mut self, i: usize, from: usize, to: usize) {
        let s = self.starts[i];
        self.starts[i] = s + from as u32;
        self.ends[i] = s + to as u32;
    }
}

/// pprof's `-hide` and `-show` on every location (lines of the ones whose lines all go are
/// removed). Returns (hide matched something, show kept something).
pub(super) fn hide_show(
    profile: &Profile,
    lines: &mut LocationLines,
    used: &[bool],
    hide: Option<&Regex>,
    show: Option<&Regex>,
) -> (bool, bool) {
    let (mut hide_matched, mut show_matched) = (false, false);
    let hide = hide.map(|re| NameMatches::new(profile, re));
    let show = show.map(|re| NameMatches::new(profile, re));
    for (i, &used) in used.iter().enumerate().take(profile.locations.len()) {
        let loc = LocId::from_index(i);
        if let Some(h) = &hide {
            if h.location(profile, loc) {
                hide_matched |= used;
                if h.mapping_of(profile, loc) {
                    lines.retain(i, |_| false);
                    lines.removed[i] = true;
                } else {
                    lines.retain(i, |l| !h.line(l));
                }
            }
        }
        if let Some(s) = &show {
            if !s.mapping_of(profile, loc) {
                lines.retain(i, |l| s.line(l));
            }
            // A location without lines keeps none, even when its mapping matches.
            if lines.get(loc).is_none_or(|l| l.is_empty()) {
                lines.removed[i] = true;
            } else {
                show_matched |= used;
            }
        }
    }
    (hide_matched, show_matched)
}

/// pprof's `filterShowFromLocation` on every location: which locations match `re` (their
/// lines cut after the last, outermost, matching one).
pub(super) fn show_from(profile: &Profile, lines: &mut LocationLines, re: &Regex) -> Vec<bool> {
    let m = NameMatches::new(profile, re);
    (0..profile.locations.len())
        .map(|i| {
            let loc = LocId::from_index(i);
            if m.mapping_of(profile, loc) {
                return true;
            }
            let Some(now) = lines.get(loc) else {
                return false;
            };
            match now.iter().rposition(|l| m.line(l)) {
                Some(last) => {
                    lines.keep_range(i, 0, last + 1);
                    true
                }
                None => false,
            }
        })
        .collect()
}

/// pprof's `PruneFrom` on every location: which locations hold a function whose simplified
/// name matches `re` (their lines inward of the first such line dropped).
pub(super) fn prune_from(profile: &Profile, lines: &mut LocationLines, re: &Regex) -> Vec<bool> {
    let mut by_func: Vec<Option<bool>> = vec![None; profile.functions.len()];
    let mut matches = |f: FuncId| -> bool {
        *by_func[f.index()].get_or_insert_with(|| {
            let name = profile.str(profile.function(f).name);
            !name.is_empty() && re.is_match(simplify_func(name))
        })
    };
    (0..profile.locations.len())
        .map(|i| {
            let loc = LocId::from_index(i);
            let Some(now) = lines.get(loc) else {
                return false;
            };
            match now.iter().position(|l| matches(l.function)) {
                Some(first) => {
                    let len = now.len();
                    lines.keep_range(i, first, len);
                    true
                }
                None => false,
            }
        })
        .collect()
}
