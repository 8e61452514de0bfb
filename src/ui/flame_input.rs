//! Pointer, wheel and keyboard handling for [`FlameCanvas`](super::FlameCanvas).
//!
//! Consumes DOM events; produces viewport moves on the shared surface (redrawn in the
//! next animation frame), hover details for the tooltip, and zoom / menu callbacks.
//! A press that moves less than [`CLICK_SLOP`] pixels is a click; more is a drag (pan).

use super::flame_canvas::{redraw, FlameCanvasProps, SharedSurface, ROW_PX};
use super::flame_tooltip::Hover;
use crate::layout::{Item, ItemKind, Orientation};
use crate::query::CallTree;
use web_sys::{Element, HtmlElement, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

/// Pointer travel (CSS px) below which a press counts as a click.
pub const CLICK_SLOP: f64 = 3.0;

/// What the handlers work on.
pub(super) struct Inputs {
    pub surface: SharedSurface,
    pub host: NodeRef,
    pub hover: UseStateSetter<Option<Hover>>,
    pub props: FlameCanvasProps,
}

/// The canvas's event handlers.
pub(super) struct Handlers {
    pub down: Callback<PointerEvent>,
    pub moved: Callback<PointerEvent>,
    pub up: Callback<PointerEvent>,
    pub leave: Callback<PointerEvent>,
    pub key: Callback<KeyboardEvent>,
    pub menu: Callback<MouseEvent>,
}

/// The names of `node`'s call path.
pub(super) fn path_names(tree: &CallTree, node: u32) -> Vec<String> {
    tree.path(node)
        .into_iter()
        .map(|n| tree.name(n).to_string())
        .collect()
}

fn offset(e: &MouseEvent) -> (f64, f64) {
    (f64::from(e.offset_x()), f64::from(e.offset_y()))
}

/// Hover details of `item`.
fn hover_of(tree: &CallTree, item: &Item, x: f64, y: f64) -> Hover {
    match item.kind {
        ItemKind::Node(n) => {
            let i = n as usize;
            let frame = tree.frame_of(n);
            let parent = tree
                .parent
                .get(i)
                .copied()
                .filter(|&p| p != crate::query::NONE);
            Hover {
                node: Some(n),
                name: frame.map(|f| f.name.clone()),
                file: frame.map(|f| f.file.clone()).unwrap_or_default(),
                line: frame.map_or(0, |f| f.line),
                inlined: frame.is_some_and(|f| f.inlined),
                total: tree.total[i],
                self_value: tree.self_value[i],
                parent_total: parent.map(|p| tree.total[p as usize]),
                merged: 0,
                x,
                y,
            }
        }
        ItemKind::Merged { first, last } => {
            let total = (first..=last).fold(0i64, |a, n| a.wrapping_add(tree.total[n as usize]));
            let parent = tree.parent[first as usize];
            Hover {
                node: None,
                name: None,
                file: String::new(),
                line: 0,
                inlined: false,
                total,
                self_value: 0,
                parent_total: Some(tree.total[parent as usize]),
                merged: last - first + 1,
                x,
                y,
            }
        }
    }
}

/// The zoom for a click on `item`: a node becomes the width (and the link's `p`), a
/// merged block is zoomed into locally so its members become visible.
fn click(inputs: &Inputs, item: Item) {
    let mut st = inputs.surface.borrow_mut();
    match item.kind {
        ItemKind::Node(n) => {
            let path = path_names(st.tree(), n);
            st.zoom_to(n);
            drop(st);
            if path != inputs.props.path {
                inputs.props.on_zoom.emit(path);
            }
        }
        ItemKind::Merged { first, last } => {
            let (x0, x1) = (st.layout().x0[first as usize], st.layout().x1(last));
            st.viewport_mut().show_range(x0, x1);
        }
    }
}

/// Builds the handlers.
pub(super) fn handlers(inputs: Inputs) -> Handlers {
    let inputs = std::rc::Rc::new(inputs);
    let down = {
        let i = inputs.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let (x, y) = offset(&e);
            *i.surface.borrow_mut().drag_mut() = Some((x, y, false));
            if let Some(target) = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<Element>(t).ok())
            {
                let _ = target.set_pointer_capture(e.pointer_id());
                if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<HtmlElement>(&target) {
                    let _ = el.focus();
                }
            }
        })
    };
    let moved = {
        let i = inputs.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = offset(&e);
            let mut st = i.surface.borrow_mut();
            if let Some((x0, y0, was)) = *st.drag_mut() {
                let far = was || (x - x0).hypot(y - y0) > CLICK_SLOP;
                if far {
                    let rows = st.tree().depth_count();
                    let dy = match st.viewport_mut().orientation {
                        Orientation::Icicle => y0 - y,
                        Orientation::Flame => y - y0,
                    };
                    st.viewport_mut().pan(x - x0, dy, rows);
                    *st.drag_mut() = Some((x, y, true));
                    st.set_hover(None);
                    drop(st);
                    i.hover.set(None);
                    redraw(&i.surface, &i.host);
                }
                return;
            }
            let item = st.hit(x, y);
            let changed = st.set_hover(item);
            let details = item.map(|it| hover_of(st.tree(), &it, x, y));
            drop(st);
            i.hover.set(details);
            if changed {
                redraw(&i.surface, &i.host);
            }
        })
    };
    let up = {
        let i = inputs.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = offset(&e);
            let drag = i.surface.borrow_mut().drag_mut().take();
            if let Some((_, _, false)) = drag {
                let item = i.surface.borrow().hit(x, y);
                if let Some(item) = item {
                    click(&i, item);
                    redraw(&i.surface, &i.host);
                }
            }
        })
    };
    let leave = {
        let i = inputs.clone();
        Callback::from(move |_: PointerEvent| {
            if i.surface.borrow_mut().set_hover(None) {
                redraw(&i.surface, &i.host);
            }
            i.hover.set(None);
        })
    };
    let key = {
        let i = inputs.clone();
        Callback::from(move |e: KeyboardEvent| {
            if super::flame_keys::on_key(&i, &e) {
                e.prevent_default();
                redraw(&i.surface, &i.host);
            }
        })
    };
    let menu = {
        let i = inputs.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(on_menu) = i.props.on_menu.clone() else {
                return;
            };
            let (x, y) = offset(&e);
            let st = i.surface.borrow();
            if let Some(Item {
                kind: ItemKind::Node(n),
                ..
            }) = st.hit(x, y)
            {
                e.prevent_default();
                let path = path_names(st.tree(), n);
                let target = st
                    .tree()
                    .frame_of(n)
                    .map(|f| f.refine_target().to_string())
                    .unwrap_or_default();
                drop(st);
                on_menu.emit(super::MenuAt {
                    path,
                    target,
                    x: e.client_x(),
                    y: e.client_y(),
                });
            }
        })
    };
    Handlers {
        down,
        moved,
        up,
        leave,
        key,
        menu,
    }
}

/// Zooms or pans for a wheel event; returns whether the view changed.
pub(super) fn on_wheel(surface: &SharedSurface, e: &WheelEvent) -> bool {
    let scale = match e.delta_mode() {
        1 => ROW_PX,
        2 => 400.0,
        _ => 1.0,
    };
    let (dx, dy) = (e.delta_x() * scale, e.delta_y() * scale);
    let mut st = surface.borrow_mut();
    let rows = st.tree().depth_count();
    let (x, _) = offset(e);
    let vp = st.viewport_mut();
    if e.shift_key() {
        // Shift + wheel scrolls the rows (deep stacks).
        let dy = if dy != 0.0 { dy } else { dx };
        let dy = match vp.orientation {
            Orientation::Icicle => dy,
            Orientation::Flame => -dy,
        };
        vp.pan(0.0, dy, rows);
    } else if dx.abs() > dy.abs() {
        vp.pan(-dx, 0.0, rows);
    } else if dy != 0.0 {
        vp.zoom_at(x, (-dy * 0.002).exp());
    } else {
        return false;
    }
    true
}
