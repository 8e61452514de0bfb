//! The right-click menu of a flame graph frame or a top-table row (`data-testid="context-menu"`).
//!
//! Consumes what was clicked (a frame's call path, or a row, and what a filter on it names)
//! and where the pointer was; produces pprof's Refine actions (Focus on, Ignore, Hide, Show
//! only, Show from: `^name$` with the name's regexp characters escaped, combined with the
//! current filter as pprof's web UI does), the callers view action and clipboard writes.

use crate::state::Action;
use web_sys::HtmlElement;
use yew::prelude::*;

/// A menu for the frame at `path` (or a table row: `path` empty), opened at client position
/// (`x`, `y`).
#[derive(Clone, Debug, PartialEq)]
pub struct MenuAt {
    /// The frame's call path (last = the frame); empty for a table row.
    pub path: Vec<String>,
    /// What a filter on it names: the function (or file, or binary).
    pub target: String,
    /// Client x.
    pub x: i32,
    /// Client y.
    pub y: i32,
}

/// Menu properties.
#[derive(Properties, Clone, PartialEq)]
pub struct FrameMenuProps {
    /// Where and for what.
    pub at: MenuAt,
    /// Close the menu.
    pub on_close: Callback<()>,
    /// State changes.
    pub on_action: Callback<Action>,
}

/// The state of a menu that opens on right-click: what it is open for, a callback that opens
/// it, and one that closes it.
#[hook]
pub fn use_frame_menu() -> (Option<MenuAt>, Callback<MenuAt>, Callback<()>) {
    let menu = use_state(|| None::<MenuAt>);
    let open = {
        let menu = menu.clone();
        Callback::from(move |at: MenuAt| menu.set(Some(at)))
    };
    let close = {
        let menu = menu.clone();
        Callback::from(move |_| menu.set(None))
    };
    ((*menu).clone(), open, close)
}

/// Writes `text` to the clipboard (best effort: browsers refuse outside secure contexts).
fn copy(text: String) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let _ = clipboard.write_text(&text);
}

/// The frame menu.
#[component]
pub fn FrameMenu(props: &FrameMenuProps) -> Html {
    let el = use_node_ref();
    {
        let el = el.clone();
        let (x, y) = (props.at.x, props.at.y);
        use_effect_with((x, y), move |_| {
            if let Some(menu) = el.cast::<HtmlElement>() {
                // At the pointer, moved back inside the window when it would overflow.
                let win = gloo::utils::window();
                let size = |v: Result<wasm_bindgen::JsValue, _>| {
                    v.ok().and_then(|v| v.as_f64()).unwrap_or(1e9)
                };
                let (vw, vh) = (size(win.inner_width()), size(win.inner_height()));
                let (w, h) = (
                    f64::from(menu.offset_width()),
                    f64::from(menu.offset_height()),
                );
                let left = f64::from(x).min(vw - w - 4.0).max(0.0);
                let top = f64::from(y).min(vh - h - 4.0).max(0.0);
                let style = menu.style();
                let _ = style.set_property("left", &format!("{left}px"));
                let _ = style.set_property("top", &format!("{top}px"));
                let _ = menu.focus();
            }
        });
    }
    let name = props
        .at
        .path
        .last()
        .cloned()
        .unwrap_or_else(|| props.at.target.clone());
    let item = |label: &'static str, id: &'static str, run: Callback<()>| {
        let close = props.on_close.clone();
        html! {
            <button type="button" role="menuitem" class="menu-item" data-testid={id}
                onclick={Callback::from(move |_: MouseEvent| { run.emit(()); close.emit(()); })}>
                { label }
            </button>
        }
    };
    let copy_name = {
        let name = name.clone();
        Callback::from(move |_| copy(name.clone()))
    };
    let copy_path = {
        let path = props.at.path.join("\n");
        Callback::from(move |_| copy(path.clone()))
    };
    let (callers, peek, source) = {
        let path = if props.at.path.is_empty() {
            vec![props.at.target.clone()]
        } else {
            props.at.path.clone()
        };
        let on_action = props.on_action.clone();
        let sandwich = path.clone();
        let callers = Callback::from(move |_| on_action.emit(Action::Sandwich(sandwich.clone())));
        let on_action = props.on_action.clone();
        // The function itself (a frame's name carries `:line` at line granularities).
        let listed = vec![props.at.target.clone()];
        let source = Callback::from(move |_| on_action.emit(Action::Source(listed.clone())));
        let on_action = props.on_action.clone();
        let peek = Callback::from(move |_| on_action.emit(Action::Peek(path.clone())));
        (callers, peek, source)
    };
    let refine = |field: &'static str| {
        let (target, on_action) = (props.at.target.clone(), props.on_action.clone());
        Callback::from(move |_| {
            on_action.emit(Action::Refine {
                field: field.to_string(),
                target: target.clone(),
            })
        })
    };
    let close = props.on_close.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            close.emit(());
        }
    });
    let backdrop = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <>
            <div class="menu-backdrop" onclick={backdrop.clone()} oncontextmenu={Callback::from(move |e: MouseEvent| { e.prevent_default(); backdrop.emit(e); })} />
            <div class="frame-menu" role="menu" data-testid="context-menu" ref={el} tabindex="-1" {onkeydown}>
                <div class="menu-title" title={name.clone()}>{ crate::render::shorten_function_name(&name) }</div>
                { item("Focus on", "menu-focus", refine("focus")) }
                { item("Ignore", "menu-ignore", refine("ignore")) }
                { item("Hide", "menu-hide", refine("hide")) }
                { item("Show only", "menu-show", refine("show")) }
                { item("Show from", "menu-show-from", refine("show_from")) }
                <div class="menu-sep" role="separator"></div>
                { item("Show callers and callees", "menu-sandwich", callers) }
                { item("Peek (pprof's -peek)", "menu-peek", peek) }
                { item("Source (pprof's -list)", "menu-source", source) }
                { item("Copy name", "menu-copy-name", copy_name) }
                if !props.at.path.is_empty() {
                    { item("Copy call path", "menu-copy-path", copy_path) }
                }
            </div>
        </>
    }
}
