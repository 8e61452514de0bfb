//! Drawing: flame graph viewports through a [`Painter`], with colours (by package, or by
//! change for a comparison) and fitted labels.
//!
//! Consumes a call tree, its [`layout`](crate::layout) and a viewport; produces painter
//! calls in CSS pixels. The browser's canvas backend lives in `src/web/canvas.rs`;
//! [`RecordingPainter`] records the same calls as text for golden tests, and
//! [`SvgPainter`] keeps them for an SVG image ([`flame_svg`]). Nothing here
//! touches a browser API.

mod colour;
mod diff;
mod flame;
mod flame_image;
mod flame_svg;
mod graph;
mod graph_svg;
mod labels;
mod names;
mod painter;
mod svg;
mod svg_xml;

pub use colour::{dimmed, frame_colour, inlined, text_colour, Palette, Rgb};
pub use diff::{
    before_after, diff_colour, diff_gradient_css, diff_ratio, relative_change, DiffColours,
    UNCHANGED,
};
pub use flame::{draw_flame, subtree_matches, FlameStyle, FrameColours, Marks, Scene};
pub use flame_image::{draw_flame_image, flame_image_size};
pub use flame_svg::{
    flame_svg, flame_svg_measured, flame_viewport, SvgOptions, DEFAULT_SVG_WIDTH, SVG_ROW_PX,
};
pub use graph::{draw_graph, graph_hit, GraphCamera, GraphMarks, GRAPH_BACKGROUND};
pub use graph_svg::graph_svg;
pub use labels::Labels;
pub use names::{
    display_names, file_dir, package_name, shorten_function_name, shorten_function_name_go119,
};
pub use painter::{Painter, RecordingPainter, BASE_FONT_PX};
pub use svg::{Shape, SvgPainter, TextMetrics};
pub use svg_xml::{escape, SVG_FONT_FAMILY, SVG_FONT_PX};
