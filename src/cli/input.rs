//! Reading a source named on the command line: a file, or an `http(s)://` URL fetched as
//! pprof fetches it (see [`super::fetch`]).

use super::fetch::{fetch, is_url, FetchOptions};
use super::Invocation;
use crate::load::OwnedSource;

/// Reads every source of `inv` and of its query's bases: (sources, bases), each named as
/// on the command line.
pub fn read_all(inv: &Invocation) -> Result<(Vec<OwnedSource>, Vec<OwnedSource>), String> {
    let read_named = |names: &[String]| -> Result<Vec<OwnedSource>, String> {
        names
            .iter()
            .map(|name| {
                Ok(OwnedSource {
                    name: name.clone(),
                    bytes: read_source(name, inv)?,
                })
            })
            .collect()
    };
    let sources = read_named(&inv.profiles)?;
    let bases = read_named(inv.query.comparison().map_or(&[][..], |c| c.bases))?;
    Ok((sources, bases))
}

/// Reads one source: fetches a URL (with `-seconds`, `-timeout`), reads a file (refusing
/// one larger than `-max_inflated` before reading it). Errors name the source.
pub fn read_source(source: &str, inv: &Invocation) -> Result<Vec<u8>, String> {
    if is_url(source) {
        let options = FetchOptions {
            seconds: inv.seconds,
            timeout: inv.timeout,
            limit: inv.max_inflated,
        };
        return fetch(source, &options);
    }
    let limit = inv.max_inflated;
    let meta = std::fs::metadata(source).map_err(|e| format!("{source}: {}", io_message(&e)))?;
    if meta.is_dir() {
        return Err(format!("{source}: is a directory, not a profile"));
    }
    if meta.len() > limit {
        return Err(format!(
            "{source}: the file is larger than the {limit}-byte limit (raise it with -max_inflated)"
        ));
    }
    std::fs::read(source).map_err(|e| format!("{source}: {}", io_message(&e)))
}

/// An I/O error in a few words.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
