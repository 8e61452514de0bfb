//! The page's handle on the engine worker.
//!
//! Consumes requests from the app ([`Engine::send`]); produces [`EngineEvent`]s on the
//! page's thread: replies with their request's sequence number, and a crash when the worker
//! dies (out of memory, a trap). Messages sent before the worker listens are queued. A new
//! load [`restart`](Engine::restart)s a worker that was given a profile before: that cancels
//! a load under way (a worker busy decoding cannot be interrupted otherwise) and hands the
//! old profile's memory back to the browser (wasm memory never shrinks). The first load uses
//! the worker started with the page, so its WebAssembly is not compiled twice.

use super::messages::{pack, unpack, Envelope, FromWorker, ToWorker};
use crate::session::Response;
use js_sys::Array;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

/// Where trunk puts the worker's loader shim, relative to the page (works under any sub-path).
pub const LOADER_PATH: &str = "./worker_loader.js";

/// Something the engine said or did.
#[derive(Clone, Debug, PartialEq)]
pub enum EngineEvent {
    /// The answer to the first `Hello`.
    Hello {
        /// The core's version.
        version: String,
        /// The core self-test's summary, or what went wrong.
        self_test: Result<String, String>,
    },
    /// A session response to request `seq`.
    Reply {
        /// The request's number.
        seq: u64,
        /// The response.
        response: Response,
    },
    /// The worker died or could not start; every request in flight is lost.
    Crashed(String),
    /// The worker is of another build (its protocol version differs from the page's): it
    /// was stopped, and only reloading the page helps. Carries the whole message to show.
    Outdated(String),
    /// The worker could not read a message of the page's (a bug: it would have waited for
    /// an answer forever); carries the worker's reason.
    Refused(String),
}

type Listener = Rc<dyn Fn(EngineEvent)>;

struct Inner {
    worker: Option<Worker>,
    listening: bool,
    queue: Vec<(JsValue, Array)>,
    next_seq: u64,
    /// Whether a worker has answered `Hello` (asked of each new worker until one has).
    greeted: bool,
    /// Whether the current worker was given a profile (then a new load needs a new worker).
    used: bool,
    /// Set when a worker of another build answered (what to tell the user): nothing more is
    /// sent to any worker, and every request is answered with it.
    outdated: Option<String>,
    on_event: Listener,
    handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

/// A running engine worker. Dropping it terminates the worker.
pub struct Engine {
    inner: Rc<RefCell<Inner>>,
}

impl Engine {
    /// Starts the worker and asks it `Hello`; `on_event` runs on the page's thread.
    pub fn start(on_event: impl Fn(EngineEvent) + 'static) -> Engine {
        let engine = Engine {
            inner: Rc::new(RefCell::new(Inner {
                worker: None,
                listening: false,
                queue: Vec::new(),
                next_seq: 1,
                greeted: false,
                used: false,
                outdated: None,
                on_event: Rc::new(on_event),
                handlers: Vec::new(),
            })),
        };
        engine.restart();
        engine
    }

    /// Makes ready for a new load: a worker that was never given a profile (the one started
    /// with the page, perhaps still compiling) takes it; otherwise a fresh worker replaces
    /// the old one (see [`restart`](Self::restart)).
    pub fn fresh_for_load(&self) {
        let used = std::mem::replace(&mut self.inner.borrow_mut().used, true);
        if used {
            self.restart();
            self.inner.borrow_mut().used = true;
        }
    }

    /// Terminates the worker (dropping whatever it was doing) and starts a fresh one.
    pub fn restart(&self) {
        let mut inner = self.inner.borrow_mut();
        if inner.outdated.is_some() {
            // A fresh worker would be of the other build too (the server has it).
            return;
        }
        inner.used = false;
        if let Some(old) = inner.worker.take() {
            old.set_onmessage(None);
            old.set_onerror(None);
            old.terminate();
        }
        inner.listening = false;
        inner.queue.clear();
        inner.handlers.clear();
        let on_event = Rc::clone(&inner.on_event);
        let worker = match Worker::new(&worker_url()) {
            Ok(w) => w,
            Err(e) => {
                drop(inner);
                on_event(EngineEvent::Crashed(format!(
                    "the engine worker could not start: {}",
                    super::sources::describe(&e)
                )));
                return;
            }
        };
        let weak = Rc::downgrade(&self.inner);
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(event) = event.dyn_ref::<MessageEvent>() {
                received(&weak, &event.data());
            }
        });
        let on_crash = Rc::clone(&on_event);
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let detail = event
                .dyn_ref::<ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "no details".to_string());
            on_crash(EngineEvent::Crashed(detail));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        inner.handlers = vec![on_message, on_error];
        inner.worker = Some(worker);
        let greeted = inner.greeted;
        drop(inner);
        if !greeted {
            self.send(ToWorker::Hello, &[]);
        }
    }

    /// Sends `message` (with `files` attached); returns its sequence number, which every
    /// reply to it carries.
    pub fn send(&self, message: ToWorker, files: &[File]) -> u64 {
        let mut inner = self.inner.borrow_mut();
        let seq = inner.next_seq;
        inner.next_seq += 1;
        let packed = pack(&Envelope { seq, body: message }, files);
        let (message, transfer) = match packed {
            Ok(p) => p,
            Err(e) => {
                let on_event = Rc::clone(&inner.on_event);
                drop(inner);
                on_event(EngineEvent::Crashed(e));
                return seq;
            }
        };
        if let Some(message) = inner.outdated.clone() {
            // Answered after the caller has recorded the request (a load shows "loading"
            // first), so the page ends up saying why, not waiting.
            let on_event = Rc::clone(&inner.on_event);
            super::page::later(move || on_event(EngineEvent::Outdated(message)));
            return seq;
        }
        if inner.listening {
            post(&inner, &message, &transfer);
        } else {
            inner.queue.push((message, transfer));
        }
        seq
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        if let Ok(mut inner) = self.inner.try_borrow_mut() {
            if let Some(w) = inner.worker.take() {
                w.terminate();
            }
        }
    }
}

fn post(inner: &Inner, message: &JsValue, transfer: &Array) {
    if let Some(worker) = &inner.worker {
        if let Err(e) = worker.post_message_with_transfer(message, transfer) {
            gloo::console::error!("pprofview: cannot post to the engine", e);
        }
    }
}

fn received(inner: &Weak<RefCell<Inner>>, data: &JsValue) {
    let Some(inner) = inner.upgrade() else { return };
    let event = match unpack::<FromWorker>(data) {
        Err(e) if e.is_other_version() => outdated(&inner, e.to_string()),
        Ok((
            Envelope {
                body:
                    FromWorker::Refused {
                        outdated: true,
                        reason,
                    },
                ..
            },
            _,
        )) => outdated(&inner, reason),
        Ok((envelope, _)) => match envelope.body {
            FromWorker::Started => {
                let mut state = inner.borrow_mut();
                state.listening = true;
                for (message, transfer) in std::mem::take(&mut state.queue) {
                    post(&state, &message, &transfer);
                }
                return;
            }
            FromWorker::Hello { version, self_test } => {
                inner.borrow_mut().greeted = true;
                EngineEvent::Hello { version, self_test }
            }
            FromWorker::Session(response) => EngineEvent::Reply {
                seq: envelope.seq,
                response,
            },
            FromWorker::Refused { reason, .. } => EngineEvent::Refused(reason),
        },
        Err(e) => EngineEvent::Crashed(format!("the engine sent a bad message: {e}")),
    };
    let on_event = Rc::clone(&inner.borrow().on_event);
    on_event(event);
}

/// Stops talking to a worker of another build: it is terminated and nothing more is sent
/// (a new one would come from the same, newer, server files).
fn outdated(inner: &Rc<RefCell<Inner>>, detail: String) -> EngineEvent {
    let mut state = inner.borrow_mut();
    state.outdated = Some(detail.clone());
    state.queue.clear();
    if let Some(worker) = state.worker.take() {
        worker.set_onmessage(None);
        worker.set_onerror(None);
        worker.terminate();
    }
    EngineEvent::Outdated(detail)
}

/// The worker's address: [`LOADER_PATH`] with this build's id as a query string, which the
/// loader passes on to `worker.js` and `worker_bg.wasm`. A browser caches by the whole URL,
/// so a page never starts a cached worker of an older build; a worker of another build that
/// a server sends anyway is refused by the protocol version (`session::envelope`).
fn worker_url() -> String {
    format!("{LOADER_PATH}?build={}", super::page::build_id())
}
