//! Shared by the filter property tests (`tests/filter_properties.rs`,
//! `tests/filter_reference.rs`): random profiles with inlined frames, mappings, string and
//! numeric labels and three sample types; regexes built from their names; and a per-sample
//! transcription of pprof's filters (profile/filter.go, prune.go, driver_focus.go) on the
//! generated stacks, written without the core's code.
#![allow(dead_code)]

use pprofview::encode::{LabelArg, ProfileBuilder};
use pprofview::model::Profile;
use pprofview::query::{top_table, Prepared, Query, TopOptions, TopTable};
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

pub mod reference;

/// Function names; `NAME.go` is each one's file. Some have what `simplifyFunc` cuts.
pub const NAMES: &[&str] = &[
    "main",
    "a",
    "b",
    "c",
    "runtime.x",
    "pkg.(*T).m",
    "ns::f(int)",
    "(anonymous namespace)::g",
];
/// A location's mapping follows from its outermost function: `MAPPINGS[index % 3]`.
pub const MAPPINGS: [Option<&str>; 3] = [None, Some("/bin/app"), Some("/lib/libc.so.6")];
pub const SAMPLE_TYPES: &[(&str, &str)] = &[
    ("samples", "count"),
    ("cpu", "nanoseconds"),
    ("alloc", "bytes"),
];
/// String label keys and their values ("" is dropped by the decoder, as Go's).
pub const STR_KEYS: &[(&str, &[&str])] = &[
    ("worker", &["w1", "w2", "a=b", "x y", "é", ""]),
    ("kind", &["rec", "fl"]),
];

/// One location: its functions innermost first (as `Location.Line`), and its mapping file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Frame {
    pub lines: Vec<&'static str>,
    pub mapping: Option<&'static str>,
}

/// A label as written in the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Lab {
    Str(&'static str),
    Num(i64, &'static str),
}

#[derive(Clone, Debug)]
pub struct Sample {
    /// Root first.
    pub stack: Vec<Frame>,
    pub values: [i64; 3],
    pub labels: Vec<(&'static str, Lab)>,
}

impl Sample {
    /// The labels Go's decoder keeps: a string label with an empty value and a numeric one
    /// with value 0 and no unit are dropped (`postDecode`).
    pub fn decoded_labels(&self) -> impl Iterator<Item = &(&'static str, Lab)> {
        self.labels
            .iter()
            .filter(|(_, l)| !matches!(l, Lab::Str("") | Lab::Num(0, "")))
    }

    /// The string values of `key`, in order.
    pub fn str_values(&self, key: &str) -> Vec<&'static str> {
        self.decoded_labels()
            .filter_map(|(k, l)| match l {
                Lab::Str(v) if *k == key => Some(*v),
                _ => None,
            })
            .collect()
    }
}

/// A location: one function or an inlined chain, in the mapping of the outermost one; now
/// and then an address without lines (in a mapping, or with `unmapped` in none).
fn frame(unmapped: bool) -> impl Strategy<Value = Frame> {
    let bare = if unmapped {
        &MAPPINGS[..]
    } else {
        &MAPPINGS[1..]
    };
    prop_oneof![
        12 => (0..NAMES.len(), prop::collection::vec(0..NAMES.len(), 0..3)).prop_map(
            |(outer, inner)| {
                let mut lines: Vec<&'static str> = inner.iter().rev().map(|&i| NAMES[i]).collect();
                lines.push(NAMES[outer]);
                Frame { lines, mapping: MAPPINGS[outer % 3] }
            }
        ),
        1 => prop::sample::select(bare).prop_map(|mapping| Frame { lines: Vec::new(), mapping }),
    ]
}

fn label() -> impl Strategy<Value = (&'static str, Lab)> {
    prop_oneof![
        3 => (0..STR_KEYS.len(), 0..6usize).prop_map(|(k, v)| {
            let (key, values) = STR_KEYS[k];
            (key, Lab::Str(values[v % values.len()]))
        }),
        2 => (prop_oneof![0i64..5000, Just(1024), Just(2048)],
              prop::sample::select(vec!["", "bytes", "kb"]))
            .prop_map(|(v, u)| ("bytes", Lab::Num(v, u))),
        1 => (-3i64..50).prop_map(|v| ("items", Lab::Num(v, ""))),
        1 => (0i64..64).prop_map(|v| ("alignment", Lab::Num(v, ""))),
        1 => (0i64..2000).prop_map(|v| ("ms", Lab::Num(v, ""))),
    ]
}

/// Samples with stacks of 0..7 frames (empty ones now and then), three values (the cpu one
/// signed when asked) and 0..4 labels. Every location has lines or a mapping, so some regex
/// matches it.
pub fn samples(signed: bool) -> impl Strategy<Value = Vec<Sample>> {
    samples_with(signed, false)
}

/// [`samples`], with `unmapped`: also locations with neither lines nor mapping, which no
/// regex matches.
pub fn samples_with(signed: bool, unmapped: bool) -> impl Strategy<Value = Vec<Sample>> {
    let cpu = if signed { -50i64..100 } else { 0i64..100 };
    let sample = (
        prop_oneof![1 => Just(Vec::new()), 12 => prop::collection::vec(frame(unmapped), 1..7)],
        (0i64..5, cpu, 0i64..1000),
        prop::collection::vec(label(), 0..4),
    )
        .prop_map(|(stack, (a, b, c), labels)| Sample {
            stack,
            values: [a, b, c],
            labels,
        });
    prop::collection::vec(sample, 1..20)
}

/// The profile of `samples`: one location per distinct frame.
pub fn build(samples: &[Sample]) -> Profile {
    let mut b = ProfileBuilder::new(SAMPLE_TYPES);
    let app = b.mapping("/bin/app", "", 0x1000, 0x1000_0000);
    let libc = b.mapping("/lib/libc.so.6", "", 0x7f00_0000_0000, 0x7f00_1000_0000);
    let mut locs: HashMap<Frame, u64> = HashMap::new();
    for s in samples {
        let mut leaf_first = Vec::new();
        for f in s.stack.iter().rev() {
            let n = locs.len() as u64 + 1;
            let id = *locs.entry(f.clone()).or_insert_with(|| {
                let lines: Vec<(u64, i64)> = f
                    .lines
                    .iter()
                    .map(|name| (b.function(name, &format!("{name}.go")), 1))
                    .collect();
                let (mapping, base) = match f.mapping {
                    None => (0, 0x100),
                    Some("/bin/app") => (app, 0x1000),
                    Some(_) => (libc, 0x7f00_0000_0000),
                };
                b.location(&lines, base + 0x10 * n, mapping)
            });
            leaf_first.push(id);
        }
        let labels: Vec<(&str, LabelArg)> = s
            .labels
            .iter()
            .map(|(k, l)| match l {
                Lab::Str(v) => (*k, LabelArg::Str(v)),
                Lab::Num(v, u) => (*k, LabelArg::Num(*v, u)),
            })
            .collect();
        b.sample_locations(&leaf_first, &s.values, &labels);
    }
    b.build_profile()
}

/// A regex over function names, file names and mapping files, as a user would type it.
pub fn name_regex() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        3 => (0..NAMES.len()).prop_map(|i| format!("^{}$", regex::escape(NAMES[i]))),
        1 => (0..NAMES.len()).prop_map(|i| regex::escape(NAMES[i])),
        2 => (0..NAMES.len()).prop_map(|i| format!("^{}\\.go$", regex::escape(NAMES[i]))),
        2 => prop::sample::select(vec![
            "runtime", "^pkg\\.", "m$", "\\(", "::", "libc", "^/bin/", "app", "^[abc]$",
            "\\.go$", ".", "^$", "^pkg\\.$", "^ns::f$", "^\\(anonymous namespace\\)::g$",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(atom, 1..3).prop_map(|a| a.join("|"))
}

/// What `simplifyFunc` (profile/prune.go) leaves of a name: a leading `.` and everything
/// from the first `(` that is not part of `(anonymous namespace)` or `operator()`.
pub fn simplify(name: &str) -> &str {
    let name = name.strip_prefix('.').unwrap_or(name);
    let mut i = 0;
    while let Some(p) = name[i..].find('(') {
        let at = i + p;
        let rest = &name[at..];
        if let Some(r) = ["(anonymous namespace)", "operator()"]
            .iter()
            .find(|r| rest.starts_with(**r))
        {
            i = at + r.len();
            continue;
        }
        return &name[..at];
    }
    name
}

/// pprof's unit families (measurement.go): (family, factor, canonical name) of a unit.
pub fn unit_family(unit: &str) -> Option<(u8, f64)> {
    let u = unit.to_lowercase();
    let u = if u.len() > 2 {
        u.strip_suffix('s').unwrap_or(&u).to_string()
    } else {
        u
    };
    let table: &[(u8, &[&str], f64)] = &[
        (0, &["b", "byte"], 1.0),
        (0, &["kb", "kbyte", "kilobyte"], 1024.0),
        (0, &["mb", "mbyte", "megabyte"], 1048576.0),
        (1, &["ns", "nanosecond"], 1.0),
        (1, &["us", "microsecond"], 1e3),
        (1, &["ms", "millisecond"], 1e6),
        (1, &["s", "sec", "second"], 1e9),
    ];
    table
        .iter()
        .find(|(_, aliases, _)| aliases.contains(&u.as_str()))
        .map(|&(f, _, factor)| (f, factor))
}

/// The unit of each numeric label key (`NumLabelUnits`).
pub fn num_label_units(samples: &[Sample]) -> HashMap<&'static str, String> {
    let mut units: HashMap<&'static str, String> = HashMap::new();
    for s in samples {
        for (k, l) in s.decoded_labels() {
            if let Lab::Num(_, u) = l {
                let e = units.entry(k).or_default();
                if e.is_empty() {
                    *e = u.to_string();
                }
            }
        }
    }
    for (k, u) in units.iter_mut() {
        if u.is_empty() {
            *u = match *k {
                "alignment" | "request" => "bytes".to_string(),
                k => k.to_string(),
            };
        }
    }
    units
}

/// The top table of `q` over `p` with every node (nodefraction 0).
pub fn top(p: &Profile, q: &Query) -> TopTable {
    let prepared = Prepared::new(&Arc::new(p.clone()), q, "minimum").expect("prepared");
    top_table(&prepared, &all_nodes()).expect("top")
}

pub fn all_nodes() -> TopOptions {
    TopOptions {
        node_fraction: 0.0,
        ..TopOptions::default()
    }
}

/// Rows by name: (flat, cum), summed over rows of the same name (at `files` granularity a
/// file in two mappings is two nodes, as pprof's `NodeInfo` keeps the object file when the
/// function name is gone).
pub fn rows(t: &TopTable) -> HashMap<String, (i64, i64)> {
    let mut out: HashMap<String, (i64, i64)> = HashMap::new();
    for r in &t.rows {
        let e = out.entry(r.name.clone()).or_default();
        *e = (e.0 + r.flat, e.1 + r.cum);
    }
    out
}
