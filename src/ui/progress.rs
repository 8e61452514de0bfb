//! The load indicator: stage, file and bytes, while a profile loads.
//!
//! Consumes what is loading and the engine's last progress report; produces
//! `data-testid="progress"` with a `<progress>` bar (indeterminate while the stage has no
//! byte count). It only shows numbers it is given.

use crate::session::Progress;
use yew::prelude::*;

/// Properties of [`LoadProgress`].
#[derive(Clone, PartialEq, Properties)]
pub struct LoadProgressProps {
    /// What is loading.
    pub label: String,
    /// The last progress report.
    pub progress: Option<Progress>,
}

fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

/// The load indicator.
#[component]
pub fn LoadProgress(props: &LoadProgressProps) -> Html {
    let (text, value) = match &props.progress {
        None => (format!("starting · {}", props.label), None),
        Some(p) => {
            let file = if p.file.is_empty() {
                &props.label
            } else {
                &p.file
            };
            let amount = match (p.done, p.total) {
                (0, 0) => String::new(),
                (d, 0) => format!(" · {}", megabytes(d)),
                (d, t) => format!(" · {} of {}", megabytes(d), megabytes(t)),
            };
            let fraction = (p.total > 0).then(|| (p.done as f64 / p.total as f64).min(1.0));
            (format!("{} {file}{amount}", p.stage.verb()), fraction)
        }
    };
    html! {
        <section class="load-progress" data-testid="progress" aria-live="polite">
            <p>{ text }</p>
            if let Some(v) = value {
                <progress max="1" value={v.to_string()}></progress>
            } else {
                <progress></progress>
            }
        </section>
    }
}
