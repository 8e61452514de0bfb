//! pprofview's reports against every `go tool pprof` golden in ../shared/testdata/pprof.
//!
//! Each golden file is either checked byte for byte (stdout, and pprof's stderr lines where
//! the golden holds them) or listed as skipped with the reason (another report format, or
//! flags of a later version). Nothing is skipped silently. When ../shared is absent the
//! whole suite is skipped with a message.

#[path = "golden_shared/driver.rs"]
mod driver;
mod harness;

use harness::{run_report, run_top, shared_testdata, Tally};
use std::path::{Path, PathBuf};

fn main() {
    let Some(root) = shared_testdata() else {
        println!("skipped: ../shared/testdata/pprof is absent (set PPROFVIEW_SHARED to its parent), no shared goldens checked");
        return;
    };
    let mut t = Tally::default();
    profile_tops(&root, &mut t);
    go119_extras(&root, &mut t);
    reference_outputs(&root, &mut t);
    driver::driver_goldens(&root, &mut t);
    driver::go119_out(&root, &mut t);
    other_goldens(&root, &mut t);
    t.finish("shared goldens");
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `NAME.top.txt` next to each profile: `-top -nodecount=15 -symbolize=none NAME.pb.gz`.
fn profile_tops(root: &Path, t: &mut Tally) {
    for dir in [
        "upstream",
        "legacy_converted",
        "driver_synthetic",
        "go119_generated",
    ] {
        for p in files(&root.join(dir)) {
            let n = name(&p);
            let Some(stem) = n.strip_suffix(".pb.gz") else {
                continue;
            };
            let golden = p.with_file_name(format!("{stem}.top.txt"));
            let case = format!("{dir}/{stem}.top.txt");
            if golden.is_file() {
                t.check(
                    &case,
                    &read(&golden),
                    run_top(
                        &["-nodecount=15", "-symbolize=none"],
                        std::slice::from_ref(&p),
                    ),
                );
            } else {
                t.skip(&format!("{dir}/{n}"), "no NAME.top.txt golden next to it");
            }
        }
    }
}

/// The other outputs in go119_generated/ (see its README): stdout only.
fn go119_extras(root: &Path, t: &mut Tally) {
    let dir = root.join("go119_generated");
    let a = dir.join("go_cpu_labels_a.pb.gz");
    let b = dir.join("go_cpu_labels_b.pb.gz");
    let heap = dir.join("go_heap.pb.gz");
    for p in files(&dir) {
        let n = name(&p);
        if !n.ends_with(".txt") {
            continue;
        }
        let case = format!("go119_generated/{n}");
        let run: Option<(&str, Vec<&str>, Vec<PathBuf>)> = match n.as_str() {
            "go_cpu_labels_a_plus_b.merged.top.txt" => {
                Some(("top", vec!["-nodecount=15"], vec![a.clone(), b.clone()]))
            }
            "go_cpu_labels_a.tagfocus_recursive.top.txt" => Some((
                "top",
                vec!["-nodecount=15", "-tagfocus=worker=recursive"],
                vec![a.clone()],
            )),
            "go_cpu_labels_a.tags.txt" => Some(("tags", vec![], vec![a.clone()])),
            "go_heap.tags.txt" => Some(("tags", vec![], vec![heap.clone()])),
            // Comparisons: pprof reads the base next to the profile (it ran in this
            // directory), as the harness does.
            "go_cpu_labels_b.base_a.top.txt" => Some((
                "top",
                vec!["-nodecount=15", "-base=go_cpu_labels_a.pb.gz"],
                vec![b.clone()],
            )),
            "go_cpu_labels_b.diff_base_a.top.txt" => Some((
                "top",
                vec!["-nodecount=15", "-diff_base=go_cpu_labels_a.pb.gz"],
                vec![b.clone()],
            )),
            "go_cpu_labels_b.normalize_diff_base_a.top.txt" => Some((
                "top",
                vec![
                    "-nodecount=15",
                    "-normalize",
                    "-diff_base=go_cpu_labels_a.pb.gz",
                ],
                vec![b.clone()],
            )),
            _ => None,
        };
        match run {
            Some((report, flags, profiles)) => t.check(
                &case,
                &read(&p),
                run_report(report, &flags, &profiles).map(|r| r.text),
            ),
            // Plain NAME.top.txt files were checked by profile_tops.
            None if n.ends_with(".top.txt")
                && p.with_file_name(n.replace(".top.txt", ".pb.gz")).is_file() => {}
            None => t.skip(&case, "not a golden this suite knows"),
        }
    }
}

/// reference_outputs/: `go tool pprof` 1.19 runs with the flags the names give; each file
/// holds stderr (pprof's notes, first) and stdout.
fn reference_outputs(root: &Path, t: &mut Tally) {
    let dir = root.join("reference_outputs");
    let sample = root.join("upstream/report__sample.cpu.pb.gz");
    let large = root.join("upstream/proftest__large.cpu.pb.gz");
    let heap = root.join("go119_generated/go_heap.pb.gz");
    let allocs = root.join("go119_generated/go_allocs.pb.gz");
    let cpu_a = root.join("go119_generated/go_cpu_labels_a.pb.gz");
    let cpu_b = root.join("go119_generated/go_cpu_labels_b.pb.gz");
    let top10 = |flag: &'static str| vec!["-nodecount=10", flag];
    for p in files(&dir) {
        let n = name(&p);
        let case = format!("reference_outputs/{n}");
        let stem = n.trim_end_matches(".txt");
        let run: Option<(&str, Vec<&str>, &PathBuf)> = match stem {
            "sample.cpu.top.functions" => Some(("top", vec!["-functions"], &sample)),
            "sample.cpu.top.files" => Some(("top", vec!["-files"], &sample)),
            "sample.cpu.top.filefunctions" => Some(("top", vec!["-filefunctions"], &sample)),
            "sample.cpu.top.lines" => Some(("top", vec!["-lines"], &sample)),
            "sample.cpu.top.addresses" => Some(("top", vec!["-addresses"], &sample)),
            "sample.cpu.top.noinlines" => Some(("top", vec!["-noinlines"], &sample)),
            "sample.cpu.top.cum" => Some(("top", vec!["-cum"], &sample)),
            "sample.cpu.top.nodecount5" => Some(("top", vec!["-nodecount=5"], &sample)),
            "sample.cpu.top.nf005" => Some(("top", vec!["-nodefraction=0.05"], &sample)),
            "sample.cpu.top.si_samples" => Some(("top", vec!["-sample_index=samples"], &sample)),
            "sample.cpu.top.unit_ms" => Some(("top", vec!["-unit=ms"], &sample)),
            "sample.cpu.top.unit_auto" => Some(("top", vec!["-unit=auto"], &sample)),
            "sample.cpu.top.focus_mapassign" => Some(("top", vec!["-focus=mapassign"], &sample)),
            "sample.cpu.top.ignore_mapassign" => Some(("top", vec!["-ignore=mapassign"], &sample)),
            "sample.cpu.top.focus_mapassign_rel" => Some((
                "top",
                vec!["-focus=mapassign", "-relative_percentages"],
                &sample,
            )),
            "sample.cpu.top.show_from_mapassign" => {
                Some(("top", vec!["-show_from=mapassign"], &sample))
            }
            "sample.cpu.top.show_main" => Some(("top", vec!["-show=main\\."], &sample)),
            "sample.cpu.top.hide_runtime" => Some(("top", vec!["-hide=runtime\\."], &sample)),
            "sample.cpu.traces" => Some(("traces", vec![], &sample)),
            "sample.cpu.dot" => Some(("dot", vec![], &sample)),
            // peek's regex is its argument, the first word after the report.
            "sample.cpu.peek_busyLoop" => Some(("peek", vec!["busyLoop"], &sample)),
            "large.cpu.top15" => Some(("top", vec!["-nodecount=15"], &large)),
            "large.cpu.top15.nf0" => {
                Some(("top", vec!["-nodecount=15", "-nodefraction=0"], &large))
            }
            "go_heap.top.alloc_objects" => {
                Some(("top", top10("-sample_index=alloc_objects"), &heap))
            }
            "go_heap.top.alloc_space" => Some(("top", top10("-sample_index=alloc_space"), &heap)),
            "go_heap.top.inuse_objects" => {
                Some(("top", top10("-sample_index=inuse_objects"), &heap))
            }
            "go_heap.top.inuse_space" => Some(("top", top10("-sample_index=inuse_space"), &heap)),
            "go_heap.top.mean_alloc_space" => Some((
                "top",
                vec!["-nodecount=10", "-sample_index=alloc_space", "-mean"],
                &heap,
            )),
            "go_heap.top.tagfocus_1mb" => Some(("top", top10("-tagfocus=1mb:"), &heap)),
            "go_heap.top.tagfocus_bytes_le1kb" => {
                Some(("top", top10("-tagfocus=bytes=:1kb"), &heap))
            }
            "go_allocs.top.default_sample_type" => Some(("top", vec!["-nodecount=10"], &allocs)),
            "go_cpu_a.top.tagfocus_worker_recursive" => {
                Some(("top", top10("-tagfocus=worker=recursive"), &cpu_a))
            }
            "go_cpu_a.top.tagignore_worker_flat" => {
                Some(("top", top10("-tagignore=worker:flat"), &cpu_a))
            }
            "go_cpu_a.top.tagroot_worker" => Some(("top", top10("-tagroot=worker"), &cpu_a)),
            "go_cpu_a.traces" => Some(("traces", vec![], &cpu_a)),
            // The base is read next to the profile, as pprof run in go119_generated/ did.
            "go_cpu_b_diffbase_a.top" => {
                Some(("top", top10("-diff_base=go_cpu_labels_a.pb.gz"), &cpu_b))
            }
            "go_cpu_b_diffbase_a.top.dropneg" => Some((
                "top",
                vec![
                    "-nodecount=10",
                    "-diff_base=go_cpu_labels_a.pb.gz",
                    "-drop_negative",
                ],
                &cpu_b,
            )),
            _ => None,
        };
        match run {
            Some((report, mut flags, file)) => {
                flags.push("-symbolize=none");
                t.check_combined(
                    &case,
                    &read(&p),
                    run_report(report, &flags, std::slice::from_ref(file)),
                )
            }
            None => t.skip(&case, &later_reason(stem)),
        }
    }
}

/// Why a golden outside this version's scope is skipped, from the words of its name (or a
/// pprof output format).
fn later_reason(name: &str) -> String {
    let words: Vec<&str> = name.split(['.', '_']).collect();
    let has = |w: &str| words.contains(&w);
    let reports = [
        "callgrind",
        "topproto",
        "dot",
        "tree",
        "comments",
        "disasm",
        "weblist",
        "string",
        "rpt",
    ];
    match reports.iter().find(|r| has(r)) {
        Some(r) => format!("the {r} output is not produced by pprofview"),
        None => "outside this version's scope".to_string(),
    }
}

/// other_golden/: pprof's goldens for other formats.
fn other_goldens(root: &Path, t: &mut Tally) {
    for (sub, why) in [
        (
            "profile_string",
            "Profile.String() dumps of legacy parsers: not a pprofview output",
        ),
        (
            "report",
            "the source report (and its dot twin, made with source options) is not produced by pprofview",
        ),
        (
            "graph",
            "ComposeDot on graphs made in dotgraph_test.go, not from a profile: no pprofview input gives them",
        ),
    ] {
        for p in files(&root.join("other_golden").join(sub)) {
            t.skip(&format!("other_golden/{sub}/{}", name(&p)), why);
        }
    }
}
