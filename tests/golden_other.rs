//! pprofview's reports against ../shared/testdata/other-producers: real profiles written by
//! Node, Python and Rust profilers, with `go tool pprof` 1.19 goldens (one per row of its
//! `cases.tsv`: profile, case, report, flags; a `peek` row's flags start with its regex).
//!
//! The goldens are the stdout of `go tool pprof -symbolize=none -REPORT FLAGS NAME.pb.gz`
//! and are compared without their `Time:` lines, as that folder's README asks. Every row is
//! checked, or skipped with the reason; when ../shared is absent the suite says so and
//! passes.

mod harness;

use harness::{compare, run_command, shared_other_producers, without_time, Tally};

fn main() {
    let Some(dir) = shared_other_producers() else {
        println!("skipped: ../shared/testdata/other-producers is absent (set PPROFVIEW_SHARED to its parent), no other-producer goldens checked");
        return;
    };
    let manifest =
        std::fs::read_to_string(dir.join("cases.tsv")).expect("other-producers/cases.tsv");
    let mut t = Tally::default();
    for (i, line) in manifest.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [prof, case, report, flags] = cols[..] else {
            t.fail(
                &format!("cases.tsv line {}", i + 1),
                "expected 4 tab-separated columns",
            );
            continue;
        };
        let name = format!("other-producers/{prof}.{case}");
        let golden = dir.join(format!("{prof}.{case}.txt"));
        let Ok(expected) = std::fs::read_to_string(&golden) else {
            t.fail(&name, &format!("golden {} is missing", golden.display()));
            continue;
        };
        // A `peek` row's flags start with its regex, the report's argument.
        let mut words = flags.split_whitespace();
        let mut command = vec![report];
        if report == "peek" {
            let Some(regex) = words.next() else {
                t.fail(&name, "a peek row's flags must start with its regex");
                continue;
            };
            command.push(regex);
        }
        let mut args = vec!["-symbolize=none"];
        args.extend(words);
        let profile = dir.join(format!("{prof}.pb.gz"));
        let actual = run_command(&command, &args, &[profile]).map(|r| r.text);
        let outcome = actual.and_then(|a| compare(&without_time(&expected), &without_time(&a)));
        t.record(&name, outcome);
    }
    t.finish("other-producers goldens");
}
