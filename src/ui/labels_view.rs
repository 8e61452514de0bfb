//! The Labels view (`data-testid="labels-view"`, tab `view-tags`): every label key with its
//! values and their share, as `pprofview tags` prints them.
//!
//! Consumes the engine's [`LabelsView`]; produces one table per key (value, weight, share of
//! the key's total, a bar) and actions: a click on a value focuses on it (`tagfocus`), "−"
//! drops it (`tagignore`), "Group by" makes the key's values the root frames (`tagroot`).
//! Text only: label values from the profile are never markup.

use crate::query::Query;
use crate::session::{LabelKeyView, LabelsView};
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`LabelsPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct LabelsPanelProps {
    /// The engine's answer, once there.
    pub view: Option<Rc<LabelsView>>,
    /// The state's query (to show which key groups the graph).
    pub query: Query,
    /// Changes.
    pub on_action: Callback<Action>,
    /// The view was painted.
    pub on_painted: Callback<()>,
}

/// The Labels view.
#[component]
pub fn LabelsPanel(props: &LabelsPanelProps) -> Html {
    {
        let (painted, has) = (props.on_painted.clone(), props.view.is_some());
        use_effect_with(props.view.clone(), move |_| {
            if has {
                painted.emit(());
            }
        });
    }
    let Some(view) = &props.view else {
        return html! { <p class="view-loading" aria-busy="true">{ "Reading labels…" }</p> };
    };
    if view.keys.is_empty() {
        return html! {
            <section class="labels-view empty" data-testid="labels-view">
                <p>{ "No sample in this view carries labels. Go programs add them with " }
                    <code>{ "pprof.Do" }</code>{ " or " }<code>{ "pprof.SetGoroutineLabels" }</code>{ "." }</p>
            </section>
        };
    }
    let roots: Vec<&str> = props.query.tagroot.split(',').collect();
    html! {
        <section class="labels-view" data-testid="labels-view">
            { for view.keys.iter().map(|k| key_table(k, roots.contains(&k.key.as_str()), &props.on_action)) }
        </section>
    }
}

fn key_table(k: &LabelKeyView, grouped: bool, on_action: &Callback<Action>) -> Html {
    let key = k.key.clone();
    let group = on_action.reform({
        let key = key.clone();
        move |_: MouseEvent| Action::SetField {
            field: "tagroot".to_string(),
            value: if grouped { String::new() } else { key.clone() },
        }
    });
    html! {
        <div class="labels-key" data-testid="labels-key" data-key={key.clone()}>
            <header class="labels-key-head">
                <span class="labels-key-name">{ key.clone() }</span>
                <span class="labels-total">{ format!("Total {}", k.total) }</span>
                <button type="button" class={classes!("button", "small", grouped.then_some("active"))}
                    data-testid="labels-group" onclick={group}
                    title="Make this label's values the root frames of every view (pprof's -tagroot)">
                    { if grouped { "Ungroup" } else { "Group by" } }
                </button>
            </header>
            <table class="labels-table">
            <thead><tr><th class="num">{ "value" }</th><th class="num">{ "%" }</th><th></th><th>{ "label" }</th><th></th></tr></thead>
            <tbody>
                { for k.values.iter().map(|v| {
                    let focus = on_action.reform({
                        let (key, pattern) = (key.clone(), v.filter.clone());
                        move |_: MouseEvent| Action::LabelRefine {
                            field: "tagfocus".to_string(), key: key.clone(), pattern: pattern.clone(),
                        }
                    });
                    let ignore = on_action.reform({
                        let (key, pattern) = (key.clone(), v.filter.clone());
                        move |_: MouseEvent| Action::LabelRefine {
                            field: "tagignore".to_string(), key: key.clone(), pattern: pattern.clone(),
                        }
                    });
                    html! {
                        <tr data-testid="labels-row">
                            <td class="num" data-col="weight">{ v.weight.clone() }</td>
                            <td class="num" data-col="pct">{ v.percent.clone() }</td>
                            <td><meter class="labels-bar" min="0" max="1000" value={v.permille.to_string()}></meter></td>
                            <td data-col="value">
                                <button type="button" class="link-button" data-testid="labels-focus" onclick={focus}
                                    disabled={v.filter.is_empty()}
                                    title={format!("Only samples with {}={}", k.key, v.value)}>{ v.value.clone() }</button>
                            </td>
                            <td><button type="button" class="chip-remove" data-testid="labels-ignore" onclick={ignore}
                                title={format!("Drop samples with {}={}", k.key, v.value)}
                                aria-label={format!("Ignore {}={}", k.key, v.value)}>{ "−" }</button></td>
                        </tr>
                    }
                }) }
            </tbody>
            </table>
        </div>
    }
}
