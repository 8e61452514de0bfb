//! The benchmark's command line: which sections run and with which inputs (see `main.rs`).

use std::path::PathBuf;

/// What was asked for.
#[derive(Default)]
pub struct Args {
    pub quick: bool,
    pub regen: bool,
    pub no_go: bool,
    pub no_build: bool,
    pub gen_only: bool,
    pub synthetic_only: bool,
    pub requery_only: bool,
    pub compare_only: bool,
    pub small_only: bool,
    pub big_only: bool,
    pub graph_only: bool,
    pub extra: Vec<PathBuf>,
}

pub fn parse_args() -> Result<Args, String> {
    let mut a = Args::default();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--bench" => {} // cargo passes it to harness=false benchmarks
            "--quick" => a.quick = true,
            "--regen" => a.regen = true,
            "--no-go" => a.no_go = true,
            "--no-build" => a.no_build = true,
            "--gen-only" => a.gen_only = true,
            "--synthetic-only" => a.synthetic_only = true,
            "--requery-only" => a.requery_only = true,
            "--compare-only" => a.compare_only = true,
            "--small-only" => a.small_only = true,
            "--big-only" => a.big_only = true,
            "--graph-only" => a.graph_only = true,
            s if s.starts_with('-') => return Err(format!("unknown flag {s}")),
            s => a.extra.push(PathBuf::from(s)),
        }
    }
    Ok(a)
}
