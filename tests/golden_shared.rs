//! `pprofview top` against every `go tool pprof` golden in ../shared/testdata/pprof.
//!
//! Each golden file is either checked byte for byte or listed as skipped with the reason
//! (another report format, or flags of a later version). Nothing is skipped silently. When
//! ../shared is absent the whole suite is skipped with a message.

mod harness;

use harness::{run_top, shared_testdata, Tally};
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

fn main() {
    let Some(root) = shared_testdata() else {
        println!("skipped: ../shared/testdata/pprof is absent (set PPROFVIEW_SHARED to its parent), no shared goldens checked");
        return;
    };
    let mut t = Tally::default();
    profile_tops(&root, &mut t);
    go119_extras(&root, &mut t);
    reference_outputs(&root, &mut t);
    driver_goldens(&root, &mut t);
    go119_out(&root, &mut t);
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

/// The other outputs in go119_generated/ (see its README).
fn go119_extras(root: &Path, t: &mut Tally) {
    let dir = root.join("go119_generated");
    for p in files(&dir) {
        let n = name(&p);
        if !n.ends_with(".txt") || n.ends_with(".top.txt") && !n.contains('.') {
            continue;
        }
        let case = format!("go119_generated/{n}");
        let a = dir.join("go_cpu_labels_a.pb.gz");
        let b = dir.join("go_cpu_labels_b.pb.gz");
        match n.as_str() {
            "go_cpu_labels_a_plus_b.merged.top.txt" => {
                t.check(&case, &read(&p), run_top(&["-nodecount=15"], &[a, b]))
            }
            _ if n.contains("tagfocus") => t.skip(
                &case,
                "-tagfocus (label filters) arrives with the Refine issue",
            ),
            _ if n.contains("base_a") => t.skip(
                &case,
                "-base/-diff_base/-normalize arrive with the Refine issue",
            ),
            _ if n.ends_with(".tags.txt") => {
                t.skip(&case, "the tags report arrives with the Refine issue")
            }
            _ => {
                // Plain NAME.top.txt files were checked by profile_tops.
                if !(n.ends_with(".top.txt")
                    && p.with_file_name(n.replace(".top.txt", ".pb.gz")).is_file())
                {
                    t.skip(&case, "not a golden this suite knows");
                }
            }
        }
    }
}

/// reference_outputs/: `go tool pprof` 1.19 runs with the flags the names give.
fn reference_outputs(root: &Path, t: &mut Tally) {
    let dir = root.join("reference_outputs");
    let sample = root.join("upstream/report__sample.cpu.pb.gz");
    let large = root.join("upstream/proftest__large.cpu.pb.gz");
    let heap = root.join("go119_generated/go_heap.pb.gz");
    let allocs = root.join("go119_generated/go_allocs.pb.gz");
    for p in files(&dir) {
        let n = name(&p);
        let case = format!("reference_outputs/{n}");
        let stem = n.trim_end_matches(".txt");
        let run: Option<(Vec<&str>, &PathBuf)> = match stem {
            "sample.cpu.top.functions" => Some((vec!["-functions"], &sample)),
            "sample.cpu.top.files" => Some((vec!["-files"], &sample)),
            "sample.cpu.top.filefunctions" => Some((vec!["-filefunctions"], &sample)),
            "sample.cpu.top.lines" => Some((vec!["-lines"], &sample)),
            "sample.cpu.top.addresses" => Some((vec!["-addresses"], &sample)),
            "sample.cpu.top.noinlines" => Some((vec!["-noinlines"], &sample)),
            "sample.cpu.top.cum" => Some((vec!["-cum"], &sample)),
            "sample.cpu.top.nodecount5" => Some((vec!["-nodecount=5"], &sample)),
            "sample.cpu.top.nf005" => Some((vec!["-nodefraction=0.05"], &sample)),
            "sample.cpu.top.si_samples" => Some((vec!["-sample_index=samples"], &sample)),
            "sample.cpu.top.unit_ms" => Some((vec!["-unit=ms"], &sample)),
            "sample.cpu.top.unit_auto" => Some((vec!["-unit=auto"], &sample)),
            "large.cpu.top15" => Some((vec!["-nodecount=15"], &large)),
            "large.cpu.top15.nf0" => Some((vec!["-nodecount=15", "-nodefraction=0"], &large)),
            "go_heap.top.alloc_objects" => {
                Some((vec!["-nodecount=10", "-sample_index=alloc_objects"], &heap))
            }
            "go_heap.top.alloc_space" => {
                Some((vec!["-nodecount=10", "-sample_index=alloc_space"], &heap))
            }
            "go_heap.top.inuse_objects" => {
                Some((vec!["-nodecount=10", "-sample_index=inuse_objects"], &heap))
            }
            "go_heap.top.inuse_space" => {
                Some((vec!["-nodecount=10", "-sample_index=inuse_space"], &heap))
            }
            "go_heap.top.mean_alloc_space" => Some((
                vec!["-nodecount=10", "-sample_index=alloc_space", "-mean"],
                &heap,
            )),
            "go_allocs.top.default_sample_type" => Some((vec!["-nodecount=10"], &allocs)),
            "sample.cpu.top.focus_mapassign" => Some((vec!["-focus=mapassign"], &sample)),
            "sample.cpu.top.ignore_mapassign" => Some((vec!["-ignore=mapassign"], &sample)),
            _ => None,
        };
        match run {
            Some((mut flags, file)) => {
                flags.push("-symbolize=none");
                t.check(
                    &case,
                    &read(&p),
                    run_top(&flags, std::slice::from_ref(file)),
                )
            }
            None => t.skip(&case, &later_reason(stem)),
        }
    }
}

/// Why a golden outside this version's scope is skipped, from the words of its name.
fn later_reason(name: &str) -> String {
    let words: Vec<&str> = name.split(['.', '_']).collect();
    let has = |w: &str| words.contains(&w);
    if has("diffbase") || has("dropneg") || name.contains("diff_base") || name.contains("base_a") {
        return "-base/-diff_base/-drop_negative arrive with the Refine issue".to_string();
    }
    if has("rel") || has("relative") {
        return "-relative_percentages arrives with the Refine issue".to_string();
    }
    if name.contains("show_from") {
        return "the -show_from filter arrives with the Refine issue".to_string();
    }
    let filters = [
        "tagfocus",
        "tagignore",
        "tagshow",
        "taghide",
        "tagroot",
        "hide",
        "show",
    ];
    if let Some(f) = filters.iter().find(|f| has(f)) {
        return format!("the -{f} filter arrives with the Refine issue");
    }
    let reports = [
        "callgrind",
        "topproto",
        "traces",
        "tags",
        "dot",
        "tree",
        "peek",
        "comments",
        "disasm",
        "weblist",
        "string",
        "rpt",
    ];
    match reports.iter().find(|r| has(r)) {
        Some(r) => format!("the {r} report is not produced by pprofview yet"),
        None => "outside this version's scope".to_string(),
    }
}

/// driver_golden/: internal/driver's goldens (text ones are in scope).
fn driver_goldens(root: &Path, t: &mut Tally) {
    let dir = root.join("driver_golden");
    let src = |s: &str| root.join(format!("driver_synthetic/{s}.pb.gz"));
    for p in files(&dir) {
        let n = name(&p);
        let case = format!("driver_golden/{n}");
        let run: Option<(&[&str], PathBuf)> = match n.as_str() {
            "pprof.cpu.flat.addresses.noinlines.text" => {
                Some((&["-flat", "-addresses", "-noinlines"], src("cpu")))
            }
            "pprof.cpu.flat.filefunctions.noinlines.text" => {
                Some((&["-flat", "-filefunctions", "-noinlines"], src("cpu")))
            }
            "pprof.cpu.flat.functions.noinlines.text" => {
                Some((&["-flat", "-functions", "-noinlines"], src("cpu")))
            }
            "pprof.cpu.flat.functions.text" => Some((&["-flat", "-functions"], src("cpu"))),
            "pprof.heap.flat.files.text" => Some((&["-flat", "-files"], src("heap"))),
            "pprof.heap.flat.inuse_objects.text" => {
                Some((&["-flat", "-inuse_objects"], src("heap")))
            }
            "pprof.heap_alloc.flat.alloc_objects.text" => {
                Some((&["-flat", "-alloc_objects"], src("heap_alloc")))
            }
            "pprof.long_name_funcs.text" => Some((&[], src("long_name_funcs"))),
            "pprof.unknown.flat.functions.call_tree.text" => Some((
                &["-flat", "-functions", "-nodecount=5", "-call_tree"],
                src("cpu"),
            )),
            _ => None,
        };
        match run {
            Some((flags, file)) => {
                let mut all: Vec<&str> = DRIVER_BASE.to_vec();
                all.extend_from_slice(flags);
                t.check(&case, &read(&p), run_top(&all, &[file]));
            }
            None if n == "pprof.heap.flat.files.seconds.text" => t.skip(
                &case,
                "no driver test case produces it (needs -seconds, i.e. fetching)",
            ),
            None if n == "pprof.heap.flat.files.text.focus" => t.skip(
                &case,
                "its driver case also sets -taghide=[X3]00 (label filters arrive with the Refine issue)",
            ),
            None if n.ends_with(".all_frames") => t.skip(
                &case,
                "-all_frames exists only in current pprof, not Go 1.19",
            ),
            None => t.skip(&case, &later_reason(&n)),
        }
    }
}

/// driver_synthetic/go119_out/: the same driver cases run with Go 1.19's pprof.
fn go119_out(root: &Path, t: &mut Tally) {
    let dir = root.join("driver_synthetic/go119_out");
    let src = |s: &str| root.join(format!("driver_synthetic/{s}.pb.gz"));
    for p in files(&dir) {
        let n = name(&p);
        let case = format!("go119_out/{n}");
        let run: Option<(&[&str], PathBuf)> = match n.as_str() {
            "text.long_name_funcs.out" => Some((&[], src("long_name_funcs"))),
            "text_addresses_noinlines_flat.cpu.out" => {
                Some((&["-addresses", "-noinlines", "-flat"], src("cpu")))
            }
            "text_alloc_objects_flat.heap_alloc.out" => {
                Some((&["-alloc_objects", "-flat"], src("heap_alloc")))
            }
            "text_filefunctions_noinlines_flat.cpu.out" => {
                Some((&["-filefunctions", "-noinlines", "-flat"], src("cpu")))
            }
            "text_files_flat.heap.out" => Some((&["-files", "-flat"], src("heap"))),
            "text_functions_flat.cpu.out" => Some((&["-functions", "-flat"], src("cpu"))),
            "text_functions_flat_nodecount_5_call_tree.unknown.out" => Some((
                &["-functions", "-flat", "-nodecount=5", "-call_tree"],
                src("cpu"),
            )),
            "text_functions_noinlines_flat.cpu.out" => {
                Some((&["-functions", "-noinlines", "-flat"], src("cpu")))
            }
            "text_inuse_objects_flat.heap.out" => Some((&["-inuse_objects", "-flat"], src("heap"))),
            _ => None,
        };
        match run {
            Some((flags, file)) => {
                let mut all: Vec<&str> = DRIVER_BASE.to_vec();
                all.extend_from_slice(flags);
                t.check(&case, &read(&p), run_top(&all, &[file]));
            }
            None if n.ends_with(".err") => t.skip(&case, "stderr of a case listed separately"),
            None if n.ends_with(".pb.gz") => t.skip(
                &case,
                "the topproto output is not produced by pprofview yet",
            ),
            None => t.skip(&case, &later_reason(&n)),
        }
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
            "source/dot reports are not produced by pprofview yet",
        ),
        (
            "graph",
            "dot graph composition: arrives with the call graph view",
        ),
    ] {
        for p in files(&root.join("other_golden").join(sub)) {
            t.skip(&format!("other_golden/{sub}/{}", name(&p)), why);
        }
    }
}
