//! pprofview's core: decode pprof profiles and compute what `go tool pprof` shows.
pub mod cli;
pub mod decode;
pub mod encode;
pub mod error;
pub mod load;
pub mod model;
pub mod pb;
pub mod query;
pub mod report;

// The browser app (web feature only; the grep gate in `make test` keeps browser crates out of
// every other module).
#[cfg(feature = "web")]
pub mod ui;
#[cfg(feature = "web")]
pub mod web;
