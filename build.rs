//! Build script: with the `cli` feature, embeds the web app (`dist/`, written by
//! `trunk build --release`, i.e. `make dist`) in the native binary for `pprofview -http`.
//!
//! Writes `$OUT_DIR/viewer_files.rs`: a slice expression of `(path, include_bytes!(file))`
//! pairs, one per file under `dist/`, paths relative to it with `/` separators. When `dist/`
//! is absent the slice is empty and `-http` says how to build the viewer. Other builds (the
//! core, the wasm app) embed nothing and never look at `dist/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let Ok(out_dir) = std::env::var("OUT_DIR") else {
        return;
    };
    let out = Path::new(&out_dir).join("viewer_files.rs");
    let mut files = Vec::new();
    if std::env::var_os("CARGO_FEATURE_CLI").is_some() {
        let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("dist");
        // A directory is scanned for changes as a whole; a missing one reruns every build,
        // so a later `make dist` is picked up.
        println!("cargo:rerun-if-changed={}", root.display());
        if root.join("index.html").is_file() {
            collect(&root, &root, &mut files);
        }
    }
    files.sort();
    let mut text = String::from("&[\n");
    for (name, path) in &files {
        let _ = writeln!(
            text,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    text.push(']');
    if let Err(e) = std::fs::write(&out, text) {
        panic!("cannot write {}: {e}", out.display());
    }
}

/// Every regular file under `dir`, as (path relative to `root` with `/`, absolute path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.is_file() {
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            let name: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let abs = std::fs::canonicalize(&path).unwrap_or(path.clone());
            files.push((name.join("/"), abs));
        }
    }
}
