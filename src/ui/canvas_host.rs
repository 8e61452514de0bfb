//! What a canvas view needs from the page around it: a redraw whenever its box changes size
//! (the window, or a header that wraps, a notice that appears), and the wheel without the
//! page scrolling or zooming under it.
//!
//! Consumes the host element, the canvas and two callbacks; produces a guard that keeps the
//! listeners alive and removes them when dropped (on unmount). [`schedule`] redraws a
//! [`Surface`] in the next animation frame, once however often it is asked.

use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement, ResizeObserver, WheelEvent};
use yew::NodeRef;

/// The listeners of one canvas view; dropping it removes them.
pub struct HostListeners {
    observer: Option<ResizeObserver>,
    _on_resize: Closure<dyn FnMut()>,
    _wheel: Option<EventListener>,
}

impl Drop for HostListeners {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}

/// Calls `on_resize` when `host` changes size and `on_wheel` for wheel events on `canvas`
/// (their default, scrolling the page, prevented).
pub fn listen(
    host: &NodeRef,
    canvas: &NodeRef,
    on_resize: impl FnMut() + 'static,
    mut on_wheel: impl FnMut(&WheelEvent) + 'static,
) -> HostListeners {
    let on_resize = Closure::<dyn FnMut()>::new(on_resize);
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let (Some(o), Some(el)) = (&observer, host.cast::<Element>()) {
        o.observe(&el);
    }
    let wheel = canvas.cast::<HtmlCanvasElement>().map(|c| {
        let active = EventListenerOptions::enable_prevent_default();
        EventListener::new_with_options(&c, "wheel", active, move |e| {
            if let Some(e) = e.dyn_ref::<WheelEvent>() {
                e.prevent_default();
                on_wheel(e);
            }
        })
    });
    HostListeners {
        observer,
        _on_resize: on_resize,
        _wheel: wheel,
    }
}

/// What a canvas view draws from: its pending animation frame and how to draw.
pub trait Surface {
    /// The animation frame a redraw is scheduled in, if any.
    fn frame_slot(&mut self) -> &mut Option<AnimationFrame>;
    /// Draws into the canvas inside `host`, at `host`'s size.
    fn draw(&mut self, host: &HtmlElement);
}

/// Schedules one redraw of `surface` (several requests in a frame draw once).
pub fn schedule<S: Surface + 'static>(surface: &Rc<RefCell<S>>, host: &NodeRef) {
    if surface.borrow_mut().frame_slot().is_some() {
        return;
    }
    let (s, host) = (surface.clone(), host.clone());
    let frame = request_animation_frame(move |_| {
        let mut st = s.borrow_mut();
        *st.frame_slot() = None;
        if let Some(el) = host.cast::<HtmlElement>() {
            st.draw(&el);
        }
    });
    *surface.borrow_mut().frame_slot() = Some(frame);
}
