//! The native `pprofview` command: `pprofview REPORT [flags] PROFILE...`, or
//! `pprofview -http=[host]:port [flags] PROFILE...` (the viewer, served: `cli::http`).
//!
//! Reads the files (or fetches the URLs), hands the bytes to the core, prints the report. Exit status 0 on
//! success, 1 when a profile cannot be read or used, 2 on a usage mistake.

use pprofview::cli::input::{io_message, read_all};
use pprofview::cli::{execute, parse, usage, Command, FileSources, Invocation, Report};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    fix_mmap_threshold();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help) => {
            print!("{}", usage());
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("pprofview {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Run(inv)) if inv.report == Report::Http => {
            // Returns only when the server cannot start.
            if let Err(message) = pprofview::cli::http::run(&inv) {
                eprintln!("pprofview: {message}");
            }
            ExitCode::from(1)
        }
        Ok(Command::Run(inv)) => match run(&inv).and_then(|bytes| write_output(&inv, &bytes)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("pprofview: {message}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("pprofview: {e}\nRun `pprofview -h` for usage.");
            ExitCode::from(2)
        }
    }
}

/// glibc's malloc raises its mmap threshold to the size of each large block freed (up to
/// 32 MB). Once the input file's bytes are freed after inflating, every table below that
/// size would come from the heap and stay resident after it is freed, so the process would
/// peak a third higher. A fixed threshold turns that adjustment off.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn fix_mmap_threshold() {
    // SAFETY: mallopt only changes a tunable of the allocator; no thread is running yet and
    // no pointer is involved.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fix_mmap_threshold() {}

/// Writes the report to `-output`'s file (saying so on stderr, as pprof does), else stdout.
fn write_output(inv: &Invocation, bytes: &[u8]) -> Result<(), String> {
    if let Some(path) = &inv.output {
        eprintln!("Generating report in {path}");
        return std::fs::write(path, bytes).map_err(|e| format!("{path}: {}", io_message(&e)));
    }
    let mut out = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth reporting.
    let _ = out.write_all(bytes);
    let _ = out.flush();
    Ok(())
}

/// Runs the report; its bytes (text, or the binary profile of `proto`).
fn run(inv: &Invocation) -> Result<Vec<u8>, String> {
    let (files, base_files) = read_all(inv)?;
    // `list` looks for sources from the working directory, as pprof does.
    let cwd = std::env::current_dir()
        .map_err(|e| format!("could not stat current dir: {}", io_message(&e)))?;
    let mut sources = FileSources::new(&inv.paths, &cwd);
    let out = execute(inv, files, base_files, &mut sources)?;
    for w in &out.warnings {
        eprintln!("pprofview: {w}");
    }
    Ok(out.binary.unwrap_or_else(|| out.text.into_bytes()))
}
