//! The header bar: open a profile, the example, sample type, views and search.
//!
//! Consumes the loaded profile's summary and the current choices; produces the page's one
//! header line with CONTRACT §3's `file-input`, `example`, `sample-type`, `view-top` and
//! `search`, and reports choices as `Action`s. Files picked go to `on_files`. It keeps no
//! state of its own apart from what the inputs hold.

use crate::session::{SearchOutcome, Summary};
use crate::state::{Action, View};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`Toolbar`].
#[derive(Clone, PartialEq, Properties)]
pub struct ToolbarProps {
    /// The loaded profile, if any.
    pub summary: Option<Summary>,
    /// The sample type shown.
    pub sample_type: String,
    /// The view shown.
    pub view: View,
    /// The search text.
    pub search: String,
    /// What the search matched, once the engine answered.
    pub search_outcome: Option<SearchOutcome>,
    /// Files picked with the file input.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// The example button.
    pub on_example: Callback<()>,
    /// Choices.
    pub on_action: Callback<Action>,
}

/// The header bar.
#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let on_pick = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files = crate::web::page::files_of(input.files());
            // Picking the same file again must load it again.
            input.set_value("");
            on_files.emit(files);
        })
    };
    let on_example = props.on_example.reform(|_: MouseEvent| ());
    let on_action = props.on_action.clone();
    let on_sample_type = on_action.reform(|e: Event| {
        let value = e
            .target_dyn_into::<HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default();
        Action::SampleType(value)
    });
    let on_search = on_action.reform(|e: InputEvent| {
        let value = e
            .target_dyn_into::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default();
        Action::Search(value)
    });
    let loaded = props.summary.is_some();
    let hint = props.summary.as_ref().and_then(|s| {
        s.sample_types
            .iter()
            .find(|t| t.name == props.sample_type)
            .map(|t| t.hint.clone())
    });
    let search_status = match &props.search_outcome {
        Some(SearchOutcome::Matched { value, percent }) if !props.search.is_empty() => {
            Some((false, format!("matched {value} ({percent} of total)")))
        }
        Some(SearchOutcome::Invalid(message)) if !props.search.is_empty() => {
            Some((true, message.clone()))
        }
        _ => None,
    };

    html! {
        <header class="app-header">
            <div class="brand">
                <svg class="logo" viewBox="0 0 16 16" aria-hidden="true">
                    <rect x="0" y="11" width="16" height="5" rx="1" fill="#c2410c" />
                    <rect x="1" y="6" width="10" height="4.5" rx="1" fill="#ea580c" />
                    <rect x="12" y="6" width="4" height="4.5" rx="1" fill="#f59e0b" />
                    <rect x="2" y="1" width="6" height="4.5" rx="1" fill="#fbbf24" />
                </svg>
                <h1>{ "pprofview" }</h1>
            </div>
            <label class="button primary" title="Open .pb.gz or .pb profiles (several are merged)">
                { "Open…" }
                <input type="file" multiple=true class="visually-hidden" data-testid="file-input"
                    accept=".pb.gz,.pb,.gz,.prof,.pprof,application/gzip,application/octet-stream"
                    onchange={on_pick} />
            </label>
            <button type="button" class="button" data-testid="example" onclick={on_example}
                title="Load a CPU profile of a small Go program">
                { "Example" }
            </button>
            if let Some(summary) = &props.summary {
                <label class="field" title={hint.clone().unwrap_or_default()}>
                    <span class="field-label">{ "Sample" }</span>
                    <select data-testid="sample-type" onchange={on_sample_type}>
                        { for summary.sample_types.iter().map(|t| html! {
                            <option value={t.name.clone()} selected={t.name == props.sample_type}>
                                { sample_type_label(t) }
                            </option>
                        }) }
                    </select>
                </label>
            }
            <nav class="views" role="tablist" aria-label="Views">
                { for [(View::Flame, "view-flame", "Flame Graph"), (View::Top, "view-top", "Top"),
                       (View::Graph, "view-graph", "Graph"),
                       (View::Sandwich, "view-sandwich", "Callers"), (View::Peek, "view-peek", "Peek"),
                       (View::Source, "view-source", "Source"),
                       (View::Traces, "view-traces", "Traces"),
                       (View::Tags, "view-tags", "Labels"), (View::Details, "view-details", "Details")]
                       .into_iter().map(|(v, id, label)| html! {
                    <button type="button" role="tab" class="view-tab" data-testid={id}
                        aria-selected={(props.view == v).to_string()} disabled={!loaded}
                        title={(v == View::Sandwich).then_some("Callers and callees of the frame picked in the flame graph (right-click a frame)")}
                        onclick={on_action.reform(move |_: MouseEvent| Action::View(v))}>
                        { label }
                    </button>
                }) }
            </nav>
            <div class="search">
                <input type="search" data-testid="search" placeholder="Search functions (regex)  /"
                    aria-label="Search function names (regular expression)"
                    spellcheck="false" autocomplete="off"
                    value={props.search.clone()} oninput={on_search} disabled={!loaded} />
                if let Some((bad, text)) = search_status {
                    <span class={classes!("search-status", bad.then_some("bad"))}
                        data-testid="search-status">{ text }</span>
                }
            </div>
            if let Some(hint) = hint.filter(|h| !h.is_empty()) {
                <p class="sample-hint">{ hint }</p>
            }
        </header>
    }
}

/// A sample type as the picker lists it: name, unit, total, and whether it is all zero.
fn sample_type_label(t: &crate::session::SampleTypeInfo) -> String {
    match (t.zero, t.total.is_empty()) {
        (true, _) => format!("{} ({}) · all zero", t.name, t.unit),
        (false, true) => format!("{} ({})", t.name, t.unit),
        (false, false) => format!("{} ({}) · {}", t.name, t.unit, t.total),
    }
}
