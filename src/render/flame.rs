//! Drawing a flame graph viewport through a [`Painter`].
//!
//! Consumes a call tree, its layout, a viewport and what to mark (hover, selection, search
//! matches); produces painter calls. Only the items [`visible_items`] returns are drawn,
//! clipped to the viewport. It never decides what is hovered or matched: the caller says.

use super::colour::{dimmed, frame_colour, inlined, text_colour, Palette, Rgb};
use super::diff::DiffColours;
use super::labels::Labels;
use super::names::{file_dir, package_name};
use super::painter::Painter;
use crate::layout::{visible_items, FlameLayout, Item, ItemKind, Viewport};
use crate::query::{CallTree, NONE};

/// Colours and metrics of the drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FlameStyle {
    /// Behind the boxes.
    pub background: Rgb,
    /// Label text.
    pub text: Rgb,
    /// The root box and merged blocks.
    pub neutral: Rgb,
    /// Outline of every box of the hovered function.
    pub outline: Rgb,
    /// Outline of the keyboard selection.
    pub selection: Rgb,
    /// A merged block that hides a search match.
    pub hidden_match: Rgb,
    /// Labels are drawn only in boxes at least this wide.
    pub min_label_px: f64,
    /// Distance from a row's top to the text baseline.
    pub baseline: f64,
}

impl Default for FlameStyle {
    fn default() -> Self {
        Self {
            background: Rgb::new(0xff, 0xff, 0xff),
            text: text_colour(),
            neutral: Rgb::new(0xd0, 0xd0, 0xd0),
            outline: Rgb::new(0x20, 0x20, 0x20),
            selection: Rgb::new(0x1f, 0x6f, 0xeb),
            hidden_match: Rgb::new(0xf0, 0xa0, 0x50),
            min_label_px: 16.0,
            baseline: 13.0,
        }
    }
}

/// The fill of stand-ins for frames too light to load.
const STAND_IN: Rgb = Rgb::new(0xc8, 0xc8, 0xc8);

/// Per-frame box colours for one palette (computed once per tree).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrameColours {
    fill: Vec<Rgb>,
}

impl FrameColours {
    /// Colours every frame of `tree`: hue from its package, lighter when inlined.
    pub fn new(tree: &CallTree, palette: Palette) -> Self {
        let fill = tree
            .frames
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if tree.elided_frame == Some(i as u32) {
                    return STAND_IN;
                }
                // Frames of file-only granularities are coloured by directory, as in pprof.
                let key = if f.name == f.file && !f.file.is_empty() {
                    frame_colour(&file_dir(&f.file), palette)
                } else {
                    frame_colour(package_name(&f.name), palette)
                };
                if f.inlined {
                    inlined(key)
                } else {
                    key
                }
            })
            .collect();
        Self { fill }
    }

    /// The fill of frame `f`.
    pub fn get(&self, f: u32) -> Rgb {
        self.fill
            .get(f as usize)
            .copied()
            .unwrap_or(Rgb::new(0xd0, 0xd0, 0xd0))
    }
}

/// What to mark while drawing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Marks<'a> {
    /// The item under the pointer.
    pub hover: Option<ItemKind>,
    /// Frame whose every box gets an outline (the hovered function).
    pub hover_frame: Option<u32>,
    /// Node selected with the keyboard.
    pub selected: Option<u32>,
    /// Per frame: whether it matches the search; `None` when there is no search.
    pub matches: Option<&'a [bool]>,
    /// Per node: whether it or a node below it matches (see [`subtree_matches`]), so a
    /// merged block hiding a match is highlighted instead of dimmed.
    pub contains_match: Option<&'a [bool]>,
}

/// Per node of `tree`: whether its frame or any descendant's frame matches.
pub fn subtree_matches(tree: &CallTree, matches: &[bool]) -> Vec<bool> {
    let n = tree.len();
    let mut out: Vec<bool> = (0..n)
        .map(|i| {
            let f = tree.frame[i];
            f != NONE && matches.get(f as usize).copied().unwrap_or(false)
        })
        .collect();
    // Children come after their parents: one backward pass carries the bits up.
    for i in (1..n).rev() {
        if out[i] {
            let p = tree.parent[i] as usize;
            if p < n {
                out[p] = true;
            }
        }
    }
    out
}

/// Everything a draw needs besides the painter and the label cache.
#[derive(Clone, Copy, Debug)]
pub struct Scene<'a> {
    /// The tree.
    pub tree: &'a CallTree,
    /// Its layout.
    pub layout: &'a FlameLayout,
    /// The window onto it.
    pub viewport: &'a Viewport,
    /// Colours per frame.
    pub colours: &'a FrameColours,
    /// For a comparison's tree: colours per node by change, used instead of `colours`
    /// (and of the neutral fill of the root and merged blocks).
    pub diff: Option<&'a DiffColours>,
    /// Fixed colours and metrics.
    pub style: &'a FlameStyle,
}

/// Draws the viewport and returns how many items it drew.
pub fn draw_flame(
    p: &mut dyn Painter,
    labels: &mut Labels,
    scene: &Scene<'_>,
    marks: &Marks<'_>,
) -> usize {
    let (vp, style) = (scene.viewport, scene.style);
    p.clear(vp.width, vp.height, style.background);
    let items = visible_items(scene.tree, scene.layout, vp);
    // Boxes never overlap, so they can be filled grouped by colour, then every top edge,
    // then every label: a handful of fill-style changes per frame instead of three per box.
    let mut boxes: Vec<(Rgb, f64, f64, f64)> = Vec::with_capacity(items.len());
    let mut edges: Vec<(f64, f64, f64)> = Vec::new();
    let mut texts: Vec<(String, f64, f64)> = Vec::new();
    for item in &items {
        plan_item(
            p, labels, scene, marks, item, &mut boxes, &mut edges, &mut texts,
        );
    }
    boxes.sort_by_key(|b| (b.0.r, b.0.g, b.0.b));
    let h = vp.row_height - 1.0;
    for &(colour, x, y, w) in &boxes {
        p.fill_rect(x, y, w, h, colour);
    }
    let edge = dimmed(style.outline);
    for &(x, y, w) in &edges {
        p.fill_rect(x, y, w, 1.0, edge);
    }
    for (text, x, y) in &texts {
        p.fill_text(text, *x, *y, style.text);
    }
    // Outlines last, so neighbours never paint over them.
    for item in &items {
        let ItemKind::Node(n) = item.kind else {
            if marks.hover == Some(item.kind) {
                outline(p, vp, item, style.outline, 2.0);
            }
            continue;
        };
        let frame = scene.tree.frame[n as usize];
        if marks.selected == Some(n) {
            outline(p, vp, item, style.selection, 2.0);
        } else if marks.hover == Some(item.kind) {
            outline(p, vp, item, style.outline, 2.0);
        } else if frame != NONE && marks.hover_frame == Some(frame) {
            outline(p, vp, item, style.outline, 1.0);
        }
    }
    items.len()
}

/// The part of `item` inside the viewport, one pixel narrower and shorter so
/// neighbouring boxes stay apart: `(x, w)`.
pub(super) fn clip(vp: &Viewport, item: &Item) -> Option<(f64, f64)> {
    let x = item.x.max(0.0);
    let right = (item.x + item.w).min(vp.width);
    let w = right - x - if item.w >= 2.0 { 1.0 } else { 0.0 };
    (w > 0.0).then_some((x, w))
}

/// What `item` needs drawn: its box, its top edge (real calls), its label.
#[allow(clippy::too_many_arguments)]
fn plan_item(
    p: &mut dyn Painter,
    labels: &mut Labels,
    scene: &Scene<'_>,
    marks: &Marks<'_>,
    item: &Item,
    boxes: &mut Vec<(Rgb, f64, f64, f64)>,
    edges: &mut Vec<(f64, f64, f64)>,
    texts: &mut Vec<(String, f64, f64)>,
) {
    let (vp, style) = (scene.viewport, scene.style);
    let Some((x, w)) = clip(vp, item) else { return };
    let baseline = item.y + style.baseline;
    match item.kind {
        ItemKind::Merged { first, last } => {
            let neutral = match scene.diff {
                Some(d) => d.merged(scene.tree, first, last),
                None => style.neutral,
            };
            let fill = match (marks.matches, marks.contains_match) {
                (None, _) => neutral,
                (Some(_), Some(c))
                    if (first..=last).any(|n| c.get(n as usize).copied().unwrap_or(false)) =>
                {
                    style.hidden_match
                }
                (Some(_), _) => dimmed(neutral),
            };
            boxes.push((fill, x, item.y, w));
            if w >= style.min_label_px * 2.0 {
                let text = format!("{} small", last - first + 1);
                if p.text_width(&text) <= w - 6.0 {
                    texts.push((text, x + 3.0, baseline));
                }
            }
        }
        ItemKind::Node(n) => {
            let tree = scene.tree;
            let f = tree.frame[n as usize];
            let matched = match (marks.matches, f) {
                (None, _) => true,
                (Some(_), NONE) => false,
                (Some(m), f) => m.get(f as usize).copied().unwrap_or(false),
            };
            let base = match (scene.diff, f) {
                (Some(d), _) => d.get(n),
                (None, NONE) => style.neutral,
                (None, f) => scene.colours.get(f),
            };
            boxes.push((if matched { base } else { dimmed(base) }, x, item.y, w));
            let inlined_frame = tree.frame_of(n).is_some_and(|fr| fr.inlined);
            if !inlined_frame && w >= 2.0 {
                // Calls that are real (not inlined) get a darker top edge, as in pprof.
                edges.push((x, item.y, w));
            }
            if w >= style.min_label_px {
                let text = match tree.frame_of(n) {
                    Some(frame) => labels.fit(p, f, frame, w - 6.0),
                    None => Some("root".to_string()).filter(|t| p.text_width(t) <= w - 6.0),
                };
                if let Some(text) = text {
                    texts.push((text, x + 3.0, baseline));
                }
            }
        }
    }
}

fn outline(p: &mut dyn Painter, vp: &Viewport, item: &Item, colour: Rgb, line: f64) {
    if let Some((x, w)) = clip(vp, item) {
        p.stroke_rect(x, item.y, w, vp.row_height - 1.0, colour, line);
    }
}
