//! pprofview's reports (`top`, `tags`, `traces`, `peek`, `list`, `dot`) against the project's own goldens
//! (tests/fixtures/cases.tsv): stdout, and pprof's stderr where it printed any.
//!
//! The goldens are `go tool pprof` 1.19 output for profiles the project made itself: real Go
//! runtime profiles recorded by tests/fixtures/goprof, and `synth_*` profiles built below
//! with [`ProfileBuilder`] to reach what Go programs never write. Needs no Go and no
//! ../shared: a bare clone proves the reports and every filter against pprof. A case whose
//! golden is missing fails.
//!
//! `PPROFVIEW_WRITE_SYNTH=1` rewrites the `synth_*` profiles (then run
//! tests/fixtures/regen.sh --goldens-only); otherwise this checks that the committed ones
//! still decompress to exactly what the builder produces.

mod harness;
mod synth;

use harness::{fixtures, run_command, Tally};

fn main() {
    let dir = fixtures();
    let mut t = Tally::default();
    for (name, builder) in synth::profiles() {
        let path = dir.join("profiles").join(format!("{name}.pb.gz"));
        let want = builder.encode();
        if std::env::var_os("PPROFVIEW_WRITE_SYNTH").is_some() {
            std::fs::write(&path, pprofview::encode::gzip(&want)).expect("write synth profile");
            println!("wrote   {}", path.display());
            continue;
        }
        let committed = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|gz| inflate(&gz));
        match committed {
            Ok(bytes) if bytes == want => {
                t.passed += 1;
                println!("ok      profiles/{name}.pb.gz is what the builder makes");
            }
            Ok(_) => {
                println!("FAILED  profiles/{name}.pb.gz differs from the builder's output: rerun with PPROFVIEW_WRITE_SYNTH=1 and regenerate goldens");
                t.failed.push(name.to_string());
            }
            Err(e) => {
                println!("FAILED  profiles/{name}.pb.gz: {e}");
                t.failed.push(name.to_string());
            }
        }
    }
    let manifest =
        std::fs::read_to_string(dir.join("cases.tsv")).expect("tests/fixtures/cases.tsv");
    let mut cases = 0;
    for (i, line) in manifest.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (golden, flags, profiles, report) = match cols[..] {
            [g, f, p] => (g, f, p, "top"),
            [g, f, p, r] => (g, f, p, r),
            _ => {
                t.fail(
                    &format!("cases.tsv line {}", i + 1),
                    "expected 3 or 4 tab-separated columns (golden, flags, profiles[, report])",
                );
                continue;
            }
        };
        // The report column: top, tags, traces, dot, or `peek=REGEX` / `list=REGEX` (pprof's
        // `-peek=REGEX`), which pprofview spells `peek REGEX` / `list REGEX`.
        let command = match report.split_once('=') {
            None if matches!(report, "top" | "tags" | "traces" | "dot") => vec![report],
            Some((word @ ("peek" | "list"), regex)) if !regex.is_empty() => vec![word, regex],
            _ => {
                t.fail(
                    &format!("cases.tsv line {}", i + 1),
                    "the report must be top, tags, traces, dot, peek=REGEX or list=REGEX",
                );
                continue;
            }
        };
        let Some(stem) = golden.strip_suffix(".txt") else {
            t.fail(golden, "a golden's name must end in .txt");
            continue;
        };
        let golden_dir = dir.join("golden");
        let Ok(expected) = std::fs::read_to_string(golden_dir.join(golden)) else {
            t.fail(
                golden,
                "golden missing: run tests/fixtures/regen.sh --goldens-only (Go 1.19)",
            );
            continue;
        };
        // pprof's stderr, when it printed any (no .err: it printed nothing).
        let stderr =
            std::fs::read_to_string(golden_dir.join(format!("{stem}.err"))).unwrap_or_default();
        let mut args = vec!["-symbolize=none"];
        args.extend(flags.split_whitespace());
        let files: Vec<_> = profiles
            .split_whitespace()
            .map(|p| dir.join("profiles").join(p))
            .collect();
        t.check_run(
            golden,
            &expected,
            &stderr,
            run_command(&command, &args, &files),
        );
        cases += 1;
    }
    if cases == 0 {
        t.fail(
            "cases.tsv",
            "names no case: nothing was compared with pprof",
        );
    }
    t.finish("own goldens");
}

fn inflate(gz: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(gz)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}
