//! The export reports: `proto` round trips (`top` of the written profile equals `top` of the
//! query), `svg` and `folded` goldens of the own fixtures, and the SVG's labels against the
//! recording painter's for the same tree and size.
//!
//! Goldens live in tests/golden/exports/ (`<profile>[.<flags>].svg|folded`); a missing one
//! fails. `UPDATE_GOLDEN=1 cargo test --test exports` rewrites them; review
//! the diff.

mod harness;
#[path = "exports/svg.rs"]
mod svg;

use harness::{compare, fixtures, run_command, run_report};
use std::path::PathBuf;

/// The fixtures named (space-separated) in tests/fixtures/profiles.
pub fn profile_paths(names: &str) -> Vec<PathBuf> {
    names
        .split_whitespace()
        .map(|n| fixtures().join("profiles").join(n))
        .collect()
}

/// The words of a flag list.
pub fn words(flags: &str) -> Vec<&str> {
    flags.split_whitespace().collect()
}

/// `text` without the "Active filters:" block (its heading and indented lines).
fn without_active_filters(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("Active filters:") {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with("   ") {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

/// (golden name, profiles, flags that change the written profile, flags of the report
/// only). The golden tests/golden/exports/proto/NAME.txt is `go tool pprof -top
/// -symbolize=none VIEW out.pb.gz` (Go 1.19, TZ=UTC) of the profile `pprofview proto FILTERS
/// VIEW PROFILES` wrote (regenerate: tests/golden/exports/proto/regen.sh).
const ROUND_TRIPS: &[(&str, &str, &str, &str)] = &[
    ("go_cpu", "go_cpu.pb.gz", "", ""),
    ("go_cpu.focus", "go_cpu.pb.gz", "-focus=cpuA.func2", ""),
    (
        "go_cpu.ignore.hide.cum",
        "go_cpu.pb.gz",
        "-ignore=descend -hide=runtime",
        "-cum",
    ),
    (
        "go_cpu.show.lines",
        "go_cpu.pb.gz",
        "-show=^main\\.",
        "-lines",
    ),
    ("go_cpu.show_from", "go_cpu.pb.gz", "-show_from=runFor", ""),
    (
        "go_cpu.hide.focus.noinlines",
        "go_cpu.pb.gz",
        "-hide=fold -focus=absorb",
        "-noinlines",
    ),
    (
        "go_block.prune_from.contentions",
        "go_block.pb.gz",
        "-prune_from=runtime",
        "-sample_index=contentions",
    ),
    (
        "go_allocs.tagfocus.focus.alloc_space",
        "go_allocs.pb.gz",
        "-tagfocus=64kb: -focus=flate",
        "-sample_index=alloc_space",
    ),
    (
        "go_allocs.tagignore.inuse_space.files",
        "go_allocs.pb.gz",
        "-tagignore=4kb:",
        "-sample_index=inuse_space -files",
    ),
    (
        "synth_labels.tagroot.tagleaf",
        "synth_labels.pb.gz",
        "-tagroot=route -tagleaf=thread",
        "",
    ),
    (
        "synth_labels.tagfocus.taghide",
        "synth_labels.pb.gz",
        "-tagfocus=route=a -taghide=thread",
        "",
    ),
    ("go_cpu.base", "go_cpu.pb.gz", "-base=go_cpu_b.pb.gz", ""),
    (
        "go_cpu.base.normalize",
        "go_cpu.pb.gz",
        "-base=go_cpu_b.pb.gz -normalize",
        "",
    ),
    (
        "go_cpu.diff_base.focus",
        "go_cpu.pb.gz",
        "-diff_base=go_cpu_b.pb.gz -focus=main",
        "",
    ),
    (
        "go_heap_after.diff_base.inuse_space",
        "go_heap_after.pb.gz",
        "-diff_base=go_heap_before.pb.gz",
        "-sample_index=inuse_space",
    ),
    (
        "go_cpu+go_cpu_b.prune_from.filefunctions",
        "go_cpu.pb.gz go_cpu_b.pb.gz",
        "-prune_from=runFor",
        "-filefunctions",
    ),
    (
        "go_heap.show_from.hide.alloc_space",
        "go_heap.pb.gz",
        "-show_from=main -hide=runtime",
        "-sample_index=alloc_space",
    ),
];

/// `top` of the profile `proto` writes for a query prints what `top` of the query prints:
/// with `-relative_percentages` (the written profile holds only the kept samples, so its
/// total is theirs) and without the "Active filters:" lines (the filters are applied). And
/// it prints what `go tool pprof -top` printed for the same written profile.
#[test]
fn top_of_proto_equals_top_of_query() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let goldens = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/exports/proto");
    let mut failed = Vec::new();
    for &(name, profiles, filters, view) in ROUND_TRIPS {
        let files = profile_paths(profiles);
        let mut flags = words(filters);
        flags.extend(words(view));
        let written = run_report("proto", &flags, &files)
            .map(|r| r.binary.unwrap_or_default())
            .unwrap_or_else(|e| panic!("proto {profiles} {filters}: {e}"));
        assert!(written.starts_with(&[0x1f, 0x8b]), "not gzip");
        let path = dir.join(format!("{name}.pb.gz"));
        std::fs::write(&path, &written).expect("write temporary profile");
        let again = run_report("top", &words(view), &[path]).map(|r| r.text);
        flags.push("-relative_percentages");
        let direct = run_report("top", &flags, &files).map(|r| without_active_filters(&r.text));
        let golden = goldens.join(format!("{name}.txt"));
        let outcome = match (direct, again) {
            (Ok(d), Ok(a)) => compare(&d, &a).and_then(|()| {
                let go = std::fs::read_to_string(&golden)
                    .map_err(|e| format!("{}: {e}", golden.display()))?;
                compare(&go, &a).map_err(|e| format!("against go tool pprof: {e}"))
            }),
            (d, a) => Err(format!("{d:?} / {a:?}")),
        };
        match outcome {
            Ok(()) => println!("ok      {name}"),
            Err(e) => {
                println!("FAILED  {name}: {e}");
                failed.push(name);
            }
        }
    }
    assert!(failed.is_empty(), "round trips differ: {failed:?}");
}

/// Writing what was read loses nothing `top` shows, for every sample type.
#[test]
fn proto_keeps_every_sample_type() {
    let files = profile_paths("go_allocs.pb.gz");
    let written = run_report("proto", &[], &files)
        .map(|r| r.binary.unwrap_or_default())
        .expect("proto");
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("alltypes.pb.gz");
    std::fs::write(&path, &written).expect("write");
    for si in [
        "alloc_objects",
        "alloc_space",
        "inuse_objects",
        "inuse_space",
    ] {
        let flag = format!("-sample_index={si}");
        let a = run_report("top", &[&flag], &files).expect("top").text;
        let b = run_report("top", &[&flag], std::slice::from_ref(&path))
            .expect("top of proto")
            .text;
        compare(&a, &b).unwrap_or_else(|e| panic!("{si}: {e}"));
    }
}

/// (golden name, report, flags, profiles).
const GOLDENS: &[(&str, &str, &str, &str)] = &[
    ("go_cpu.svg", "svg", "", "go_cpu.pb.gz"),
    ("go_cpu.graph.svg", "svg", "-graph", "go_cpu.pb.gz"),
    (
        "go_heap.graph.alloc_space.nodecount=20.svg",
        "svg",
        "-graph -sample_index=alloc_space -nodecount=20",
        "go_heap.pb.gz",
    ),
    ("go_heap.alloc_space.svg", "svg", "-sample_index=alloc_space", "go_heap.pb.gz"),
    ("go_cpu.base=go_cpu_b.svg", "svg", "-base=go_cpu_b.pb.gz", "go_cpu.pb.gz"),
    (
        "go_cpu.zoom=absorb.flame.width=600.svg",
        "svg",
        "-zoom=runtime.main;main.main;main.recordCPU;main.cpuA;runtime/pprof.Do;main.cpuA.func1;main.runFor;main.cpuA.func1.1;main.(*hasher).absorb -orientation=flame -width=600",
        "go_cpu.pb.gz",
    ),
    ("go_cpu.folded", "folded", "", "go_cpu.pb.gz"),
    ("go_cpu.lines.focus=func3.folded", "folded", "-lines -focus=func3", "go_cpu.pb.gz"),
    ("go_heap.alloc_space.folded", "folded", "-sample_index=alloc_space", "go_heap.pb.gz"),
    (
        "go_heap_after.diff_base=go_heap_before.folded",
        "folded",
        "-diff_base=go_heap_before.pb.gz",
        "go_heap_after.pb.gz",
    ),
    ("synth_labels.tagroot=route.folded", "folded", "-tagroot=route", "synth_labels.pb.gz"),
];

#[test]
fn goldens() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/exports");
    let mut failed = Vec::new();
    for &(name, report, flags, profiles) in GOLDENS {
        let actual = run_command(&[report], &words(flags), &profile_paths(profiles))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .text;
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).expect("create tests/golden/exports");
            std::fs::write(&path, &actual).expect("write golden");
            println!("wrote   {}", path.display());
            continue;
        }
        let outcome = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|expected| compare(&expected, &actual));
        match outcome {
            Ok(()) => println!("ok      {name}"),
            Err(e) => {
                println!("FAILED  {name}: {e}");
                failed.push(name);
            }
        }
    }
    assert!(
        failed.is_empty(),
        "goldens differ: {failed:?} (UPDATE_GOLDEN=1 rewrites them)"
    );
}
