//! The root component: owns the state, the engine worker and the page-level effects.
//!
//! Consumes user input (through child components and window-wide drop/paste) and the
//! engine's events; produces the whole page. Every change goes through `state::reduce`;
//! the effects here only mirror the state outward (`<body data-state>`, title, the link's
//! fragment) and ask the engine for what the state needs shown. It computes nothing from
//! profiles itself.

use super::app_ctx::{Ctx, Input, Shared, FIRST_WINDOW};
use super::{
    EmptyState, EngineStatus, EngineStatusBar, ErrorView, FlameView, Legend, LoadProgress,
    SandwichView, Toolbar, TopTable,
};
use crate::session::{
    FlameGraph, FlameRequest, FlameSearch, FlameSearchRequest, TopPage, TopRequest,
};
use crate::state::{reduce, Action, AppState, LoadPhase, UrlState, View};
use crate::web::engine::Engine;
use crate::web::page;
use std::rc::Rc;
use web_sys::File;
use yew::prelude::*;

/// The state as yew's reducer holds it.
#[derive(Clone, Debug, PartialEq, Default)]
pub(super) struct Model(AppState);

impl Reducible for Model {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Model(reduce(self.0.clone(), action)))
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
    let flame = use_state(|| None::<Rc<FlameGraph>>);
    let flame_search = use_state(|| None::<Rc<FlameSearch>>);
    let last_link = use_mut_ref(|| None::<UrlState>);
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
        flame: flame.setter(),
        flame_search: flame_search.setter(),
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

    // "ready" once the view's first data is on screen, so automation that waits for it can
    // read it.
    let view_data = match state.link.view {
        View::Top => top.is_some(),
        _ => flame.is_some(),
    };
    let body_state = match (&state.phase, view_data) {
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
    // A new zoom or view is a history entry (Back undoes it); other changes replace the link.
    use_effect_with(state.link.clone(), move |link| {
        let mut last = last_link.borrow_mut();
        let step = last
            .as_ref()
            .is_some_and(|l| l.p != link.p || l.view != link.view);
        if step {
            page::push_fragment(&link.to_fragment());
        } else {
            page::replace_fragment(&link.to_fragment());
        }
        *last = Some(link.clone());
    });

    // The flame graph (and the callers view, which is computed from it) and its search.
    let flame_request = FlameRequest {
        sample_type: state.sample_type().to_string(),
        granularity: state.flame_granularity(),
    };
    {
        let ctx = ctx.clone();
        let wanted = state.phase == LoadPhase::Ready && state.link.view != View::Top;
        let search = state.link.q.clone();
        use_effect_with(
            (wanted, state.loads, flame_request.clone(), search),
            move |(wanted, _, request, search)| {
                if *wanted {
                    ctx.ask_flame(request.clone());
                    ctx.ask_flame_search(FlameSearchRequest {
                        flame: request.clone(),
                        search: search.clone(),
                    });
                }
            },
        );
    }

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

    let matches = (*flame_search)
        .as_ref()
        .filter(|s| s.request.flame == flame_request && !s.matches.is_empty())
        .map(|s| Rc::new(s.matches.clone()));
    let legend_lines = match state.link.view {
        View::Top => (*top).as_ref().map(|p| p.legend.clone()),
        _ => (*flame).as_ref().map(|g| g.legend.clone()),
    };
    let main = match (&state.phase, &state.summary) {
        (LoadPhase::Ready, Some(summary)) if state.link.view != View::Top => html! {
            <>
                <Legend summary={summary.clone()} legend={legend_lines} notices={state.notices.clone()} />
                if let Some(graph) = (*flame).clone() {
                    if state.link.view == View::Sandwich {
                        <SandwichView graph={graph} path={state.link.p.clone()}
                            on_action={on_action.clone()} on_painted={on_painted.clone()} />
                    } else {
                        <FlameView graph={graph} matches={matches} path={state.link.p.clone()}
                            granularity={state.flame_granularity()}
                            on_action={on_action.clone()} on_painted={on_painted.clone()} />
                    }
                } else {
                    <p class="view-loading" aria-busy="true">{ "Building the flame graph…" }</p>
                }
            </>
        },
        (LoadPhase::Ready, Some(summary)) => html! {
            <>
                <Legend summary={summary.clone()} legend={legend_lines} notices={state.notices.clone()} />
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

    let search_outcome = match state.link.view {
        View::Top => (*top).as_ref().map(|p| p.search.clone()),
        _ => (*flame_search)
            .as_ref()
            .filter(|s| s.request.search == state.link.q)
            .map(|s| s.outcome.clone()),
    };
    html! {
        <div class={classes!("app", dragging.then_some("dragging"))} data-testid="app">
            <Toolbar
                summary={state.summary.clone()}
                sample_type={state.sample_type().to_string()}
                view={state.link.view}
                search={state.link.q.clone()}
                search_outcome={search_outcome}
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
