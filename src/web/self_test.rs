//! A self-test of the core, run inside the engine worker when the app starts.
//!
//! Consumes nothing but a built-in folded-stack profile; produces one line of text that proves
//! the core works in this browser's wasm: the profile is encoded as `.pb.gz`, loaded back,
//! and its top table computed, exactly as a real profile will be. It must stay tiny and
//! deterministic: it runs on every page load.

use crate::encode::from_folded;
use crate::load::{load, Source};
use crate::query::{top_table, Prepared, TopOptions};
use std::sync::Arc;

/// The built-in profile: 4 samples, `b` is the hottest function with 3 of them.
const FOLDED: &str = "main;a;b 3\nmain;c 1";

/// Runs the round trip and describes its result, e.g. `top b 3/4`.
pub fn run() -> Result<String, String> {
    let builder = from_folded(FOLDED, &[("samples", "count")])?;
    let bytes = builder.encode_gzip();
    let loaded = load(
        &[Source {
            name: "self-test.pb.gz",
            bytes: &bytes,
        }],
        &Default::default(),
    )
    .map_err(|e| e.to_string())?;
    let prepared = Prepared::unfiltered(&Arc::new(loaded.profile)).map_err(|e| e.to_string())?;
    let table = top_table(&prepared, &TopOptions::default()).map_err(|e| e.to_string())?;
    let top = table
        .rows
        .first()
        .ok_or_else(|| "the top table is empty".to_string())?;
    if top.name != "b" || top.flat != 3 || table.total != 4 {
        return Err(format!(
            "unexpected top row {} {}/{}",
            top.name, top.flat, table.total
        ));
    }
    Ok(format!(
        "top {} {}/{} from {} B .pb.gz",
        top.name,
        top.flat,
        table.total,
        bytes.len()
    ))
}
