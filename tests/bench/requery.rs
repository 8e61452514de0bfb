//! Re-aggregation rows: how long the engine takes to answer the page after a change of sample
//! type, filter or granularity, on a loaded profile (the page's side, in Chromium, is
//! `requery.mjs`).
//!
//! Runs the engine the worker runs — a [`Session`] — on the bench's synthetic profile and
//! times its answer to `Request::Flame` (the flame graph's call tree, at most 250,000 nodes)
//! and to `Request::Top` (the top table with every node, as the page shows it) for each
//! change. Before every timed request the session answers the plain query, as when a user
//! changes one thing from the plain view; the cases then come round in turn, so a case's
//! compiled query has left the session's cache (4 entries) by the time it is asked again,
//! and every timed answer includes compiling it (`Prepared::new`). Serialising the answer
//! and sending it to the page are not included (the browser rows include them). Peak heap is
//! per answer, above the live heap before it; the engine's whole heap is printed after.

use crate::alloc;
use crate::measure::{Measurement, Memory};
use pprofview::load::LoadOptions;
use pprofview::query::{Granularity, Query};
use pprofview::session::{FlameRequest, Request, Response, Session, SourceBytes, TopRequest};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The changes measured: a name, and the query each makes of the plain one.
pub fn cases() -> Vec<(&'static str, Query)> {
    let q = Query::default;
    vec![
        (
            "sample type cpu → samples",
            Query {
                sample_index: "samples".into(),
                ..q()
            },
        ),
        (
            "focus=encoding/json",
            Query {
                focus: "encoding/json".into(),
                ..q()
            },
        ),
        (
            "ignore=runtime\\.mallocgc",
            Query {
                ignore: "runtime\\.mallocgc".into(),
                ..q()
            },
        ),
        (
            "hide=^runtime\\.",
            Query {
                hide: "^runtime\\.".into(),
                ..q()
            },
        ),
        (
            "tagfocus=handler=pkg0",
            Query {
                tagfocus: "handler=pkg0".into(),
                ..q()
            },
        ),
        (
            "show_from=ServeHTTP",
            Query {
                show_from: "ServeHTTP".into(),
                ..q()
            },
        ),
        (
            "granularity → functions",
            Query {
                granularity: Some(Granularity::Functions),
                ..q()
            },
        ),
    ]
}

/// Which answer is timed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// `Request::Flame`.
    Flame,
    /// `Request::Top` (the first 128 rows of the whole table).
    Top,
}

fn request(view: View, query: &Query) -> Request {
    match view {
        View::Flame => Request::Flame(FlameRequest {
            query: query.clone(),
            under: Vec::new(),
        }),
        View::Top => Request::Top(TopRequest {
            query: query.clone(),
            count: 128,
            ..TopRequest::default()
        }),
    }
}

/// Asks `session` and checks that it answered with a result.
fn ask(session: &mut Session, req: Request) -> Result<(), String> {
    match session.handle(req).pop() {
        Some(Response::Flame(_) | Response::Top(_)) => Ok(()),
        Some(other) => Err(format!("unexpected answer {other:?}")),
        None => Err("no answer".to_string()),
    }
}

/// One row: the change, the view, and its timings (with the peak heap above the session's
/// own, per answer).
pub struct RequeryRow {
    pub view: &'static str,
    pub change: &'static str,
    pub m: Measurement,
}

/// The engine's heap around the runs (bytes of live heap, from the counting allocator).
pub struct EngineMemory {
    /// Before loading (the benchmark's own data).
    pub before: u64,
    /// After loading, before any view.
    pub loaded: u64,
    /// After all the runs: what the session keeps (profile, cached views, scratch).
    pub after: u64,
    /// The highest live heap at any moment of the runs.
    pub highest: u64,
}

/// Loads `path` into a session and times `rounds` answers of each view to each change.
pub fn measure(path: &Path, rounds: usize) -> Result<(Vec<RequeryRow>, EngineMemory), String> {
    let before = alloc::reset_peak() as u64;
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut session = Session::new(LoadOptions::default());
    let loaded = session.handle(Request::Load {
        sources: vec![SourceBytes {
            name: path.display().to_string(),
            bytes,
        }],
        bases: Vec::new(),
    });
    if !matches!(loaded.last(), Some(Response::Loaded(_))) {
        return Err(format!("{}: not loaded", path.display()));
    }
    drop(loaded);
    let loaded = alloc::reset_peak() as u64;
    let mut highest = 0u64;
    let cases = cases();
    let plain = Query::default();
    let mut rows = Vec::new();
    for (view, name) in [(View::Flame, "flame graph"), (View::Top, "top table")] {
        let mut times = vec![Vec::new(); cases.len()];
        let mut peaks = vec![0u64; cases.len()];
        ask(&mut session, request(view, &plain))?;
        for _ in 0..rounds {
            for (i, (_, q)) in cases.iter().enumerate() {
                ask(&mut session, request(view, &plain))?;
                highest = highest.max(alloc::peak() as u64);
                let base = alloc::reset_peak();
                let start = Instant::now();
                ask(&mut session, request(view, q))?;
                times[i].push(start.elapsed());
                peaks[i] = peaks[i].max(alloc::peak().saturating_sub(base) as u64);
                highest = highest.max(alloc::peak() as u64);
                alloc::reset_peak();
            }
        }
        for (i, (change, _)) in cases.iter().enumerate() {
            rows.push(RequeryRow {
                view: name,
                change,
                m: Measurement {
                    times: std::mem::take(&mut times[i]),
                    peak_bytes: peaks[i],
                    memory: Memory::Heap,
                },
            });
        }
    }
    let after = alloc::reset_peak() as u64;
    let memory = EngineMemory {
        before,
        loaded,
        after,
        highest,
    };
    Ok((rows, memory))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Prints the rows as a Markdown table, against `target_ms`, then the engine's memory.
pub fn print(rows: &[RequeryRow], memory: &EngineMemory, target_ms: f64) {
    println!("| answer | change | runs | median ms | min–max ms | peak heap (MB) | ≤ {target_ms:.0} ms |");
    println!("|---|---|--:|--:|--:|--:|---|");
    for r in rows {
        let med = ms(r.m.median());
        println!(
            "| {} | {} | {} | {:.0} | {:.0}–{:.0} | {:.1} | {} |",
            r.view,
            r.change,
            r.m.times.len(),
            med,
            ms(r.m.min()),
            ms(r.m.max()),
            r.m.peak_bytes as f64 / 1e6,
            if med <= target_ms { "yes" } else { "no" }
        );
    }
    let mb = |b: u64| b.saturating_sub(memory.before) as f64 / 1e6;
    println!(
        "\nengine heap (live, above the benchmark's own): {:.1} MB after loading; {:.1} MB after \
         the runs (profile, cached views and what they keep for the next query); highest \
         {:.1} MB during the runs",
        mb(memory.loaded),
        mb(memory.after),
        mb(memory.highest)
    );
}

/// The re-aggregation rows on `synthetic` (see `requery.rs`).
pub fn section(synthetic: &Path, rounds: usize) -> ExitCode {
    println!(
        "\n== re-aggregation on the synthetic profile: the engine's answer after a change \
         (Session, as in the worker; median of {rounds} rounds; peak heap above the session's) ==\n"
    );
    match measure(synthetic, rounds) {
        Ok((rows, memory)) => {
            print(&rows, &memory, 300.0);
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("re-aggregation: {e}");
            ExitCode::FAILURE
        }
    }
}
