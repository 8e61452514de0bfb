//! Comparison rows: what opening a comparison costs over opening its two profiles.
//!
//! Runs the engine the worker runs — a [`Session`] — on the bench's synthetic profile and a
//! second one of the same shape from another seed: the time to load each alone, to load the
//! first with the second as its base (decoding both and making the `-base` comparison), and
//! the first top table and flame graph of the comparison. The target (the Compare issue):
//! loading the comparison costs at most the two loads plus 30 %.

use crate::alloc;
use crate::measure::{in_process, Budget, Measurement};
use pprofview::load::LoadOptions;
use pprofview::query::Query;
use pprofview::session::{FlameRequest, Request, Response, Session, SourceBytes, TopRequest};
use std::path::Path;
use std::process::ExitCode;

fn source(path: &Path) -> Result<SourceBytes, String> {
    Ok(SourceBytes {
        name: path
            .file_name()
            .map_or("?".into(), |n| n.to_string_lossy().into_owned()),
        bytes: std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?,
    })
}

fn loaded(responses: &[Response]) -> bool {
    matches!(responses.last(), Some(Response::Loaded(_)))
}

/// Measures and prints the rows; `after` is compared with `before` as its base.
pub fn run(after: &Path, before: &Path, budget: &Budget) -> Result<(), String> {
    let (a, b) = (source(after)?, source(before)?);
    let load_one = |s: &SourceBytes| {
        let mut session = Session::new(LoadOptions::default());
        let r = session.handle(Request::Load {
            sources: vec![s.clone()],
            bases: Vec::new(),
        });
        loaded(&r)
    };
    let m_a = in_process(budget, || load_one(&a));
    let m_b = in_process(budget, || load_one(&b));
    let m_both = in_process(budget, || {
        let mut session = Session::new(LoadOptions::default());
        let r = session.handle(Request::Load {
            sources: vec![a.clone()],
            bases: vec![b.clone()],
        });
        loaded(&r)
    });
    let query = Query {
        base: vec![b.name.clone()],
        ..Query::default()
    };
    // The first answers of a comparison just loaded (a fresh session per run, not timed).
    let first = |ask: &dyn Fn(&mut Session) -> bool| -> Result<Measurement, String> {
        let mut m = Measurement {
            times: Vec::new(),
            peak_bytes: 0,
            memory: crate::measure::Memory::Heap,
        };
        for _ in 0..budget.min_runs.max(3) {
            let mut session = Session::new(LoadOptions::default());
            if !loaded(&session.handle(Request::Load {
                sources: vec![a.clone()],
                bases: vec![b.clone()],
            })) {
                return Err("the comparison did not load".to_string());
            }
            let base = alloc::reset_peak();
            let start = std::time::Instant::now();
            if !ask(&mut session) {
                return Err("the comparison's view failed".to_string());
            }
            m.times.push(start.elapsed());
            m.peak_bytes = m.peak_bytes.max(alloc::peak().saturating_sub(base) as u64);
        }
        Ok(m)
    };
    let m_top = first(&|s: &mut Session| {
        let r = s.handle(Request::Top(TopRequest {
            query: query.clone(),
            count: 256,
            ..TopRequest::default()
        }));
        matches!(r.last(), Some(Response::Top(_)))
    })?;
    let m_flame = first(&|s: &mut Session| {
        let r = s.handle(Request::Flame(FlameRequest {
            query: query.clone(),
            under: Vec::new(),
        }));
        matches!(r.last(), Some(Response::Flame(_)))
    })?;
    let ms = |m: &Measurement| m.median().as_secs_f64() * 1e3;
    let two = ms(&m_a) + ms(&m_b);
    println!("  load {} alone: {:.0} ms", a.name, ms(&m_a));
    println!("  load {} alone: {:.0} ms", b.name, ms(&m_b));
    println!(
        "  load {} with base {} (decode both + -base comparison): {:.0} ms, peak heap {:.0} MB",
        a.name,
        b.name,
        ms(&m_both),
        m_both.peak_bytes as f64 / 1e6
    );
    let ratio = ms(&m_both) / two;
    println!(
        "  → comparison / (two loads) = {ratio:.2} ({}; target ≤ 1.30)",
        if ratio <= 1.3 {
            "target met"
        } else {
            "TARGET MISSED"
        }
    );
    println!(
        "  first top table of the comparison (with its before/after columns): {:.0} ms, peak {:.0} MB",
        ms(&m_top),
        m_top.peak_bytes as f64 / 1e6
    );
    println!(
        "  first diff flame graph: {:.0} ms, peak {:.0} MB",
        ms(&m_flame),
        m_flame.peak_bytes as f64 / 1e6
    );
    Ok(())
}

/// The comparison rows: `synthetic` against a second profile from another seed (see
/// `compare.rs`).
pub fn section(synthetic: &Path, regen: bool, budget: &Budget) -> ExitCode {
    println!(
        "\n== comparison: the synthetic profile with a second one (another seed) as its base \
         (Session, as in the worker; median) ==\n"
    );
    let other = match crate::setup::synthetic_other(regen) {
        Ok(p) => p,
        Err(e) => {
            println!("comparison: second synthetic profile: {e}");
            return ExitCode::FAILURE;
        }
    };
    match run(&other, synthetic, budget) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            println!("comparison: {e}");
            ExitCode::FAILURE
        }
    }
}
