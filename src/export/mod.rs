//! Files made from a query's result, for the user to keep: the filtered profile as
//! `.pb.gz` (what `go tool pprof -proto` writes).
//!
//! Consumes a [`Prepared`](crate::query::Prepared) query; produces bytes. Pure and free of
//! I/O, so the CLI writes them to a file or stdout and the web worker hands them to the page
//! as a download. The flame graph image is drawn by
//! [`render::flame_svg`](crate::render::flame_svg) and folded stacks are formatted by
//! [`report::folded_text`](crate::report::folded_text): they are a drawing and a report.

mod proto;

pub use proto::{filtered_message, write_filtered};
