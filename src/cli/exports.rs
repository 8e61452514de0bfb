//! The reports that export the query's result instead of describing it: `svg` (the flame
//! graph image), `folded` (collapsed stacks) and `proto` (the filtered profile as `.pb.gz`).
//!
//! Consumes a prepared query and the image flags; produces the report's bytes. Each runs the
//! code the page runs for the same export: the session's flame tree and legend, the render's
//! SVG painter, the core's folded and proto writers.

use crate::export::write_filtered;
use crate::layout::Orientation;
use crate::query::{CallTree, Granularity, Prepared};
use crate::render::{flame_svg, Palette, DEFAULT_SVG_WIDTH};
use crate::report::folded_text;
use crate::session::{svg_options, FlameFrames, FlameRequest};

/// Flags of the `svg` report.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageOptions {
    /// `-width=PX`: the image's width in CSS pixels (default 1200).
    pub width: f64,
    /// `-zoom=a;b;c`: the call path (frame names at the graph's granularity, root first,
    /// separated by `;`) whose frame fills the width; empty for the whole graph.
    pub zoom: Vec<String>,
    /// `-orientation=icicle|flame`: root on top (default) or at the bottom.
    pub orientation: Orientation,
    /// `-colorblind`: the colour-blind palette (orange grew, blue shrank for comparisons).
    pub palette: Palette,
    /// `-graph`: the call graph (as `go tool pprof -svg` draws it, laid out without
    /// Graphviz) instead of the flame graph.
    pub graph: bool,
}

impl Default for ImageOptions {
    fn default() -> Self {
        Self {
            width: DEFAULT_SVG_WIDTH,
            zoom: Vec::new(),
            orientation: Orientation::Icicle,
            palette: Palette::Warm,
            graph: false,
        }
    }
}

/// `help` text of the export reports, for `pprofview -h`.
pub const EXPORTS_HELP: &str =
    "  svg     the flame graph as an SVG image, as the page draws it (granularity
          -filefunctions unless given; -base/-diff_base colour by change; legend
          on top; -width=PX (default 1200), -zoom='a;b;c' zooms onto that call
          path (names root first, as the link's p=), -orientation=flame puts the
          root at the bottom, -colorblind picks the colour-blind palette)
  folded  collapsed stacks (Brendan Gregg's format): one line per distinct call
          path, frames root first joined by ';', a space, the value of the
          samples ending exactly there (-sample_index's type; signed for
          -base/-diff_base); granularity -functions unless given; inlined calls
          and -tagroot/-tagleaf labels are frames of their own, other labels are
          left out; lines with value 0 are left out; ';' in a name becomes ':'
          and line breaks spaces; equal lines are summed; sorted by text
  proto   the profile after the query as gzipped profile.proto (pprof's -proto):
          merged sources, -base/-diff_base applied, samples dropped by
          -focus/-ignore/-tagfocus/-tagignore/-show_from, stacks changed by
          -hide/-show/-show_from/-prune_from, label keys dropped by
          -tagshow/-taghide, -tagroot/-tagleaf labels as frames; every sample
          type kept; -sample_index, -mean, -noinlines, granularity and trimming
          change nothing in it. Written to stdout, or to -output=FILE
";

/// The flame graph image of `prepared` (see [`ImageOptions`]), and the notes to print
/// besides the query's own (a zoom path that is not in the graph).
pub fn svg(prepared: &Prepared, image: &ImageOptions) -> (String, Vec<String>) {
    let request = FlameRequest {
        query: prepared.query().clone(),
        under: image.zoom.clone(),
    };
    let graph = FlameFrames::default().build(prepared, &request);
    let mut options = svg_options(&graph);
    options.width = image.width;
    options.zoom = image.zoom.clone();
    options.orientation = image.orientation;
    options.palette = image.palette;
    let notes = graph.warnings[prepared.warnings().len().min(graph.warnings.len())..].to_vec();
    (flame_svg(&graph.tree, &options), notes)
}

/// The folded stacks of `prepared` at its granularity (default `functions`).
pub fn folded(prepared: &Prepared) -> String {
    let granularity = prepared.query().granularity_or(Granularity::Functions);
    folded_text(&CallTree::build(prepared, granularity))
}

/// The filtered profile of `prepared` as `.pb.gz` bytes.
pub fn proto(prepared: &Prepared) -> Vec<u8> {
    write_filtered(prepared)
}
