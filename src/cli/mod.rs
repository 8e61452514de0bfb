//! Command-line arguments of the native `pprofview` tool, in `go tool pprof`'s spellings.
//!
//! Consumes the argument list; produces an [`Invocation`] (what to compute and print) or
//! a [`UsageError`]. Pure: reading files and printing happen in `src/bin/pprofview.rs`.
//! Flags take `-flag=value`, `-flag value` or `--flag=value`; boolean flags take only the
//! `=` form for a value, as in Go. `--` ends the flags.

mod dot;
mod exports;
#[cfg(feature = "cli")]
pub mod fetch;
mod flags;
#[cfg(feature = "cli")]
pub mod http;
#[cfg(feature = "cli")]
pub mod input;
mod sources;
mod values;

use dot::dot;
pub use exports::{folded, proto, svg, ImageOptions, EXPORTS_HELP};
pub use flags::{flags_help, usage};
pub use sources::FileSources;
pub use values::parse_size;

use crate::decode::{DecodeOptions, DEFAULT_MAX_INFLATED};
use crate::error::{DecodeError, Error};
use crate::load::{compare_loaded, load_owned, LoadError, LoadOptions, OwnedSource};
use crate::model::demangle::Symbolize;
use crate::model::merge::CompareOptions;
use crate::query::{
    compile_go_regex, label_table, list, peek, top_table, traces, Granularity, PathTrim, Prepared,
    Query, TopOptions,
};
use crate::report::{
    list_text, peek_text, tags_text, top_text, traces_text, SourceLookup, TextOptions,
};
use std::sync::Arc;

/// What the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Print usage.
    Help,
    /// Print the version.
    Version,
    /// Produce a report (boxed: the other variants are empty).
    Run(Box<Invocation>),
}

/// The reports this version produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// `top` (= pprof's `-top` and `-text`).
    Top,
    /// `tags` (= pprof's `-tags`): label keys and values with their weight.
    Tags,
    /// `traces` (= pprof's `-traces`): every sample's stack and labels.
    Traces,
    /// `peek REGEX` (= pprof's `-peek`): callers and callees of the nodes the regex names.
    Peek,
    /// `list REGEX` (= pprof's `-list`): the source lines of the functions the regex names.
    List,
    /// `dot` (= pprof's `-dot`): the call graph as Graphviz DOT text.
    Dot,
    /// `svg`: the flame graph as an SVG image.
    Svg,
    /// `folded`: collapsed stacks, one line per call path.
    Folded,
    /// `proto` (= pprof's `-proto`): the filtered profile as `.pb.gz`.
    Proto,
    /// `-http=[host]:port` (= pprof's `-http`): serve the viewer on the sources; the
    /// invocation's `argument` is the address.
    Http,
}

/// A fully parsed report request.
#[derive(Clone, Debug, PartialEq)]
pub struct Invocation {
    /// Which report.
    pub report: Report,
    /// The report's argument: `peek`'s regex (Go syntax, matched anywhere in a node's
    /// printable name) or `list`'s (matched in function names); empty for reports without
    /// one.
    pub argument: String,
    /// What to compute (sample type, granularity, filters): the one query type the page and
    /// links use too.
    pub query: Query,
    /// Top-table trimming and sorting.
    pub top: TopOptions,
    /// pprof's `-call_tree`: `dot` draws the call tree (a node per call path).
    pub call_tree: bool,
    /// Text options.
    pub text: TextOptions,
    /// Profile files to read and merge.
    pub profiles: Vec<String>,
    /// Bound on each file's inflated size.
    pub max_inflated: u64,
    /// pprof's `-symbolize` (only its name-demangling part applies without binaries).
    pub symbolize: Symbolize,
    /// Notes for stderr (e.g. ignored conflicting flags), as pprof prints them.
    pub warnings: Vec<String>,
    /// Flags of the `svg` report.
    pub image: ImageOptions,
    /// pprof's `-output=FILE`: write the report there instead of stdout.
    pub output: Option<String>,
    /// pprof's `-source_path` and `-trim_path` (the `list` report's file names and search).
    pub paths: PathTrim,
    /// pprof's `-seconds`: the duration asked of URL sources (0: as the URL says).
    pub seconds: i64,
    /// pprof's `-timeout` in seconds for URL sources (0: pprof's default).
    pub timeout: i64,
    /// pprof's `-no_browser`: `-http` only prints the address.
    pub no_browser: bool,
}

/// A usage mistake; the tool exits with status 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let args = hoist_http(args);
    let mut it = args.iter().peekable();
    let Some(first) = it.next() else {
        return Err(UsageError("no report given".to_string()));
    };
    // `peek REGEX`, or pprof's own spellings `-peek REGEX` and `-peek=REGEX`.
    let (word, attached) = match first.trim_start_matches('-').split_once('=') {
        Some((w, v)) => (w, Some(v.to_string())),
        None => (first.trim_start_matches('-'), None),
    };
    let report = match word {
        "h" | "help" => return Ok(Command::Help),
        "version" => return Ok(Command::Version),
        "top" | "text" => Report::Top,
        "tags" => Report::Tags,
        "traces" => Report::Traces,
        "peek" => Report::Peek,
        "list" => Report::List,
        "dot" => Report::Dot,
        "svg" => Report::Svg,
        "folded" => Report::Folded,
        "proto" => Report::Proto,
        "http" => Report::Http,
        other if first.starts_with('-') => {
            return Err(UsageError(format!(
            "the first argument must be a report (top, tags, traces, peek, list, dot, svg, folded, proto), not the flag -{other}"
        )))
        }
        other => {
            return Err(UsageError(format!(
                "unknown report {other:?}; this version provides: top, tags, traces, peek, list, dot, svg, folded, proto"
            )))
        }
    };
    let argument = match report {
        Report::Http => attached
            .or_else(|| it.next().cloned())
            .ok_or_else(|| UsageError("-http needs an address: -http=[host]:port".to_string()))?,
        Report::Peek | Report::List => {
            let regex = attached.or_else(|| it.next().cloned()).ok_or_else(|| {
                UsageError(format!(
                    "{word} needs a regex: pprofview {word} REGEX [flags] PROFILE..."
                ))
            })?;
            // Refused before any file is read, as the filters' regexes are.
            compile_go_regex(&regex)
                .map_err(|e| UsageError(format!("invalid {word} regexp `{regex}`: {e}")))?;
            regex
        }
        _ if attached.is_some() => {
            return Err(UsageError(format!("the report {word} takes no argument")))
        }
        _ => String::new(),
    };
    let mut state = flags::FlagState::default();
    let mut profiles = Vec::new();
    let mut only_files = false;
    while let Some(arg) = it.next() {
        if only_files || !arg.starts_with('-') || arg == "-" {
            profiles.push(arg.clone());
            continue;
        }
        if arg == "--" {
            only_files = true;
            continue;
        }
        let body = arg.trim_start_matches('-');
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        if matches!(name, "h" | "help") {
            return Ok(Command::Help);
        }
        state.apply(name, value, &mut it)?;
    }
    if profiles.is_empty() {
        return Err(UsageError("no profile given".to_string()));
    }
    let mut inv = state.finish(report)?;
    inv.argument = argument;
    inv.profiles = profiles;
    Ok(Command::Run(Box::new(inv)))
}

/// `go tool pprof` takes `-http` anywhere among the flags: when the first argument is a flag
/// and `-http` comes later, it (and its value when separate) moves to the front, where the
/// report goes.
fn hoist_http(args: &[String]) -> Vec<String> {
    let mut args = args.to_vec();
    if !args.first().is_some_and(|a| a.starts_with('-')) {
        return args;
    }
    let is_http = |a: &String| {
        let body = a.trim_start_matches('-');
        a.starts_with('-') && (body == "http" || body.starts_with("http="))
    };
    let end = args.iter().position(|a| a == "--").unwrap_or(args.len());
    if let Some(i) = args[..end].iter().position(is_http).filter(|&i| i > 0) {
        let take = if args[i].contains('=') { 1 } else { 2 };
        let moved: Vec<String> = args.drain(i..(i + take).min(end)).collect();
        args.splice(0..0, moved);
    }
    args
}

/// The output of a successful run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The report text (stdout); empty for a binary report.
    pub text: String,
    /// The report's bytes when it is binary (`proto`), written instead of `text`.
    pub binary: Option<Vec<u8>>,
    /// Warnings (stderr), as lines.
    pub warnings: Vec<String>,
}

/// Runs `inv` on already-read `sources` (named like `inv.profiles`) and `bases` (the
/// query's base profiles, empty when it has none); `list` reads source text through
/// `lookup` (the bin's [`FileSources`]). Errors are one line, naming the file when one is at
/// fault.
pub fn execute(
    inv: &Invocation,
    sources: Vec<OwnedSource>,
    bases: Vec<OwnedSource>,
    lookup: &mut dyn SourceLookup,
) -> Result<Output, String> {
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let base_names: Vec<String> = bases.iter().map(|s| s.name.clone()).collect();
    let options = LoadOptions {
        decode: DecodeOptions {
            max_inflated: inv.max_inflated,
        },
        symbolize: inv.symbolize,
    };
    let load_error = |e: LoadError| {
        let hint = if matches!(e.error, Error::Decode(DecodeError::TooLarge { .. })) {
            "; if the file is genuine, raise the limit with -max_inflated"
        } else {
            ""
        };
        format!("{e}{hint}")
    };
    let loaded = load_owned(sources, &options).map_err(load_error)?;
    let mut warnings = inv.warnings.clone();
    warnings.extend(loaded.warnings.iter().map(|w| format!("warning: {w}")));
    let profile = match inv.query.comparison() {
        Some(c) if !bases.is_empty() => {
            let base = load_owned(bases, &options).map_err(load_error)?;
            warnings.extend(base.warnings.iter().map(|w| format!("warning: {w}")));
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let base_names: Vec<&str> = base_names.iter().map(String::as_str).collect();
            let options = CompareOptions {
                diff_base: c.diff_base,
                normalize: c.normalize,
            };
            compare_loaded(&loaded.profile, &names, &base.profile, &base_names, options)
                .map_err(load_error)?
        }
        _ => loaded.profile,
    };
    let profile = Arc::new(profile);
    let names = || names.join(", ");
    let prepared = Prepared::new(&profile, &inv.query, &inv.text.unit)
        .map_err(|e| format!("{}: {e}", names()))?;
    warnings.extend(prepared.warnings().iter().cloned());
    let ctx = prepared.context();
    let mut binary = None;
    let text = match inv.report {
        Report::Top => {
            let table = top_table(&prepared, &inv.top).map_err(|e| format!("{}: {e}", names()))?;
            top_text(prepared.profile(), ctx, &table, &inv.text)
        }
        Report::Tags => tags_text(
            &label_table(&prepared, &inv.text.unit),
            &ctx.sample_unit,
            &inv.text.unit,
        ),
        Report::Traces => {
            let granularity = inv.query.granularity_or(Granularity::Functions);
            let (nodes, list) = traces(&prepared, granularity);
            traces_text(prepared.profile(), ctx, &nodes, &list, &inv.text.unit)
        }
        Report::Peek => {
            let granularity = inv.query.granularity_or(Granularity::Functions);
            let regex = compile_go_regex(&inv.argument)
                .map_err(|e| format!("invalid peek regexp `{}`: {e}", inv.argument))?;
            let found = peek(&prepared, granularity, &regex, inv.top.cum_sort);
            if found.entries.is_empty() {
                return Err(format!("no matches found for regexp: {}", inv.argument));
            }
            peek_text(prepared.profile(), ctx, &found, &inv.text)
        }
        Report::List => {
            let regex = compile_go_regex(&inv.argument)
                .map_err(|e| format!("invalid list regexp `{}`: {e}", inv.argument))?;
            let found = list(&prepared, &regex, &inv.paths);
            if found.functions.is_empty() {
                return Err(format!("no matches found for regexp: {}", inv.argument));
            }
            list_text(&found, &ctx.sample_unit, &inv.text.unit, lookup)
        }
        Report::Dot => dot(&prepared, inv).map_err(|e| format!("{}: {e}", names()))?,
        Report::Svg if inv.image.graph => {
            dot::graph_image(&prepared, inv).map_err(|e| format!("{}: {e}", names()))?
        }
        Report::Svg => {
            let (image, notes) = svg(&prepared, &inv.image);
            warnings.extend(notes);
            image
        }
        Report::Folded => folded(&prepared),
        Report::Proto => {
            binary = Some(proto(&prepared));
            String::new()
        }
        Report::Http => return Err("-http serves the viewer; it prints no report".to_string()),
    };
    Ok(Output {
        text,
        binary,
        warnings,
    })
}

impl Invocation {
    /// An invocation with pprof's defaults for `report` and no profiles.
    pub fn new(report: Report) -> Self {
        Self {
            report,
            argument: String::new(),
            query: Query::default(),
            top: TopOptions::default(),
            call_tree: false,
            text: TextOptions::default(),
            profiles: Vec::new(),
            max_inflated: DEFAULT_MAX_INFLATED,
            symbolize: Symbolize::default(),
            warnings: Vec::new(),
            image: ImageOptions::default(),
            output: None,
            paths: PathTrim::default(),
            seconds: 0,
            timeout: 0,
            no_browser: false,
        }
    }
}

#[cfg(test)]
mod tests;
