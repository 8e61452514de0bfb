//! pprofview's benchmark (`cargo bench --bench bench`, which `make bench` runs).
//!
//! Inputs: pprof's own `large.cpu` test profile (from `../shared/testdata`, skipped when
//! absent) and a large synthetic Go CPU profile that this benchmark generates itself into
//! `target/bench-data/` (once; again only when the generator changes, see `synth/mod.rs`).
//!
//! For each input it measures, in this process: `decode`, `aggregate` (the top table and
//! its text, from a decoded profile) and `full load` (read the file, `load`, top, text);
//! and as child processes: `pprofview top FILE` and `go tool pprof -top FILE` (when Go is
//! installed). It prints one table row per (operation, input) with the median wall time,
//! MB/s of compressed input and peak memory (heap for in-process rows, RSS for processes),
//! then the speed-up and memory ratio against `go tool pprof`.
//!
//! Then, on the synthetic profile, the re-aggregation rows (`requery.rs`): the engine's answer
//! to the page after a change of sample type, filter or granularity; and the call graph
//! layout row on `large.cpu`'s call graph (`graph.rs`).
//!
//! Flags (after `cargo bench --bench bench --`): `--quick` (one run each), `--regen`
//! (rebuild the synthetic profile), `--no-go`, `--no-build` (use the existing
//! `target/release/pprofview`), `--gen-only`, `--synthetic-only` (make sure the synthetic
//! profile exists and print its path as the last line of stdout, nothing else: the e2e tests
//! use it), `--requery-only` (only the re-aggregation rows), `--compare-only` (only the
//! comparison rows, `compare.rs`), `--graph-only` (only the call graph layout row,
//! `graph.rs`), `--small-only` (make sure the two small synthetic profiles
//! of the navigation rows exist and print their paths), and extra profile paths to
//! measure too.

mod alloc;
mod args;
mod chains;
mod compare;
mod graph;
mod measure;
mod report;
mod requery;
mod setup;
mod synth;

use args::parse_args;
use measure::{child_series, in_process, Budget, ChildRun, Measurement};
use pprofview::decode::{decode, DecodeOptions};
use pprofview::load::{load, Source};
use pprofview::model::Profile;
use pprofview::query::{top_table, Prepared, TopOptions};
use pprofview::report::{top_text, TextOptions};
use report::{mb, print_table, Row};
use setup::{build_cli, go_pprof, synthetic, MANIFEST_DIR};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;

#[global_allocator]
static GLOBAL: alloc::Counting = alloc::Counting;

const LARGE_CPU: &str = "../shared/testdata/pprof/upstream/proftest__large.cpu.pb.gz";

/// Compares two `-top` outputs, ignoring the `Time:` line (CONTRACT §2).
fn agreement(ours: &[u8], theirs: &[u8]) -> String {
    let keep = |b: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| !l.starts_with("Time:"))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (keep(ours), keep(theirs));
    if a == b {
        return format!("identical ({} lines, Time: line excluded)", a.len());
    }
    let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    format!(
        "DIFFER at line {}: pprofview {:?} vs pprof {:?} ({} vs {} lines)",
        i + 1,
        a.get(i).map_or("<end>", String::as_str),
        b.get(i).map_or("<end>", String::as_str),
        a.len(),
        b.len()
    )
}

fn top_of(profile: &Arc<Profile>, top: &TopOptions, text: &TextOptions) -> String {
    let prepared = match Prepared::unfiltered(profile) {
        Ok(p) => p,
        Err(e) => return format!("error: {e}"),
    };
    match top_table(&prepared, top) {
        Ok(t) => top_text(prepared.profile(), prepared.context(), &t, text),
        Err(e) => format!("error: {e}"),
    }
}

struct Input {
    name: String,
    path: PathBuf,
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bench: {e}");
            return ExitCode::from(2);
        }
    };
    if !args.synthetic_only {
        println!("== pprofview benchmark ==");
        for l in report::machine() {
            println!("{l}");
        }
    }
    if args.graph_only {
        return graph::section(args.quick);
    }
    let synthetic = match synthetic(args.regen) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bench: synthetic profile: {e}");
            return ExitCode::FAILURE;
        }
    };
    for (wanted, sizes, what) in [
        (args.small_only, &setup::SMALL, "small"),
        (args.big_only, &setup::BIG, "big"),
    ] {
        if wanted {
            // The last lines are the paths alone, for scripts.
            return match setup::synthetic_sized(sizes, args.regen) {
                Ok(paths) => {
                    for p in paths {
                        println!("{}", p.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("bench: {what} synthetic profiles: {e}");
                    ExitCode::FAILURE
                }
            };
        }
    }
    if args.synthetic_only {
        // The last line is the path alone, for scripts (`… | tail -n 1`).
        println!("{}", synthetic.display());
        return ExitCode::SUCCESS;
    }
    if args.gen_only {
        return ExitCode::SUCCESS;
    }
    let requery_rounds = if args.quick { 1 } else { 3 };
    if args.compare_only {
        let budget = Budget {
            seconds: 3.0,
            min_runs: 3,
            max_runs: 5,
            cap_seconds: 60.0,
        };
        return compare::section(&synthetic, args.regen, &budget);
    }
    if args.requery_only {
        return requery::section(&synthetic, requery_rounds);
    }

    let mut inputs = Vec::new();
    let large = Path::new(MANIFEST_DIR).join(LARGE_CPU);
    if large.is_file() {
        inputs.push(Input {
            name: "large.cpu".to_string(),
            path: large,
        });
    } else {
        println!("large.cpu: {} not found, skipped", large.display());
    }
    inputs.push(Input {
        name: "synthetic".to_string(),
        path: synthetic,
    });
    for p in &args.extra {
        let name = p
            .file_name()
            .map_or("?".into(), |n| n.to_string_lossy().into_owned());
        inputs.push(Input {
            name,
            path: p.clone(),
        });
    }

    let cli = build_cli(args.no_build);
    if let Err(e) = &cli {
        println!("pprofview CLI: {e}; process rows skipped");
    }
    let go = if args.no_go {
        Err("--no-go given, skipped".to_string())
    } else {
        go_pprof()
    };
    match &go {
        Ok((tool, version)) => println!("go tool pprof: {} ({version})", tool.display()),
        Err(e) => println!("go tool pprof: {e}"),
    }

    let (quick_runs, max) = if args.quick { (1, 1) } else { (3, 15) };
    // Whole bench: about 4 minutes on a 2-core machine, most of it go tool pprof on the
    // synthetic profile.
    let fast = Budget {
        seconds: 3.0,
        min_runs: quick_runs,
        max_runs: max,
        cap_seconds: 30.0,
    };
    let proc_budget = Budget {
        seconds: 6.0,
        min_runs: quick_runs,
        max_runs: max.min(11),
        cap_seconds: 45.0,
    };
    let go_budget = Budget {
        seconds: 20.0,
        min_runs: quick_runs,
        max_runs: max.min(5),
        cap_seconds: 130.0,
    };

    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut versus = Vec::new();
    for input in &inputs {
        let bytes = match std::fs::read(&input.path) {
            Ok(b) => b,
            Err(e) => {
                println!("{}: {e}, skipped", input.path.display());
                continue;
            }
        };
        let size = bytes.len() as u64;
        let opts = DecodeOptions::default();
        println!(
            "\n-- {} ({}, {:.2} MB) --",
            input.name,
            input.path.display(),
            mb(size)
        );
        let row = |operation: &str, m: Measurement| Row {
            operation: operation.to_string(),
            input: input.name.clone(),
            input_bytes: size,
            m,
        };

        // Reference: how long gzip inflation alone takes (part of every decode).
        let m = in_process(&fast, || {
            let mut out = Vec::new();
            let r = flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out);
            (r.is_ok(), out)
        });
        rows.push(row("(gzip inflate only)", m));

        let m = in_process(&fast, || decode(&bytes, &opts).map(|d| d.profile));
        let decode_ms = m.median().as_secs_f64() * 1e3;
        rows.push(row("decode", m));
        let profile = match decode(&bytes, &opts) {
            Ok(d) => Arc::new(d.profile),
            Err(e) => {
                println!("{}: cannot decode: {e}", input.path.display());
                continue;
            }
        };
        notes.push(format!(
            "{}: {:.2} MB gzipped; {} samples, {} locations, {} functions, {} stack-tree nodes; decoded profile ≈ {:.1} MB (Profile::heap_bytes)",
            input.name,
            mb(size),
            profile.samples.len(),
            profile.locations.len(),
            profile.functions.len(),
            profile.stacks.len(),
            mb(profile.heap_bytes() as u64)
        ));
        let (top, text) = (TopOptions::default(), TextOptions::default());
        let m = in_process(&fast, || top_of(&profile, &top, &text));
        let top_ms = m.median().as_secs_f64() * 1e3;
        rows.push(row("aggregate (top)", m));
        let top0 = TopOptions {
            node_fraction: 0.0,
            ..TopOptions::default()
        };
        let text0 = TextOptions {
            node_fraction: 0.0,
            ..TextOptions::default()
        };
        let m = in_process(&fast, || top_of(&profile, &top0, &text0));
        rows.push(row("aggregate (top -nodefraction=0)", m));
        drop(profile);

        let name = input.path.to_string_lossy().into_owned();
        let m = in_process(&fast, || {
            let file = std::fs::read(&input.path).unwrap_or_default();
            let sources = [Source {
                name: &name,
                bytes: &file,
            }];
            match load(&sources, &opts) {
                Ok(l) => top_of(&Arc::new(l.profile), &top, &text),
                Err(e) => format!("error: {e}"),
            }
        });
        let load_ms = m.median().as_secs_f64() * 1e3;
        rows.push(row("full load (read+decode+top)", m));
        notes.push(format!(
            "{}: full load − decode − aggregate = {:.0} ms (reading the file, and load()'s merge and drop_frames steps)",
            input.name,
            load_ms - decode_ms - top_ms
        ));
        drop(bytes);

        let mut ours: Option<(Measurement, ChildRun)> = None;
        if let Ok(bin) = &cli {
            match child_series(&proc_budget, || {
                let mut c = Command::new(bin);
                c.arg("top").arg(&input.path);
                c
            }) {
                Ok((m, run)) => {
                    rows.push(row("pprofview top (process)", m.clone()));
                    ours = Some((m, run));
                }
                Err(e) => println!("pprofview top: {e}"),
            }
        }
        // (When go is missing, that was said once above.)
        if let Ok((tool, _)) = &go {
            match child_series(&go_budget, || {
                let mut c = Command::new(tool);
                c.arg("-top").arg(&input.path);
                c
            }) {
                Ok((m, run)) => {
                    rows.push(row("go tool pprof -top (process)", m.clone()));
                    if let Some((om, orun)) = &ours {
                        let speed = m.median().as_secs_f64() / om.median().as_secs_f64();
                        let memory = m.peak_bytes as f64 / om.peak_bytes.max(1) as f64;
                        versus.push(format!(
                            "{}: pprofview {:.0} ms / {:.1} MB RSS, go tool pprof {:.0} ms / {:.1} MB RSS → {:.1}× faster, {:.1}× less memory ({}); output {}",
                            input.name,
                            om.median().as_secs_f64() * 1e3,
                            mb(om.peak_bytes),
                            m.median().as_secs_f64() * 1e3,
                            mb(m.peak_bytes),
                            speed,
                            memory,
                            if speed >= 5.0 && memory > 1.0 { "target met" } else { "TARGET MISSED (≥5× faster, lower memory)" },
                            agreement(&orun.stdout, &run.stdout)
                        ));
                    }
                }
                Err(e) => println!("go tool pprof: {e}"),
            }
        }
    }

    println!("\n== results (median of runs; MB = 10^6 bytes; MB/s = compressed input size / median) ==\n");
    print_table(&rows);
    println!();
    for n in &notes {
        println!("{n}");
    }
    if !versus.is_empty() {
        println!("\nvs go tool pprof -top (child processes, same run):");
        for v in &versus {
            println!("  {v}");
        }
    }
    let others = match inputs.iter().find(|i| i.name == "synthetic") {
        Some(s) => {
            let requery = requery::section(&s.path, requery_rounds);
            let compared = compare::section(&s.path, args.regen, &fast);
            if requery == ExitCode::SUCCESS {
                compared
            } else {
                requery
            }
        }
        None => ExitCode::SUCCESS,
    };
    let graph = graph::section(args.quick);
    if others == ExitCode::SUCCESS {
        graph
    } else {
        others
    }
}
