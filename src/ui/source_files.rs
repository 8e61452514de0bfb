//! Source text for the Source view, found on the user's machine or at the link's `src=`.
//!
//! Consumes the files the user picked or dropped (kept in memory as `File` objects, never
//! uploaded, never in the link), the link's `src=` template, and the engine's Source view
//! (which says, per listed file, which picked file holds it); produces the texts the next
//! Source request carries, read (`File.text()`) or fetched (`fetch`) only for the files the
//! view lists, only while the view is open, once each.

use super::app_ctx::Ctx;
use crate::session::{SourceRequest, SourceText, SourceView};
use crate::state::profile_url::{check_profile_url, UrlRole};
use crate::state::source_url::source_url;
use crate::state::{AppState, LoadPhase, View};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;
use yew::prelude::*;

/// The picked source files and the texts found so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceFiles {
    /// The picked files, in the order given.
    pub files: Vec<File>,
    /// Their paths inside the picked folder (`webkitRelativePath`, else the name).
    pub paths: Vec<String>,
    /// Per listed file (as the listing names it): its text, or why there is none.
    pub texts: BTreeMap<String, Result<String, String>>,
    /// Listed files being read or fetched.
    pub pending: BTreeSet<String>,
    /// Which pick the texts belong to (a read of an older pick is dropped).
    pub pick: u32,
    /// Which load the texts belong to (a new profile starts afresh).
    pub load: u64,
}

/// Changes to [`SourceFiles`].
pub enum SourceFilesAction {
    /// The user picked or dropped files (replacing the ones picked before), with their
    /// paths inside the picked or dropped folder.
    Picked(Vec<File>, Vec<String>),
    /// Reading or fetching a listed file started.
    Started(String),
    /// A listed file's text, or why there is none, for pick `pick` of load `load`.
    Found {
        /// The pick it was read for.
        pick: u32,
        /// The load it was read for.
        load: u64,
        /// The listed file.
        file: String,
        /// Its text, or the message.
        result: Result<String, String>,
    },
    /// Another profile was loaded: texts found for the last one are forgotten.
    Loaded(u64),
}

impl Reducible for SourceFiles {
    type Action = SourceFilesAction;

    fn reduce(self: Rc<Self>, action: SourceFilesAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SourceFilesAction::Picked(files, paths) => {
                next.paths = paths;
                next.files = files;
                next.texts.clear();
                next.pending.clear();
                next.pick = next.pick.wrapping_add(1);
            }
            SourceFilesAction::Started(file) => {
                next.pending.insert(file);
            }
            SourceFilesAction::Found {
                pick,
                load,
                file,
                result,
            } => {
                if pick != next.pick || load != next.load {
                    return self;
                }
                next.pending.remove(&file);
                next.texts.insert(file, result);
            }
            SourceFilesAction::Loaded(load) => {
                if load == next.load {
                    return self;
                }
                next.load = load;
                next.texts.clear();
                next.pending.clear();
            }
        }
        Rc::new(next)
    }
}

/// A picked file's path inside the picked folder (`webkitRelativePath`), else its name.
pub fn relative_path(file: &File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

/// The Source view's request for `state`, with the texts found so far; `None` when the
/// view is not shown or names nothing.
pub fn source_request(state: &AppState, files: &SourceFiles) -> Option<SourceRequest> {
    let wanted = state.phase == LoadPhase::Ready && state.link.view == View::Source;
    let request = SourceRequest {
        query: state.query().clone(),
        function: state.link.function.clone(),
        regex: if state.link.function.is_empty() {
            state.link.q.clone()
        } else {
            String::new()
        },
        candidates: files.paths.clone(),
        texts: files
            .texts
            .iter()
            .filter_map(|(file, text)| {
                let text = text.as_ref().ok()?;
                Some(SourceText {
                    file: file.clone(),
                    text: text.clone(),
                })
            })
            .collect(),
    };
    let named = !request.function.is_empty() || !request.regex.is_empty();
    (wanted && named).then_some(request)
}

/// Asks the engine for the Source view whenever what it shows changes (the query, the
/// function or regex, the picked files, a text found); forgets texts when a profile loads.
#[hook]
pub fn use_source_request(state: &AppState, ctx: &Ctx, files: &UseReducerHandle<SourceFiles>) {
    {
        let dispatch = files.dispatcher();
        use_effect_with(state.loads, move |&loads| {
            dispatch.dispatch(SourceFilesAction::Loaded(loads))
        });
    }
    let ctx = ctx.clone();
    let request = source_request(state, files);
    use_effect_with((request, state.loads), move |(request, _)| {
        if let Some(request) = request {
            ctx.ask_source(request.clone());
        }
    });
}

/// Reads or fetches the text of every file `view` lists that has none yet: from the
/// picked file the engine matched to it, else from the link's `src=` template.
pub fn find_texts(
    view: &SourceView,
    files: &SourceFiles,
    template: &str,
    dispatch: &UseReducerDispatcher<SourceFiles>,
) {
    let current = view.request.candidates == files.paths;
    for file in view.functions.iter().flat_map(|f| f.files.iter()) {
        let name = &file.file;
        if file.has_text || files.texts.contains_key(name) || files.pending.contains(name) {
            continue;
        }
        let picked = file
            .candidate
            .filter(|_| current)
            .and_then(|i| files.files.get(i as usize).cloned());
        let (pick, load) = (files.pick, files.load);
        let found = {
            let (dispatch, file) = (dispatch.clone(), name.clone());
            move |result| {
                dispatch.dispatch(SourceFilesAction::Found {
                    pick,
                    load,
                    file,
                    result,
                })
            }
        };
        if let Some(picked) = picked {
            dispatch.dispatch(SourceFilesAction::Started(name.clone()));
            let path = files
                .paths
                .get(file.candidate.unwrap_or_default() as usize)
                .cloned()
                .unwrap_or_default();
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(picked.text()).await;
                found(
                    text.ok()
                        .and_then(|t| t.as_string())
                        .ok_or_else(|| format!("could not read {path} from the chosen folder")),
                );
            });
        } else if !template.is_empty() {
            dispatch.dispatch(SourceFilesAction::Started(name.clone()));
            let url = source_url(template, name);
            wasm_bindgen_futures::spawn_local(async move {
                found(fetch_text(&url).await);
            });
        }
    }
}

/// The text at `url` (http(s) or relative only), or a message naming the URL and the
/// HTTP status or network error.
async fn fetch_text(url: &str) -> Result<String, String> {
    if let Err(e) = check_profile_url(url, UrlRole::Fetched) {
        return Err(format!("not fetched: {e}"));
    }
    let window = web_sys::window().ok_or("no window")?;
    let failed = |why: String| format!("could not fetch {url}: {why}");
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| failed(js_message(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| failed("not a response".to_string()))?;
    if !response.ok() {
        let status = format!("HTTP {} {}", response.status(), response.status_text());
        return Err(failed(status.trim_end().to_string()));
    }
    let text = response.text().map_err(|e| failed(js_message(&e)))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| failed("the body is not text".to_string()))
}

/// A JavaScript error as text ("network error" when it has no message).
fn js_message(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "network error (or the server does not allow this page: CORS)".into())
}
