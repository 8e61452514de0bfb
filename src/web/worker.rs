//! The engine worker's message loop: a [`Session`] behind `postMessage`.
//!
//! Consumes [`ToWorker`] messages (with attached `File`s); produces [`FromWorker`] replies
//! carrying the request's sequence number: progress as it happens, then the result. Local
//! files and profile URLs are read here, not on the page's thread, so the page keeps
//! painting however large the profile. It never touches the DOM (a worker has none).

use super::messages::{pack, unpack, Envelope, FromWorker, InputRef, ToWorker};
use super::sources::{fetch_url, read_file};
use crate::decode::DecodeOptions;
use crate::load::LoadOptions;
use crate::session::{BaseSummary, Request, Response, Session, SourceBytes};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// The inflated size the browser engine accepts (the CLI's default is 2 GiB; a tab's wasm
/// memory tops out at 4 GiB and must also hold the input and the model).
pub const WEB_MAX_INFLATED: u64 = 3 << 29;

/// Starts the loop: call once from the worker binary's `main`.
pub fn run() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        gloo::console::error!("pprofview: the engine must run in a dedicated worker");
        return;
    };
    let options = LoadOptions {
        decode: DecodeOptions {
            max_inflated: WEB_MAX_INFLATED,
        },
        ..LoadOptions::default()
    };
    let session = Rc::new(RefCell::new(Session::new(options)));
    let handler_scope = scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        handle(&handler_scope, &session, &event.data());
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&scope, 0, FromWorker::Started);
}

fn handle(scope: &DedicatedWorkerGlobalScope, session: &Rc<RefCell<Session>>, data: &JsValue) {
    let (envelope, files) = match unpack::<ToWorker>(data) {
        Ok(m) => m,
        // Never silence: the page would wait for an answer forever. The reply carries this
        // build's header, so a page of another version sees the mismatch there too.
        Err(e) => {
            gloo::console::error!(format!("pprofview engine: {e}"));
            let reply = FromWorker::Refused {
                outdated: e.is_other_version(),
                reason: e.to_string(),
            };
            return post(scope, e.seq().unwrap_or(0), reply);
        }
    };
    let seq = envelope.seq;
    match envelope.body {
        ToWorker::Hello => post(
            scope,
            seq,
            FromWorker::Hello {
                version: env!("CARGO_PKG_VERSION").to_string(),
                self_test: super::self_test::run(),
            },
        ),
        ToWorker::Session(request) => answer(scope, session, seq, request),
        ToWorker::Load { sources, bases } => {
            let scope = scope.clone();
            let session = Rc::clone(session);
            wasm_bindgen_futures::spawn_local(async move {
                let read = |list: Vec<InputRef>| {
                    let (scope, files) = (scope.clone(), files.clone());
                    async move { read_inputs(&scope, seq, &list, &files).await }
                };
                let sources = match read(sources).await {
                    Ok(s) => s,
                    Err(e) => return post(&scope, seq, FromWorker::Session(Response::Failed(e))),
                };
                let only_base = sources.is_empty();
                let bases = match read(bases).await {
                    Ok(s) => s,
                    // A link's base that cannot be read: the profile opens on its own.
                    Err(e) if !only_base => {
                        answer(
                            &scope,
                            &session,
                            seq,
                            Request::Load {
                                sources,
                                bases: Vec::new(),
                            },
                        );
                        let refused = BaseSummary {
                            warnings: vec![e.to_string()],
                            ..BaseSummary::default()
                        };
                        return post(
                            &scope,
                            seq,
                            FromWorker::Session(Response::BaseLoaded(refused)),
                        );
                    }
                    Err(e) => return post(&scope, seq, FromWorker::Session(Response::Failed(e))),
                };
                let request = if only_base {
                    Request::LoadBase { bases }
                } else {
                    Request::Load { sources, bases }
                };
                answer(&scope, &session, seq, request);
            });
        }
    }
}

/// Reads `inputs` (attached files by index, URLs by fetching), named as the page says.
async fn read_inputs(
    scope: &DedicatedWorkerGlobalScope,
    seq: u64,
    inputs: &[InputRef],
    files: &[web_sys::File],
) -> Result<Vec<SourceBytes>, crate::session::ErrorReport> {
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        let mut emit = |p| post(scope, seq, FromWorker::Session(Response::Progress(p)));
        let (mut source, name) = match input {
            InputRef::File { index, name } => {
                let file =
                    files
                        .get(*index as usize)
                        .ok_or_else(|| crate::session::ErrorReport {
                            file: Some(name.clone()),
                            message: "the file did not reach the engine".to_string(),
                        })?;
                (read_file(file, &mut emit)?, name)
            }
            InputRef::Url { url, name } => (fetch_url(scope, url, &mut emit).await?, name),
        };
        source.name = name.clone();
        out.push(source);
    }
    Ok(out)
}

fn answer(
    scope: &DedicatedWorkerGlobalScope,
    session: &Rc<RefCell<Session>>,
    seq: u64,
    request: Request,
) {
    let Ok(mut session) = session.try_borrow_mut() else {
        gloo::console::error!("pprofview engine: a request arrived during another one");
        return;
    };
    session.handle_streaming(request, &mut |r| {
        post(scope, seq, FromWorker::Session(r));
    });
}

fn post(scope: &DedicatedWorkerGlobalScope, seq: u64, body: FromWorker) {
    let sent = pack(&Envelope { seq, body }, &[]).and_then(|(message, transfer)| {
        scope
            .post_message_with_transfer(&message, &transfer)
            .map_err(|e| super::sources::describe(&e))
    });
    if let Err(e) = sent {
        gloo::console::error!(format!("pprofview engine: cannot reply: {e}"));
    }
}
