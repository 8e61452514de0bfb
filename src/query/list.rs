//! pprof's source listing numbers (`-list REGEX`): per function whose name matches, its
//! source files and, per sampled line, flat and cum. Computed from the profile alone: the
//! source text is joined later (`report::join_sources`), so a page without the sources can
//! show the same numbers.
//!
//! Consumes a [`Prepared`] query and a [`PathTrim`]; produces a [`Listing`]. As pprof
//! (Go 1.19) builds it (`printSource`):
//!
//! * the graph is made at `lines` granularity whatever the query's granularity (inlined
//!   frames stay separate nodes unless `-noinlines`), untrimmed (`-nodecount`,
//!   `-nodefraction` and `-edgefraction` do not apply), with file names trimmed by
//!   `-trim_path`/`-source_path`; a node is also told apart by its mapping file and
//!   function start line;
//! * a node is listed when its *function name* (not its printable name) matches, and it is
//!   in the graph (flat or cum non-zero, not negative under `-drop_negative`);
//! * an inlined call is a frame of its own: the caller's line holds the cum of everything
//!   under the call (the callee's lines are listed under the callee's own name). Beyond
//!   what `-list` prints, each line also names the calls inlined at it ([`InlinedCall`]),
//!   as pprof's web source view nests them under their call line;
//! * values are raw sums, never divided in mean mode (pprof sums `Node.Flat`/`Node.Cum`);
//! * functions are sorted by name, files by name; lines by number. Each file also carries
//!   the window pprof prints: from the function's start line (or 5 lines above the first
//!   sampled line when the profile has no start line) to 5 lines below the last.

use super::nodes::{NodeId, NodeTable};
use super::paths::PathTrim;
use super::prepared::Prepared;
use super::sweep::{sweep, SubtreeSums};
use super::top::present_nodes;
use super::{Aggregate, EdgeSet};
use regex::Regex;
use std::collections::BTreeMap;

/// Lines of context pprof prints before the first and after the last sampled line.
pub const LIST_MARGIN: i64 = 5;

/// One sampled source line of a listed function.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ListLine {
    /// The line number (1-based; 0 when the profile has none).
    pub line: i64,
    /// Value of the samples whose leaf frame is this line of this function.
    pub flat: i64,
    /// Value of the samples with this line of this function on their stack, each once.
    pub cum: i64,
    /// The calls inlined at this line, heaviest first (|value|, then name, file, line):
    /// not printed by `-list`, there for a view that nests them under the line.
    pub inlined: Vec<InlinedCall>,
}

/// A call inlined at a listed line: the callee's frame just inside the line's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InlinedCall {
    /// The callee's function name.
    pub name: String,
    /// The callee's file (as [`ListFile::file`] names files).
    pub file: String,
    /// The callee's line.
    pub line: i64,
    /// Value of the samples making this call, each once (pprof's inline edge weight; not
    /// divided in mean mode).
    pub value: i64,
}

/// A listed function's part in one source file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ListFile {
    /// The file name as pprof prints it (cleaned, trimmed by `-trim_path`/`-source_path`).
    pub file: String,
    /// Σ flat over its lines.
    pub flat: i64,
    /// Σ cum over its lines (pprof's "of Total" percentage is of this).
    pub cum: i64,
    /// First line pprof prints (≥ 1): the function's start line, or [`LIST_MARGIN`]
    /// lines above the first sampled line.
    pub first: i64,
    /// Last line pprof prints, [`LIST_MARGIN`] lines below the last sampled line (fewer
    /// when the file ends sooner).
    pub last: i64,
    /// The sampled lines, by line number.
    pub lines: Vec<ListLine>,
}

/// One function whose name matched.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ListFunction {
    /// The function name.
    pub name: String,
    /// Its source files, by name; empty when the profile names none (pprof prints
    /// "No source information for NAME").
    pub files: Vec<ListFile>,
}

/// The numbers of a source listing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Listing {
    /// The report total ("Total:", and what the percentages are of).
    pub total: i64,
    /// The matched functions, by name.
    pub functions: Vec<ListFunction>,
}

/// `go tool pprof -list REGEX`'s numbers: every function of the graph whose name `regex`
/// matches (anywhere, as Go's `MatchString`).
pub fn list(prepared: &Prepared, regex: &Regex, trim: &PathTrim) -> Listing {
    list_selected(prepared, trim, |name| regex.is_match(name))
}

/// [`list`] for the functions `select(name)` picks (a page can pick one by its name).
pub fn list_selected(
    prepared: &Prepared,
    trim: &PathTrim,
    select: impl Fn(&str) -> bool,
) -> Listing {
    let profile = prepared.profile();
    let nodes = NodeTable::for_listing(prepared, prepared.query().noinlines, trim);
    let graph = sweep(
        prepared,
        &SubtreeSums::new(prepared),
        &nodes,
        None,
        EdgeSet::IntoInlined,
    );
    let present = present_nodes(&graph, &nodes, None, prepared.query().drop_negative);
    // Function name → file name → the function's nodes in that file.
    let mut by_name: BTreeMap<&str, BTreeMap<&str, Vec<NodeId>>> = BTreeMap::new();
    for n in present {
        let name = profile.str(nodes.info(n).name);
        if !select(name) {
            continue;
        }
        let files = by_name.entry(name).or_default();
        let file = nodes.file(n);
        if !file.is_empty() {
            files.entry(file).or_default().push(n);
        }
    }
    // Listed node → the calls inlined at it.
    let mut inlined: BTreeMap<NodeId, Vec<InlinedCall>> = BTreeMap::new();
    for e in graph.edges.iter().filter(|e| e.inline) {
        let info = nodes.info(e.to);
        inlined.entry(e.from).or_default().push(InlinedCall {
            name: profile.str(info.name).to_string(),
            file: nodes.file(e.to).to_string(),
            line: info.lineno,
            value: e.weight,
        });
    }
    let functions = by_name
        .into_iter()
        .map(|(name, files)| ListFunction {
            name: name.to_string(),
            files: files
                .into_iter()
                .map(|(file, ns)| list_file(file, &ns, &nodes, &graph, &mut inlined))
                .collect(),
        })
        .collect();
    Listing {
        total: prepared.total(),
        functions,
    }
}

/// One function's nodes in one file: per-line sums and pprof's window.
fn list_file(
    file: &str,
    ns: &[NodeId],
    nodes: &NodeTable,
    graph: &Aggregate,
    inlined: &mut BTreeMap<NodeId, Vec<InlinedCall>>,
) -> ListFile {
    let mut lines: BTreeMap<i64, ListLine> = BTreeMap::new();
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    let (mut flat_sum, mut cum_sum) = (0i64, 0i64);
    for &n in ns {
        let info = nodes.info(n);
        let (f, c) = (graph.flat[n.index()], graph.cum[n.index()]);
        flat_sum = flat_sum.wrapping_add(f);
        cum_sum = cum_sum.wrapping_add(c);
        let e = lines.entry(info.lineno).or_insert_with(|| ListLine {
            line: info.lineno,
            flat: 0,
            cum: 0,
            inlined: Vec::new(),
        });
        e.flat = e.flat.wrapping_add(f);
        e.cum = e.cum.wrapping_add(c);
        e.inlined.extend(inlined.remove(&n).unwrap_or_default());
        let start = if info.start_line != 0 {
            info.start_line
        } else {
            info.lineno.saturating_sub(LIST_MARGIN)
        };
        first = first.min(start);
        last = last.max(info.lineno.saturating_add(LIST_MARGIN));
    }
    ListFile {
        file: file.to_string(),
        flat: flat_sum,
        cum: cum_sum,
        first: first.max(1),
        last,
        lines: lines
            .into_values()
            .map(|mut l| {
                l.inlined.sort_by(|a, b| {
                    (b.value.wrapping_abs(), &a.name, &a.file, a.line).cmp(&(
                        a.value.wrapping_abs(),
                        &b.name,
                        &b.file,
                        b.line,
                    ))
                });
                l
            })
            .collect(),
    }
}
