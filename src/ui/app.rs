//! The root component: owns the state, the engine worker and the page-level effects.
//!
//! Consumes user input (through child components and window-wide drop/paste) and the
//! engine's events; produces the whole page. Every change goes through `state::reduce`;
//! the effects here only mirror the state outward (`<body data-state>`, title, the link's
//! fragment) and ask the engine for what the state needs shown. It computes nothing from
//! profiles itself.

use super::{
    EmptyState, EngineStatus, EngineStatusBar, ErrorView, Legend, LoadProgress, Toolbar, TopTable,
};
use crate::session::{ErrorReport, Request, Response, TopPage, TopRequest};
use crate::state::{reduce, Action, AppState, LoadPhase, UrlState};
use crate::web::engine::{Engine, EngineEvent};
use crate::web::messages::ToWorker;
use crate::web::page;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::File;
use yew::prelude::*;

/// The state as yew's reducer holds it.
#[derive(Clone, Debug, PartialEq, Default)]
struct Model(AppState);

impl Reducible for Model {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Model(reduce(self.0.clone(), action)))
    }
}

/// Rows asked for at once, and the rows first asked for.
const FIRST_WINDOW: (u32, u32) = (0, 256);

/// What engine callbacks need to know about the app, beyond the rendered state.
#[derive(Default)]
struct Shared {
    /// Sequence number of the load under way or shown.
    load_seq: u64,
    /// What is being loaded, for messages.
    load_label: String,
    /// Whether a load is under way.
    loading: bool,
    /// The top request whose answer is wanted.
    wanted_top: Option<TopRequest>,
    /// Whether `pprofview:ready` is still to be marked for the current load.
    ready_pending: bool,
    /// The link's profile URLs of the current load (empty for local files).
    urls: Vec<String>,
    /// Whether a worker has answered `Hello` (kept across loads).
    engine_up: bool,
}

/// What to load.
enum Input {
    Files(Vec<File>),
    Urls(Vec<String>),
}

/// Everything needed to start loads and ask for views, cheap to clone into callbacks.
#[derive(Clone)]
struct Ctx {
    engine: Rc<RefCell<Option<Engine>>>,
    shared: Rc<RefCell<Shared>>,
    dispatch: UseReducerDispatcher<Model>,
    top: UseStateSetter<Option<Rc<TopPage>>>,
}

impl Ctx {
    /// Starts loading `input`. A link's own profile keeps the link's sample type; any other
    /// profile starts at its own default.
    fn load(&self, input: Input, from_link: bool) {
        if !from_link {
            self.dispatch.dispatch(Action::SampleType(String::new()));
        }
        let engine = self.engine.borrow();
        let Some(engine) = engine.as_ref() else {
            return;
        };
        let (label, urls, message, files) = match input {
            Input::Files(files) => {
                let names: Vec<String> = files.iter().map(|f| f.name()).collect();
                (names.join(" + "), Vec::new(), ToWorker::LoadFiles, files)
            }
            Input::Urls(urls) => {
                let mut absolute = Vec::with_capacity(urls.len());
                for u in &urls {
                    match page::absolute_url(u) {
                        Ok(a) => absolute.push(a),
                        Err(message) => {
                            self.dispatch.dispatch(Action::Failed(ErrorReport {
                                file: Some(u.clone()),
                                message,
                            }));
                            return;
                        }
                    }
                }
                (
                    urls.join(" + "),
                    urls,
                    ToWorker::LoadUrls(absolute),
                    Vec::new(),
                )
            }
        };
        // A fresh worker: cancels a load under way and frees the old profile's memory.
        engine.restart();
        let seq = engine.send(message, &files);
        {
            let mut shared = self.shared.borrow_mut();
            *shared = Shared {
                load_seq: seq,
                load_label: label.clone(),
                loading: true,
                wanted_top: None,
                ready_pending: false,
                urls: urls.clone(),
                engine_up: shared.engine_up,
            };
        }
        self.top.set(None);
        self.dispatch.dispatch(Action::LoadStarted { label, urls });
    }

    fn on_event(&self, event: EngineEvent, status: &UseStateSetter<EngineStatus>) {
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
            EngineEvent::Reply { seq, response } => self.on_reply(seq, response),
        }
    }

    fn on_reply(&self, seq: u64, response: Response) {
        let mut shared = self.shared.borrow_mut();
        match response {
            Response::Top(page) => {
                if shared.wanted_top.as_ref() == Some(&page.request) {
                    drop(shared);
                    self.top.set(Some(Rc::new(page)));
                }
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
        }
    }

    fn ask_top(&self, request: TopRequest) {
        self.shared.borrow_mut().wanted_top = Some(request.clone());
        if let Some(engine) = self.engine.borrow().as_ref() {
            engine.send(ToWorker::Session(Request::Top(request)), &[]);
        }
    }
}

fn initial_model() -> Model {
    let (link, warnings) = UrlState::parse(&page::fragment());
    Model(reduce(
        AppState::default(),
        Action::LinkRead { link, warnings },
    ))
}

/// The app's root component.
#[component]
pub fn App() -> Html {
    let model = use_reducer(initial_model);
    let state = &model.0;
    let top = use_state(|| None::<Rc<TopPage>>);
    let status = use_state(|| EngineStatus::Starting);
    let window = use_state(|| FIRST_WINDOW);
    let dragging = use_state(|| false);
    let engine = use_mut_ref(|| None::<Engine>);
    let shared = use_mut_ref(Shared::default);
    let ctx = Ctx {
        engine,
        shared,
        dispatch: model.dispatcher(),
        top: top.setter(),
    };

    // The engine, the window's drop and paste listeners, and the link's own load.
    {
        let ctx = ctx.clone();
        let status = status.setter();
        let dragging = dragging.setter();
        let urls = state.link.urls.clone();
        use_effect_with((), move |_| {
            let events = ctx.clone();
            *ctx.engine.borrow_mut() = Some(Engine::start(move |e| events.on_event(e, &status)));
            let files_ctx = ctx.clone();
            let drag_off = dragging.clone();
            let listeners = page::listen_for_files(
                move |files| files_ctx.load(Input::Files(files), false),
                move |on| drag_off.set(on),
            );
            let hash_ctx = ctx.clone();
            let hash = page::listen_for_fragment(move |fragment| {
                let (link, warnings) = UrlState::parse(&fragment);
                let urls = link.urls.clone();
                // Only another profile is loaded again; other keys just change the view.
                let other = !urls.is_empty() && hash_ctx.shared.borrow().urls != urls;
                hash_ctx
                    .dispatch
                    .dispatch(Action::LinkRead { link, warnings });
                if other {
                    hash_ctx.load(Input::Urls(urls), true);
                }
            });
            if !urls.is_empty() {
                ctx.load(Input::Urls(urls), true);
            }
            let slash = page::focus_on_slash("[data-testid=search]");
            let engine = ctx.engine.clone();
            move || {
                drop(slash);
                drop(listeners);
                drop(hash);
                engine.borrow_mut().take();
            }
        });
    }

    // "ready" once the first rows are on screen, so automation that waits for it can read them.
    let body_state = match (&state.phase, top.is_some()) {
        (LoadPhase::Ready, false) => "loading",
        (phase, _) => phase.body_state(),
    };
    use_effect_with(body_state, |s| page::set_body_state(s));
    {
        let title = match (&state.phase, &state.summary) {
            (LoadPhase::Ready, Some(s)) => format!("{} · pprofview", s.files.join(" + ")),
            _ => "pprofview".to_string(),
        };
        use_effect_with(title, |t| page::set_title(t));
    }
    use_effect_with(state.link.clone(), |link| {
        page::replace_fragment(&link.to_fragment())
    });

    // Ask for the rows the table needs whenever what it shows changes.
    let request = TopRequest {
        sample_type: state.sample_type().to_string(),
        sort: state.sort,
        search: state.link.q.clone(),
        first: window.0,
        count: window.1,
    };
    {
        let ctx = ctx.clone();
        let ready = state.phase == LoadPhase::Ready;
        use_effect_with((ready, state.loads, request), move |(ready, _, request)| {
            if *ready {
                ctx.ask_top(request.clone());
            }
        });
    }

    let on_files = {
        let ctx = ctx.clone();
        Callback::from(move |files: Vec<File>| {
            if !files.is_empty() {
                ctx.load(Input::Files(files), false)
            }
        })
    };
    let on_example = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.load(Input::Urls(vec![EXAMPLE.to_string()]), false))
    };
    let dispatch = model.dispatcher();
    let on_action = Callback::from(move |a: Action| dispatch.dispatch(a));
    let on_window = {
        let window = window.clone();
        Callback::from(move |w: (u32, u32)| {
            if *window != w {
                window.set(w)
            }
        })
    };
    let on_painted = {
        let shared = ctx.shared.clone();
        Callback::from(move |_| {
            let pending = std::mem::take(&mut shared.borrow_mut().ready_pending);
            if pending {
                page::mark_after_paint("pprofview:ready");
            }
        })
    };

    let main = match (&state.phase, &state.summary) {
        (LoadPhase::Ready, Some(summary)) => html! {
            <>
                <Legend summary={summary.clone()} page={(*top).clone()} notices={state.notices.clone()} />
                <TopTable
                    page={(*top).clone()}
                    sort={state.sort}
                    reset={format!("{}\u{0}{:?}\u{0}{}\u{0}{}", request_key(state), state.sort, state.link.q, state.loads)}
                    on_sort={on_action.reform(Action::Sort)}
                    on_window={on_window}
                    on_painted={on_painted}
                />
            </>
        },
        (LoadPhase::Loading { label, progress }, _) => html! {
            <LoadProgress label={label.clone()} progress={progress.clone()} />
        },
        (LoadPhase::Failed(error), _) => html! {
            <>
                <ErrorView error={error.clone()} />
                <EmptyState on_example={on_example.clone()} notices={state.notices.clone()} />
            </>
        },
        _ => {
            html! { <EmptyState on_example={on_example.clone()} notices={state.notices.clone()} /> }
        }
    };

    html! {
        <div class={classes!("app", dragging.then_some("dragging"))} data-testid="app">
            <Toolbar
                summary={state.summary.clone()}
                sample_type={state.sample_type().to_string()}
                view={state.link.view}
                search={state.link.q.clone()}
                search_outcome={(*top).as_ref().map(|p| p.search.clone())}
                on_files={on_files}
                on_example={on_example}
                on_action={on_action}
            />
            <main class="app-main">{ main }</main>
            <EngineStatusBar status={(*status).clone()} />
            <div class="drop-overlay" aria-hidden="true">{ "Drop pprof profiles to open them" }</div>
        </div>
    }
}

/// The bundled example profile, relative to the page.
const EXAMPLE: &str = "example.pb.gz";

/// What decides the table's rows (a change scrolls it back to the top).
fn request_key(state: &AppState) -> String {
    state.sample_type().to_string()
}
