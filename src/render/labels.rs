//! Fitting frame names into boxes: pprof's progressively shorter names, then an ellipsis.
//!
//! Consumes frames and box widths; produces the text to draw. Names and their measured
//! widths are cached per frame, so a redraw measures only frames it has never shown.

use super::names::display_names;
use super::painter::Painter;
use crate::query::Frame;

/// The ellipsis appended to a cut name.
const ELLIPSIS: &str = "…";

/// Cached display names of every frame and their widths in the painter's font.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    per_frame: Vec<Option<Vec<(String, f64)>>>,
    ellipsis: Option<f64>,
}

impl Labels {
    /// An empty cache (make a new one when the font changes).
    pub fn new() -> Self {
        Self::default()
    }

    /// The text to draw for `frame` in `avail` pixels: the longest display name that fits,
    /// else the shortest one cut to fit with an ellipsis, else nothing.
    pub fn fit(
        &mut self,
        painter: &mut dyn Painter,
        frame_index: u32,
        frame: &Frame,
        avail: f64,
    ) -> Option<String> {
        let i = frame_index as usize;
        if self.per_frame.len() <= i {
            self.per_frame.resize(i + 1, None);
        }
        let names = self.per_frame[i].get_or_insert_with(|| {
            display_names(
                &frame.name,
                !frame.file.is_empty() && frame.name == frame.file,
            )
            .into_iter()
            .map(|n| {
                let w = painter.text_width(&n);
                (n, w)
            })
            .collect()
        });
        if let Some((n, _)) = names.iter().find(|(_, w)| *w <= avail) {
            return Some(n.clone());
        }
        let (short, width) = names.last()?;
        let ell = *self
            .ellipsis
            .get_or_insert_with(|| painter.text_width(ELLIPSIS));
        let chars = short.chars().count();
        if chars == 0 || *width <= 0.0 {
            return None;
        }
        // Cut by the name's mean character width: no further measuring per redraw.
        let per_char = width / chars as f64;
        let keep = ((avail - ell) / per_char).floor();
        if keep < 1.0 {
            return None;
        }
        let cut: String = short.chars().take(keep as usize).collect();
        Some(cut + ELLIPSIS)
    }
}
