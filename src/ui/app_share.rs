//! The app's side of sharing: what Copy link and the exports do with the worker's answers
//! (copy to the clipboard, show, or download).

use super::app_ctx::Ctx;
use crate::query::SiblingOrder;
use crate::render::{draw_flame_image, flame_image_size, flame_svg_measured, Painter};
use crate::session::{svg_options, ExportKind, ExportRequest, Exported, FlameGraph};
use crate::state::embed::{EMBED_NAME, MAX_EMBED_BYTES};
use crate::state::{Action, AppState};
use crate::web::canvas::CanvasPainter;
use crate::web::page;
use std::rc::Rc;
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

/// Loads the profile a link carries (`embed=`), with no request.
pub(super) fn open_embedded(ctx: &Ctx, text: &str) {
    let file = crate::state::embed::decode(text).and_then(|bytes| {
        page::bytes_file(EMBED_NAME, &bytes)
            .ok_or_else(|| "the browser refused the embedded profile".to_string())
    });
    match file {
        Ok(file) => ctx.load(super::app_ctx::Input::Files(vec![file]), false),
        Err(message) => ctx
            .dispatch
            .dispatch(Action::Failed(crate::session::ErrorReport {
                file: Some(EMBED_NAME.to_string()),
                message,
            })),
    }
}

/// Embeds the loaded profile in the link (its whole profile.proto, gzipped, when small
/// enough) and copies the new link.
pub(super) fn embed(ctx: &Ctx, state: &AppState, shown: &Shown) -> Callback<()> {
    let (ctx, shown) = (ctx.clone(), shown.clone());
    let link = state.link.clone();
    let request = ExportRequest {
        kind: ExportKind::Proto,
        // The whole profile: the link's own keys say how to show it.
        query: crate::query::Query::default(),
        ..ExportRequest::default()
    };
    Callback::from(move |_| {
        let (shown, link, dispatch) = (shown.clone(), link.clone(), ctx.dispatch.clone());
        ctx.export(
            request.clone(),
            Callback::from(move |done: Exported| {
                if done.data.len() > MAX_EMBED_BYTES {
                    shown.set(Some((
                        format!(
                            "This profile is {} kB gzipped; links carry at most {} kB. Host the file instead (the link then carries its URL).",
                            done.data.len() / 1024,
                            MAX_EMBED_BYTES / 1024
                        ),
                        String::new(),
                    )));
                    return;
                }
                let text = crate::state::embed::encode(&done.data);
                let mut embedded = link.clone();
                embedded.embed = text.clone();
                embedded.urls.clear();
                let href = format!("{}#{}", page::href_without_fragment(), embedded.to_fragment());
                dispatch.dispatch(Action::Embedded(text));
                page::copy_text(&href);
                shown.set(Some((
                    "Link with the profile inside copied (anyone who can read it can read the profile):".to_string(),
                    href,
                )));
            }),
        );
    })
}

/// The flame graph as the screen shows it (zoom, order, orientation, palette, size) with its
/// legend, as an SVG or a PNG download, drawn by the page's own flame code; SVG labels are
/// fitted with the canvas's text measure, so they are the labels on screen.
pub(super) fn flame_image(
    graph: Option<Rc<FlameGraph>>,
    state: &AppState,
    shown: &Shown,
    png: bool,
) -> Callback<()> {
    let (shown, link) = (shown.clone(), state.link.clone());
    let stem = state
        .summary
        .as_ref()
        .and_then(|s| s.files.first().cloned())
        .unwrap_or_default();
    Callback::from(move |_| {
        let Some(graph) = graph.as_ref() else {
            shown.set(Some((
                "Open the flame graph first.".to_string(),
                String::new(),
            )));
            return;
        };
        let tree = match link.options.order {
            SiblingOrder::ByName => graph.tree.reordered(SiblingOrder::ByName),
            SiblingOrder::ByWeight => graph.tree.clone(),
        };
        let mut options = svg_options(graph);
        if let Some((w, h)) = page::element_size("[data-testid=flame-canvas]") {
            options.width = w.max(100.0);
            options.height = Some(h.max(50.0));
        }
        options.zoom = link.p.clone();
        options.orientation = link.options.orientation;
        options.palette = link.options.palette;
        let Some(mut painter) = page::offscreen_canvas().and_then(CanvasPainter::new) else {
            shown.set(Some((
                "This browser cannot draw the image.".to_string(),
                String::new(),
            )));
            return;
        };
        let base = file_base(&stem);
        let status = if png {
            let (w, h) = flame_image_size(&tree, &options);
            painter.begin(w, h);
            draw_flame_image(&mut painter, &tree, &options);
            page::download_png(painter.canvas(), &format!("{base}-flame.png"))
                .map(|()| format!("Downloaded {base}-flame.png"))
        } else {
            painter.begin(1.0, 1.0);
            let mut measure = |t: &str| painter.text_width(t);
            let svg = flame_svg_measured(&tree, &options, &mut measure);
            let name = format!("{base}-flame.svg");
            page::download(&name, "image/svg+xml", svg.as_bytes())
                .map(|()| format!("Downloaded {name}"))
        };
        shown.set(Some((status.unwrap_or_else(|e| e), String::new())));
    })
}

/// A file-name stem from a profile's name: its last path segment without `.pb.gz`.
fn file_base(name: &str) -> String {
    let last = name.rsplit('/').next().unwrap_or(name);
    let last = last.split(['?', '#']).next().unwrap_or(last);
    let stem: String = last
        .trim_end_matches(".gz")
        .trim_end_matches(".pb")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "profile".to_string()
    } else {
        stem
    }
}
