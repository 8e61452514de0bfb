//! The call graph's canvas: draws the engine's laid-out scene and turns pointer, wheel and
//! keys into pans, zooms, hovers, clicks and menus.
//!
//! Consumes a [`GraphScene`] (placed by the engine) and the nodes to mark; produces a
//! `<canvas>` redrawn in at most one animation frame at a time, a tooltip for the node under
//! the pointer (its edges drawn in the mark colour), and callbacks: a node clicked, a node's
//! menu asked for. The camera (pan and zoom) is local state: a new graph starts fitted.

use crate::render::{draw_graph, graph_hit, GraphCamera, GraphMarks, Palette};
use crate::report::GraphScene;
use crate::web::canvas::CanvasPainter;
use gloo::render::AnimationFrame;
use std::rc::Rc;
use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

/// Pointer travel (CSS px) after which a press is a drag, not a click.
const DRAG_PX: f64 = 4.0;

/// Properties of [`GraphCanvas`].
#[derive(Properties, Clone, PartialEq)]
pub struct GraphCanvasProps {
    /// The placed graph.
    pub scene: Rc<GraphScene>,
    /// Nodes to outline (the search's matches), by index.
    pub marked: Rc<Vec<usize>>,
    /// pprof's red/green or orange/blue.
    #[prop_or_default]
    pub palette: Palette,
    /// A node was clicked (its index).
    pub on_click: Callback<usize>,
    /// A node's menu was asked for (its index and the pointer's client position).
    pub on_menu: Callback<(usize, i32, i32)>,
    /// The canvas was painted (after each new scene).
    pub on_painted: Callback<()>,
}

/// What the animation frame needs; lives as long as the component.
struct Surface {
    scene: Rc<GraphScene>,
    painter: Option<CanvasPainter>,
    camera: Option<GraphCamera>,
    marks: GraphMarks,
    frame: Option<AnimationFrame>,
    /// Pointer-down position, the camera then, and whether it moved enough to be a drag.
    drag: Option<(f64, f64, GraphCamera, bool)>,
    on_painted: Option<Callback<()>>,
}

impl Surface {
    fn draw_now(&mut self, host: &HtmlElement) {
        let (w, h) = (
            f64::from(host.client_width()),
            f64::from(host.client_height()),
        );
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        if self.camera.is_none() {
            // A new graph: fitted, then moved to the search's first match if that is off screen.
            self.camera = Some(GraphCamera::fit(&self.scene, w, h));
            self.reveal_first_mark();
        }
        let mut camera = self
            .camera
            .unwrap_or_else(|| GraphCamera::fit(&self.scene, w, h));
        (camera.width, camera.height) = (w, h);
        self.camera = Some(camera);
        let Some(painter) = self.painter.as_mut() else {
            return;
        };
        painter.begin(w, h);
        draw_graph(painter, &self.scene, &camera, &self.marks);
        // Where the scene is, for tests and tools: screen = (scene − (x, y)) × scale.
        if let Some(canvas) = host.first_element_child() {
            let at = format!("{:.4},{:.3},{:.3}", camera.scale, camera.x, camera.y);
            let _ = canvas.set_attribute("data-camera", &at);
        }
        if let Some(cb) = self.on_painted.take() {
            cb.emit(());
        }
    }

    fn camera(&self) -> Option<GraphCamera> {
        self.camera
    }

    /// Moves the camera so the first marked node is on screen, when it is not (a search, or
    /// a node picked from the list, brings it into view).
    fn reveal_first_mark(&mut self) {
        let node = self
            .marks
            .selected
            .first()
            .and_then(|&i| self.scene.nodes.get(i));
        let (Some(n), Some(cam)) = (node, self.camera.as_mut()) else {
            return;
        };
        let [l, t, w, h] = n.rect;
        let (x0, y0) = cam.to_screen(l, t);
        let (x1, y1) = cam.to_screen(l + w, t + h);
        if x0 >= 0.0 && y0 >= 0.0 && x1 <= cam.width && y1 <= cam.height {
            return;
        }
        cam.x = l + w / 2.0 - cam.width / cam.scale / 2.0;
        cam.y = t + h / 2.0 - cam.height / cam.scale / 2.0;
    }
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

/// The pointer's position in the canvas, in CSS px.
fn local(e: &MouseEvent) -> (f64, f64) {
    (f64::from(e.offset_x()), f64::from(e.offset_y()))
}

/// What the tooltip shows: a node and where the pointer is.
#[derive(Clone, Debug, PartialEq)]
struct Hover {
    node: usize,
    x: f64,
    y: f64,
}

/// The call graph on a canvas.
#[component]
pub fn GraphCanvas(props: &GraphCanvasProps) -> Html {
    let surface = use_mut_ref(|| Surface {
        scene: Rc::new(GraphScene::default()),
        painter: None,
        camera: None,
        marks: GraphMarks::default(),
        frame: None,
        drag: None,
        on_painted: None,
    });
    let host = use_node_ref();
    let canvas = use_node_ref();
    let hover = use_state(|| None::<Hover>);

    {
        let (surface, host, canvas) = (surface.clone(), host.clone(), canvas.clone());
        let on_painted = props.on_painted.clone();
        use_effect_with(
            (props.scene.clone(), props.marked.clone(), props.palette),
            move |(scene, marked, palette)| {
                let mut st = surface.borrow_mut();
                if st.painter.is_none() {
                    st.painter = canvas
                        .cast::<HtmlCanvasElement>()
                        .and_then(CanvasPainter::new);
                }
                // A new answer with the same graph (only the search changed) keeps the camera.
                if *st.scene != **scene {
                    st.scene = scene.clone();
                    st.camera = None;
                    st.marks.hover = None;
                }
                if st.marks.selected != **marked {
                    st.marks.selected = marked.to_vec();
                    st.reveal_first_mark();
                }
                st.marks.palette = *palette;
                st.on_painted = Some(on_painted);
                drop(st);
                schedule(&surface, &host);
            },
        );
    }
    // Redraw on resize; wheel zoom (a listener that may prevent the page's scroll).
    {
        let (surface, host, canvas) = (surface.clone(), host.clone(), canvas.clone());
        use_effect_with((), move |_| {
            let (s, h) = (surface.clone(), host.clone());
            let redraw = move || schedule(&s, &h);
            let (s, h) = (surface.clone(), host.clone());
            let listeners = super::canvas_host::listen(&host, &canvas, redraw, move |e| {
                let Some(cam) = s.borrow().camera() else {
                    return;
                };
                let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
                let next = if e.ctrl_key() || e.delta_mode() != 0 || e.delta_x() == 0.0 {
                    cam.zoomed((-e.delta_y() * 0.002).exp(), x, y)
                } else {
                    cam.panned(-e.delta_x(), -e.delta_y())
                };
                s.borrow_mut().camera = Some(next);
                schedule(&s, &h);
            });
            move || {
                drop(listeners);
                surface.borrow_mut().frame = None;
            }
        });
    }

    let down = {
        let surface = surface.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let mut st = surface.borrow_mut();
            if let Some(cam) = st.camera() {
                let (x, y) = local(&e);
                st.drag = Some((x, y, cam, false));
            }
        })
    };
    let moved = {
        let (surface, host, hover) = (surface.clone(), host.clone(), hover.clone());
        Callback::from(move |e: PointerEvent| {
            let (x, y) = local(&e);
            let mut st = surface.borrow_mut();
            if let Some((x0, y0, cam, dragging)) = st.drag {
                if dragging || (x - x0).hypot(y - y0) > DRAG_PX {
                    st.drag = Some((x0, y0, cam, true));
                    st.camera = Some(cam.panned(x - x0, y - y0));
                    drop(st);
                    hover.set(None);
                    schedule(&surface, &host);
                    return;
                }
            }
            let Some(cam) = st.camera() else { return };
            let hit = graph_hit(&st.scene, &cam, x, y);
            if hit != st.marks.hover {
                st.marks.hover = hit;
                drop(st);
                schedule(&surface, &host);
            }
            hover.set(hit.map(|node| Hover { node, x, y }));
        })
    };
    let up = {
        let (surface, on_click) = (surface.clone(), props.on_click.clone());
        Callback::from(move |e: PointerEvent| {
            let mut st = surface.borrow_mut();
            let Some((_, _, _, dragged)) = st.drag.take() else {
                return;
            };
            let Some(cam) = st.camera() else { return };
            let (x, y) = local(&e);
            let hit = graph_hit(&st.scene, &cam, x, y);
            drop(st);
            if let (false, Some(n)) = (dragged, hit) {
                on_click.emit(n);
            }
        })
    };
    let leave = {
        let (surface, host, hover) = (surface.clone(), host.clone(), hover.clone());
        Callback::from(move |_: PointerEvent| {
            let mut st = surface.borrow_mut();
            st.drag = None;
            st.marks.hover = None;
            drop(st);
            hover.set(None);
            schedule(&surface, &host);
        })
    };
    let menu = {
        let (surface, on_menu) = (surface.clone(), props.on_menu.clone());
        Callback::from(move |e: MouseEvent| {
            let st = surface.borrow();
            let Some(cam) = st.camera() else { return };
            let (x, y) = local(&e);
            if let Some(n) = graph_hit(&st.scene, &cam, x, y) {
                e.prevent_default();
                on_menu.emit((n, e.client_x(), e.client_y()));
            }
        })
    };
    let key = {
        let (surface, host) = (surface.clone(), host.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(cam) = surface.borrow().camera() else {
                return;
            };
            let (cx, cy) = (cam.width / 2.0, cam.height / 2.0);
            let next = match e.key().as_str() {
                "+" | "=" => cam.zoomed(1.25, cx, cy),
                "-" | "_" => cam.zoomed(0.8, cx, cy),
                "ArrowLeft" => cam.panned(60.0, 0.0),
                "ArrowRight" => cam.panned(-60.0, 0.0),
                "ArrowUp" => cam.panned(0.0, 60.0),
                "ArrowDown" => cam.panned(0.0, -60.0),
                "0" | "Escape" => {
                    let st = surface.borrow();
                    GraphCamera::fit(&st.scene, cam.width, cam.height)
                }
                _ => return,
            };
            e.prevent_default();
            surface.borrow_mut().camera = Some(next);
            schedule(&surface, &host);
        })
    };
    // Placed through the CSSOM: the page's content security policy refuses style attributes.
    let tip = use_node_ref();
    {
        let tip = tip.clone();
        use_effect_with((*hover).clone(), move |h| {
            if let (Some(h), Some(el)) = (h, tip.cast::<HtmlElement>()) {
                let style = el.style();
                let _ = style.set_property("left", &format!("{:.0}px", h.x + 14.0));
                let _ = style.set_property("top", &format!("{:.0}px", h.y + 14.0));
            }
        });
    }
    let tooltip = match (*hover).clone() {
        Some(h) => {
            let st = surface.borrow();
            match st.scene.nodes.get(h.node) {
                Some(n) => {
                    html! {
                        <div key="tooltip" ref={tip.clone()} class="flame-tooltip" data-testid="tooltip" role="tooltip">
                            <div class="tt-name">{ n.name.clone() }</div>
                            <table class="tt-values"><tbody>
                                <tr><th>{ "Self (flat)" }</th><td>{ n.flat.clone() }</td><td>{ n.flat_pct.clone() }</td></tr>
                                <tr><th>{ "Total (cum)" }</th><td>{ n.cum.clone() }</td><td>{ n.cum_pct.clone() }</td></tr>
                            </tbody></table>
                            <div class="tt-hint">{ "Click to select it in every view · right-click for more" }</div>
                        </div>
                    }
                }
                None => html! { <span key="tooltip" class="visually-hidden" /> },
            }
        }
        None => html! { <span key="tooltip" class="visually-hidden" /> },
    };
    html! {
        <div class="flame-host graph-host" ref={host}>
            <canvas key="canvas" ref={canvas} class="flame-canvas graph-canvas" data-testid="graph-canvas"
                tabindex="0" role="img"
                aria-label="Call graph: drag to pan, wheel or +/- to zoom, 0 to fit; the node list below names every node"
                onpointerdown={down} onpointermove={moved} onpointerup={up} onpointerleave={leave}
                onkeydown={key} oncontextmenu={menu} />
            { tooltip }
        </div>
    }
}
