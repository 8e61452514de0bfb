//! Goroutine dumps and Go's debug=1 text profiles, read against what they describe.
//!
//! The fixtures come from one run of `goprof -dumps` (tests/fixtures/README.md): the
//! goroutine profile written as protobuf, as debug=1 text and as the debug=2 dump, one
//! after the other while the same goroutines are parked. There is no `go tool pprof`
//! golden for them: pprof reads the debug=1 text with addresses only (it skips the `#`
//! lines, so every frame is `<unknown>` and `top` is one `<unknown>` row of 15), and it
//! cannot read the debug=2 dump at all ("unrecognized profile format"). So the text forms
//! are checked against the protobuf profile of the same moment and against the scenario.
//! The legacy shapes pprof does read are byte-for-byte goldens in cases.tsv (`legacy_*`).

mod harness;

use harness::{fixtures, run_report};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn profile(name: &str) -> PathBuf {
    fixtures().join("profiles").join(name)
}

fn report(kind: &str, flags: &[&str], file: &str) -> String {
    run_report(kind, flags, &[profile(file)])
        .unwrap_or_else(|e| panic!("{file}: {e}"))
        .text
}

/// `(total, cum of every main.* function)` from a full `top` report.
fn totals_and_main_cums(file: &str) -> (String, BTreeMap<String, String>) {
    let text = report("top", &["-nodefraction=0", "-nodecount=1000"], file);
    let total = text
        .lines()
        .find_map(|l| l.strip_prefix("Showing nodes accounting for "))
        .and_then(|l| l.split(" of ").nth(1))
        .unwrap_or_else(|| panic!("{file}: no total line in\n{text}"))
        .to_string();
    let cums = text
        .lines()
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            (cols.len() == 6 && cols[5].starts_with("main."))
                .then(|| (cols[5].to_string(), cols[3].to_string()))
        })
        .collect();
    (total, cums)
}

#[test]
fn dumps_hold_the_same_goroutines_as_the_protobuf_profile() {
    let (total, cums) = totals_and_main_cums("go_dump_goroutine.pb.gz");
    assert_eq!(total, "15 total");
    for dump in [
        "go_dump_goroutine.debug1.txt",
        "go_dump_goroutine.debug2.txt",
    ] {
        let (t, c) = totals_and_main_cums(dump);
        assert_eq!(t, total, "{dump}: total");
        assert_eq!(c, cums, "{dump}: cum of the program's own functions");
    }
    // The scenario, in the program's terms.
    let expect = [
        ("main.dumpReceive", "6"),
        ("main.dumpSelect", "3"),
        ("main.dumpLock", "2"),
        ("main.dumpSleep", "2"),
        ("main.dumpCond", "1"),
        ("main.writeDumps", "1"),
    ];
    for (name, cum) in expect {
        assert_eq!(cums.get(name).map(String::as_str), Some(cum), "{name}");
    }
}

#[test]
fn debug2_states_are_labels() {
    let tags = report("tags", &["-tagshow=state"], "go_dump_goroutine.debug2.txt");
    // Written by pprofview (pprof cannot read debug=2); the counts are the scenario's:
    // 6 receivers, 3 selects, 2 on a sync.Mutex ("semacquire" in Go 1.19), 2 sleepers,
    // 1 on a sync.Cond, and the goroutine writing the dump.
    let golden = " state: Total 15.0
        6.0 (40.00%): chan receive
        3.0 (20.00%): select
        2.0 (13.33%): semacquire
        2.0 (13.33%): sleep
        1.0 ( 6.67%): running
        1.0 ( 6.67%): sync.Cond.Wait
";
    assert_eq!(tags.trim_end(), golden.trim_end());
    let wait = report("tags", &["-tagshow=wait"], "go_dump_goroutine.debug2.txt");
    assert!(wait.contains("15.0 (  100%): < 1 min"), "{wait}");
    let created = report(
        "tags",
        &["-tagshow=created_by"],
        "go_dump_goroutine.debug2.txt",
    );
    assert!(
        created.contains("Total 14.0"),
        "main has no creator:\n{created}"
    );
}

#[test]
fn debug1_labels_match_the_protobuf_profile() {
    let pb = report("tags", &[], "go_dump_goroutine.pb.gz");
    let text = report("tags", &[], "go_dump_goroutine.debug1.txt");
    assert_eq!(text, pb);
    assert!(text.contains("2.0 (66.67%): consumer"), "{text}");
}

#[test]
fn debug1_heap_and_contention_are_named() {
    // 6 buffers of 256 KiB stay live, plus the slice that holds them (MemProfileRate=1:
    // heap/2, no unsampling).
    let heap = report("top", &["-unit=kB"], "go_dump_heap.debug1.txt");
    let buffers = heap
        .lines()
        .find(|l| l.ends_with(" main.allocBuffers"))
        .unwrap_or_else(|| panic!("no main.allocBuffers row:\n{heap}"));
    assert!(buffers.trim_start().starts_with("1536"), "{buffers}");
    // The allocator frames Go hides are runtime frames, pruned by the heap drop_frames.
    assert!(!heap.contains("runtime.(hidden)"), "{heap}");
    for file in ["go_dump_mutex.debug1.txt", "go_dump_block.debug1.txt"] {
        let top = report("top", &["-nodefraction=0"], file);
        assert!(top.contains("main.(*account).deposit"), "{file}:\n{top}");
        assert!(
            !top.contains("<unknown>"),
            "{file}: every frame is listed:\n{top}"
        );
    }
}

#[test]
fn gzipped_text_reads_like_text() {
    let raw = std::fs::read(profile("go_dump_goroutine.debug2.txt")).expect("fixture");
    let gz = pprofview::encode::gzip(&raw);
    let opts = pprofview::decode::DecodeOptions::default();
    let a = pprofview::decode::decode(&raw, &opts).expect("text");
    let b = pprofview::decode::decode(&gz, &opts).expect("gzipped text");
    assert_eq!(a.profile, b.profile);
}
