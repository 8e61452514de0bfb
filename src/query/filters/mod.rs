//! pprof's filters (`applyFocus`, driver_focus.go), applied in pprof's order as an overlay
//! on the profile instead of a rewritten copy.
//!
//! Consumes a profile and a [`Compiled`] query; produces [`Filtered`]: which samples are
//! kept, each location's lines (`-hide`, `-show`, `-show_from`, `-prune_from` cut lines the
//! same way wherever a location occurs), which stack-tree nodes still show frames
//! (`-show_from` drops the part of each stack above the rootmost match), where each stack
//! ends (`-prune_from` moves a sample's leaf up to the leafmost match), and which label keys
//! remain (`-tagshow`/`-taghide`). Every aggregation reads the profile through it, so a
//! filter change costs a few linear passes, never a new stack tree. Also produces pprof's
//! "… expression matched no samples" warnings. The order is pprof's: focus/ignore/hide/show,
//! show_from, tagfocus/tagignore, tagshow/taghide, prune_from.

mod lines;
pub(crate) use lines::NameMatches;
mod tags;

pub use lines::LocationLines;
pub use tags::{compile_tag_filter, num_label_units, NumRange, TagFilter};

use super::spec::Compiled;
use crate::model::{LabelSetId, LocId, Profile, StackId, StrId};
use rustc_hash::{FxHashMap, FxHashSet};

/// A profile as a query's filters leave it (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct Filtered {
    /// Per sample: whether it is kept (`None`: all).
    keep: Option<Vec<bool>>,
    /// Lines per location (`None`: the profile's own).
    lines: Option<LocationLines>,
    /// Per stack-tree node: whether it shows its frames (`None`: all do).
    visible: Option<Vec<bool>>,
    /// Per stack-tree node: the node a sample ending there ends at (`None`: itself).
    leaf: Option<Vec<u32>>,
    /// Label keys removed from every sample.
    hidden_keys: FxHashSet<StrId>,
}

impl Filtered {
    /// Whether sample `i` is kept.
    #[inline]
    pub fn keeps(&self, i: usize) -> bool {
        self.keep
            .as_ref()
            .is_none_or(|k| k.get(i).copied().unwrap_or(false))
    }

    /// The keep-mask over samples (`None`: all kept).
    pub fn keep_mask(&self) -> Option<&[bool]> {
        self.keep.as_deref()
    }

    /// Where a sample whose stack is `s` ends after `-prune_from`.
    #[inline]
    pub fn leaf(&self, s: StackId) -> StackId {
        match &self.leaf {
            Some(l) => StackId(l[s.index()]),
            None => s,
        }
    }

    /// The lines of `loc` after the frame filters; `None` when it is gone from every stack.
    #[inline]
    pub fn lines<'a>(
        &'a self,
        profile: &'a Profile,
        loc: LocId,
    ) -> Option<&'a [crate::model::Line]> {
        match &self.lines {
            Some(l) => l.get(loc),
            None => Some(profile.lines_of(loc)),
        }
    }

    /// Whether stack-tree node `s` shows its frames (`-show_from` hides the callers above the
    /// rootmost match).
    #[inline]
    pub fn node_visible(&self, s: StackId) -> bool {
        self.visible.as_ref().is_none_or(|v| v[s.index()])
    }

    /// Whether the label key `key` is still shown (`-tagshow`/`-taghide`).
    #[inline]
    pub fn key_shown(&self, key: StrId) -> bool {
        !self.hidden_keys.contains(&key)
    }

    /// Whether some stack-tree nodes show no frames (`-show_from`).
    pub fn hides_nodes(&self) -> bool {
        self.visible.is_some()
    }

    /// Whether the frames of some locations changed (or some were removed).
    pub fn changes_lines(&self) -> bool {
        self.lines.is_some()
    }
}

/// What a filter pass reports besides the overlay: pprof's warnings, in pprof's order.
pub type Warnings = Vec<String>;

/// Applies `c` to `profile` (pprof's `applyFocus`). `units` are the numeric label units.
pub fn apply(
    profile: &Profile,
    c: &Compiled,
    units: &FxHashMap<String, String>,
) -> (Filtered, Warnings) {
    let mut out = Filtered::default();
    let mut warnings = Vec::new();
    let mut warn = |matched: bool, what: &str| {
        if !matched {
            warnings.push(format!("{what} expression matched no samples"));
        }
    };
    let tree = &profile.stacks;
    let n_nodes = tree.len();
    let parents = tree.parents_raw();
    let locs = tree.locs();
    // Only the name and show_from filters report matches over the locations in use (a pass
    // over the whole stack tree, skipped when neither is set).
    let used = if c.focus.is_some()
        || c.ignore.is_some()
        || c.hide.is_some()
        || c.show.is_some()
        || c.show_from.is_some()
    {
        used_locations(profile)
    } else {
        Vec::new()
    };

    // 1. FilterSamplesByName: focus and ignore mark locations on their original lines; hide
    // and show rewrite lines. Samples are kept when focused, not ignored, and not emptied.
    let names = c.focus.is_some() || c.ignore.is_some() || c.hide.is_some() || c.show.is_some();
    if names {
        let focus = c.focus.as_ref().map(|re| NameMatches::new(profile, re));
        let ignore = c.ignore.as_ref().map(|re| NameMatches::new(profile, re));
        let (mut focus_hit, mut ignore_hit) = (false, false);
        // 0 = neither, 1 = focused, 2 = ignored.
        let mark: Vec<u8> = (0..profile.locations.len())
            .map(|i| {
                let loc = LocId::from_index(i);
                if ignore.as_ref().is_some_and(|m| m.location(profile, loc)) {
                    ignore_hit |= used[i];
                    2
                } else if focus.as_ref().is_none_or(|m| m.location(profile, loc)) {
                    focus_hit |= used[i];
                    1
                } else {
                    0
                }
            })
            .collect();
        let mut hide_hit = false;
        let mut show_hit = false;
        if c.hide.is_some() || c.show.is_some() {
            let mut lines = LocationLines::of(profile);
            (hide_hit, show_hit) =
                lines::hide_show(profile, &mut lines, &used, c.hide.as_ref(), c.show.as_ref());
            out.lines = Some(lines);
        }
        warn(c.focus.is_none() || focus_hit, "Focus");
        warn(c.ignore.is_none() || ignore_hit, "Ignore");
        warn(c.hide.is_none() || hide_hit, "Hide");
        warn(c.show.is_none() || show_hit, "Show");
        // Per node, in pre-order: (focused, ignored, some frame left) on its path.
        let mut state = vec![0u8; n_nodes];
        for s in 0..n_nodes {
            let p = parents[s];
            let mut st = if p == u32::MAX { 0 } else { state[p as usize] };
            let loc = locs[s];
            match mark[loc.index()] {
                1 => st |= 1,
                2 => st |= 2,
                _ => {}
            }
            if out.lines.as_ref().is_none_or(|l| !l.removed(loc)) {
                st |= 4;
            }
            state[s] = st;
        }
        out.keep = Some(
            (0..profile.samples.len())
                .map(|i| {
                    profile
                        .samples
                        .stack(i)
                        .is_some_and(|s| state[s.index()] & 7 == 5)
                })
                .collect(),
        );
    } else if (0..profile.samples.len()).any(|i| profile.samples.stack(i).is_none()) {
        // pprof's FilterSamplesByName runs even with no regex set, and a sample without
        // frames is never "focused": it is dropped from every report.
        out.keep = Some(
            (0..profile.samples.len())
                .map(|i| profile.samples.stack(i).is_some())
                .collect(),
        );
    }

    // 2. ShowFrom: a node shows frames from the rootmost matching location down; samples
    // without a match are dropped.
    if let Some(re) = &c.show_from {
        let lines = out.lines.get_or_insert_with(|| LocationLines::of(profile));
        let hit = lines::show_from(profile, lines, re);
        warn(hit.iter().zip(&used).any(|(h, u)| *h && *u), "ShowFrom");
        let mut visible = vec![false; n_nodes];
        for s in 0..n_nodes {
            let p = parents[s];
            let loc = locs[s];
            let here = hit[loc.index()] && !lines.removed(loc);
            visible[s] = here || (p != u32::MAX && visible[p as usize]);
        }
        let keep = out
            .keep
            .get_or_insert_with(|| vec![true; profile.samples.len()]);
        for (i, k) in keep.iter_mut().enumerate() {
            *k = *k && profile.samples.stack(i).is_some_and(|s| visible[s.index()]);
        }
        out.visible = Some(visible);
    }

    // 3. FilterSamplesByTag, on the samples still kept; evaluated once per label set.
    if c.tagfocus.is_some() || c.tagignore.is_some() {
        let n_sets = profile.label_sets.len();
        let eval = |f: &Option<super::filters::TagFilter>| -> Option<Vec<bool>> {
            f.as_ref().map(|f| {
                (0..n_sets)
                    .map(|i| {
                        let set = profile.label_sets.get(LabelSetId::from_index(i));
                        f.matches(profile, set, units)
                    })
                    .collect()
            })
        };
        let (focus, ignore) = (eval(&c.tagfocus), eval(&c.tagignore));
        let (mut focus_hit, mut ignore_hit) = (false, false);
        let keep = out
            .keep
            .get_or_insert_with(|| vec![true; profile.samples.len()]);
        for (i, k) in keep.iter_mut().enumerate() {
            if !*k {
                continue;
            }
            let set = profile.samples.labels(i).index();
            let focused = focus.as_ref().is_none_or(|f| f[set]);
            let ignored = ignore.as_ref().is_some_and(|g| g[set]);
            focus_hit |= focused;
            ignore_hit |= ignored;
            *k = focused && !ignored;
        }
        warn(c.tagfocus.is_none() || focus_hit, "TagFocus");
        warn(c.tagignore.is_none() || ignore_hit, "TagIgnore");
    }

    // 4. FilterTagsByName: label keys of the kept samples not shown, or hidden.
    if c.tagshow.is_some() || c.taghide.is_some() {
        let mut seen: FxHashSet<StrId> = FxHashSet::default();
        let mut sets_seen = vec![false; profile.label_sets.len()];
        for i in 0..profile.samples.len() {
            let set = profile.samples.labels(i);
            if !out.keeps(i) || std::mem::replace(&mut sets_seen[set.index()], true) {
                continue;
            }
            seen.extend(profile.label_sets.get(set).iter().map(|l| l.key));
        }
        let (mut show_hit, mut hide_hit) = (false, false);
        for key in seen {
            let name = profile.str(key);
            let shown = c.tagshow.as_ref().is_none_or(|re| re.is_match(name));
            let hidden = c.taghide.as_ref().is_some_and(|re| re.is_match(name));
            show_hit |= shown;
            hide_hit |= hidden;
            if !shown || hidden {
                out.hidden_keys.insert(key);
            }
        }
        warn(c.tagshow.is_none() || show_hit, "TagShow");
        warn(c.taghide.is_none() || hide_hit, "TagHide");
    }

    // 5. PruneFrom: each sample ends at the leafmost matching location of its (remaining)
    // stack.
    if let Some(re) = &c.prune_from {
        let lines = out.lines.get_or_insert_with(|| LocationLines::of(profile));
        let hit = lines::prune_from(profile, lines, re);
        let visible = out.visible.as_deref();
        // leaf[s]: the nearest matching ancestor-or-self of s, else s itself.
        let mut nearest = vec![u32::MAX; n_nodes];
        for s in 0..n_nodes {
            let loc = locs[s];
            let here = hit[loc.index()] && !lines.removed(loc) && visible.is_none_or(|v| v[s]);
            nearest[s] = match (here, parents[s]) {
                (true, _) => s as u32,
                (false, u32::MAX) => u32::MAX,
                (false, p) => nearest[p as usize],
            };
        }
        for (s, m) in nearest.iter_mut().enumerate() {
            if *m == u32::MAX {
                *m = s as u32;
            }
        }
        out.leaf = Some(nearest);
    }
    (out, warnings)
}

/// Per location: whether some sample's stack uses it (pprof's merged profile holds only
/// those, so only they count as "matched").
fn used_locations(profile: &Profile) -> Vec<bool> {
    let tree = &profile.stacks;
    let mut on_path = vec![false; tree.len()];
    for i in 0..profile.samples.len() {
        if let Some(s) = profile.samples.stack(i) {
            on_path[s.index()] = true;
        }
    }
    let parents = tree.parents_raw();
    for s in (0..tree.len()).rev() {
        if on_path[s] && parents[s] != u32::MAX {
            on_path[parents[s] as usize] = true;
        }
    }
    let mut used = vec![false; profile.locations.len()];
    for (s, &loc) in tree.locs().iter().enumerate() {
        if on_path[s] {
            used[loc.index()] = true;
        }
    }
    used
}
