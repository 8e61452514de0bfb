//! Sharing the view (`data-testid="share-bar"`): **Copy link** (`copy-link`), **Copy summary
//! for ticket** (`copy-summary`, Markdown shown in a box as well), the exports (`export-svg`,
//! `export-png`, `export-tsv`, `export-md`, `download-profile`) and **Embed profile in link**
//! (`embed-link`, after a plain warning: `embed-confirm`).
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
    /// The flame graph as SVG.
    pub on_svg: Callback<()>,
    /// The flame graph as PNG.
    pub on_png: Callback<()>,
    /// Embeds the profile in the link (after the warning).
    pub on_embed: Callback<()>,
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
    let warning = use_state(|| false);
    let ask = {
        let warning = warning.clone();
        Callback::from(move |_: MouseEvent| warning.set(true))
    };
    let confirm = {
        let (warning, embed) = (warning.clone(), props.on_embed.clone());
        Callback::from(move |_: MouseEvent| {
            warning.set(false);
            embed.emit(());
        })
    };
    let cancel = {
        let warning = warning.clone();
        Callback::from(move |_: MouseEvent| warning.set(false))
    };
    let unit = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <div class="share-bar" data-testid="share-bar">
            { button("copy-link", "Copy link", "Copy a link to this exact view (profile URL, filters, zoom, search, sort)",
                props.on_copy_link.reform(|_: MouseEvent| ())) }
            { button("copy-summary", "Copy summary for ticket", "Markdown: profile, type, total, filters, base, the top 10 rows and the link",
                export(ExportKind::Summary)) }
            { button("export-tsv", "Top as TSV", "Download the top table as tab-separated values", export(ExportKind::TopTsv)) }
            { button("export-md", "Top as Markdown", "Download the top table as a Markdown table", export(ExportKind::TopMarkdown)) }
            { button("export-svg", "Flame SVG", "Download the flame graph as shown (zoom, colours, legend) as SVG", unit(&props.on_svg)) }
            { button("export-png", "Flame PNG", "Download the flame graph as shown as a PNG image", unit(&props.on_png)) }
            { button("download-profile", "Download profile", "The profile as shown (merged, compared, filtered) as .pb.gz: go tool pprof opens it with the same top", export(ExportKind::Proto)) }
            { button("embed-link", "Embed profile in link", "Put a small profile (up to 64 kB gzipped) inside the link itself", ask) }
            if *warning {
                <div class="share-shown share-warning" data-testid="embed-warning" role="alertdialog">
                    <p>{ "The link will contain the whole profile: function names, file paths and labels. Anyone who can read the ticket or chat it is pasted into can read the profile. The link's fragment never reaches a server. Profiles up to 64 kB gzipped fit." }</p>
                    <div class="share-shown-head">
                        <button type="button" class="button small" data-testid="embed-confirm" onclick={confirm}>{ "Embed and copy link" }</button>
                        <button type="button" class="button small" onclick={cancel}>{ "Cancel" }</button>
                    </div>
                </div>
            }
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
