//! pprof's `internal/driver` goldens: `driver_golden/` (current pprof's files) and
//! `driver_synthetic/go119_out/` (the same TestParse cases run with Go 1.19's pprof).

use super::{later_reason, read};
use crate::harness::{run_command, Run, Tally};
use std::path::{Path, PathBuf};

/// Flags every `driver_golden` case adds (internal/driver/driver_test.go).
const DRIVER_BASE: &[&str] = &[
    "-nodecount=20",
    "-nodefraction=0.05",
    "-edgefraction=0.01",
    "-compact_labels",
    "-trim",
    "-unit=minimum",
    "-symbolize=none",
];

/// TestParse's cases: its flag string, its source profile, and the `driver_golden/` file it
/// is compared with (several cases share one).
#[rustfmt::skip]
const CASES: &[(&str, &str, &str)] = &[
    ("text,functions,flat", "cpu", "pprof.cpu.flat.functions.text"),
    ("text,functions,noinlines,flat", "cpu", "pprof.cpu.flat.functions.noinlines.text"),
    ("text,filefunctions,noinlines,flat", "cpu", "pprof.cpu.flat.filefunctions.noinlines.text"),
    ("text,addresses,noinlines,flat", "cpu", "pprof.cpu.flat.addresses.noinlines.text"),
    ("tree,addresses,flat,nodecount=4", "cpusmall", "pprof.cpusmall.flat.addresses.tree"),
    ("text,functions,flat,nodecount=5,call_tree", "unknown", "pprof.unknown.flat.functions.call_tree.text"),
    ("text,alloc_objects,flat", "heap_alloc", "pprof.heap_alloc.flat.alloc_objects.text"),
    ("text,files,flat", "heap", "pprof.heap.flat.files.text"),
    ("text,files,flat,focus=[12]00,taghide=[X3]00", "heap", "pprof.heap.flat.files.text.focus"),
    ("text,inuse_objects,flat", "heap", "pprof.heap.flat.inuse_objects.text"),
    ("text,inuse_objects,flat,all_frames", "heap", "pprof.heap.flat.inuse_objects.text.all_frames"),
    ("text,lines,cum,hide=line[X3]0", "cpu", "pprof.cpu.cum.lines.text.hide"),
    ("text,lines,cum,show=[12]00", "cpu", "pprof.cpu.cum.lines.text.show"),
    ("text,lines,cum,hide=line[X3]0,focus=[12]00", "cpu", "pprof.cpu.cum.lines.text.focus.hide"),
    ("topproto,lines,cum,hide=mangled[X3]0", "cpu", "pprof.cpu.cum.lines.topproto.hide"),
    ("topproto,lines", "cpu", "pprof.cpu.lines.topproto"),
    ("tree,lines,cum,focus=[24]00", "heap", "pprof.heap.cum.lines.tree.focus"),
    ("tree,relative_percentages,cum,focus=[24]00", "heap", "pprof.heap.cum.relative_percentages.tree.focus"),
    ("tree,lines,cum,show_from=line2", "cpu", "pprof.cpu.cum.lines.tree.show_from"),
    ("callgrind", "cpu", "pprof.cpu.callgrind"),
    ("callgrind,call_tree", "cpu", "pprof.cpu.call_tree.callgrind"),
    ("callgrind", "heap", "pprof.heap.callgrind"),
    ("dot,functions,flat", "cpu", "pprof.cpu.flat.functions.dot"),
    ("dot,functions,flat,call_tree", "cpu", "pprof.cpu.flat.functions.call_tree.dot"),
    ("dot,lines,flat,focus=[12]00", "heap", "pprof.heap.flat.lines.dot.focus"),
    ("dot,unit=minimum", "heap_sizetags", "pprof.heap_sizetags.dot"),
    ("dot,addresses,flat,ignore=[X3]002,focus=[X1]000", "contention", "pprof.contention.flat.addresses.dot.focus.ignore"),
    ("dot,files,cum", "contention", "pprof.contention.cum.files.dot"),
    ("comments,add_comment=some-comment", "cpu", "pprof.cpu.comments"),
    ("comments", "heap", "pprof.heap.comments"),
    ("tags", "cpu", "pprof.cpu.tags"),
    ("tags,tagignore=tag[13],tagfocus=key[12]", "cpu", "pprof.cpu.tags.focus.ignore"),
    ("tags", "heap", "pprof.heap.tags"),
    ("tags,unit=bytes", "heap", "pprof.heap.tags.unit"),
    ("traces", "cpu", "pprof.cpu.traces"),
    ("traces,addresses", "cpu", "pprof.cpu.addresses.traces"),
    ("traces", "heap_tags", "pprof.heap_tags.traces"),
    ("dot,alloc_space,flat,focus=[234]00", "heap_alloc", "pprof.heap_alloc.flat.alloc_space.dot.focus"),
    ("dot,alloc_space,flat,tagshow=[2]00", "heap_alloc", "pprof.heap_alloc.flat.alloc_space.dot"),
    ("dot,alloc_space,flat,hide=line.*1?23?", "heap_alloc", "pprof.heap_alloc.flat.alloc_space.dot.hide"),
    ("dot,inuse_space,flat,tagfocus=1mb:2gb", "heap", "pprof.heap.flat.inuse_space.dot.focus"),
    ("dot,inuse_space,flat,tagfocus=30kb:,tagignore=1mb:2mb", "heap", "pprof.heap.flat.inuse_space.dot.focus.ignore"),
    ("disasm=line[13],addresses,flat", "cpu", "pprof.cpu.flat.addresses.disasm"),
    ("peek=line.*01", "cpu", "pprof.cpu.peek"),
    ("weblist=line(1000|3000)$,addresses,flat", "cpu", "pprof.cpu.flat.addresses.weblist"),
    ("tags,tagfocus=400kb:", "heap_request", "pprof.heap_request.tags.focus"),
    ("tags,tagfocus=+400kb:", "heap_request", "pprof.heap_request.tags.focus"),
    ("tags,relative_percentages,tagfocus=400kb:", "heap_request", "pprof.heap_request.relative_percentages.tags.focus"),
    ("dot", "long_name_funcs", "pprof.long_name_funcs.dot"),
    ("text", "long_name_funcs", "pprof.long_name_funcs.text"),
];

/// One TestParse case as pprofview runs it.
struct Case {
    flags: &'static str,
    source: &'static str,
    golden: &'static str,
}

impl Case {
    /// The report pprofview prints for it, with its argument (`peek`'s regex, the value of
    /// pprof's `-peek`); `None`: pprof's `format` is not one of ours.
    fn report(&self) -> Option<Vec<&'static str>> {
        match self.format() {
            "text" => Some(vec!["top"]),
            "tags" => Some(vec!["tags"]),
            "traces" => Some(vec!["traces"]),
            "peek" => Some(vec!["peek", self.argument()]),
            "dot" => Some(vec!["dot"]),
            _ => None,
        }
    }

    /// The value of the format flag (`line.*01` of `peek=line.*01`), empty when none.
    fn argument(&self) -> &'static str {
        let first = self.flags.split(',').next().unwrap_or("");
        first.split_once('=').map_or("", |(_, v)| v)
    }

    /// pprof's output format (the first flag, without its value).
    fn format(&self) -> &'static str {
        let first = self.flags.split(',').next().unwrap_or("");
        first.split('=').next().unwrap_or(first)
    }

    /// The case's flags after the format, as pprofview (and `go tool pprof`) spells them.
    fn cli_flags(&self) -> Vec<String> {
        self.flags
            .split(',')
            .skip(1)
            .map(|f| format!("-{f}"))
            .collect()
    }

    /// Whether the case sets one of pprof's filters (whose notes go to stderr).
    fn filters(&self) -> bool {
        self.flags.split(',').any(|f| {
            let name = f.split('=').next().unwrap_or(f);
            pprofview::query::Field::by_name(name).is_some_and(|f| f.kind.is_filter())
        })
    }

    /// `driver_synthetic/go119_out/` name stem (README: each of `,=/[]*?|+:` becomes `_`).
    fn go119_stem(&self) -> String {
        let flags: String = self
            .flags
            .chars()
            .map(|c| if ",=/[]*?|+:".contains(c) { '_' } else { c })
            .collect();
        format!("{flags}.{}", self.source)
    }

    fn profile(&self, root: &Path) -> PathBuf {
        let file = if self.source == "unknown" {
            "cpu"
        } else {
            self.source
        };
        root.join(format!("driver_synthetic/{file}.pb.gz"))
    }

    /// Runs `command` (a report and its argument) with the driver's base flags and the
    /// case's flags on its profile.
    fn run(&self, root: &Path, command: &[&str]) -> Result<Run, String> {
        self.run_on(command, self.profile(root))
    }

    fn run_on(&self, command: &[&str], profile: PathBuf) -> Result<Run, String> {
        let flags = self.cli_flags();
        let mut all: Vec<&str> = DRIVER_BASE.to_vec();
        all.extend(flags.iter().map(String::as_str));
        run_command(command, &all, &[profile])
    }
}

fn cases() -> impl Iterator<Item = Case> {
    CASES.iter().map(|&(flags, source, golden)| Case {
        flags,
        source,
        golden,
    })
}

/// The Go 1.19 text report of `-topproto`'s output profile: the topproto cases' second step
/// (README: `-text -lines [-cum -hide=mangled[X3]0]` on `cpu_mangled.topproto_addresses.pb.gz`,
/// the profile Go 1.19 wrote in the first step).
fn topproto_text(root: &Path, case: &Case) -> Result<Run, String> {
    let profile = root.join("driver_synthetic/go119_out/cpu_mangled.topproto_addresses.pb.gz");
    case.run_on(&["top"], profile)
}

/// driver_golden/: internal/driver's goldens (text, traces; tags are current pprof's format).
pub fn driver_goldens(root: &Path, t: &mut Tally) {
    let dir = root.join("driver_golden");
    for p in super::files(&dir) {
        let n = super::name(&p);
        let case_name = format!("driver_golden/{n}");
        let Some(case) = cases().find(|c| c.golden == n) else {
            let why = if n == "pprof.heap.flat.files.seconds.text" {
                "no driver test case produces it (needs -seconds, i.e. fetching)".to_string()
            } else {
                "no TestParse case writes it".to_string()
            };
            t.skip(&case_name, &why);
            continue;
        };
        if case.flags.contains("all_frames") {
            t.skip(
                &case_name,
                "-all_frames exists only in current pprof, not Go 1.19",
            );
            continue;
        }
        match (case.format(), case.report()) {
            ("topproto", _) => {
                t.check_run(&case_name, &read(&p), "", topproto_text(root, &case));
            }
            ("tags", _) => t.skip(
                &case_name,
                &format!(
                    "current pprof's tags format (#929, 2025), not Go 1.19's; its Go 1.19 \
                     twin go119_out/{}.out is checked",
                    case.go119_stem()
                ),
            ),
            (_, Some(report)) => t.check(
                &case_name,
                &read(&p),
                case.run(root, &report).map(|r| r.text),
            ),
            (format, None) => t.skip(&case_name, &later_reason(format)),
        }
    }
}

/// driver_synthetic/go119_out/: the same driver cases run with Go 1.19's pprof; `.err` holds
/// stderr where pprof printed something.
pub fn go119_out(root: &Path, t: &mut Tally) {
    let dir = root.join("driver_synthetic/go119_out");
    for p in super::files(&dir) {
        let n = super::name(&p);
        let case_name = format!("go119_out/{n}");
        if n.ends_with(".pb.gz") {
            t.skip(&case_name, "the topproto output profile is not produced by pprofview (its text reports are checked)");
            continue;
        }
        let (stem, is_err) = match (n.strip_suffix(".out"), n.strip_suffix(".err")) {
            (Some(s), _) => (s.to_string(), false),
            (_, Some(s)) => (s.to_string(), true),
            _ => {
                t.skip(&case_name, "not a golden this suite knows");
                continue;
            }
        };
        let topproto = cases().find(|c| c.format() == "topproto" && stem == topproto_stem(c));
        if let Some(case) = topproto {
            t.check_run(&case_name, &read(&p), "", topproto_text(root, &case));
            continue;
        }
        let Some(case) = cases().find(|c| c.go119_stem() == stem) else {
            t.skip(&case_name, "no TestParse case writes it");
            continue;
        };
        let err_file = dir.join(format!("{stem}.err"));
        if case.flags.contains("all_frames") {
            t.skip(
                &case_name,
                "Go 1.19 has no -all_frames (its stderr is the usage message)",
            );
            continue;
        }
        match (case.report(), is_err) {
            // The stdout case checks the .err file with it.
            (Some(_), true) => {}
            (Some(report), false) => {
                let (name, stderr) = match std::fs::read_to_string(&err_file) {
                    Ok(err) => (format!("{case_name} + {stem}.err"), err),
                    Err(_) => (case_name, String::new()),
                };
                t.check_run(&name, &read(&p), &stderr, case.run(root, &report));
            }
            // pprof's notes come from its filters, whatever the report: check them via top.
            (None, true) => t.check_stderr(
                &format!("{case_name} (stderr of the same flags, via top)"),
                &read(&p),
                case.run(root, &["top"]),
            ),
            (None, false) => {
                t.skip(&case_name, &later_reason(case.format()));
                // pprof printed nothing on stderr for these flags (no .err): neither must we.
                if !err_file.exists() && case.filters() {
                    t.check_stderr(
                        &format!("go119_out/{stem}: no stderr for the same flags, via top"),
                        "",
                        case.run(root, &["top"]),
                    );
                }
            }
        }
    }
}

/// The go119_out name of a topproto case's text step (`topproto_lines[_cum_hide].cpu`).
fn topproto_stem(case: &Case) -> String {
    let rest = if case.flags.contains("hide") {
        "_cum_hide"
    } else {
        ""
    };
    format!("topproto_lines{rest}.{}", case.source)
}
