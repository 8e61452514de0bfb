//! The page header: the tool's name in one dense bar.
//!
//! Consumes nothing; produces the `<header>`. Controls (file input, sample type, views) join
//! it when the viewer lands; it must stay one line high.

use yew::prelude::*;

/// The page header.
#[component]
pub fn Header() -> Html {
    html! {
        <header class="app-header">
            <svg class="logo" viewBox="0 0 16 16" aria-hidden="true">
                <rect x="0" y="11" width="16" height="5" rx="1" fill="#c2410c" />
                <rect x="1" y="6" width="10" height="4.5" rx="1" fill="#ea580c" />
                <rect x="12" y="6" width="4" height="4.5" rx="1" fill="#f59e0b" />
                <rect x="2" y="1" width="6" height="4.5" rx="1" fill="#fbbf24" />
            </svg>
            <h1>{ "pprofview" }</h1>
            <span class="tagline">{ "pprof profile viewer" }</span>
        </header>
    }
}
