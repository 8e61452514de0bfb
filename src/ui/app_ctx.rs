//! What the app's engine callbacks share: starting loads, asking for views, routing replies.
//!
//! Consumes engine events and the app's requests; produces state actions and the view data
//! each component shows (top rows, flame graph, search matches). Replies to requests that
//! are no longer wanted (the user moved on) are dropped here.

use super::app::Model;
use super::app_data::ViewData;
use super::EngineStatus;
use crate::query::{FieldError, Query};
use crate::session::{
    DetailsView, ErrorReport, ExportRequest, Exported, FlameGraph, FlameRequest, FlameSearch,
    FlameSearchRequest, GraphRequest, GraphView, LabelsRequest, LabelsView, PeekRequest, PeekView,
    Request, Response, SandwichRequest, SandwichView, TopPage, TopRequest, TracesRequest,
    TracesView,
};
use crate::state::Action;
use crate::web::engine::{Engine, EngineEvent};
use crate::web::messages::ToWorker;
use crate::web::page;
pub(super) use load::Input;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::File;
use yew::prelude::*;

#[path = "app_asks.rs"]
mod asks;
#[path = "app_load.rs"]
mod load;
#[path = "app_source.rs"]
mod source;

/// Rows asked for at once, and the rows first asked for.
pub(super) const FIRST_WINDOW: (u32, u32) = (0, 256);

/// What engine callbacks need to know about the app, beyond the rendered state.
#[derive(Default)]
pub(super) struct Shared {
    /// Sequence number of the load under way or shown.
    load_seq: u64,
    /// What is being loaded, for messages.
    load_label: String,
    /// Whether a load is under way.
    loading: bool,
    /// The top request whose answer is wanted.
    wanted_top: Option<TopRequest>,
    /// The flame graph whose answer is wanted.
    wanted_flame: Option<FlameRequest>,
    /// The flame search whose answer is wanted.
    wanted_search: Option<FlameSearchRequest>,
    /// The callers view whose answer is wanted.
    wanted_sandwich: Option<SandwichRequest>,
    /// The Labels view whose answer is wanted.
    wanted_labels: Option<LabelsRequest>,
    /// The Traces view whose answer is wanted.
    wanted_traces: Option<TracesRequest>,
    /// The Peek view whose answer is wanted.
    wanted_peek: Option<PeekRequest>,
    /// The load whose Details view is wanted.
    wanted_details: Option<u64>,
    /// The graph view whose answer is wanted.
    wanted_graph: Option<GraphRequest>,
    /// A query being checked, and who wants the answer.
    pending_check: Option<(Query, Callback<Result<(), FieldError>>)>,
    /// An export being written, and who wants it.
    pending_export: Option<(ExportRequest, Callback<Exported>)>,
    /// Whether `pprofview:ready` is still to be marked for the current load.
    pub ready_pending: bool,
    /// The link's profile URLs of the current load (empty for local files).
    pub urls: Vec<String>,
    /// The base URLs loaded with it (as the link spells them).
    pub base_urls: Vec<String>,
    /// The local files of the current load and of its base, kept to compare or swap them.
    pub files: (Vec<File>, Vec<File>),
    /// Sequence number of a base being loaded beside the profile.
    base_seq: u64,
    /// Whether a worker has answered `Hello` (kept across loads).
    engine_up: bool,
}

/// Everything needed to start loads and ask for views, cheap to clone into callbacks.
#[derive(Clone)]
pub(super) struct Ctx {
    pub engine: Rc<RefCell<Option<Engine>>>,
    pub shared: Rc<RefCell<Shared>>,
    pub dispatch: UseReducerDispatcher<Model>,
    pub top: UseStateSetter<Option<Rc<TopPage>>>,
    pub flame: UseStateSetter<Option<Rc<FlameGraph>>>,
    pub flame_search: UseStateSetter<Option<Rc<FlameSearch>>>,
    pub sandwich: UseStateSetter<Option<Rc<SandwichView>>>,
    pub labels: UseStateSetter<Option<Rc<LabelsView>>>,
    pub traces: UseStateSetter<Option<Rc<TracesView>>>,
    pub details: UseStateSetter<Option<Rc<DetailsView>>>,
    pub peek: UseStateSetter<Option<Rc<PeekView>>>,
    pub graph: UseStateSetter<Option<Rc<GraphView>>>,
    pub source: source::SourceSlot,
}

impl Ctx {
    /// The context of an app: its engine, what callbacks share, its dispatcher and the
    /// slots the engine's answers go to.
    pub fn new(
        engine: Rc<RefCell<Option<Engine>>>,
        shared: Rc<RefCell<Shared>>,
        dispatch: UseReducerDispatcher<Model>,
        data: &ViewData,
    ) -> Self {
        Ctx {
            engine,
            shared,
            dispatch,
            top: data.top.setter(),
            flame: data.flame.setter(),
            flame_search: data.flame_search.setter(),
            sandwich: data.sandwich.setter(),
            labels: data.labels.setter(),
            traces: data.traces.setter(),
            details: data.details.setter(),
            peek: data.peek.setter(),
            graph: data.graph.setter(),
            source: source::SourceSlot::new(data),
        }
    }

    pub fn on_event(&self, event: EngineEvent, status: &UseStateSetter<EngineStatus>) {
        match event {
            EngineEvent::Hello { version, self_test } => {
                self.shared.borrow_mut().engine_up = true;
                status.set(EngineStatus::from_hello(version, self_test));
            }
            EngineEvent::Crashed(detail) => {
                let mut shared = self.shared.borrow_mut();
                let (label, loading, up) =
                    (shared.load_label.clone(), shared.loading, shared.engine_up);
                shared.loading = false;
                drop(shared);
                let message = if !up {
                    status.set(EngineStatus::Unavailable(detail.clone()));
                    format!(
                        "the viewer's engine could not start in this browser ({detail}); check \
                         that all of dist/ is served, with .wasm as application/wasm"
                    )
                } else if loading {
                    format!(
                        "the engine stopped while loading ({detail}). The profile may be too \
                         large for this browser tab's memory; the pprofview command has no such \
                         limit"
                    )
                } else {
                    format!("the engine stopped ({detail}); load the profile again")
                };
                let file = (loading && !label.is_empty()).then_some(label);
                self.dispatch
                    .dispatch(Action::Failed(ErrorReport { file, message }));
            }
            EngineEvent::Outdated(message) => {
                self.shared.borrow_mut().loading = false;
                status.set(EngineStatus::Unavailable(message.clone()));
                self.dispatch.dispatch(Action::Failed(ErrorReport {
                    file: None,
                    message,
                }));
            }
            EngineEvent::Refused(reason) => {
                self.shared.borrow_mut().loading = false;
                self.dispatch.dispatch(Action::Failed(ErrorReport {
                    file: None,
                    message: format!(
                        "the engine could not read a request from the page ({reason}); reload \
                         the page"
                    ),
                }));
            }
            EngineEvent::Reply { seq, response } => self.on_reply(seq, response),
        }
    }

    fn on_reply(&self, seq: u64, response: Response) {
        let mut shared = self.shared.borrow_mut();
        match response {
            Response::Top(page) => {
                if shared.wanted_top.as_ref() == Some(&page.request) {
                    drop(shared);
                    self.top.set(Some(Rc::from(page)));
                }
            }
            Response::Flame(mut graph) => {
                if shared.wanted_flame.as_ref() == Some(&graph.request) {
                    drop(shared);
                    // Indexing, laying out and drawing a big tree run in a task of their
                    // own, after the one that decoded the message: two shorter stalls of the
                    // page instead of one long one.
                    let (flame, wanted) = (self.flame.clone(), self.shared.clone());
                    page::later(move || {
                        if wanted.borrow().wanted_flame.as_ref() == Some(&graph.request) {
                            graph.tree.reindex();
                            flame.set(Some(Rc::from(graph)));
                        }
                    });
                }
            }
            Response::FlameSearch(found) => {
                if shared.wanted_search.as_ref() == Some(&found.request) {
                    drop(shared);
                    self.flame_search.set(Some(Rc::from(found)));
                }
            }
            Response::Sandwich(mut view) => {
                if shared.wanted_sandwich.as_ref() == Some(&view.request) {
                    drop(shared);
                    view.callers.reindex();
                    view.callees.reindex();
                    self.sandwich.set(Some(Rc::from(view)));
                }
            }
            Response::Labels(view) => {
                if shared.wanted_labels.as_ref() == Some(&view.request) {
                    drop(shared);
                    self.labels.set(Some(Rc::from(view)));
                }
            }
            Response::Traces(view) => {
                if shared.wanted_traces.as_ref() == Some(&view.request) {
                    drop(shared);
                    self.traces.set(Some(Rc::from(view)));
                }
            }
            Response::Peek(view) => {
                if shared.wanted_peek.as_ref() == Some(&view.request) {
                    drop(shared);
                    self.peek.set(Some(Rc::from(view)));
                }
            }
            Response::Graph(view) => {
                if shared.wanted_graph.as_ref() == Some(&view.request) {
                    drop(shared);
                    self.graph.set(Some(Rc::from(view)));
                }
            }
            Response::Source(view) => self.source.answer(view),
            Response::Details(view) => {
                if shared.wanted_details.is_some() {
                    drop(shared);
                    self.details.set(Some(Rc::from(view)));
                }
            }
            Response::Exported(done) => {
                let pending = shared.pending_export.take_if(|(r, _)| *r == done.request);
                drop(shared);
                if let Some((_, reply)) = pending {
                    reply.emit(*done);
                }
            }
            Response::Checked(checked) => {
                let pending = shared.pending_check.take_if(|(q, _)| *q == checked.query);
                drop(shared);
                if let Some((_, reply)) = pending {
                    reply.emit(checked.result);
                }
            }
            Response::Rejected(rejected) => {
                drop(shared);
                self.dispatch.dispatch(Action::Rejected {
                    field: rejected.error.field.clone(),
                    message: rejected.error.message.clone(),
                });
            }
            Response::BaseLoaded(base) if seq == shared.base_seq || seq == shared.load_seq => {
                drop(shared);
                self.dispatch.dispatch(Action::BaseLoaded(base));
            }
            Response::Failed(error) if seq == shared.base_seq => {
                shared.base_urls.clear();
                shared.files.1.clear();
                drop(shared);
                self.dispatch.dispatch(Action::BaseFailed(error));
            }
            Response::Failed(error) if seq != shared.load_seq => {
                // A view request the state should not have made; the table keeps its rows.
                gloo::console::error!(format!("pprofview: a view request failed: {error}"));
            }
            _ if seq != shared.load_seq => {}
            Response::Progress(p) => {
                drop(shared);
                self.dispatch.dispatch(Action::Progress(p));
            }
            Response::Loaded(summary) => {
                shared.loading = false;
                shared.ready_pending = true;
                drop(shared);
                page::mark("pprofview:decoded");
                self.dispatch.dispatch(Action::Loaded(summary));
            }
            Response::Failed(error) => {
                shared.loading = false;
                drop(shared);
                self.dispatch.dispatch(Action::Failed(error));
            }
            // Answered above: a base arrives with its own load or its own request.
            Response::BaseLoaded(_) => {}
        }
    }

    /// Records `request` as the one wanted in `slot` and sends it, unless it already is the
    /// one wanted (its answer is on its way or shown); `clear` empties the view meanwhile.
    fn ask<R: PartialEq + Clone>(
        &self,
        slot: fn(&mut Shared) -> &mut Option<R>,
        request: R,
        clear: impl FnOnce(),
        wrap: fn(R) -> Request,
    ) {
        let mut shared = self.shared.borrow_mut();
        let wanted = slot(&mut shared);
        if wanted.as_ref() == Some(&request) {
            return;
        }
        *wanted = Some(request.clone());
        drop(shared);
        clear();
        self.send(wrap(request));
    }

    pub fn ask_flame(&self, request: FlameRequest) {
        let flame = self.flame.clone();
        self.ask(
            |s| &mut s.wanted_flame,
            request,
            move || flame.set(None),
            Request::Flame,
        );
    }

    /// Sends a view request to the engine (no files attached).
    fn send(&self, request: Request) {
        if let Some(engine) = self.engine.borrow().as_ref() {
            engine.send(ToWorker::Session(request), &[]);
        }
    }

    pub fn ask_flame_search(&self, request: FlameSearchRequest) {
        let mut shared = self.shared.borrow_mut();
        if shared.wanted_search.as_ref() == Some(&request) {
            return;
        }
        shared.wanted_search = Some(request.clone());
        drop(shared);
        if request.search.is_empty() {
            self.flame_search.set(None);
            return;
        }
        self.send(Request::FlameSearch(request));
    }

    /// Asks the engine for an export; `reply` gets it (a newer export replaces one still
    /// pending).
    pub fn export(&self, request: ExportRequest, reply: Callback<Exported>) {
        self.shared.borrow_mut().pending_export = Some((request.clone(), reply));
        self.send(Request::Export(Box::new(request)));
    }

    /// Asks the engine whether `query` can be used; `reply` gets the answer (a newer check
    /// replaces an older one still pending).
    pub fn check(&self, query: Query, reply: Callback<Result<(), FieldError>>) {
        self.shared.borrow_mut().pending_check = Some((query.clone(), reply));
        self.send(Request::Check(query));
    }

    pub fn ask_top(&self, request: TopRequest) {
        self.shared.borrow_mut().wanted_top = Some(request.clone());
        self.send(Request::Top(request));
    }
}
