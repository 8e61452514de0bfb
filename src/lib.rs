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
