//! Timing and memory measurements: in-process operations (wall time, peak heap from the
//! counting allocator) and child processes (wall time, peak RSS from `wait4`'s rusage).
#![allow(unsafe_code)]

use crate::alloc;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many times to repeat a measurement: enough runs to fill `seconds`, within
/// `min_runs..=max_runs`, but never (after the first run) past `cap_seconds` in total, so
/// that very slow operations get fewer runs instead of blowing the time budget.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub seconds: f64,
    pub min_runs: usize,
    pub max_runs: usize,
    pub cap_seconds: f64,
}

impl Budget {
    /// Runs wanted after a first run that took `first`.
    fn runs(&self, first: Duration) -> usize {
        let t = first.as_secs_f64().max(1e-6);
        let fit = (self.seconds / t).ceil() as usize;
        let runs = fit.clamp(
            self.min_runs.max(1),
            self.max_runs.max(self.min_runs).max(1),
        );
        let affordable = ((self.cap_seconds / t).floor() as usize).max(1);
        runs.min(affordable)
    }
}

/// What the peak-memory figure of a [`Measurement`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Memory {
    /// Highest live heap during the operation, above what was live when it started.
    Heap,
    /// Peak resident set size of the child process (`ru_maxrss`).
    Rss,
}

/// Repeated timings of one operation.
#[derive(Clone, Debug)]
pub struct Measurement {
    pub times: Vec<Duration>,
    /// The largest peak over all runs, in bytes.
    pub peak_bytes: u64,
    pub memory: Memory,
}

impl Measurement {
    pub fn median(&self) -> Duration {
        let mut t = self.times.clone();
        t.sort_unstable();
        let n = t.len();
        if n == 0 {
            Duration::ZERO
        } else if n % 2 == 1 {
            t[n / 2]
        } else {
            (t[n / 2 - 1] + t[n / 2]) / 2
        }
    }

    pub fn min(&self) -> Duration {
        self.times.iter().copied().min().unwrap_or_default()
    }

    pub fn max(&self) -> Duration {
        self.times.iter().copied().max().unwrap_or_default()
    }
}

/// Times `op` in this process. Its result is dropped after the clock stops, so freeing it
/// is not counted; the peak heap is measured relative to the live heap at the start.
pub fn in_process<T>(budget: &Budget, mut op: impl FnMut() -> T) -> Measurement {
    let mut times = Vec::new();
    let mut peak = 0u64;
    let mut want = budget.min_runs.max(1);
    while times.len() < want {
        let base = alloc::reset_peak();
        let start = Instant::now();
        let out = std::hint::black_box(op());
        let took = start.elapsed();
        peak = peak.max(alloc::peak().saturating_sub(base) as u64);
        drop(out);
        if times.is_empty() {
            want = budget.runs(took);
        }
        times.push(took);
    }
    Measurement {
        times,
        peak_bytes: peak,
        memory: Memory::Heap,
    }
}

/// One finished child process.
#[derive(Clone, Debug)]
pub struct ChildRun {
    pub wall: Duration,
    /// Peak RSS in bytes.
    pub max_rss: u64,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Exit status, or `None` when killed by a signal.
    pub code: Option<i32>,
}

/// Runs `cmd` to completion, collecting its output and its rusage with `wait4`. The clock
/// runs from just before the spawn to the moment `wait4` returns.
///
/// The peak RSS is the child's own high-water mark (`VmHWM` in `/proc/PID/status`, read every
/// millisecond while it runs): `ru_maxrss` cannot be trusted here, because std spawns with
/// `vfork` semantics and Linux then records the benchmark's own peak (the mm it shared
/// until `exec`) as the child's. `ru_maxrss` is the fallback where `/proc` is missing.
pub fn run_child(cmd: &mut Command) -> Result<ChildRun, String> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let hwm_poller = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = 0u64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(vm_hwm(pid).unwrap_or(0));
                std::thread::sleep(Duration::from_millis(1));
            }
            peak
        })
    };
    let err_pipe = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(mut p) = err_pipe {
            let _ = p.read_to_end(&mut v);
        }
        v
    });
    let mut stdout = Vec::new();
    if let Some(mut p) = child.stdout.take() {
        p.read_to_end(&mut stdout)
            .map_err(|e| format!("reading the output of {cmd:?}: {e}"))?;
    }
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data, valid when zeroed.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child (std's `Child` is never waited on after
        // this); `status` and `usage` are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 for {cmd:?}: {e}"));
        }
    }
    let wall = start.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let hwm = hwm_poller.join().unwrap_or(0);
    let stderr = err_reader.join().unwrap_or_default();
    drop(child);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // Linux reports ru_maxrss in kibibytes.
    let rusage_rss = usage.ru_maxrss.max(0) as u64 * 1024;
    Ok(ChildRun {
        wall,
        max_rss: if hwm > 0 { hwm } else { rusage_rss },
        stdout,
        stderr,
        code,
    })
}

/// The high-water mark of process `pid`'s resident set, in bytes, while it runs.
fn vm_hwm(pid: libc::pid_t) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Runs the command built by `make` repeatedly; fails on the first unsuccessful run.
/// Returns the measurement and the last run (for its output).
pub fn child_series(
    budget: &Budget,
    mut make: impl FnMut() -> Command,
) -> Result<(Measurement, ChildRun), String> {
    let mut times = Vec::new();
    let mut peak = 0u64;
    let mut want = budget.min_runs.max(1);
    let mut last = None;
    while times.len() < want {
        let mut cmd = make();
        let run = run_child(&mut cmd)?;
        if run.code != Some(0) {
            return Err(format!(
                "{cmd:?} failed ({}): {}",
                run.code
                    .map_or("killed by a signal".to_string(), |c| format!(
                        "exit status {c}"
                    )),
                String::from_utf8_lossy(&run.stderr).trim()
            ));
        }
        if times.is_empty() {
            want = budget.runs(run.wall);
        }
        times.push(run.wall);
        peak = peak.max(run.max_rss);
        last = Some(run);
    }
    let m = Measurement {
        times,
        peak_bytes: peak,
        memory: Memory::Rss,
    };
    last.map(|l| (m, l)).ok_or_else(|| "no run".to_string())
}
