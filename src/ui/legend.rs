//! The profile header above the table: pprof's legend lines, the files, and warnings.
//!
//! Consumes the loaded profile's summary, the current top page (its legend depends on the
//! sample type) and the link's notices; produces `data-testid="legend"` (file names, then
//! pprof's own lines: `Type:`, `Time:`, `Duration:`, "Showing nodes accounting for …") and
//! `data-testid="warnings"`. Text only: names from the profile are never markup.

use crate::session::{Summary, TopPage};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Legend`].
#[derive(Clone, PartialEq, Properties)]
pub struct LegendProps {
    /// The loaded profile.
    pub summary: Summary,
    /// The current page of the top table (carries the legend lines).
    pub page: Option<Rc<TopPage>>,
    /// Problems with the link.
    pub notices: Vec<String>,
}

/// The legend and warnings.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let s = &props.summary;
    let warnings: Vec<&String> = props.notices.iter().chain(s.warnings.iter()).collect();
    let lines = props
        .page
        .as_ref()
        .map(|p| p.legend.clone())
        .unwrap_or_default();
    html! {
        <section class="legend-bar">
            <div class="legend" data-testid="legend">
                <div class="legend-files" title="Files (merged when several)">
                    { s.files.join(" + ") }
                    <span class="legend-samples">{ format!(" · {} samples", s.samples) }</span>
                </div>
                { for lines.iter().map(|l| html! { <div class="legend-line">{ l.clone() }</div> }) }
            </div>
            if !warnings.is_empty() {
                <ul class="warnings" data-testid="warnings">
                    { for warnings.iter().map(|w| html! { <li>{ (*w).clone() }</li> }) }
                </ul>
            }
        </section>
    }
}
