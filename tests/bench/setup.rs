//! Getting ready: the synthetic profile (generated when missing or stale), the CLI build,
//! and finding Go's pprof.

use crate::report::mb;
use crate::synth;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The package root (where Cargo.toml is).
pub const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => Path::new(MANIFEST_DIR).join(d),
        None => Path::new(MANIFEST_DIR).join("target"),
    }
}

/// The synthetic profile, generated when missing or made by another generator version.
pub fn synthetic(regen: bool) -> Result<PathBuf, String> {
    synthetic_as("synthetic", synth::DEFAULT, regen)
}

/// A second synthetic profile of the same shape from another seed (the comparison rows'
/// "after" profile), generated when missing.
pub fn synthetic_other(regen: bool) -> Result<PathBuf, String> {
    let params = synth::Params {
        seed: synth::DEFAULT.seed ^ 0x5EED,
        ..synth::DEFAULT
    };
    synthetic_as("synthetic-other", params, regen)
}

/// The small synthetic profiles (the navigation rows' inputs): names and sample counts, about
/// 60 KB and about 0.4 MB gzipped.
pub const SMALL: [(&str, usize); 2] = [("synthetic-60k", 200), ("synthetic-400k", 2_000)];

/// The big synthetic profiles (the big-profile rows' inputs): about 100 MB and 200 MB gzipped.
pub const BIG: [(&str, usize); 2] = [("synthetic-100m", 3_400_000), ("synthetic-200m", 6_900_000)];

/// Synthetic profiles of the bench's shape with these names and sample counts, generated
/// when missing.
pub fn synthetic_sized(sizes: &[(&str, usize)], regen: bool) -> Result<Vec<PathBuf>, String> {
    sizes
        .iter()
        .map(|&(name, samples)| {
            let params = synth::Params {
                samples,
                ..synth::DEFAULT
            };
            synthetic_as(name, params, regen)
        })
        .collect()
}

fn synthetic_as(name: &str, params: synth::Params, regen: bool) -> Result<PathBuf, String> {
    let dir = target_dir().join("bench-data");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("{name}.pb.gz"));
    let stamp_path = dir.join(format!("{name}.stamp"));
    let stamp = params.stamp();
    let current = std::fs::read_to_string(&stamp_path).unwrap_or_default();
    if !regen && current == stamp && path.is_file() {
        println!(
            "synthetic profile: reusing {} ({})",
            path.display(),
            stamp.trim()
        );
        return Ok(path);
    }
    println!("synthetic profile: generating {} …", path.display());
    let _ = std::fs::remove_file(&stamp_path);
    let start = Instant::now();
    let stats = synth::generate(&params, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    let took = start.elapsed();
    std::fs::write(&stamp_path, &stamp).map_err(|e| format!("{}: {e}", stamp_path.display()))?;
    println!(
        "  generated in {:.1} s: {} samples (Σ count {}, {} with labels), {} locations ({} with inlined frames), {} functions, {} strings",
        took.as_secs_f64(),
        stats.samples,
        stats.total_count,
        stats.labeled_samples,
        stats.locations,
        stats.inlined_locations,
        stats.functions,
        stats.strings
    );
    println!(
        "  stack depth: mean {:.1}, median {}, p90 {}, p99 {}, p99.9 {}, max {} ({} samples at the maximum)",
        stats.mean_depth(),
        stats.depth_quantile(0.5),
        stats.depth_quantile(0.9),
        stats.depth_quantile(0.99),
        stats.depth_quantile(0.999),
        stats.max_depth(),
        stats.depth_hist.get(stats.max_depth()).copied().unwrap_or(0)
    );
    println!(
        "  size: {:.1} MB protobuf, {:.1} MB gzipped",
        mb(stats.raw_bytes),
        mb(stats.gz_bytes)
    );
    Ok(path)
}

/// Builds the CLI the way `make cli` does and returns its path.
pub fn build_cli(skip: bool) -> Result<PathBuf, String> {
    let bin = target_dir().join("release").join("pprofview");
    if !skip {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        println!("building the CLI: cargo build --release --features cli --bin pprofview");
        let status = Command::new(cargo)
            .args([
                "build",
                "--release",
                "--features",
                "cli",
                "--bin",
                "pprofview",
            ])
            .current_dir(MANIFEST_DIR)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("cargo build failed ({status})"));
        }
    }
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!("{} does not exist", bin.display()))
    }
}

/// How to run pprof: the binary `go tool pprof` executes (`$GOTOOLDIR/pprof`), so the
/// `go` launcher's own start-up is not counted against it.
pub fn go_pprof() -> Result<(PathBuf, String), String> {
    let out = Command::new("go")
        .args(["env", "GOTOOLDIR"])
        .output()
        .map_err(|_| "go not installed, skipped".to_string())?;
    let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let tool = Path::new(&dir).join("pprof");
    if !out.status.success() || !tool.is_file() {
        return Err("go is installed but its pprof tool was not found, skipped".to_string());
    }
    let version = Command::new("go")
        .arg("version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    Ok((tool, version))
}
