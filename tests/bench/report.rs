//! Printing: the machine description and the results table (CONTRACT §5: one row per
//! (operation, input) with median ms, MB/s of compressed input and peak memory).

use crate::measure::{Measurement, Memory};
use std::process::Command;

/// One row of the results table.
pub struct Row {
    pub operation: String,
    pub input: String,
    /// Compressed size of the input, for MB/s.
    pub input_bytes: u64,
    pub m: Measurement,
}

/// Bytes as decimal megabytes.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// `1234.5` → `"1,234.5"`-style grouping is overkill; right-aligned fixed precision instead.
fn fmt_ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Prints the table, aligned, as Markdown (so it can be pasted into docs/PERFORMANCE.md).
pub fn print_table(rows: &[Row]) {
    let header = [
        "operation",
        "input",
        "runs",
        "median ms",
        "min–max ms",
        "MB/s",
        "peak memory",
    ];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            let med = r.m.median();
            let mbps = mb(r.input_bytes) / med.as_secs_f64().max(1e-9);
            let mem = match r.m.memory {
                Memory::Heap => format!("{:.1} MB heap", mb(r.m.peak_bytes)),
                Memory::Rss => format!("{:.1} MB RSS", mb(r.m.peak_bytes)),
            };
            [
                r.operation.clone(),
                r.input.clone(),
                r.m.times.len().to_string(),
                fmt_ms(ms(med)),
                format!("{}–{}", fmt_ms(ms(r.m.min())), fmt_ms(ms(r.m.max()))),
                format!("{mbps:.1}"),
                mem,
            ]
        })
        .collect();
    let mut width = header.map(|h| h.chars().count());
    for c in &cells {
        for (w, s) in width.iter_mut().zip(c.iter()) {
            *w = (*w).max(s.chars().count());
        }
    }
    let line = |c: &[String]| {
        let mut out = String::from("|");
        for (i, s) in c.iter().enumerate() {
            let pad = width[i] - s.chars().count();
            if i < 2 {
                out.push_str(&format!(" {s}{} |", " ".repeat(pad)));
            } else {
                out.push_str(&format!(" {}{s} |", " ".repeat(pad)));
            }
        }
        out
    };
    let head: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    println!("{}", line(&head));
    let mut sep = String::from("|");
    for (i, w) in width.iter().enumerate() {
        if i < 2 {
            sep.push_str(&format!("{}|", "-".repeat(w + 2)));
        } else {
            sep.push_str(&format!("{}:|", "-".repeat(w + 1)));
        }
    }
    println!("{sep}");
    for c in &cells {
        println!("{}", line(c));
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().map(|l| l.trim().to_string())
}

/// A description of this machine, one fact per line.
pub fn machine() -> Vec<String> {
    let cpuinfo = read("/proc/cpuinfo");
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU".to_string(), |(_, v)| v.trim().to_string());
    let logical = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let usable = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = read("/proc/meminfo");
    let mem_kib: u64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let kernel = read("/proc/sys/kernel/osrelease");
    let load = read("/proc/loadavg");
    let mut lines = vec![
        format!("CPU: {model}"),
        format!("cores: {logical} logical in /proc/cpuinfo, {usable} usable by this process"),
        format!("memory: {:.1} GB", mem_kib as f64 * 1024.0 / 1e9),
        format!("OS: {} {}", std::env::consts::OS, kernel.trim()),
        format!(
            "load average at start: {}",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        ),
    ];
    if let Some(v) = first_line("rustc", &["-V"]) {
        lines.push(format!("rustc: {v}"));
    }
    lines
}
