//! The filter bar (`data-testid="filter-bar"`): the query's settings that apply to every view.
//!
//! Consumes the state's query, the granularity shown and the engine's notes on the query;
//! produces the granularity switch, the "Hide inlined" and "Relative %" toggles, one chip per
//! active filter (click to edit, × to remove), an editor to add one, the presets, and "Clear
//! all". A new or edited value is checked by the engine first (`on_check`): one that does not
//! compile shows its message inline and nothing is applied. The presets set ordinary fields,
//! so they appear as ordinary chips.

use crate::query::{Field, FieldError, FieldKind, Granularity, Query, FIELDS};
use crate::state::{Action, PRESETS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`FilterBar`].
#[derive(Clone, PartialEq, Properties)]
pub struct FilterBarProps {
    /// The state's query.
    pub query: Query,
    /// The granularity the current view shows.
    pub granularity: Granularity,
    /// pprof's notes on the query ("Focus expression matched no samples").
    pub warnings: Vec<String>,
    /// Changes.
    pub on_action: Callback<Action>,
    /// Asks the engine whether a query can be used.
    pub on_check: Callback<(Query, Callback<Result<(), FieldError>>)>,
}

/// The granularity choices, as the switch names them.
const GRANULARITIES: [(Granularity, &str); 5] = [
    (Granularity::Functions, "Functions"),
    (Granularity::FileFunctions, "Functions (by file)"),
    (Granularity::Files, "Files"),
    (Granularity::Lines, "Lines"),
    (Granularity::Addresses, "Addresses"),
];

/// A filter being added or edited.
#[derive(Clone, Debug, PartialEq)]
struct Draft {
    field: &'static str,
    value: String,
    /// The field it replaces when editing a chip whose field was changed.
    editing: Option<&'static str>,
    error: Option<String>,
}

fn input_value(e: &InputEvent) -> String {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

fn set(field: &str, value: &str) -> Action {
    Action::SetField {
        field: field.to_string(),
        value: value.to_string(),
    }
}

/// The filter bar.
#[component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let draft = use_state(|| None::<Draft>);
    let on_action = props.on_action.clone();

    let apply = {
        let (draft, query) = (draft.clone(), props.query.clone());
        let (on_check, on_action) = (props.on_check.clone(), on_action.clone());
        Callback::from(move |_: ()| {
            let Some(d) = (*draft).clone() else { return };
            let Some(field) = Field::by_name(d.field) else {
                return;
            };
            let mut candidate = query.clone();
            if let Some(old) = d.editing.and_then(Field::by_name) {
                let _ = candidate.set(old, "");
            }
            if let Err(why) = candidate.set(field, d.value.trim()) {
                draft.set(Some(Draft {
                    error: Some(why),
                    ..d
                }));
                return;
            }
            let (draft, on_action) = (draft.clone(), on_action.clone());
            let reply = Callback::from(move |result: Result<(), FieldError>| match result {
                Ok(()) => {
                    if let Some(old) = d.editing.filter(|o| *o != d.field) {
                        on_action.emit(set(old, ""));
                    }
                    on_action.emit(set(d.field, d.value.trim()));
                    draft.set(None);
                }
                Err(e) => draft.set(Some(Draft {
                    error: Some(e.message),
                    ..d.clone()
                })),
            });
            on_check.emit((candidate, reply));
        })
    };

    let chips = props.query.active().into_iter().map(|(field, value)| {
        let name = field.name;
        let edit = {
            let (draft, value) = (draft.clone(), value.clone());
            Callback::from(move |_: MouseEvent| {
                draft.set(Some(Draft {
                    field: name,
                    value: value.clone(),
                    editing: Some(name),
                    error: None,
                }))
            })
        };
        let remove = on_action.reform(move |_: MouseEvent| set(name, ""));
        html! {
            <span class="chip" data-testid="filter-chip" data-field={name} title={field.help}>
                <button type="button" class="chip-body" data-testid="filter-chip-edit" onclick={edit}
                    title={format!("Edit: {}={value}", field.name)}>
                    <span class="chip-key">{ field.title }</span>
                    <code class="chip-value">{ value.clone() }</code>
                </button>
                <button type="button" class="chip-remove" data-testid="filter-chip-remove"
                    aria-label={format!("Remove {}", field.title)} onclick={remove}>{ "×" }</button>
            </span>
        }
    });

    let editor = (*draft).clone().map(|d| editor(&d, &draft, &apply));
    let add = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            draft.set(Some(Draft {
                field: "focus",
                value: String::new(),
                editing: None,
                error: None,
            }))
        })
    };
    let on_granularity =
        on_action.reform(|e: Event| Action::Granularity(Granularity::from_name(&select_value(&e))));
    let toggle = |field: &'static str, on: bool| {
        on_action.reform(move |_: Event| set(field, if on { "" } else { "true" }))
    };
    let q = &props.query;
    let any_filter = !q.active().is_empty();

    html! {
        <section class="filter-bar" data-testid="filter-bar" aria-label="Refine">
            <div class="filter-row">
                <label class="field">
                    <span class="field-label">{ "Group by" }</span>
                    <select data-testid="granularity" onchange={on_granularity}>
                        { for GRANULARITIES.iter().map(|(g, label)| html! {
                            <option value={g.name()} selected={*g == props.granularity}>{ *label }</option>
                        }) }
                    </select>
                </label>
                <label class="toggle" title={field_help("noinlines")}>
                    <input type="checkbox" data-testid="toggle-noinlines" checked={q.noinlines}
                        onchange={toggle("noinlines", q.noinlines)} />
                    { "Hide inlined" }
                </label>
                <label class="toggle" title={field_help("relative_percentages")}>
                    <input type="checkbox" data-testid="toggle-rel" checked={q.relative_percentages}
                        onchange={toggle("relative_percentages", q.relative_percentages)} />
                    { "Relative %" }
                </label>
                <span class="filter-sep" aria-hidden="true"></span>
                { for chips }
                <button type="button" class="button small" data-testid="filter-add" onclick={add}
                    title="Add a filter: focus, ignore, hide, show, label filters…">{ "+ Filter" }</button>
                { for PRESETS.iter().map(|p| {
                    let active = q.get(field_by_name(p.field)) == p.value;
                    html! {
                        <button type="button" class={classes!("button", "small", active.then_some("active"))}
                            data-testid={p.id} title={p.help} disabled={active}
                            onclick={on_action.reform(move |_: MouseEvent| set(p.field, p.value))}>
                            { p.label }
                        </button>
                    }
                }) }
                if any_filter {
                    <button type="button" class="button small link" data-testid="filter-clear"
                        onclick={on_action.reform(|_: MouseEvent| Action::ClearFilters)}>{ "Clear all" }</button>
                }
            </div>
            { for editor }
            if !props.warnings.is_empty() {
                <ul class="filter-warnings" data-testid="filter-warnings">
                    { for props.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}

fn field_by_name(name: &str) -> &'static Field {
    Field::by_name(name).unwrap_or(&FIELDS[0])
}

fn field_help(name: &str) -> &'static str {
    field_by_name(name).help
}

/// The form that adds or edits one filter.
fn editor(d: &Draft, draft: &UseStateHandle<Option<Draft>>, apply: &Callback<()>) -> Html {
    let on_field = {
        let (draft, d) = (draft.clone(), d.clone());
        Callback::from(move |e: Event| {
            let name = select_value(&e);
            if let Some(f) = Field::by_name(&name) {
                draft.set(Some(Draft {
                    field: f.name,
                    error: None,
                    ..d.clone()
                }))
            }
        })
    };
    let on_value = {
        let (draft, d) = (draft.clone(), d.clone());
        Callback::from(move |e: InputEvent| {
            draft.set(Some(Draft {
                value: input_value(&e),
                error: None,
                ..d.clone()
            }))
        })
    };
    let on_key = {
        let (draft, apply) = (draft.clone(), apply.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                apply.emit(());
            }
            "Escape" => draft.set(None),
            _ => {}
        })
    };
    let cancel = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| draft.set(None))
    };
    let field = field_by_name(d.field);
    let placeholder = match field.kind {
        FieldKind::TagFilter => "key=regex or key=1kb:64kb",
        FieldKind::Keys => "label keys, comma-separated",
        FieldKind::KeyRegex => "regex over label keys",
        _ => "regex (Go syntax), e.g. ^main\\.",
    };
    html! {
        <form class="filter-editor" data-testid="filter-editor"
            onsubmit={apply.reform(|e: SubmitEvent| e.prevent_default())}>
            <select data-testid="filter-field" onchange={on_field} aria-label="Filter">
                { for FIELDS.iter().filter(|f| f.kind.is_filter()).map(|f| html! {
                    <option value={f.name} selected={f.name == d.field} title={f.help}>{ f.title }</option>
                }) }
            </select>
            <input type="text" data-testid="filter-value" value={d.value.clone()} oninput={on_value}
                onkeydown={on_key} placeholder={placeholder} spellcheck="false" autocomplete="off"
                aria-label={field.title} aria-invalid={d.error.is_some().to_string()} autofocus=true />
            <button type="submit" class="button small primary" data-testid="filter-apply">{ "Apply" }</button>
            <button type="button" class="button small" onclick={cancel}>{ "Cancel" }</button>
            <span class="filter-help">{ field.help }</span>
            if let Some(e) = &d.error {
                <p class="filter-error" data-testid="filter-error" role="alert">{ e.clone() }</p>
            }
        </form>
    }
}
