//! What the page shows while no profile is loaded: how to open one, and that nothing leaves
//! the machine.
//!
//! Consumes the example callback and the link's notices; produces the drop hint. It must not
//! promise anything this build cannot do.

use yew::prelude::*;

/// Properties of [`EmptyState`].
#[derive(Clone, PartialEq, Properties)]
pub struct EmptyStateProps {
    /// Loads the bundled example.
    pub on_example: Callback<()>,
    /// Problems with the link.
    pub notices: Vec<String>,
    /// The local files a link was made from (`file=`), when it names no URL: the profile
    /// stayed on its author's machine.
    #[prop_or_default]
    pub link_files: Vec<String>,
}

/// The empty state.
#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    let on_example = props.on_example.reform(|_: MouseEvent| ());
    html! {
        <section class="empty-state" data-testid="empty-state">
            if !props.link_files.is_empty() {
                <div class="link-files" data-testid="link-files" role="status">
                    <p>
                        { format!("This link shows a view of {}, a file on its author's computer. ", props.link_files.join(" + ")) }
                        { "The profile never left that machine, so it cannot be opened from here: drop the same file on this page and the view (filters, zoom, search) is applied to it." }
                    </p>
                    <p class="muted">
                        { "To share a view that opens by itself, host the profile where your colleagues can fetch it (the link then carries its URL), or use " }
                        <strong>{ "Embed profile in link" }</strong>{ " for a small profile." }
                    </p>
                </div>
            }
            <h2>{ "Drop a pprof profile anywhere on this page" }</h2>
            <p>
                { "or use " }<strong>{ "Open…" }</strong>{ " (several files are merged), paste a file, or " }
                <button type="button" class="link-button" onclick={on_example}>{ "load the example" }</button>
                { "." }
            </p>
            <p class="muted">
                { "Go profiles from " }<code>{ "net/http/pprof" }</code>{ ", " }
                <code>{ "go test -cpuprofile" }</code>{ " or " }<code>{ "runtime/pprof" }</code>
                { ": " }<code>{ ".pb.gz" }</code>{ " or raw " }<code>{ ".pb" }</code>{ "." }
            </p>
            <p class="muted">
                { "The profile is read and analysed inside this browser tab. It is not uploaded anywhere." }
            </p>
            if !props.notices.is_empty() {
                <ul class="warnings" data-testid="warnings">
                    { for props.notices.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}
