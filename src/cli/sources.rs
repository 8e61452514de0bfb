//! Source files for `pprofview list`, found on the file system as `go tool pprof` finds
//! them (`-source_path`, `-trim_path`).
//!
//! The one place the library reads files; the core only ever sees a [`SourceLookup`].

use crate::query::{go_dir, go_join, split_list, PathTrim};
use crate::report::{scan_source_lines, SourceLookup};
use std::path::{Path, PathBuf};

/// Finds a listing's files under `-source_path` (default: the working directory) as pprof
/// (Go 1.19) does: the name is trimmed again with `-trim_path` (or, without one, the guess
/// from the search directories' base names) and the `/proc/self/cwd/` prefixes; an absolute
/// name must exist as it is; a relative one is tried under each search directory and then
/// under each of that directory's parents (a relative directory's up to `.`).
#[derive(Clone, Debug)]
pub struct FileSources {
    trim: PathTrim,
    cwd: PathBuf,
}

impl FileSources {
    /// A lookup with `trim`'s paths, relative ones taken from `cwd` (the working directory
    /// pprof would run in; it is also the search path when `trim.source_path` is empty).
    pub fn new(trim: &PathTrim, cwd: &Path) -> Self {
        Self {
            trim: trim.clone(),
            cwd: cwd.to_path_buf(),
        }
    }

    fn open(&self, name: &str) -> Option<Result<Vec<u8>, std::io::Error>> {
        let path = self.cwd.join(name);
        if path.is_dir() {
            // Go opens a directory, then reads no line from it (and reports no error).
            return Some(Ok(Vec::new()));
        }
        match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            other => Some(other),
        }
    }
}

impl SourceLookup for FileSources {
    fn lines(&mut self, file: &str) -> Result<Vec<String>, String> {
        let search = if self.trim.source_path.is_empty() {
            self.cwd.display().to_string()
        } else {
            self.trim.source_path.clone()
        };
        let path = crate::query::trim_path(file, &self.trim.trim_path, &search);
        if path.starts_with('/') {
            return match self.open(path) {
                Some(Ok(bytes)) => Ok(scan_source_lines(&bytes)),
                Some(Err(e)) => Err(format!("open {path}: {}", go_io_message(&e))),
                None => Err(format!("open {path}: no such file or directory")),
            };
        }
        for dir in split_list(&search) {
            let mut dir = dir.to_string();
            loop {
                if let Some(Ok(bytes)) = self.open(&go_join(&dir, path)) {
                    return Ok(scan_source_lines(&bytes));
                }
                let parent = go_dir(&dir);
                if parent == dir {
                    break;
                }
                dir = parent;
            }
        }
        Err(format!("could not find file {path} on path {search}"))
    }
}

/// An I/O error as Go's `os` package words it.
fn go_io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
