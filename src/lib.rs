//! pprofview's core: decode pprof profiles and compute exactly what `go tool pprof` shows.
//!
//! The same code runs natively (the `pprofview` command, tests, benchmarks) and as
//! WebAssembly in the browser. It is sans-IO: every entry point takes bytes and returns
//! values; reading files, fetching URLs and drawing live in `src/bin`, `src/web` and
//! `src/ui`.
//!
//! # Pipeline
//!
//! ```text
//! bytes ──decode──▶ model::Profile ──load (merge, demangle, drop_frames)──▶ Profile
//!        (gzip, protobuf,                                                      │
//!         validation)                    query (sample index, granularity) ◀──┘
//!                                                     │
//!                                        TopTable ◀───┘──▶ report (text, byte-identical
//!                                                              to go tool pprof -top)
//! ```
//!
//! | module | consumes → produces |
//! |---|---|
//! | [`decode`] | one file's bytes → [`model::Profile`] + warnings, or a [`error::DecodeError`] |
//! | [`model`] | the interned, columnar profile; load-time transforms (merge, demangle, prune) |
//! | [`load`] | named byte buffers → one merged profile, in pprof's load order |
//! | [`query`] | profile + [`query::Query`] (sample type, granularity, pprof's filters) → [`query::Prepared`] → node graph, [`query::TopTable`], labels, traces |
//! | [`query::CallTree`] | the call tree behind the flame graph, breadth-first in display order |
//! | [`layout`] | call tree → flame positions in unit x; viewport maths; visible boxes; hit test |
//! | [`render`] | layout + viewport → drawing calls on a [`render::Painter`] (canvas, or text for goldens) |
//! | [`report`] | tables → text, formatted exactly as pprof formats it |
//! | [`encode`] | stacks and values → `.pb.gz` bytes (tests, fixtures, benchmarks) |
//! | [`export`] | a prepared query → the filtered profile as `.pb.gz` bytes (pprof's `-proto`) |
//! | [`cli`] | command-line arguments in pprof's spellings → an [`cli::Invocation`] |
//! | [`pb`] | prost types of `profile.proto` |
//! | [`error`] | the error types of every stage |
//! | [`goregex`] | Go's regexp syntax (RE2, ASCII classes) on the `regex` crate: every filter, search and `drop_frames` |
//!
//! # Example
//!
//! ```
//! use pprofview::encode::from_folded;
//! use pprofview::load::{load, Source};
//! use pprofview::query::{top_table, Prepared, Query, TopOptions};
//! use pprofview::report::{top_text, TextOptions};
//! use std::sync::Arc;
//!
//! // A two-sample CPU profile, written as folded stacks: frames root first, then values.
//! let bytes = from_folded(
//!     "main;parse;lex 3,30000000\nmain;render 1,10000000",
//!     &[("samples", "count"), ("cpu", "nanoseconds")],
//! )?
//! .encode_gzip();
//!
//! let loaded = load(&[Source { name: "cpu.pb.gz", bytes: &bytes }], &Default::default())?;
//! let profile = Arc::new(loaded.profile);
//! // Everything that changes the numbers is one query: sample type, granularity, filters.
//! let query = Query { hide: "^render$".into(), ..Query::default() };
//! let prepared = Prepared::new(&profile, &query, "minimum")?;
//! let table = top_table(&prepared, &TopOptions::default())?;
//! let text = top_text(&profile, prepared.context(), &table, &TextOptions::default());
//! assert!(text.contains("      30ms 75.00% 75.00%       30ms 75.00%  lex"));
//! assert!(text.contains("Active filters:\n   hide=^render$"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod cli;
pub mod decode;
pub mod encode;
pub mod error;
pub mod export;
pub mod goregex;
pub mod layout;
pub mod load;
pub mod model;
pub mod pb;
pub mod query;
pub mod render;
pub mod report;
pub mod session;
pub mod state;

// The browser app: UI components and browser glue, compiled only with the `web` feature (used
// by src/bin/app.rs and src/bin/worker.rs). `make test` fails if any other module names a
// browser crate.
#[cfg(feature = "web")]
pub mod ui;
#[cfg(feature = "web")]
pub mod web;
