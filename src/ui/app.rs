//! The root component: page chrome, the empty state and the engine's status.
//!
//! Consumes nothing (it is mounted by `src/bin/app.rs`); produces the whole page, keeps
//! `<body data-state>` current and owns the engine worker for the page's lifetime. It must not
//! compute anything from profiles itself: that is the engine's job.

use super::{EmptyState, EngineStatus, EngineStatusBar, Header};
use crate::web::engine::{self, EngineRequest};
use crate::web::page::{set_body_state, LoadState};
use yew::prelude::*;

/// The app's root component.
#[component]
pub fn App() -> Html {
    // No profile can be loaded yet: the page is always empty.
    let load_state = LoadState::Empty;
    use_effect_with(load_state, |state| set_body_state(*state));

    let status = use_state(|| EngineStatus::Starting);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            let bridge = engine::spawn(move |reply| status.set(EngineStatus::from(reply)));
            bridge.send(EngineRequest::Hello);
            // The bridge lives as long as the app; dropping it stops the worker.
            move || drop(bridge)
        });
    }

    html! {
        <div class="app" data-testid="app">
            <Header />
            <main class="app-main">
                <EmptyState />
            </main>
            <EngineStatusBar status={(*status).clone()} />
        </div>
    }
}
