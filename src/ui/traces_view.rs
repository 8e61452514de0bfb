//! The Traces view (`data-testid="traces-view"`, tab `view-traces`): the distinct stacks of
//! the filtered profile, heaviest first, as `pprofview traces` prints each with identical
//! stacks merged; for goroutine profiles the pile-ups in words on top.
//!
//! Consumes the engine's [`TracesView`]; produces one block per stack (value, share, how
//! many samples or goroutines, labels, frames leaf first). A frame's name opens its callers
//! view. Text only: names and labels from the profile are never markup.

use crate::session::{TraceGroupView, TracesView};
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`TracesPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct TracesPanelProps {
    /// The engine's answer, once there.
    pub view: Option<Rc<TracesView>>,
    /// Changes.
    pub on_action: Callback<Action>,
    /// The view was painted.
    pub on_painted: Callback<()>,
}

/// The Traces view.
#[component]
pub fn TracesPanel(props: &TracesPanelProps) -> Html {
    {
        let (painted, has) = (props.on_painted.clone(), props.view.is_some());
        use_effect_with(props.view.clone(), move |_| {
            if has {
                painted.emit(());
            }
        });
    }
    let Some(view) = &props.view else {
        return html! { <p class="view-loading" aria-busy="true">{ "Listing the stacks…" }</p> };
    };
    let noun = if view.goroutines {
        "goroutines"
    } else {
        "samples"
    };
    let shown = view.groups.len() as u64;
    let count = if shown < view.stacks {
        format!(
            "{} distinct stacks; the heaviest {shown} are listed",
            view.stacks
        )
    } else {
        format!("{} distinct stacks", view.stacks)
    };
    html! {
        <section class="traces-view" data-testid="traces-view">
            if !view.pileups.is_empty() {
                <div class="traces-pileups" data-testid="traces-summary">
                    <h2>{ "Pile-ups" }</h2>
                    <ul>{ for view.pileups.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
                </div>
            }
            <p class="traces-count" data-testid="traces-count">{ count }</p>
            { for view.groups.iter().map(|g| group(g, view.goroutines, noun, &props.on_action)) }
        </section>
    }
}

fn group(g: &TraceGroupView, goroutines: bool, noun: &str, on_action: &Callback<Action>) -> Html {
    // A goroutine profile's value is the number of goroutines; otherwise say how many
    // samples were merged when more than one.
    let merged = if goroutines {
        let noun = if g.value == "1" { "goroutine" } else { noun };
        format!("{} {noun}", g.value)
    } else if g.samples > 1 {
        format!("{} · {} samples", g.value, g.samples)
    } else {
        g.value.clone()
    };
    html! {
        <article class="trace" data-testid="trace" data-value={g.value.clone()} data-samples={g.samples.to_string()}>
            <header class="trace-head">
                <span class="trace-value" data-testid="trace-value">{ merged }</span>
                <span class="trace-pct">{ g.percent.clone() }</span>
                { for g.labels.iter().map(|l| html! { <span class="trace-label" data-testid="trace-label">{ l.clone() }</span> }) }
            </header>
            <ol class="trace-frames">
                { for g.frames.iter().map(|f| {
                    let name = f.name.clone();
                    let open = on_action.reform(move |_: MouseEvent| Action::Sandwich(vec![name.clone()]));
                    html! {
                        <li data-testid="trace-frame">
                            <button type="button" class="trace-frame" onclick={open}
                                title="Open its callers and callees">{ f.name.clone() }</button>
                            if f.inline { <span class="trace-inline">{ " (inline)" }</span> }
                        </li>
                    }
                }) }
            </ol>
        </article>
    }
}
