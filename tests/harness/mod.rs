//! Running `pprofview` reports in-process and comparing them with golden files.
//!
//! Shared by the golden-file test binaries: they build argument lists exactly as a user
//! types them, run the same code the CLI runs (`cli::parse` + `cli::execute`), and compare
//! stdout (and pprof's stderr lines, where a golden holds them) byte for byte, reporting the
//! first differing line.

#![allow(dead_code)]

use pprofview::cli::{execute, parse, Command, FileSources};
use pprofview::load::OwnedSource;
use std::path::{Path, PathBuf};

/// `../shared/testdata/pprof` next to the checkout (or `$PPROFVIEW_SHARED`), when present.
pub fn shared_testdata() -> Option<PathBuf> {
    shared("pprof")
}

/// `../shared/testdata/other-producers` (or under `$PPROFVIEW_SHARED`), when present.
pub fn shared_other_producers() -> Option<PathBuf> {
    shared("other-producers")
}

fn shared(sub: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("PPROFVIEW_SHARED") {
        Some(d) => PathBuf::from(d).join("testdata").join(sub),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/testdata")
            .join(sub),
    };
    dir.is_dir().then_some(dir)
}

/// The project's own fixtures directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What one run printed.
#[derive(Debug, Default)]
pub struct Run {
    /// The report (stdout).
    pub text: String,
    /// The lines `go tool pprof` would print on stderr (its notes and warnings), in order.
    pub stderr: Vec<String>,
    /// pprofview's own load warnings (`warning: …`), which pprof does not print.
    pub own_warnings: Vec<String>,
    /// The bytes of a binary report (`proto`).
    pub binary: Option<Vec<u8>>,
}

impl Run {
    /// pprof's stderr as text: one line each, newline-terminated.
    pub fn stderr_text(&self) -> String {
        self.stderr.iter().map(|l| format!("{l}\n")).collect()
    }
}

/// Runs `pprofview REPORT FLAGS FILES...` (`report`: `top`, `tags`, `traces`).
pub fn run_report(report: &str, flags: &[&str], files: &[PathBuf]) -> Result<Run, String> {
    run_command(&[report], flags, files)
}

/// Runs `pprofview COMMAND... FLAGS FILES...`, where `command` is the report and its
/// argument, if it takes one (`["peek", REGEX]`).
pub fn run_command(command: &[&str], flags: &[&str], files: &[PathBuf]) -> Result<Run, String> {
    let mut args: Vec<String> = command.iter().map(|w| w.to_string()).collect();
    args.extend(flags.iter().map(|f| f.to_string()));
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().cloned());
    let inv = match parse(&args).map_err(|e| format!("usage error: {e}"))? {
        Command::Run(inv) => inv,
        other => return Err(format!("unexpected command {other:?}")),
    };
    let bytes: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).map_err(|e| format!("{}: {e}", f.display())))
        .collect::<Result<_, _>>()?;
    let sources: Vec<OwnedSource> = names
        .iter()
        .zip(bytes)
        .map(|(name, bytes)| OwnedSource {
            name: name.clone(),
            bytes,
        })
        .collect();
    // Base profiles named in the flags are read next to the first profile, as pprof run
    // in that directory reads them.
    let dir = files
        .first()
        .and_then(|f| f.parent())
        .map(PathBuf::from)
        .unwrap_or_default();
    let base_names: Vec<String> = inv
        .query
        .comparison()
        .map_or(Vec::new(), |c| c.bases.to_vec());
    let base_bytes: Vec<Vec<u8>> = base_names
        .iter()
        .map(|b| {
            let path = dir.join(b);
            std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect::<Result<_, _>>()?;
    let bases: Vec<OwnedSource> = base_names
        .iter()
        .zip(base_bytes)
        .map(|(name, bytes)| OwnedSource {
            name: name.clone(),
            bytes,
        })
        .collect();
    // `list` looks for sources from there too (pprof's working directory).
    let mut lookup = FileSources::new(&inv.paths, &dir);
    let out = execute(&inv, sources, bases, &mut lookup)?;
    let (own_warnings, stderr) = out
        .warnings
        .into_iter()
        .partition(|w| w.starts_with("warning: "));
    Ok(Run {
        text: out.text,
        stderr,
        own_warnings,
        binary: out.binary,
    })
}

/// Runs `pprofview top FLAGS FILES...` and returns stdout (or the error line).
pub fn run_top(flags: &[&str], files: &[PathBuf]) -> Result<String, String> {
    run_report("top", flags, files).map(|r| r.text)
}

/// `Ok` when equal; else a message naming the first differing line.
pub fn compare(expected: &str, actual: &str) -> Result<(), String> {
    if expected == actual {
        return Ok(());
    }
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        let (el, al) = (e.get(i).copied(), a.get(i).copied());
        if el != al {
            return Err(format!(
                "line {}:\n  expected: {}\n  actual:   {}",
                i + 1,
                el.unwrap_or("<end of file>"),
                al.unwrap_or("<end of file>")
            ));
        }
    }
    Err("texts differ only in trailing newlines".to_string())
}

/// `text` without its `Time:` lines (goldens whose profiles carry a wall-clock time).
pub fn without_time(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|l| !l.starts_with("Time:"))
        .collect()
}

/// Outcome counts of a golden run, printed at the end.
#[derive(Default)]
pub struct Tally {
    pub passed: usize,
    pub skipped: usize,
    pub failed: Vec<String>,
}

impl Tally {
    /// Records and prints one checked case.
    pub fn check(&mut self, name: &str, expected: &str, actual: Result<String, String>) {
        self.record(name, actual.and_then(|a| compare(expected, &a)));
    }

    /// Checks stdout against `stdout` and pprof's stderr lines against `stderr` (`""`: pprof
    /// printed nothing there).
    pub fn check_run(&mut self, name: &str, stdout: &str, stderr: &str, run: Result<Run, String>) {
        let outcome = run.and_then(|r| {
            compare(stderr, &r.stderr_text()).map_err(|e| format!("stderr, {e}"))?;
            compare(stdout, &r.text).map_err(|e| format!("stdout, {e}"))
        });
        self.record(name, outcome);
    }

    /// Checks a golden holding stderr then stdout in one file (`go tool pprof ... 2>&1`).
    pub fn check_combined(&mut self, name: &str, expected: &str, run: Result<Run, String>) {
        let outcome = run.and_then(|r| compare(expected, &(r.stderr_text() + &r.text)));
        self.record(name, outcome);
    }

    /// Checks only pprof's stderr lines (the report itself is checked elsewhere or not at all).
    pub fn check_stderr(&mut self, name: &str, stderr: &str, run: Result<Run, String>) {
        let outcome = run.and_then(|r| compare(stderr, &r.stderr_text()));
        self.record(name, outcome);
    }

    /// Records a case that could not be run at all.
    pub fn fail(&mut self, name: &str, why: &str) {
        self.record(name, Err(why.to_string()));
    }

    /// Records and prints the outcome of one checked case.
    pub fn record(&mut self, name: &str, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => {
                self.passed += 1;
                println!("ok      {name}");
            }
            Err(e) => {
                println!("FAILED  {name}\n{e}");
                self.failed.push(name.to_string());
            }
        }
    }

    /// Records and prints a skipped case with its reason.
    pub fn skip(&mut self, name: &str, why: &str) {
        self.skipped += 1;
        println!("skipped {name}: {why}");
    }

    /// Prints the summary and exits non-zero when anything failed or nothing was checked.
    pub fn finish(self, what: &str) {
        println!(
            "\n{what}: {} checked and equal, {} skipped, {} failed",
            self.passed,
            self.skipped,
            self.failed.len()
        );
        if !self.failed.is_empty() {
            println!("failed: {}", self.failed.join(", "));
            std::process::exit(1);
        }
        if self.passed == 0 {
            println!("{what}: no case was checked at all; the suite proves nothing");
            std::process::exit(1);
        }
    }
}
