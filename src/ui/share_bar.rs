//! Sharing the view (`data-testid="share-bar"`): **Copy link** (`copy-link`), **Copy summary
//! for ticket** (`copy-summary`, Markdown shown in a box as well), the exports
//! (`export-tsv`, `export-md`) and the embedded-profile link.
//!
//! Consumes what the app can do (callbacks that ask the worker and copy or download);
//! produces buttons and the text the last action produced. Computes nothing itself.

use crate::session::ExportKind;
use yew::prelude::*;

/// Properties of [`ShareBar`].
#[derive(Clone, PartialEq, Properties)]
pub struct ShareBarProps {
    /// Copies the current link.
    pub on_copy_link: Callback<()>,
    /// Asks for an export.
    pub on_export: Callback<ExportKind>,
    /// Text to show (the summary, a status line), once there.
    pub shown: Option<(String, String)>,
    /// Closes the shown text.
    pub on_close: Callback<()>,
}

/// The share bar.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let button = |id: &'static str,
                  label: &'static str,
                  title: &'static str,
                  cb: Callback<MouseEvent>| {
        html! {
            <button type="button" class="button small" data-testid={id} title={title} onclick={cb}>{ label }</button>
        }
    };
    let export = |kind: ExportKind| props.on_export.reform(move |_: MouseEvent| kind.clone());
    html! {
        <div class="share-bar" data-testid="share-bar">
            { button("copy-link", "Copy link", "Copy a link to this exact view (profile URL, filters, zoom, search, sort)",
                props.on_copy_link.reform(|_: MouseEvent| ())) }
            { button("copy-summary", "Copy summary for ticket", "Markdown: profile, type, total, filters, base, the top 10 rows and the link",
                export(ExportKind::Summary)) }
            { button("export-tsv", "Top as TSV", "Download the top table as tab-separated values", export(ExportKind::TopTsv)) }
            { button("export-md", "Top as Markdown", "Download the top table as a Markdown table", export(ExportKind::TopMarkdown)) }
            if let Some((title, text)) = &props.shown {
                <div class="share-shown" data-testid="share-shown" role="status">
                    <div class="share-shown-head">
                        <span>{ title.clone() }</span>
                        <button type="button" class="button small" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
                    </div>
                    if !text.is_empty() {
                        <textarea readonly=true data-testid="share-text" rows="8" value={text.clone()} />
                    }
                </div>
            }
        </div>
    }
}
