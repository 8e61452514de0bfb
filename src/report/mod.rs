//! Text reports, byte-identical to `go tool pprof` (Go 1.19's vendored pprof).
//!
//! Consumes tables from `query`; produces text. It computes no profile numbers itself, only
//! how to print them: the output unit (pprof's `selectOutputUnit`), value labels, legend
//! lines and column layout.

mod dot;
mod dot_tags;
mod folded;
mod graph_scene;
mod legend;
mod list;
mod peek;
mod pileups;
mod tabwriter;
mod tags;
mod top;
mod traces;

pub use dot::{
    dot_color, dot_rgb, dot_rgb_in, dot_text, edge_layout_weight, edge_pen_width,
    graph_label_lines, node_font_size, DotOptions,
};
pub use folded::folded_text;
pub use graph_scene::{
    graph_scene, text_width_at, unplaced_scene, GraphScene, SceneEdge, SceneNode, EDGE_FONT_PX,
    LINE_HEIGHT,
};
pub use legend::{active_filter_labels, go119_time, legend_lines, profile_labels, showing_labels};
pub use list::{
    list_text, list_value, routine_header, routine_share, scan_source_lines, source_rows,
    NoSources, SourceLookup, SourceRow,
};
pub use peek::{peek_blocks, peek_text, PeekBlock, PeekCall};
pub use pileups::{digits, pileup_lines, PileupStack, MAX_PILEUPS};
pub use tabwriter::align_right;
pub use tags::tags_text;
pub use top::{top_text, TextOptions};
pub use traces::{trace_label_lines, traces_text};

use crate::model::units::{scale, scaled_label};

/// How values of one report are printed: the sample unit and the unit chosen for output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueFormat {
    /// Unit of the sample values as written in the profile (e.g. `nanoseconds`).
    pub sample_unit: String,
    /// Unit to print in: a unit name, or `minimum`/`auto` for per-value automatic units.
    pub output_unit: String,
}

impl ValueFormat {
    /// A value as pprof prints it (`1.10s`, `20480kB`, `0`).
    pub fn format(&self, v: i64) -> String {
        scaled_label(v, &self.sample_unit, &self.output_unit)
    }

    /// pprof's `selectOutputUnit`: with `requested` = `minimum`, one unit for the whole
    /// report, chosen from the smallest non-zero shown value and the total so that the
    /// smallest value prints as at least 0.01; otherwise `requested` as given.
    pub fn choose(sample_unit: &str, requested: &str, values: &[(i64, i64)], total: i64) -> Self {
        if values.is_empty() {
            return Self::choose_smallest(sample_unit, requested, None, total);
        }
        let mut min = 0i64;
        for &(flat, cum) in values {
            let mut v = flat.wrapping_abs();
            if v == 0 {
                v = cum.wrapping_abs();
            }
            if v > 0 && (min == 0 || v < min) {
                min = v;
            }
        }
        Self::choose_smallest(sample_unit, requested, Some(min), total)
    }

    /// [`choose`](Self::choose) from the smallest value already found: `smallest` is the
    /// least non-zero |flat| (|cum| for rows without flat) over the rows, 0 when none is
    /// non-zero, `None` when there are no rows.
    pub fn choose_smallest(
        sample_unit: &str,
        requested: &str,
        smallest: Option<i64>,
        total: i64,
    ) -> Self {
        let keep = Self {
            sample_unit: sample_unit.to_string(),
            output_unit: requested.to_string(),
        };
        let Some(mut min) = smallest.filter(|_| requested == "minimum") else {
            return keep;
        };
        let max = total;
        if min == 0 {
            min = max;
        }
        let (_, min_unit) = scale(min, sample_unit, "minimum");
        let (_, max_unit) = scale(max, sample_unit, "minimum");
        let mut unit = min_unit.into_owned();
        if unit != max_unit && min.wrapping_mul(100) < max {
            unit = scale(min.wrapping_mul(100), sample_unit, "minimum")
                .1
                .into_owned();
        }
        Self {
            sample_unit: sample_unit.to_string(),
            output_unit: if unit.is_empty() {
                sample_unit.to_string()
            } else {
                unit
            },
        }
    }
}
