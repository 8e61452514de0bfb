//! The Details view (`data-testid="details-view"`, tab `view-details`): what the loaded
//! profile says about itself — sample types with their totals, period, duration, time,
//! counts, whether it is symbolized, frame rules, comments and mappings (pprof's `-raw`
//! header).
//!
//! Consumes the engine's [`DetailsView`]; produces tables. Text only.

use crate::session::DetailsView;
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`DetailsPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct DetailsPanelProps {
    /// The engine's answer, once there.
    pub view: Option<Rc<DetailsView>>,
    /// Changes (a sample type's name switches to it).
    pub on_action: Callback<Action>,
    /// The view was painted.
    pub on_painted: Callback<()>,
}

/// The Details view.
#[component]
pub fn DetailsPanel(props: &DetailsPanelProps) -> Html {
    {
        let (painted, has) = (props.on_painted.clone(), props.view.is_some());
        use_effect_with(props.view.clone(), move |_| {
            if has {
                painted.emit(());
            }
        });
    }
    let Some(view) = &props.view else {
        return html! { <p class="view-loading" aria-busy="true">{ "Reading the profile…" }</p> };
    };
    html! {
        <section class="details-view" data-testid="details-view">
            <h2>{ "Sample types" }</h2>
            <table class="details-table" data-testid="details-sample-types">
                <thead><tr><th>{ "type" }</th><th>{ "unit" }</th><th class="num">{ "total" }</th><th></th></tr></thead>
                <tbody>
                { for view.sample_types.iter().map(|t| {
                    let name = t.name.clone();
                    let pick = props.on_action.reform(move |_: MouseEvent| Action::SampleType(name.clone()));
                    html! {
                        <tr data-testid="details-sample-type" data-name={t.name.clone()}>
                            <td><button type="button" class="link" onclick={pick}
                                title="Show this sample type">{ t.name.clone() }</button></td>
                            <td>{ t.unit.clone() }</td>
                            <td class="num" data-col="total">{ t.total.clone() }</td>
                            <td>{ if t.default { "pprof's default" } else { "" } }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <h2>{ "Profile" }</h2>
            <table class="details-table" data-testid="details-facts">
                <tbody>
                { for view.facts.iter().map(|(k, v)| html! {
                    <tr><th scope="row">{ k.clone() }</th><td>{ v.clone() }</td></tr>
                }) }
                </tbody>
            </table>
            if !view.comments.is_empty() {
                <h2>{ "Comments" }</h2>
                <ul class="details-comments">{ for view.comments.iter().map(|c| html! { <li>{ c.clone() }</li> }) }</ul>
            }
            <h2>{ format!("Mappings ({})", view.mappings.len()) }</h2>
            if view.mappings.is_empty() {
                <p>{ "None: the profile names no binaries or libraries." }</p>
            } else {
                <table class="details-table" data-testid="details-mappings">
                    <thead><tr><th>{ "file" }</th><th>{ "build id" }</th><th>{ "addresses" }</th><th>{ "offset" }</th><th>{ "has" }</th></tr></thead>
                    <tbody>
                    { for view.mappings.iter().map(|m| html! {
                        <tr>
                            <td>{ m.file.clone() }</td><td class="mono">{ m.build_id.clone() }</td>
                            <td class="mono">{ m.range.clone() }</td><td class="mono">{ m.offset.clone() }</td>
                            <td>{ m.flags.clone() }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
