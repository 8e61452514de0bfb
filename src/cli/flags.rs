//! `pprofview -h` and flag parsing: the query's flags come from the query's field table
//! (`query::FIELDS`), the report's own flags (trimming, sorting, units, limits, the `svg`
//! image, `-output`) are listed here; values follow Go's
//! `strconv` rules; pprof's combination rules apply (granularity and sort choices, legacy
//! sample-type shortcuts, `-trim=false`).

use super::values::{parse_bool, parse_float, parse_int, parse_size};
use super::{Invocation, Report, UsageError, EXPORTS_HELP};
use crate::model::demangle::Symbolize;
use crate::query::{Field, FieldKind, Granularity, Query, FIELDS};
use std::iter::Peekable;
use std::slice::Iter;

/// The report flags, one line each, for `pprofview -h` (the query's flags come from its
/// field table).
const REPORT_FLAGS_HELP: &str = "  -inuse_space -inuse_objects -alloc_space -alloc_objects
  -total_delay -contentions -mean_delay
                        legacy shortcuts for -sample_index (and -mean)
  -functions -filefunctions -files -lines -addresses
                        granularity of nodes (default -functions)
  -nodecount=N          show at most N nodes (default: all; 80 for dot)
  -nodefraction=F       hide nodes below F of the total (default 0.005)
  -edgefraction=F       hide edges below F of the total (default 0.001)
  -trim=false           show every node (nodecount=0, nodefraction=0)
  -cum / -flat          sort by cumulative or flat value (default -flat)
  -unit=U               output unit: minimum (default), auto, or a unit such as ms, MB
  -compact_labels       leave out the profile's own legend lines
  -max_inflated=SIZE    refuse files that inflate past SIZE (default 2gb)
  -symbolize=MODE       none keeps names as written; the default simplifies demangled
                        C++/Rust names as go tool pprof does (no binaries are read)
  -call_tree            dot: draw the call tree (a node per call path); no effect on
                        the other reports
  -output=FILE          write the report to FILE instead of stdout
  -source_path=DIRS     list: where to look for source files (`:`-separated;
                        default: the working directory and its parents)
  -trim_path=PATHS      list: prefixes to remove from the profile's file names
  -seconds=N            URL sources: ask for an N-second profile (sets ?seconds=N)
  -timeout=N            URL sources: give up after N seconds (default 1.5 x the
                        duration, or 60)
  -no_browser           -http: print the address without opening a browser
  -width=PX -zoom='a;b;c' -orientation=icicle|flame -colorblind
                        the svg report's image (see above)
  -graph                svg: draw the call graph (pprof's -svg: -nodecount=80,
                        -nodefraction, -edgefraction) instead of the flame graph
";

/// Usage text printed by `pprofview -h`.
pub fn usage() -> String {
    format!(
        "usage: pprofview REPORT [flags] PROFILE...\n\
         \x20      pprofview -http=[host]:port [flags] PROFILE...\n\n\
         Prints a report of one or more pprof profiles (.pb.gz or .pb, or goroutine dumps\n\
         and the text profiles pprof reads); several profiles are merged. Output matches\n\
         `go tool pprof -REPORT` for the same flags.\n\n\
         Reports:\n  top     flat and cumulative values per node (pprof's -top / -text)\n\
         \x20 tags    label keys and values with their share (pprof's -tags)\n\
         \x20 traces  every sample's stack and labels (pprof's -traces)\n\
         \x20 peek REGEX\n\
         \x20         callers and callees of every node whose name REGEX matches\n\
         \x20         (pprof's -peek; nothing is trimmed: -nodecount, -nodefraction and\n\
         \x20         -edgefraction do not apply)\n\
         \x20 dot     the call graph as Graphviz DOT text (pprof's -dot)\n\
         \x20 list REGEX\n\
         \x20         the source of every function whose name REGEX matches, with flat and\n\
         \x20         cum per line (pprof's -list; sources searched under\n\
         \x20         -source_path, default the working directory and its parents)\n\
         {}\n\
         \x20 -http=[host]:port\n\
         \x20         serve the viewer on the profiles at that address (pprof's -http; host\n\
         \x20         127.0.0.1 unless given, port 0 or none: a free one) and open it\n\n\
         A PROFILE is a file or an http(s):// URL (fetched as pprof fetches it).\n\n\
         Flags:\n{}",
        EXPORTS_HELP,
        flags_help()
    )
}

/// `pprofview -h`'s flag list: the query's fields (from their table), then the report's.
pub fn flags_help() -> String {
    let mut out = String::new();
    for f in FIELDS.iter().filter(|f| f.kind != FieldKind::Granularity) {
        let spelled = match f.kind {
            FieldKind::Bool => format!("-{}", f.name),
            FieldKind::SampleIndex => format!("-{}=NAME|N", f.name),
            FieldKind::Keys => format!("-{}=KEYS", f.name),
            FieldKind::TagFilter => format!("-{}=FILTER", f.name),
            FieldKind::Profiles => format!("-{}=SOURCE", f.name),
            _ => format!("-{}=REGEX", f.name),
        };
        // The help wrapped at 88 columns, continuation lines under its first.
        let mut lines = vec![String::new()];
        for word in f.help.split(' ') {
            let last = lines.last_mut().map_or(0, |l| l.len());
            if last > 0 && last + 1 + word.len() > 64 {
                lines.push(String::new());
            }
            if let Some(l) = lines.last_mut() {
                if !l.is_empty() {
                    l.push(' ');
                }
                l.push_str(word);
            }
        }
        if spelled.len() < 21 {
            out.push_str(&format!("  {spelled:<22}{}\n", lines[0]));
        } else {
            out.push_str(&format!("  {spelled}\n{:24}{}\n", "", lines[0]));
        }
        for l in &lines[1..] {
            out.push_str(&format!("{:24}{l}\n", ""));
        }
    }
    out.push_str(REPORT_FLAGS_HELP);
    out
}

#[derive(Default)]
pub(super) struct FlagState {
    query: Query,
    shortcuts: Vec<&'static str>,
    granularities: Vec<Granularity>,
    node_count: Option<i64>,
    node_fraction: Option<f64>,
    edge_fraction: Option<f64>,
    trim: Option<bool>,
    sort: Vec<bool>,
    unit: Option<String>,
    compact_labels: bool,
    call_tree: bool,
    max_inflated: Option<u64>,
    symbolize: Option<String>,
    output: Option<String>,
    paths: crate::query::PathTrim,
    image: super::ImageOptions,
    seconds: i64,
    timeout: i64,
    no_browser: bool,
}

const SHORTCUTS: &[(&str, &str)] = &[
    ("total_delay", "delay"),
    ("mean_delay", "delay"),
    ("contentions", "contentions"),
    ("inuse_space", "inuse_space"),
    ("inuse_objects", "inuse_objects"),
    ("alloc_space", "alloc_space"),
    ("alloc_objects", "alloc_objects"),
];

impl FlagState {
    pub(super) fn apply(
        &mut self,
        name: &str,
        value: Option<String>,
        rest: &mut Peekable<Iter<'_, String>>,
    ) -> Result<(), UsageError> {
        let mut text = |value: Option<String>| -> Result<String, UsageError> {
            value
                .or_else(|| rest.next().cloned())
                .ok_or_else(|| UsageError(format!("flag -{name} needs a value")))
        };
        if let Some((flag, _)) = SHORTCUTS.iter().find(|(f, _)| *f == name) {
            if parse_bool(name, value.as_deref())? {
                self.shortcuts.push(flag);
            }
            return Ok(());
        }
        if let Some(g) = Granularity::from_name(name) {
            if parse_bool(name, value.as_deref())? {
                self.granularities.push(g);
            }
            return Ok(());
        }
        if let Some(field) = Field::by_name(name) {
            let v = match field.kind {
                FieldKind::Bool => {
                    if parse_bool(name, value.as_deref())? {
                        "true".to_string()
                    } else {
                        String::new()
                    }
                }
                _ => text(value)?,
            };
            if field.kind == FieldKind::Granularity {
                let g = Granularity::from_name(&v)
                    .ok_or_else(|| UsageError(format!("invalid value {v:?} for -{name}")))?;
                self.granularities.push(g);
                return Ok(());
            }
            return self
                .query
                .set(field, &v)
                .map_err(|e| UsageError(format!("invalid value for -{name}: {e}")));
        }
        match name {
            "nodecount" => self.node_count = Some(parse_int(name, &text(value)?)?),
            "nodefraction" => self.node_fraction = Some(parse_float(name, &text(value)?)?),
            "edgefraction" => self.edge_fraction = Some(parse_float(name, &text(value)?)?),
            "trim" => self.trim = Some(parse_bool(name, value.as_deref())?),
            "cum" | "flat" => {
                if parse_bool(name, value.as_deref())? {
                    self.sort.push(name == "cum");
                }
            }
            "unit" => self.unit = Some(text(value)?),
            "compact_labels" => self.compact_labels = parse_bool(name, value.as_deref())?,
            "call_tree" => self.call_tree = parse_bool(name, value.as_deref())?,
            "symbolize" => self.symbolize = Some(text(value)?),
            "output" => self.output = Some(text(value)?),
            "seconds" => self.seconds = parse_int(name, &text(value)?)?,
            "timeout" => self.timeout = parse_int(name, &text(value)?)?,
            "no_browser" => self.no_browser = parse_bool(name, value.as_deref())?,
            "source_path" => self.paths.source_path = text(value)?,
            "trim_path" => self.paths.trim_path = text(value)?,
            "width" => {
                let v = text(value)?;
                self.image.width = parse_float(name, &v)?;
                if !(1.0..=1_000_000.0).contains(&self.image.width) {
                    return Err(UsageError(format!(
                        "invalid value {v:?} for -width: between 1 and 1000000 pixels"
                    )));
                }
            }
            "zoom" => {
                let v = text(value)?;
                self.image.zoom = v
                    .split(';')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
            }
            "orientation" => {
                self.image.orientation = match text(value)?.as_str() {
                    "icicle" => crate::layout::Orientation::Icicle,
                    "flame" => crate::layout::Orientation::Flame,
                    v => {
                        return Err(UsageError(format!(
                            "invalid value {v:?} for -orientation: icicle or flame"
                        )))
                    }
                };
            }
            "graph" => self.image.graph = parse_bool(name, value.as_deref())?,
            "colorblind" | "colourblind" => {
                self.image.palette = if parse_bool(name, value.as_deref())? {
                    crate::render::Palette::ColourBlind
                } else {
                    crate::render::Palette::Warm
                };
            }
            "max_inflated" => {
                let v = text(value)?;
                self.max_inflated = Some(parse_size(&v).ok_or_else(|| {
                    UsageError(format!("invalid value {v:?} for -max_inflated (try 4gb)"))
                })?);
            }
            _ => {
                return Err(UsageError(format!(
                    "unknown flag -{name}; run `pprofview -h` for the list"
                )))
            }
        }
        Ok(())
    }

    pub(super) fn finish(self, report: Report) -> Result<Invocation, UsageError> {
        let mut inv = Invocation::new(report);
        let mut query = self.query;
        for (flag, value) in SHORTCUTS {
            if self.shortcuts.contains(flag) {
                if query.sample_index.is_empty() {
                    query.sample_index = (*value).to_string();
                } else {
                    inv.warnings
                        .push(format!("Multiple value selections, ignoring -{flag}"));
                }
            }
        }
        query.mean |= self.shortcuts.contains(&"mean_delay");
        match self.granularities.as_slice() {
            [] => {}
            [g] => query.granularity = Some(*g),
            many => {
                let names: Vec<&str> = many.iter().map(|g| g.name()).collect();
                return Err(UsageError(format!("conflicting options set: {names:?}")));
            }
        }
        match self.sort.as_slice() {
            [] => {}
            [cum] => inv.top.cum_sort = *cum,
            _ => {
                return Err(UsageError(
                    "conflicting options set: [cum flat]".to_string(),
                ))
            }
        }
        inv.call_tree = self.call_tree;
        // pprof: -nodecount=-1 (the default) means "all" for text reports, 80 for graphs.
        inv.top.node_count = match (report, self.node_count) {
            (Report::Dot, None | Some(-1)) => 80,
            (Report::Svg, None | Some(-1)) if self.image.graph => 80,
            (_, n) => usize::try_from(n.unwrap_or(0).max(0)).unwrap_or(0),
        };
        if let Some(f) = self.node_fraction {
            inv.top.node_fraction = f;
        }
        if let Some(f) = self.edge_fraction {
            inv.top.edge_fraction = f;
        }
        if self.trim == Some(false) {
            inv.top.node_count = 0;
            inv.top.node_fraction = 0.0;
            inv.top.edge_fraction = 0.0;
        }
        inv.text.node_fraction = inv.top.node_fraction;
        if let Some(u) = self.unit {
            inv.text.unit = u;
        }
        inv.text.compact_labels = self.compact_labels;
        inv.output = self.output;
        inv.paths = self.paths;
        inv.image = self.image;
        inv.seconds = self.seconds;
        inv.timeout = self.timeout;
        inv.no_browser = self.no_browser;
        if let Some(m) = self.max_inflated {
            inv.max_inflated = m;
        }
        if let Some(mode) = self.symbolize {
            let (s, warnings) = Symbolize::parse(&mode);
            inv.symbolize = s;
            inv.warnings.extend(warnings);
        }
        // pprof compiles the regexes only when it makes the report; refusing them here
        // keeps a typo from costing a 100 MB decode.
        query.validate().map_err(|e| UsageError(e.to_string()))?;
        inv.query = query;
        Ok(inv)
    }
}
