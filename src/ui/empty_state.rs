//! What the page shows while no profile is loaded.
//!
//! Consumes nothing; produces a short, honest note: loading profiles in the page arrives with
//! the viewer in the next version, and the CLI already prints pprof's top report. It must not
//! promise anything this build cannot do.

use yew::prelude::*;

/// The empty state.
#[component]
pub fn EmptyState() -> Html {
    html! {
        <section class="empty-state" data-testid="empty-state">
            <h2>{ "No profile loaded" }</h2>
            <p>
                { "Once the viewer lands in the next version, you can drop pprof profiles " }
                { "(" }<code>{ ".pb.gz" }</code>{ ", " }<code>{ ".pb" }</code>{ ") here." }
            </p>
            <p>
                { "Until then, the command-line tool prints pprof's top report: " }
                <code>{ "pprofview top profile.pb.gz" }</code>
            </p>
        </section>
    }
}
