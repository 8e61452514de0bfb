//! pprof's filters on the generated samples, one sample at a time, in `applyFocus`'s order:
//! FilterSamplesByName (focus, ignore, hide, show), ShowFrom, FilterSamplesByTag, FilterTagsByName,
//! PruneFrom. A location is a [`Frame`]; every occurrence of a frame is the same location, so
//! rewriting each occurrence the same way is rewriting the location.

use super::{num_label_units, simplify, unit_family, Frame, Lab, Sample};
use proptest::prelude::*;
use regex::Regex;
use std::collections::HashMap;

/// A `-tagfocus`/`-tagignore` value, kept structured so the test knows what it means.
#[derive(Clone, Debug)]
pub enum TagSpec {
    /// `[key=]re,re…`.
    Regexes {
        key: Option<&'static str>,
        res: Vec<&'static str>,
    },
    /// `[key=]V`, `V:`, `:V` or `V:V` (form 0..3), each `V` a number and a unit.
    Range {
        key: Option<&'static str>,
        form: u8,
        lo: (i64, &'static str),
        hi: (i64, &'static str),
    },
}

impl TagSpec {
    pub fn text(&self) -> String {
        let key = |k: &Option<&str>| k.map(|k| format!("{k}=")).unwrap_or_default();
        match self {
            TagSpec::Regexes { key: k, res } => format!("{}{}", key(k), res.join(",")),
            TagSpec::Range {
                key: k,
                form,
                lo,
                hi,
            } => {
                let (a, b) = (format!("{}{}", lo.0, lo.1), format!("{}{}", hi.0, hi.1));
                let v = match form {
                    0 => a,
                    1 => format!("{a}:"),
                    2 => format!(":{a}"),
                    _ => format!("{a}:{b}"),
                };
                format!("{}{v}", key(k))
            }
        }
    }
}

/// Label keys a filter may name (`""`: a value starting with `=`, which Go reads as no key).
pub const TAG_KEYS: &[&str] = &[
    "worker",
    "kind",
    "bytes",
    "items",
    "alignment",
    "ms",
    "nokey",
];

pub fn tag_spec(with_empty_key: bool) -> impl Strategy<Value = TagSpec> {
    let key = prop_oneof![
        2 => Just(None),
        if with_empty_key { 1 } else { 0 } => Just(Some("")),
        3 => prop::sample::select(TAG_KEYS).prop_map(Some),
    ];
    let keyed_re = prop::sample::select(vec![
        "w1", "^w", "x y", "é", "^$", ".", "b$", "rec", "a=b", "fl|rec",
    ]);
    let free_re = prop::sample::select(vec![
        "worker:w",
        "^worker:w1$",
        "kind:rec",
        "^kind:",
        ":",
        "x y",
        "é",
        "w2",
        ":$",
    ]);
    let unit = prop::sample::select(vec!["", "b", "kb", "mb", "ms", "s", "xyz"]);
    let bound = (prop_oneof![-10i64..10, 0i64..3000], unit);
    prop_oneof![
        (
            key.clone(),
            prop::collection::vec(keyed_re, 1..3),
            prop::collection::vec(free_re, 1..3)
        )
            .prop_map(|(key, keyed, free)| TagSpec::Regexes {
                key,
                res: if key.is_some_and(|k| !k.is_empty()) {
                    keyed
                } else {
                    free
                },
            }),
        (key, 0u8..4, bound.clone(), bound).prop_map(|(key, form, lo, hi)| TagSpec::Range {
            key,
            form,
            lo,
            hi
        }),
    ]
}

/// Which samples a tag filter matches (`compileTagFilter` + `parseTagFilterRange`).
pub struct TagRef {
    key: Option<&'static str>,
    kind: TagKind,
}

enum TagKind {
    Regexes(Vec<Regex>),
    /// The range's unit family and factor, its bounds in that unit, and whether it is one
    /// value (`V`).
    Range {
        fam: Option<u8>,
        factor: f64,
        lo: Option<f64>,
        hi: Option<f64>,
        eq: bool,
    },
}

impl TagRef {
    pub fn new(spec: &TagSpec) -> TagRef {
        let key_of = |k: &Option<&'static str>| k.filter(|k| !k.is_empty());
        match spec {
            TagSpec::Regexes { key, res } => TagRef {
                key: key_of(key),
                kind: TagKind::Regexes(res.iter().map(|r| Regex::new(r).expect("re")).collect()),
            },
            TagSpec::Range { key, form, lo, hi } => {
                let (fam0, fam1) = (unit_family(lo.1), unit_family(hi.1));
                if *form == 3 && fam1.is_some() && fam1.map(|f| f.0) != fam0.map(|f| f.0) {
                    // The second bound's unit is of another family: not a range but a
                    // regex (the text after `key=`).
                    let text = spec.text();
                    let value = text.split_once('=').map_or(text.as_str(), |(_, v)| v);
                    return TagRef {
                        key: key_of(key),
                        kind: TagKind::Regexes(vec![Regex::new(value).expect("re")]),
                    };
                }
                let factor = fam0.map_or(1.0, |f| f.1);
                let low = lo.0 as f64;
                // The second bound is scaled to the first's unit; without a unit of its own
                // it is read in the first's.
                let high = match fam1 {
                    Some((_, f1)) => hi.0 as f64 * f1 / factor,
                    None => hi.0 as f64,
                };
                let (lo, hi) = match form {
                    0 | 1 => (Some(low), (*form == 0).then_some(low)),
                    2 => (None, Some(low)),
                    _ => (Some(low), Some(high)),
                };
                TagRef {
                    key: key_of(key),
                    kind: TagKind::Range {
                        fam: fam0.map(|f| f.0),
                        factor,
                        lo,
                        hi,
                        eq: *form == 0,
                    },
                }
            }
        }
    }

    /// Whether sample `s` matches; `units` are the numeric label keys' units.
    pub fn matches(&self, s: &Sample, units: &HashMap<&'static str, String>) -> bool {
        let labels: Vec<&(&str, Lab)> = s.decoded_labels().collect();
        match (&self.kind, self.key) {
            (TagKind::Regexes(res), Some(key)) => labels.iter().any(|(k, l)| {
                matches!(l, Lab::Str(v) if *k == key && res.iter().any(|re| re.is_match(v)))
            }),
            (TagKind::Regexes(res), None) => res.iter().all(|re| {
                labels
                    .iter()
                    .any(|(k, l)| matches!(l, Lab::Str(v) if re.is_match(&format!("{k}:{v}"))))
            }),
            (
                TagKind::Range {
                    fam,
                    factor: f0,
                    lo,
                    hi,
                    eq,
                },
                key,
            ) => labels.iter().any(|(k, l)| {
                let Lab::Num(v, _) = l else { return false };
                if key.is_some_and(|want| want != *k) {
                    return false;
                }
                // measurement.Scale(v, unit of k, range unit): same family, or a label
                // unit of no family (compared as it is).
                let sv = match unit_family(&units[k]) {
                    None => *v as f64,
                    Some((f, factor)) if Some(f) == *fam => *v as f64 * factor / f0,
                    Some(_) => return false,
                };
                if *eq {
                    return lo.is_some_and(|l| sv == l);
                }
                lo.is_none_or(|l| sv >= l) && hi.is_none_or(|h| sv <= h)
            }),
        }
    }
}

/// The filters of one query, as the test generated them.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub focus: Option<String>,
    pub ignore: Option<String>,
    pub hide: Option<String>,
    pub show: Option<String>,
    pub show_from: Option<String>,
    pub prune_from: Option<String>,
    pub tagfocus: Option<TagSpec>,
    pub tagignore: Option<TagSpec>,
    pub tagshow: Option<String>,
    pub taghide: Option<String>,
}

impl Filters {
    /// `q` with these filters set.
    pub fn query(&self, mut q: pprofview::query::Query) -> pprofview::query::Query {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        let tag = |o: &Option<TagSpec>| o.as_ref().map(TagSpec::text).unwrap_or_default();
        q.focus = text(&self.focus);
        q.ignore = text(&self.ignore);
        q.hide = text(&self.hide);
        q.show = text(&self.show);
        q.show_from = text(&self.show_from);
        q.prune_from = text(&self.prune_from);
        q.tagfocus = tag(&self.tagfocus);
        q.tagignore = tag(&self.tagignore);
        q.tagshow = text(&self.tagshow);
        q.taghide = text(&self.taghide);
        q
    }
}

fn re(o: &Option<String>) -> Option<Regex> {
    o.as_deref()
        .map(|r| Regex::new(r).expect("generated regexes compile"))
}

/// `Location.matchesName`: a line's function name or file name, or the mapping's file.
pub fn matches_name(f: &Frame, re: &Regex) -> bool {
    f.lines.iter().any(|n| line_matches(n, re)) || f.mapping.is_some_and(|m| re.is_match(m))
}

fn line_matches(name: &str, re: &Regex) -> bool {
    re.is_match(name) || re.is_match(&format!("{name}.go"))
}

/// The samples pprof's filters leave, with their rewritten stacks and remaining labels.
pub fn reference(samples: &[Sample], f: &Filters) -> Vec<Sample> {
    let (focus, ignore, hide, show) = (re(&f.focus), re(&f.ignore), re(&f.hide), re(&f.show));
    let (show_from, prune_from) = (re(&f.show_from), re(&f.prune_from));
    let (tagshow, taghide) = (re(&f.tagshow), re(&f.taghide));
    let units = num_label_units(samples);
    let tagfocus = f.tagfocus.as_ref().map(TagRef::new);
    let tagignore = f.tagignore.as_ref().map(TagRef::new);
    let mut out = Vec::new();
    for s in samples {
        // FilterSamplesByName: ignore wins over focus per location; a sample needs a focused
        // location and no ignored one (so one without locations is dropped).
        let ignored = |l: &Frame| ignore.as_ref().is_some_and(|re| matches_name(l, re));
        let focused =
            |l: &Frame| !ignored(l) && focus.as_ref().is_none_or(|re| matches_name(l, re));
        if !s.stack.iter().any(focused) || s.stack.iter().any(ignored) {
            continue;
        }
        let mut stack: Vec<Frame> = s
            .stack
            .iter()
            .filter_map(|l| hide_show(l, &hide, &show))
            .collect();
        if stack.is_empty() {
            continue;
        }
        // ShowFrom: each location cut after its outermost matching line; the stack starts
        // at the rootmost matching location.
        if let Some(re) = &show_from {
            let mut hit = vec![false; stack.len()];
            for (i, l) in stack.iter_mut().enumerate() {
                if l.mapping.is_some_and(|m| re.is_match(m)) {
                    hit[i] = true;
                } else if let Some(last) = l.lines.iter().rposition(|n| line_matches(n, re)) {
                    l.lines.truncate(last + 1);
                    hit[i] = true;
                }
            }
            match hit.iter().position(|&h| h) {
                Some(root) => stack.drain(..root).for_each(drop),
                None => continue,
            }
        }
        // FilterSamplesByTag.
        if tagfocus.as_ref().is_some_and(|t| !t.matches(s, &units))
            || tagignore.as_ref().is_some_and(|t| t.matches(s, &units))
        {
            continue;
        }
        // FilterTagsByName.
        let labels = s
            .labels
            .iter()
            .filter(|(k, _)| {
                tagshow.as_ref().is_none_or(|re| re.is_match(k))
                    && !taghide.as_ref().is_some_and(|re| re.is_match(k))
            })
            .cloned()
            .collect();
        // PruneFrom: each location keeps its lines from the innermost one whose simplified
        // function name matches; the stack ends at the leafmost such location.
        if let Some(re) = &prune_from {
            let mut leaf = None;
            for (i, l) in stack.iter_mut().enumerate() {
                if let Some(first) = l.lines.iter().position(|n| re.is_match(simplify(n))) {
                    l.lines.drain(..first);
                    leaf = Some(i);
                }
            }
            if let Some(leaf) = leaf {
                stack.truncate(leaf + 1);
            }
        }
        out.push(Sample {
            stack,
            values: s.values,
            labels,
        });
    }
    out
}

/// `-hide` then `-show` on one location (`unmatchedLines`, `matchedLines`); `None` when it
/// is removed from the stacks: a filter left it without lines (a location that had none
/// goes only when `-hide` matches its mapping, or with any `-show`).
fn hide_show(l: &Frame, hide: &Option<Regex>, show: &Option<Regex>) -> Option<Frame> {
    let mut l = l.clone();
    let mut hidden = false;
    if let Some(re) = hide {
        if matches_name(&l, re) {
            if l.mapping.is_some_and(|m| re.is_match(m)) {
                l.lines.clear();
            } else {
                l.lines.retain(|n| !line_matches(n, re));
            }
            hidden = l.lines.is_empty();
        }
    }
    if let Some(re) = show {
        if !l.mapping.is_some_and(|m| re.is_match(m)) {
            l.lines.retain(|n| line_matches(n, re));
        }
        hidden |= l.lines.is_empty();
    }
    (!hidden).then_some(l)
}
