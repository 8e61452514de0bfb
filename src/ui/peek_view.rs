//! The Peek view (`data-testid="peek-view"`, tab `view-peek`): for every node the search
//! regex names (or the function picked in another view), its callers above and its callees
//! below with each call's value, as `pprofview peek REGEX` prints them.
//!
//! Consumes the engine's [`PeekView`]; produces one table block per node. A name peeks at
//! that function. Text only: names from the profile are never markup.

use crate::report::{PeekBlock, PeekCall};
use crate::session::PeekView;
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`PeekPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct PeekPanelProps {
    /// The engine's answer, once there.
    pub view: Option<Rc<PeekView>>,
    /// Whether there is anything to peek at (a search, or a picked function).
    pub asked: bool,
    /// Changes.
    pub on_action: Callback<Action>,
    /// The view was painted.
    pub on_painted: Callback<()>,
}

/// The Peek view.
#[component]
pub fn PeekPanel(props: &PeekPanelProps) -> Html {
    {
        let (painted, has) = (
            props.on_painted.clone(),
            props.view.is_some() || !props.asked,
        );
        use_effect_with(props.view.clone(), move |_| {
            if has {
                painted.emit(());
            }
        });
    }
    if !props.asked {
        return html! {
            <section class="peek-view empty" data-testid="peek-view">
                <p>{ "Type a regular expression in the search box, or right-click a frame of the flame graph and pick " }
                    <b>{ "Peek" }</b>{ ", to see who calls it and what it calls (pprof's -peek)." }</p>
            </section>
        };
    }
    let Some(view) = &props.view else {
        return html! { <p class="view-loading" aria-busy="true">{ "Finding callers and callees…" }</p> };
    };
    if !view.problem.is_empty() {
        return html! {
            <section class="peek-view empty" data-testid="peek-view">
                <p data-testid="peek-problem">{ view.problem.clone() }</p>
            </section>
        };
    }
    html! {
        <section class="peek-view" data-testid="peek-view">
            <p class="peek-regex">{ format!("Peek at {}", view.request.regex) }</p>
            <table class="peek-table">
                <thead><tr>
                    <th class="num">{ "flat" }</th><th class="num">{ "flat%" }</th><th class="num">{ "sum%" }</th>
                    <th class="num">{ "cum" }</th><th class="num">{ "cum%" }</th>
                    <th class="num">{ "calls" }</th><th class="num">{ "calls%" }</th><th>{ "context" }</th>
                </tr></thead>
                { for view.blocks.iter().map(|b| block(b, &props.on_action)) }
            </table>
        </section>
    }
}

fn block(b: &PeekBlock, on_action: &Callback<Action>) -> Html {
    let [flat, flat_pct, sum_pct, cum, cum_pct] = b.cells.clone();
    html! {
        <tbody class="peek-block" data-testid="peek-block" data-name={b.name.clone()}>
            { for b.callers.iter().map(|c| call(c, "caller", on_action)) }
            <tr class="peek-node" data-testid="peek-row" data-kind="node">
                <td class="num" data-col="flat">{ flat }</td>
                <td class="num" data-col="flat%">{ flat_pct.trim().to_string() }</td>
                <td class="num" data-col="sum%">{ sum_pct.trim().to_string() }</td>
                <td class="num" data-col="cum">{ cum }</td>
                <td class="num" data-col="cum%">{ cum_pct.trim().to_string() }</td>
                <td></td><td></td>
                <td data-col="name" class="peek-name">{ b.name.clone() }</td>
            </tr>
            { for b.callees.iter().map(|c| call(c, "callee", on_action)) }
        </tbody>
    }
}

fn call(c: &PeekCall, kind: &'static str, on_action: &Callback<Action>) -> Html {
    let name = c.name.clone();
    let open = on_action.reform(move |_: MouseEvent| Action::Peek(vec![name.clone()]));
    let arrow = if kind == "caller" { "↑ " } else { "↓ " };
    html! {
        <tr class={classes!("peek-call", kind)} data-testid="peek-row" data-kind={kind}>
            <td></td><td></td><td></td><td></td><td></td>
            <td class="num" data-col="value">{ c.value.clone() }</td>
            <td class="num" data-col="pct">{ c.pct.trim().to_string() }</td>
            <td data-col="name">
                <span class="peek-arrow" aria-hidden="true">{ arrow }</span>
                <button type="button" class="trace-frame" onclick={open} title="Peek at this function">{ c.name.clone() }</button>
                if c.inline { <span class="trace-inline">{ " (inline)" }</span> }
            </td>
        </tr>
    }
}
