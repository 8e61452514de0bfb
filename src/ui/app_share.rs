//! The app's side of sharing: what Copy link and the exports do with the worker's answers
//! (copy to the clipboard, show, or download).

use super::app_ctx::Ctx;
use crate::session::{ExportKind, ExportRequest, Exported};
use crate::state::AppState;
use crate::web::page;
use yew::prelude::*;

/// The text shown after a share action: a title and the text (empty: none).
pub(super) type Shown = UseStateHandle<Option<(String, String)>>;

/// Copy link: the page's address, fragment included.
pub(super) fn copy_link(shown: &Shown) -> Callback<()> {
    let shown = shown.clone();
    Callback::from(move |_| {
        let link = page::href();
        page::copy_text(&link);
        shown.set(Some(("Link copied:".to_string(), link)));
    })
}

/// An export of the state's view: the summary is copied and shown, files are downloaded.
pub(super) fn export(ctx: &Ctx, state: &AppState, shown: &Shown) -> Callback<ExportKind> {
    let (ctx, shown) = (ctx.clone(), shown.clone());
    let base = ExportRequest {
        query: state.query().clone(),
        sort: state.sort(),
        search: state.link.q.clone(),
        kind: ExportKind::TopTsv,
        link: String::new(),
        title: state
            .summary
            .as_ref()
            .map(|s| s.files.join(" + "))
            .unwrap_or_default(),
    };
    Callback::from(move |kind: ExportKind| {
        let request = ExportRequest {
            kind,
            link: page::href(),
            ..base.clone()
        };
        let shown = shown.clone();
        ctx.export(
            request,
            Callback::from(move |done: Exported| {
                let text = String::from_utf8_lossy(&done.data).into_owned();
                if done.request.kind == ExportKind::Summary {
                    page::copy_text(&text);
                    shown.set(Some(("Summary copied (Markdown):".to_string(), text)));
                } else {
                    let status = match page::download(&done.file_name, &done.mime, &done.data) {
                        Ok(()) => format!("Downloaded {}", done.file_name),
                        Err(e) => format!("Could not download {}: {e}", done.file_name),
                    };
                    shown.set(Some((status, String::new())));
                }
            }),
        );
    })
}
