//! The profile header above the table: pprof's legend lines, the files, and warnings.
//!
//! Consumes the loaded profile's summary, the current view's legend lines (they depend on
//! the sample type) and the link's notices; produces `data-testid="legend"` (file names, then
//! pprof's own lines: `Type:`, `Time:`, `Duration:`, "Showing nodes accounting for …") and
//! `data-testid="warnings"`. Text only: names from the profile are never markup.

use crate::report::digits;
use crate::session::Summary;
use yew::prelude::*;

/// Properties of [`Legend`].
#[derive(Clone, PartialEq, Properties)]
pub struct LegendProps {
    /// The loaded profile.
    pub summary: Summary,
    /// pprof's legend lines for the sample type shown, once the view has them.
    pub legend: Option<Vec<String>>,
    /// Problems with the link.
    pub notices: Vec<String>,
}

/// The legend and warnings.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    let s = &props.summary;
    let warnings: Vec<&String> = props.notices.iter().chain(s.warnings.iter()).collect();
    let lines = props.legend.clone().unwrap_or_default();
    html! {
        <section class="legend-bar">
            <div class="legend" data-testid="legend">
                <div class="legend-files" title={s.files.join("\n")}>
                    { s.files.iter().map(|f| short_name(f)).collect::<Vec<_>>().join(" + ") }
                    <span class="legend-samples">{ counts(s) }</span>
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

/// " · 26 samples", or for goroutine profiles " · 5,351 goroutines in 26 samples".
fn counts(s: &Summary) -> String {
    let samples = digits(s.samples as i64);
    match s.goroutines {
        Some(n) => format!(" · {} goroutines in {samples} samples", digits(n)),
        None => format!(" · {samples} samples"),
    }
}

/// A file name, or the last path segment of a URL (the full URL is in the tooltip).
fn short_name(name: &str) -> &str {
    if !name.contains("://") {
        return name;
    }
    let path = name.split(['?', '#']).next().unwrap_or(name);
    match path.rsplit('/').next() {
        Some(last) if !last.is_empty() => last,
        _ => name,
    }
}
