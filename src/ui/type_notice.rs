//! The notice shown when the sample type on screen is zero in every sample (e.g. pprof's
//! default type of a profile that records many kinds of events), naming the types that have
//! data and offering them (`data-testid="empty-type"`).
//!
//! Consumes the loaded profile's summary and the type shown; produces the notice, or
//! nothing, and `Action::SampleType` when a type is picked. The command line keeps pprof's
//! choice; only the page explains it.

use crate::session::Summary;
use crate::state::Action;
use yew::prelude::*;

/// Properties of [`EmptyTypeNotice`].
#[derive(Clone, PartialEq, Properties)]
pub struct EmptyTypeNoticeProps {
    /// The loaded profile.
    pub summary: Summary,
    /// The sample type shown.
    pub sample_type: String,
    /// Changes.
    pub on_action: Callback<Action>,
}

/// The notice.
#[component]
pub fn EmptyTypeNotice(props: &EmptyTypeNoticeProps) -> Html {
    let s = &props.summary;
    let shown = s.sample_types.iter().find(|t| t.name == props.sample_type);
    if !shown.is_some_and(|t| t.zero) {
        return html! {};
    }
    let with_data: Vec<_> = s.sample_types.iter().filter(|t| !t.zero).collect();
    let default = props.sample_type == s.default_sample_type;
    html! {
        <section class="empty-type" data-testid="empty-type" role="status">
            <p>
                { format!("Every sample's {} is zero in this profile, so the views are empty", props.sample_type) }
                { if default { " (it is the type pprof shows by default)." } else { "." } }
                if with_data.is_empty() {
                    { " No sample type has data." }
                } else {
                    { " These types have data:" }
                }
            </p>
            if !with_data.is_empty() {
                <div class="empty-type-choices">
                    { for with_data.iter().map(|t| {
                        let name = t.name.clone();
                        let pick = props.on_action.reform(move |_: MouseEvent| Action::SampleType(name.clone()));
                        html! {
                            <button type="button" class="button small" data-testid="empty-type-choice"
                                data-name={t.name.clone()} onclick={pick}>
                                { format!("{} · {}", t.name, t.total) }
                            </button>
                        }
                    }) }
                </div>
            }
        </section>
    }
}
