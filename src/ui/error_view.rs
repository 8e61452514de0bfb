//! A failed load: what went wrong, naming the file.
//!
//! Consumes an [`ErrorReport`]; produces `data-testid="error"` with "file: message" as plain
//! text. The page around it stays usable: the next file loads as usual.

use crate::session::ErrorReport;
use yew::prelude::*;

/// Properties of [`ErrorView`].
#[derive(Clone, PartialEq, Properties)]
pub struct ErrorViewProps {
    /// The failure.
    pub error: ErrorReport,
}

/// The error message.
#[component]
pub fn ErrorView(props: &ErrorViewProps) -> Html {
    html! {
        <section class="error-box" role="alert">
            <h2>{ if props.error.file.is_some() { "Could not load the profile" } else { "The viewer ran into a problem" } }</h2>
            <p class="error-text" data-testid="error">{ props.error.to_string() }</p>
        </section>
    }
}
