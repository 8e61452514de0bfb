//! Running `pprofview top` cases in-process and comparing them with golden files.
//!
//! Shared by the golden-file test binaries: they build argument lists exactly as a user
//! types them, run the same code the CLI runs (`cli::parse` + `cli::execute`), and compare
//! the text byte for byte, reporting the first differing line.

#![allow(dead_code)]

use pprofview::cli::{execute, parse, Command};
use pprofview::load::Source;
use std::path::{Path, PathBuf};

/// `../shared/testdata/pprof` next to the checkout (or `$PPROFVIEW_SHARED`), when present.
pub fn shared_testdata() -> Option<PathBuf> {
    let dir = match std::env::var_os("PPROFVIEW_SHARED") {
        Some(d) => PathBuf::from(d).join("testdata/pprof"),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/pprof"),
    };
    dir.is_dir().then_some(dir)
}

/// The project's own fixtures directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `pprofview top FLAGS FILES...` and returns stdout (or the error line).
pub fn run_top(flags: &[&str], files: &[PathBuf]) -> Result<String, String> {
    let mut args: Vec<String> = vec!["top".to_string()];
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
    let sources: Vec<Source> = names
        .iter()
        .zip(&bytes)
        .map(|(name, bytes)| Source { name, bytes })
        .collect();
    execute(&inv, &sources).map(|o| o.text)
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
        match actual.and_then(|a| compare(expected, &a)) {
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

    /// Prints the summary and exits non-zero when anything failed.
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
    }
}
