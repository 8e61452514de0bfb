//! The page around the app: `<body data-state>`, the title, the link's `#fragment`,
//! performance marks, and files that arrive by drop or paste anywhere on the window.
//!
//! Consumes values from the app's state and browser events; produces DOM attributes,
//! history entries, marks and `File` lists. It must not read state back from the DOM to
//! decide anything: the app's state is the source of truth and this only mirrors it.

use crate::state::profile_url::{check_profile_url, UrlRole};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::utils::{body, document, window};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, File, FileList};

/// Sets `<body data-state="…">` (CONTRACT §3: `empty|loading|ready|error`).
pub fn set_body_state(state: &str) {
    if let Err(err) = body().set_attribute("data-state", state) {
        gloo::console::error!("pprofview: cannot set body data-state", err);
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// The current `#fragment` (with the `#`, or empty).
pub fn fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Replaces the fragment without a new history entry (and without a `hashchange`).
pub fn replace_fragment(fragment: &str) {
    let target = format!("#{fragment}");
    if fragment_matches(&target) {
        return;
    }
    if let Ok(history) = window().history() {
        if let Err(e) =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target))
        {
            gloo::console::error!("pprofview: cannot update the link", e);
        }
    }
}

/// Sets the fragment as a new history entry (Back returns to the previous one), without a
/// `hashchange`.
pub fn push_fragment(fragment: &str) {
    let target = format!("#{fragment}");
    if fragment_matches(&target) {
        return;
    }
    if let Ok(history) = window().history() {
        if let Err(e) = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target))
        {
            gloo::console::error!("pprofview: cannot update the link", e);
        }
    }
}

fn fragment_matches(target: &str) -> bool {
    fragment() == target
}

/// The page's base URL, for resolving relative profile URLs.
pub fn base_url() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| window().location().href().unwrap_or_default())
}

/// Resolves `url` against the page (so a relative link works under any sub-path), refusing
/// what `role` does not allow (`state::profile_url`): checked on the link's text, and again
/// on the absolute URL, since a relative URL takes the page's scheme (`file:` when the page
/// itself was opened from a file).
pub fn absolute_url(url: &str, role: UrlRole) -> Result<String, String> {
    check_profile_url(url, role).map_err(|e| e.to_string())?;
    let href = web_sys::Url::new_with_base(url, &base_url())
        .map(|u| u.href())
        .map_err(|_| format!("{url}: not a valid URL"))?;
    check_profile_url(&href, role).map_err(|e| e.to_string())?;
    Ok(href)
}

/// This build's id, for the engine worker's URL (`web::engine`): the `content` of
/// `<meta name="pprofview-build">`, which `www/stamp_build.mjs` (a trunk post-build hook)
/// sets to a hash of the worker's files; without it (a build that skipped the hook), the
/// crate's version and protocol version. Only `[A-Za-z0-9._-]`, at most 64 characters.
pub fn build_id() -> String {
    let stamped = document()
        .query_selector(r#"meta[name="pprofview-build"]"#)
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    let fallback = || {
        format!(
            "{}-p{}",
            env!("CARGO_PKG_VERSION"),
            crate::session::envelope::PROTOCOL_VERSION
        )
    };
    let id: String = stamped
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .take(64)
        .collect();
    if id.is_empty() || id == "dev" {
        fallback()
    } else {
        id
    }
}

/// Adds the performance mark `name` (CONTRACT §3), clearing an older one of the same name.
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        p.clear_marks_with_mark_name(name);
        if let Err(e) = p.mark(name) {
            gloo::console::error!("pprofview: cannot add a performance mark", e);
        }
    }
}

/// The files of a `FileList`, in order.
pub fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Listens for files dropped anywhere on the window or pasted, and for drags entering and
/// leaving (`dragging(true/false)`, to show a drop target). Keep the listeners as long
/// as the page wants files.
pub fn listen_for_files(
    on_files: impl Fn(Vec<File>) + 'static,
    dragging: impl Fn(bool) + 'static,
) -> Vec<EventListener> {
    let win = window();
    let active = EventListenerOptions::enable_prevent_default();
    let on_files = std::rc::Rc::new(on_files);
    let dragging = std::rc::Rc::new(dragging);
    let over_drag = std::rc::Rc::clone(&dragging);
    let over = EventListener::new_with_options(&win, "dragover", active, move |e| {
        // Without this the browser navigates to the dropped file.
        e.prevent_default();
        over_drag(true);
    });
    let leave_drag = std::rc::Rc::clone(&dragging);
    let leave = EventListener::new(&win, "dragleave", move |e| {
        // Leaving the window reports no related target.
        if let Some(d) = e.dyn_ref::<DragEvent>() {
            if d.related_target().is_none() {
                leave_drag(false);
            }
        }
    });
    let drop_files = std::rc::Rc::clone(&on_files);
    let drop = EventListener::new_with_options(&win, "drop", active, move |e| {
        e.prevent_default();
        dragging(false);
        if let Some(d) = e.dyn_ref::<DragEvent>() {
            let files = files_of(d.data_transfer().and_then(|t| t.files()));
            if !files.is_empty() {
                drop_files(files);
            }
        }
    });
    let paste = EventListener::new(&win, "paste", move |e| {
        let Some(c) = e.dyn_ref::<ClipboardEvent>() else {
            return;
        };
        let data = c.clipboard_data();
        let files = files_of(data.as_ref().and_then(|t| t.files()));
        if !files.is_empty() {
            on_files(files);
            return;
        }
        // Pasted text (a goroutine dump, a text profile) opens like a file, unless it goes
        // into a text field.
        if pasting_into_field(e) {
            return;
        }
        let text = data
            .and_then(|t| t.get_data("text/plain").ok())
            .unwrap_or_default();
        if let Some(file) = text_file(&text) {
            on_files(vec![file]);
        }
    });
    vec![over, leave, drop, paste]
}

/// The name a pasted text is loaded under.
pub const PASTED_NAME: &str = "pasted text";

/// Whether a paste event goes into an input or text area (the search box, a filter).
fn pasting_into_field(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// A file holding pasted `text`, or `None` when there is none.
fn text_file(text: &str) -> Option<File> {
    if text.trim().is_empty() {
        return None;
    }
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("text/plain");
    File::new_with_str_sequence_and_options(&parts, PASTED_NAME, &options).ok()
}

/// A file named `name` holding `data` (an embedded profile, to load like a dropped one).
pub fn bytes_file(name: &str, data: &[u8]) -> Option<File> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(data));
    File::new_with_u8_array_sequence(&parts, name).ok()
}

/// The page's address without its fragment.
pub fn href_without_fragment() -> String {
    let href = href();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Calls `on_change` with the new fragment when the user edits the link's fragment.
pub fn listen_for_fragment(on_change: impl Fn(String) + 'static) -> EventListener {
    EventListener::new(&window(), "hashchange", move |_| on_change(fragment()))
}

/// Runs `f` in a task of its own, after the current one (`setTimeout(f, 0)`).
pub fn later(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    if window()
        .set_timeout_with_callback(callback.unchecked_ref())
        .is_err()
    {
        gloo::console::error!("pprofview: cannot schedule a task");
    }
}

/// Adds the mark `name` in the next animation frame, when what was just rendered is painted.
pub fn mark_after_paint(name: &'static str) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || mark(name));
    if window()
        .request_animation_frame(callback.unchecked_ref())
        .is_err()
    {
        mark(name);
    }
}

/// Focuses the element matching `selector` when the user types `/` outside a text field
/// (as in pprof's and many developer tools' search boxes).
pub fn focus_on_slash(selector: &'static str) -> EventListener {
    let active = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(&window(), "keydown", active, move |e| {
        let Some(key) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if key.key() != "/" || key.ctrl_key() || key.meta_key() || key.alt_key() {
            return;
        }
        let typing = document()
            .active_element()
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing {
            return;
        }
        if let Some(target) = document()
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            e.prevent_default();
            let _ = target.focus();
        }
    })
}

/// The page's address with its fragment: the current view's link.
pub fn href() -> String {
    window().location().href().unwrap_or_default()
}

/// Copies `text` to the clipboard (best effort: a browser may refuse without a gesture).
pub fn copy_text(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// Offers `data` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, data: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(data));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag)
        .map_err(|_| "the browser refused to make the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to make the file".to_string())?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|_| "no document".to_string())?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // The download has started; the object URL is released on the next task.
    later(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// The CSS size of the first element matching `selector`, if any.
pub fn element_size(selector: &str) -> Option<(f64, f64)> {
    let el = document().query_selector(selector).ok().flatten()?;
    let r = el.get_bounding_client_rect();
    Some((r.width(), r.height()))
}

/// A detached canvas, for drawing an image to export.
pub fn offscreen_canvas() -> Option<web_sys::HtmlCanvasElement> {
    document().create_element("canvas").ok()?.dyn_into().ok()
}

/// Offers `canvas`'s pixels as a PNG download named `file_name`.
pub fn download_png(canvas: &web_sys::HtmlCanvasElement, file_name: &str) -> Result<(), String> {
    let name = file_name.to_string();
    let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        let Some(blob) = blob else { return };
        if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
            if let Ok(a) = document().create_element("a") {
                let a: web_sys::HtmlAnchorElement = a.unchecked_into();
                a.set_href(&url);
                a.set_download(&name);
                a.click();
            }
            later(move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            });
        }
    });
    canvas
        .to_blob(done.unchecked_ref())
        .map_err(|_| "the browser refused to make the image".to_string())
}
