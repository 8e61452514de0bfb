//! One flame graph canvas: draws a call tree and turns pointer, wheel and keys into zooms.
//!
//! Consumes a call tree (already laid out by the core), the zoom path and search matches;
//! produces a `<canvas>` redrawn in at most one animation frame at a time (a comparison's
//! tree coloured by change), a tooltip, and callbacks (zoom to a call path, context menu on
//! a node). Hover, drag and the free (wheel) zoom are local state; only zooms to a frame go
//! to the link.

use super::flame_tooltip::{FlameTooltip, Hover};
use crate::layout::{hit_test, FlameLayout, Item, ItemKind, Orientation, Viewport};
use crate::query::CallTree;
use crate::render::{
    before_after, draw_flame, subtree_matches, DiffColours, FlameStyle, FrameColours, Labels,
    Marks, Palette, Scene,
};
use crate::report::ValueFormat;
use crate::web::canvas::CanvasPainter;
use gloo::render::AnimationFrame;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

/// Height of a row in CSS pixels.
pub const ROW_PX: f64 = 18.0;

/// What to draw and how.
#[derive(Properties, Clone, PartialEq)]
pub struct FlameCanvasProps {
    /// The tree (reindexed, in the order to draw).
    pub tree: Rc<CallTree>,
    /// How values are formatted, and the total percentages are of.
    pub format: Rc<ValueFormat>,
    /// The report total.
    pub total: i64,
    /// Names of the zoomed frame's call path (empty: everything).
    pub path: Vec<String>,
    /// Per frame: whether the search matches it.
    #[prop_or_default]
    pub matches: Option<Rc<Vec<bool>>>,
    /// Root at the top (icicle) or bottom.
    #[prop_or_default]
    pub orientation: Orientation,
    /// Colours.
    #[prop_or_default]
    pub palette: Palette,
    /// The tree is a comparison's (`total` = after − before, `weight` = after + before):
    /// boxes are coloured by change and the tooltip shows before and after.
    #[prop_or_default]
    pub diff: bool,
    /// What the root stands for ("all samples", or the pivot function's name).
    pub root_label: AttrValue,
    /// The user zoomed to the frame with this call path (empty: zoomed out).
    pub on_zoom: Callback<Vec<String>>,
    /// The user asked for a frame's menu (its call path, what a filter on it names, and the
    /// pointer's page position).
    #[prop_or_default]
    pub on_menu: Option<Callback<super::MenuAt>>,
    /// The canvas was painted (after each prop change).
    #[prop_or_default]
    pub on_painted: Callback<()>,
    /// The `data-testid` of the canvas.
    #[prop_or(AttrValue::Static("flame-canvas"))]
    pub testid: AttrValue,
}

/// Everything the animation frame needs; lives as long as the component.
pub(super) struct Surface {
    tree: Rc<CallTree>,
    layout: FlameLayout,
    colours: FrameColours,
    /// Per-node change colours of a comparison's tree.
    diff: Option<DiffColours>,
    labels: Labels,
    painter: Option<CanvasPainter>,
    viewport: Viewport,
    matches: Option<Rc<Vec<bool>>>,
    contains_match: Option<Vec<bool>>,
    hover: Option<Item>,
    selected: Option<u32>,
    frame: Option<AnimationFrame>,
    /// Pointer-down position and whether it moved enough to be a drag.
    drag: Option<(f64, f64, bool)>,
    on_painted: Option<Callback<()>>,
}

impl Surface {
    fn new() -> Self {
        Self {
            tree: Rc::new(CallTree::default()),
            layout: FlameLayout::default(),
            colours: FrameColours::default(),
            diff: None,
            labels: Labels::new(),
            painter: None,
            viewport: Viewport::new(800.0, 400.0, ROW_PX),
            matches: None,
            contains_match: None,
            hover: None,
            selected: None,
            frame: None,
            drag: None,
            on_painted: None,
        }
    }

    fn draw_now(&mut self, host: &HtmlElement) {
        let (w, h) = (host.client_width() as f64, host.client_height() as f64);
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let depths = self.tree.depth_count();
        self.viewport.resize(w, h, depths);
        let Some(painter) = self.painter.as_mut() else {
            return;
        };
        let perf = web_sys::window().and_then(|w| w.performance());
        let started = perf.as_ref().map(|p| p.now());
        painter.begin(w, h);
        let mut style = FlameStyle::default();
        if dark_theme() {
            // Boxes stay light (their text is dark); only the space around them follows the page.
            style.background = crate::render::Rgb::new(0x0d, 0x11, 0x17);
        }
        let scene = Scene {
            tree: &self.tree,
            layout: &self.layout,
            viewport: &self.viewport,
            colours: &self.colours,
            diff: self.diff.as_ref(),
            style: &style,
        };
        let hover_frame = match self.hover.map(|h| h.kind) {
            Some(ItemKind::Node(n)) => self.tree.frame.get(n as usize).copied(),
            _ => None,
        };
        let marks = Marks {
            hover: self.hover.map(|h| h.kind),
            hover_frame,
            selected: self.selected,
            matches: self.matches.as_deref().map(|m| m.as_slice()),
            contains_match: self.contains_match.as_deref(),
        };
        let drawn = draw_flame(painter, &mut self.labels, &scene, &marks);
        // How long this redraw took and how much it drew, for benchmarks and the curious.
        if let (Some(p), Some(t0), Some(canvas)) = (perf, started, host.first_element_child()) {
            let _ = canvas.set_attribute("data-draw-ms", &format!("{:.3}", p.now() - t0));
            let _ = canvas.set_attribute("data-drawn", &drawn.to_string());
        }
        if let Some(cb) = self.on_painted.take() {
            cb.emit(());
        }
    }

    /// The unit range and scroll that show node `n` across the width, a few rows of its
    /// ancestors still visible.
    pub(super) fn zoom_to(&mut self, n: u32) {
        let i = n as usize;
        if i >= self.tree.len() {
            return;
        }
        let (x0, w) = (self.layout.x0[i], self.layout.width[i]);
        if n == 0 || w <= 0.0 {
            self.viewport.show_range(0.0, 1.0);
        } else {
            self.viewport.show_range(x0, x0 + w);
        }
        let depth = self.tree.depth(n) as f64;
        let rows = self.tree.depth_count();
        self.viewport
            .scroll_to((depth - 3.0).max(0.0) * ROW_PX, rows);
    }
}

/// Whether the page is in its dark theme (the CSS follows `prefers-color-scheme`).
fn dark_theme() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

use super::canvas_host::schedule;

impl super::canvas_host::Surface for Surface {
    fn frame_slot(&mut self) -> &mut Option<AnimationFrame> {
        &mut self.frame
    }

    fn draw(&mut self, host: &HtmlElement) {
        self.draw_now(host);
    }
}

/// A flame graph on a canvas.
#[component]
pub fn FlameCanvas(props: &FlameCanvasProps) -> Html {
    let surface = use_mut_ref(Surface::new);
    let host = use_node_ref();
    let canvas = use_node_ref();
    let hover = use_state(|| None::<Hover>);

    // A new tree or palette: lay out, colour, and draw.
    {
        let (surface, host, canvas) = (surface.clone(), host.clone(), canvas.clone());
        use_effect_with(
            (
                props.tree.clone(),
                props.palette,
                props.orientation,
                props.diff,
            ),
            move |(tree, palette, orientation, diff)| {
                let mut st = surface.borrow_mut();
                if st.painter.is_none() {
                    st.painter = canvas
                        .cast::<HtmlCanvasElement>()
                        .and_then(CanvasPainter::new);
                }
                if !Rc::ptr_eq(&st.tree, tree) || st.colours == FrameColours::default() {
                    st.layout = FlameLayout::new(tree);
                    st.labels = Labels::new();
                    st.tree = tree.clone();
                    st.hover = None;
                    st.selected = None;
                    st.contains_match = st.matches.as_ref().map(|m| subtree_matches(tree, m));
                }
                st.colours = FrameColours::new(tree, *palette);
                st.diff = diff.then(|| DiffColours::new(tree, *palette));
                st.viewport.orientation = *orientation;
                drop(st);
                schedule(&surface, &host);
            },
        );
    }
    // The zoom path (a click, Back/Forward, or the link) picks the frame filling the width.
    {
        let (surface, host) = (surface.clone(), host.clone());
        use_effect_with(
            (props.tree.clone(), props.path.clone()),
            move |(tree, path)| {
                let (node, _) = tree.find_path(path);
                surface.borrow_mut().zoom_to(node);
                schedule(&surface, &host);
            },
        );
    }
    {
        let (surface, host) = (surface.clone(), host.clone());
        let on_painted = props.on_painted.clone();
        use_effect_with(props.matches.clone(), move |matches| {
            let mut st = surface.borrow_mut();
            st.matches = matches.clone();
            st.contains_match = matches.as_ref().map(|m| subtree_matches(&st.tree, m));
            st.on_painted = Some(on_painted);
            drop(st);
            schedule(&surface, &host);
        });
    }
    // Redraw on resize; wheel zoom (a listener that may prevent the page's own zoom and
    // scroll); drop the pending frame on unmount.
    {
        let (surface, host, canvas) = (surface.clone(), host.clone(), canvas.clone());
        use_effect_with((), move |_| {
            let (s, h) = (surface.clone(), host.clone());
            let redraw = move || schedule(&s, &h);
            let (s, h) = (surface.clone(), host.clone());
            let listeners = super::canvas_host::listen(&host, &canvas, redraw, move |e| {
                if super::flame_input::on_wheel(&s, e) {
                    schedule(&s, &h);
                }
            });
            move || {
                drop(listeners);
                surface.borrow_mut().frame = None;
            }
        });
    }

    let handlers = super::flame_input::handlers(super::flame_input::Inputs {
        surface: surface.clone(),
        host: host.clone(),
        hover: hover.setter(),
        props: props.clone(),
    });
    // Keyed children: the canvas element must survive the tooltip coming and going (a new
    // element would lose its drawing and its context).
    let tooltip = match (*hover).clone() {
        Some(h) => {
            let before_after = || surface.try_borrow().ok()?.before_after(h.node);
            let diff = props.diff.then(before_after).flatten();
            html! {
                <FlameTooltip key="tooltip" hover={h} format={props.format.clone()} total={props.total}
                    root_label={props.root_label.clone()} diff={diff} />
            }
        }
        None => html! { <span key="tooltip" class="visually-hidden" /> },
    };
    html! {
        <div class="flame-host" ref={host}>
            <canvas
                key="canvas"
                ref={canvas}
                class="flame-canvas"
                data-testid={props.testid.clone()}
                tabindex="0"
                role="img"
                aria-label="Flame graph: click a frame to zoom, Esc to zoom out, arrows to move"
                onpointerdown={handlers.down}
                onpointermove={handlers.moved}
                onpointerup={handlers.up}
                onpointerleave={handlers.leave}
                onkeydown={handlers.key}
                oncontextmenu={handlers.menu}
            />
            { tooltip }
        </div>
    }
}

/// The surface as the input handlers share it.
pub(super) type SharedSurface = Rc<RefCell<Surface>>;

impl Surface {
    /// The tree drawn.
    pub(super) fn tree(&self) -> &Rc<CallTree> {
        &self.tree
    }
    /// The item under a pixel.
    pub(super) fn hit(&self, x: f64, y: f64) -> Option<Item> {
        hit_test(&self.tree, &self.layout, &self.viewport, x, y)
    }
    /// The viewport, to move.
    pub(super) fn viewport_mut(&mut self) -> &mut Viewport {
        &mut self.viewport
    }
    /// Hover state.
    pub(super) fn set_hover(&mut self, item: Option<Item>) -> bool {
        let changed = self.hover.map(|h| h.kind) != item.map(|h| h.kind);
        self.hover = item;
        changed
    }
    /// Drag state.
    pub(super) fn drag_mut(&mut self) -> &mut Option<(f64, f64, bool)> {
        &mut self.drag
    }
    /// Keyboard selection.
    pub(super) fn selected_mut(&mut self) -> &mut Option<u32> {
        &mut self.selected
    }
    /// The layout.
    pub(super) fn layout(&self) -> &FlameLayout {
        &self.layout
    }
    /// `(before, after)` of what the tooltip describes in a comparison's tree: `node`, or
    /// the merged block under the pointer.
    fn before_after(&self, node: Option<u32>) -> Option<(i64, i64)> {
        match (node, self.hover.map(|h| h.kind)) {
            (Some(n), _) => before_after(&self.tree, n, n),
            (None, Some(ItemKind::Merged { first, last })) => before_after(&self.tree, first, last),
            _ => None,
        }
    }
}

/// Schedules a redraw (for `flame_input`).
pub(super) fn redraw(surface: &SharedSurface, host: &NodeRef) {
    schedule(surface, host)
}
