//! The Source view (`data-testid="source-view"`, tab `view-source`): pprof's `-list` for
//! the picked function (or the search regex), per file a `ROUTINE` header, its flat and
//! cum, and its lines with their values, hot lines highlighted; with the source text once
//! the user picks the folder holding it or the link names a `src=` template.
//!
//! Consumes the engine's [`SourceView`] and the [`SourceFiles`] found so far; produces the
//! tables, the folder picker and drop target, and messages for files without text. Text
//! only: names and source lines from the profile or the files are never markup.

use super::source_drop::{dropped_entries, walk_entries};
use super::source_files::{find_texts, relative_path, SourceFiles, SourceFilesAction};
use crate::session::{SourceFileView, SourceLineView, SourceView};
use crate::state::source_url::source_url;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`SourcePanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct SourcePanelProps {
    /// The engine's answer, once there.
    pub view: Option<Rc<SourceView>>,
    /// Whether there is anything to list (a picked function or a search).
    pub asked: bool,
    /// The picked source files and the texts found.
    pub files: UseReducerHandle<SourceFiles>,
    /// The link's `src=` template (empty: none).
    pub template: String,
    /// The view was painted.
    pub on_painted: Callback<()>,
}

/// The Source view.
#[component]
pub fn SourcePanel(props: &SourcePanelProps) -> Html {
    {
        let (painted, has) = (
            props.on_painted.clone(),
            props.view.is_some() || !props.asked,
        );
        use_effect_with(props.view.clone(), move |_| {
            if has {
                painted.emit(());
            }
        });
    }
    {
        let (files, template) = (props.files.clone(), props.template.clone());
        use_effect_with(
            (props.view.clone(), files.clone(), template),
            move |(view, files, template)| {
                if let Some(view) = view {
                    find_texts(view, files, template, &files.dispatcher());
                }
            },
        );
    }
    let dispatch = props.files.dispatcher();
    let on_pick = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let files = crate::web::page::files_of(input.files());
            if !files.is_empty() {
                let paths = files.iter().map(relative_path).collect();
                dispatch.dispatch(SourceFilesAction::Picked(files, paths));
            }
        })
    };
    let on_drop = Callback::from(move |e: DragEvent| {
        // The window would open the files as a new profile.
        e.prevent_default();
        e.stop_propagation();
        let Some(transfer) = e.data_transfer() else {
            return;
        };
        let entries = dropped_entries(&transfer);
        // Without entries (files a script put in the drop), the files as they are.
        let plain = crate::web::page::files_of(transfer.files());
        let dispatch = dispatch.clone();
        // Folders are walked after the event: their entries were taken during it.
        wasm_bindgen_futures::spawn_local(async move {
            let (mut files, mut paths) = walk_entries(entries).await;
            if files.is_empty() {
                paths = plain.iter().map(relative_path).collect();
                files = plain;
            }
            if !files.is_empty() {
                dispatch.dispatch(SourceFilesAction::Picked(files, paths));
            }
        });
    });
    let on_over = Callback::from(|e: DragEvent| {
        e.prevent_default();
        e.stop_propagation();
    });
    let picked = props.files.files.len();
    let bar = html! {
        <div class="source-bar">
            <label class="button" title="Pick the folder holding the program's sources: the files stay on this machine">
                { "Choose source folder…" }
                <input type="file" multiple=true webkitdirectory=true class="visually-hidden"
                    data-testid="source-folder" onchange={on_pick} />
            </label>
            <span class="source-hint">
                { if picked == 0 { "or drop source files here. They are read in this tab, never uploaded.".to_string() }
                  else { format!("{picked} source files chosen (kept in this tab only)") } }
            </span>
            if !props.template.is_empty() {
                <span class="source-hint" data-testid="source-template">{ format!("Fetching missing files from {}", props.template) }</span>
            }
        </div>
    };
    let body = if !props.asked {
        html! {
            <p class="source-empty">{ "Right-click a frame of the flame graph or a row of the top table and pick " }
                <b>{ "Source" }</b>{ ", or type a regular expression in the search box, to see its source lines with their values (pprof's -list)." }</p>
        }
    } else if let Some(view) = &props.view {
        listing(view, &props.files, &props.template)
    } else {
        html! { <p class="view-loading" aria-busy="true">{ "Listing source lines…" }</p> }
    };
    html! {
        <section class="source-view" data-testid="source-view" ondrop={on_drop} ondragover={on_over}>
            { bar }
            { body }
        </section>
    }
}

/// The listing of every function and file.
fn listing(view: &SourceView, files: &SourceFiles, template: &str) -> Html {
    if !view.problem.is_empty() {
        return html! { <p class="source-empty" data-testid="source-problem">{ view.problem.clone() }</p> };
    }
    html! {
        <>
            <p class="source-total" data-testid="source-total">{ view.total.clone() }</p>
            { for view.functions.iter().map(|f| html! {
                <>
                    if f.files.is_empty() {
                        <p class="source-empty">{ format!("No source information for {}", f.name) }</p>
                    }
                    { for f.files.iter().map(|file| file_block(file, &f.name, files, template)) }
                </>
            }) }
        </>
    }
}

/// One function's part in one file.
fn file_block(file: &SourceFileView, function: &str, files: &SourceFiles, template: &str) -> Html {
    let missing = (!file.has_text).then(|| missing_text(file, files, template));
    html! {
        <article class="source-file" data-testid="source-file" data-file={file.file.clone()} data-function={function.to_string()}>
            <h3 class="source-routine" data-testid="source-routine">{ file.routine.clone() }</h3>
            <p class="source-totals" data-testid="source-totals">
                { format!("{:>10} {:>10} (flat, cum) {}", file.flat, file.cum, file.share) }
            </p>
            if let Some(message) = missing {
                <p class="source-missing" data-testid="source-missing" role="status">{ message }</p>
            }
            <table class={classes!("source-table", file.has_text.then_some("with-text"))}>
                <thead><tr>
                    <th class="num">{ "flat" }</th><th class="num">{ "cum" }</th>
                    <th class="heat-col"><span class="visually-hidden">{ "share of the hottest line" }</span></th>
                    <th class="num">{ "line" }</th><th>{ if file.has_text { "source" } else { "" } }</th>
                </tr></thead>
                <tbody>{ for file.rows.iter().map(row) }</tbody>
            </table>
        </article>
    }
}

/// Why `file` has no text yet, and how to give it.
fn missing_text(file: &SourceFileView, files: &SourceFiles, template: &str) -> String {
    let how = format!(
        "Choose the folder that contains {}, or add src=… to the link (see README).",
        file.file
    );
    match files.texts.get(&file.file) {
        Some(Err(why)) => format!("{why}. {how}"),
        Some(Ok(_)) => "Laying the text out…".to_string(),
        None if file.candidate.is_some() && !files.files.is_empty() => {
            format!("Reading {} from the chosen folder…", file.file)
        }
        None if !template.is_empty() => format!("Fetching {}…", source_url(template, &file.file)),
        None if !files.files.is_empty() => format!(
            "{} is not in the chosen folder (no file named {}). {how}",
            file.file,
            crate::query::go_base(&file.file)
        ),
        None => format!(
            "No source text for {}: only the lines with values are shown. {how}",
            file.file
        ),
    }
}

/// One line, with its inlined calls below it.
fn row(r: &SourceLineView) -> Html {
    // The background follows cum (what runs under the line), in five steps; a line with
    // any value gets at least the first. Two meters beside it give flat and cum.
    let heat = r.cum_heat.max(r.flat_heat / 2);
    let level = match heat {
        0 if r.flat_value == 0 && r.cum_value == 0 => 0,
        0..=199 => 1,
        200..=399 => 2,
        400..=599 => 3,
        600..=799 => 4,
        _ => 5,
    };
    let meter = |what: &str, value: &str, heat: u16| {
        let title = format!(
            "line {}: {what} {value}, {:.0}% of the function's largest {what}",
            r.line,
            f64::from(heat) / 10.0
        );
        html! {
            <meter class={format!("heat-{what}")} min="0" max="1000" value={heat.to_string()}
                title={title.clone()} aria-label={title} />
        }
    };
    html! {
        <>
            <tr class={classes!("source-line", format!("heat-{level}"))} data-testid="source-line"
                data-line={r.line.to_string()} data-heat={heat.to_string()}>
                <td class="num" data-col="flat">{ r.flat.clone() }</td>
                <td class="num" data-col="cum">{ r.cum.clone() }</td>
                <td class="heat-col">
                    if level > 0 {
                        { meter("flat", &r.flat, r.flat_heat) }
                        { meter("cum", &r.cum, r.cum_heat) }
                    }
                </td>
                <td class="num line-no" data-col="line">{ r.line.to_string() }</td>
                <td class="source-text" data-col="text">{ r.text.clone().unwrap_or_default() }</td>
            </tr>
            { for r.inlined.iter().map(|c| html! {
                <tr class="source-inline" data-testid="source-inline">
                    <td></td>
                    <td class="num" data-col="cum">{ c.value.clone() }</td>
                    <td></td><td></td>
                    <td class="source-text" data-col="text">
                        <span class="inline-mark" aria-hidden="true">{ "↳ " }</span>
                        { format!("inlined {} ({})", c.name, c.at) }
                    </td>
                </tr>
            }) }
        </>
    }
}
