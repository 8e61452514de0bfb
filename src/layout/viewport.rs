//! The visible window onto a flame graph, and how zoom, pan and scroll move it.
//!
//! Consumes sizes in CSS pixels and unit-x ranges; produces conversions between the two.
//! All state is plain numbers so the UI can keep it, compare it and put it in history.

/// Which way the graph grows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Orientation {
    /// Root on top, callees below (pprof's default).
    #[default]
    Icicle,
    /// Root at the bottom, callees above (Brendan Gregg's flame graph).
    Flame,
}

/// The narrowest unit-x span a viewport may show (f64 keeps ~16 significant digits).
const MIN_SPAN: f64 = 1e-12;

/// A window onto the graph: a unit-x range across `width` CSS pixels, and rows of
/// `row_height` pixels scrolled by `scroll` pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Unit x at the left edge.
    pub x0: f64,
    /// Unit x at the right edge.
    pub x1: f64,
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
    /// Height of one depth row in CSS pixels.
    pub row_height: f64,
    /// How many pixels the rows are scrolled away from the root's edge (≥ 0).
    pub scroll: f64,
    /// Which way the rows grow.
    pub orientation: Orientation,
}

impl Viewport {
    /// The whole graph across `width` × `height` pixels, unscrolled.
    pub fn new(width: f64, height: f64, row_height: f64) -> Self {
        Self {
            x0: 0.0,
            x1: 1.0,
            width: width.max(1.0),
            height: height.max(1.0),
            row_height: row_height.max(1.0),
            scroll: 0.0,
            orientation: Orientation::Icicle,
        }
    }

    /// Unit x per CSS pixel.
    pub fn unit_per_px(&self) -> f64 {
        (self.x1 - self.x0) / self.width
    }

    /// The pixel column of unit x.
    pub fn to_px(&self, x: f64) -> f64 {
        (x - self.x0) / self.unit_per_px()
    }

    /// The unit x of a pixel column.
    pub fn to_unit(&self, px: f64) -> f64 {
        self.x0 + px * self.unit_per_px()
    }

    /// Top edge (CSS px) of the row at `depth`.
    pub fn row_top(&self, depth: usize) -> f64 {
        let d = depth as f64 * self.row_height;
        match self.orientation {
            Orientation::Icicle => d - self.scroll,
            Orientation::Flame => self.height - d - self.row_height + self.scroll,
        }
    }

    /// The depth shown at pixel row `py`, if any row can be there. Row `d` covers
    /// `row_top(d)..row_top(d) + row_height`, its top edge included.
    pub fn depth_at(&self, py: f64) -> Option<usize> {
        let d = match self.orientation {
            Orientation::Icicle => ((py + self.scroll) / self.row_height).floor(),
            // Rows stack upwards: the distance from the bottom edge is in
            // (d·h, (d+1)·h] for row d, so round up, not down.
            Orientation::Flame => ((self.height - py + self.scroll) / self.row_height).ceil() - 1.0,
        };
        (d >= 0.0 && d.is_finite()).then_some(d as usize)
    }

    /// The depths at least partly visible, limited to `depth_count` rows.
    pub fn visible_depths(&self, depth_count: usize) -> std::ops::Range<usize> {
        let first = (self.scroll / self.row_height).floor().max(0.0) as usize;
        let last = ((self.scroll + self.height) / self.row_height).ceil() as usize;
        first.min(depth_count)..last.min(depth_count)
    }

    /// The largest useful scroll for a graph of `depth_count` rows.
    pub fn max_scroll(&self, depth_count: usize) -> f64 {
        (depth_count as f64 * self.row_height - self.height).max(0.0)
    }

    /// Shows exactly `x0..x1` (widened to the minimum span, kept inside `0..1`).
    pub fn show_range(&mut self, x0: f64, x1: f64) {
        let (mut a, mut b) = if x0 <= x1 { (x0, x1) } else { (x1, x0) };
        if !(a.is_finite() && b.is_finite()) {
            (a, b) = (0.0, 1.0);
        }
        if b - a < MIN_SPAN {
            let mid = (a + b) / 2.0;
            (a, b) = (mid - MIN_SPAN / 2.0, mid + MIN_SPAN / 2.0);
        }
        let span = (b - a).min(1.0);
        a = a.clamp(0.0, 1.0 - span);
        self.x0 = a;
        self.x1 = a + span;
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the unit x under pixel column `px` fixed.
    pub fn zoom_at(&mut self, px: f64, factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let anchor = self.to_unit(px);
        let span = ((self.x1 - self.x0) / factor).clamp(MIN_SPAN, 1.0);
        let left = anchor - (px / self.width) * span;
        self.show_range(left, left + span);
    }

    /// Moves the view by `dx` pixels horizontally (positive moves the graph right) and
    /// `dy` vertically (positive reveals deeper rows), clamped to `depth_count` rows.
    pub fn pan(&mut self, dx: f64, dy: f64, depth_count: usize) {
        if dx.is_finite() {
            let shift = -dx * self.unit_per_px();
            let span = self.x1 - self.x0;
            self.show_range(self.x0 + shift, self.x0 + shift + span);
        }
        if dy.is_finite() {
            self.scroll_to(self.scroll + dy, depth_count);
        }
    }

    /// Sets the vertical scroll, clamped to the graph.
    pub fn scroll_to(&mut self, scroll: f64, depth_count: usize) {
        let s = if scroll.is_finite() { scroll } else { 0.0 };
        self.scroll = s.clamp(0.0, self.max_scroll(depth_count));
    }

    /// Changes the pixel size, keeping the unit range.
    pub fn resize(&mut self, width: f64, height: f64, depth_count: usize) {
        self.width = width.max(1.0);
        self.height = height.max(1.0);
        self.scroll_to(self.scroll, depth_count);
    }
}
