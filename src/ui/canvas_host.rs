//! What a canvas view needs from the page around it: a redraw whenever its box changes size
//! (the window, or a header that wraps, a notice that appears), and the wheel without the
//! page scrolling or zooming under it.
//!
//! Consumes the host element, the canvas and two callbacks; produces a guard that keeps the
//! listeners alive and removes them when dropped (on unmount).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, ResizeObserver, WheelEvent};
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
