//! The root component: owns the state, the engine worker and the page-level effects.
//!
//! Consumes user input (through child components and window-wide drop/paste) and the
//! engine's events; produces the whole page. Every change goes through `state::reduce`;
//! the effects here only mirror the state outward (`<body data-state>`, title, the link's
//! fragment) and ask the engine for what the state needs shown. It computes nothing from
//! profiles itself.

use super::app_ctx::{Ctx, Input, Shared, FIRST_WINDOW};
use super::app_data::{use_view_data, ViewCallbacks};
use super::app_share;
use super::app_views::use_view_requests;
use super::{
    CompareBar, EmptyState, EmptyTypeNotice, EngineStatus, EngineStatusBar, ErrorView, FilterBar,
    Legend, LoadProgress, ShareBar, Toolbar,
};
use crate::query::{FieldError, Query, DROPPED};
use crate::state::{reduce, Action, AppState, LoadPhase, UrlState};
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
        Action::LinkRead {
            link: Box::new(link),
            warnings,
        },
    ))
}

/// The app's root component.
#[component]
pub fn App() -> Html {
    let model = use_reducer(initial_model);
    let state = &model.0;
    let data = use_view_data();
    let shown = use_state(|| None::<(String, String)>);
    let last_link = use_mut_ref(|| None::<UrlState>);
    let status = use_state(|| EngineStatus::Starting);
    let window = use_state(|| FIRST_WINDOW);
    let dragging = use_state(|| false);
    let engine = use_mut_ref(|| None::<Engine>);
    let shared = use_mut_ref(Shared::default);
    let ctx = Ctx::new(engine, shared, model.dispatcher(), &data);

    // The engine, the window's drop and paste listeners, and the link's own load.
    {
        let ctx = ctx.clone();
        let status = status.setter();
        let dragging = dragging.setter();
        let urls = state.link.urls.clone();
        let bases = link_bases(&state.link.query);
        let embed = state.link.embed.clone();
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
                let bases = link_bases(&link.query);
                // Only another profile or base is loaded again; other keys just change the
                // view.
                let other = !urls.is_empty() && {
                    let shared = hash_ctx.shared.borrow();
                    shared.urls != urls || bases.as_ref().is_some_and(|b| shared.base_urls != *b)
                };
                hash_ctx.dispatch.dispatch(Action::LinkRead {
                    link: Box::new(link),
                    warnings,
                });
                if other {
                    hash_ctx.load_with(Input::Urls(urls), bases.map(Input::Urls), true);
                }
            });
            if !urls.is_empty() {
                ctx.load_with(Input::Urls(urls), bases.map(Input::Urls), true);
            } else if !embed.is_empty() {
                app_share::open_embedded(&ctx, &embed);
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
    let view_data = data.ready(state);
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
    // A new zoom, view or query is a history entry (Back undoes it); the search replaces the
    // current one.
    use_effect_with(state.link.clone(), move |link| {
        let mut last = last_link.borrow_mut();
        let step = last.as_ref().is_some_and(|l| {
            l.p != link.p
                || l.function != link.function
                || l.view != link.view
                || l.query != link.query
        });
        if step {
            page::push_fragment(&link.to_fragment());
        } else {
            page::replace_fragment(&link.to_fragment());
        }
        *last = Some(link.clone());
    });

    let flame_request = use_view_requests(state, &ctx, *window);
    super::source_files::use_source_request(state, &ctx, &data.source_files);

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
    let on_base = {
        let (ctx, dragging) = (ctx.clone(), dragging.setter());
        Callback::from(move |files: Vec<File>| {
            dragging.set(false);
            ctx.load_base(Input::Files(files));
        })
    };
    let on_compare_instead = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            let (urls, files) = {
                let shared = ctx.shared.borrow();
                (shared.urls.clone(), shared.files.0.clone())
            };
            if urls.len() >= 2 {
                let (base, last) = urls.split_at(urls.len() - 1);
                ctx.load_with(
                    Input::Urls(last.to_vec()),
                    Some(Input::Urls(base.to_vec())),
                    true,
                );
            } else if files.len() >= 2 {
                let (base, last) = files.split_at(files.len() - 1);
                ctx.load_with(
                    Input::Files(last.to_vec()),
                    Some(Input::Files(base.to_vec())),
                    true,
                );
            }
        })
    };
    let on_swap = {
        let shared = ctx.shared.borrow();
        let (urls, base_urls) = (shared.urls.clone(), shared.base_urls.clone());
        let (files, base_files) = shared.files.clone();
        let ctx = ctx.clone();
        if !urls.is_empty() && !base_urls.is_empty() {
            Some(Callback::from(move |_| {
                ctx.load_with(
                    Input::Urls(base_urls.clone()),
                    Some(Input::Urls(urls.clone())),
                    true,
                )
            }))
        } else if !files.is_empty() && !base_files.is_empty() {
            Some(Callback::from(move |_| {
                ctx.load_with(
                    Input::Files(base_files.clone()),
                    Some(Input::Files(files.clone())),
                    true,
                )
            }))
        } else {
            None
        }
    };
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

    let (legend_lines, warnings) = data.legend(state.link.view).unzip();
    let close_shown = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(None))
    };
    let on_check = {
        let ctx = ctx.clone();
        Callback::from(
            move |(q, reply): (Query, Callback<Result<(), FieldError>>)| ctx.check(q, reply),
        )
    };
    let view = data.view(
        state,
        &flame_request,
        ViewCallbacks {
            on_action: on_action.clone(),
            on_window,
            on_painted,
        },
    );
    let main = match (&state.phase, &state.summary) {
        (LoadPhase::Ready, Some(summary)) => html! {
            <>
                <Legend summary={summary.clone()} legend={legend_lines} notices={state.notices.clone()} />
                <EmptyTypeNotice summary={summary.clone()} sample_type={state.sample_type().to_string()}
                    on_action={on_action.clone()} />
                <div class="bar-row">
                    <CompareBar summary={summary.clone()} query={state.query().clone()}
                        identical={state.identical} on_action={on_action.clone()}
                        on_base={on_base.clone()} on_compare_instead={on_compare_instead.clone()}
                        on_swap={on_swap.clone()} />
                    <ShareBar on_copy_link={app_share::copy_link(&shown)}
                        on_export={app_share::export(&ctx, state, &shown)}
                        on_svg={app_share::flame_image((*data.flame).clone(), state, &shown, false)}
                        on_png={app_share::flame_image((*data.flame).clone(), state, &shown, true)}
                        on_embed={app_share::embed(&ctx, state, &shown)}
                        shown={(*shown).clone()} on_close={close_shown} />
                </div>
                <FilterBar query={state.query().clone()} granularity={state.granularity()}
                    warnings={warnings.unwrap_or_default()}
                    on_action={on_action.clone()} on_check={on_check} />
                { view }
            </>
        },
        (LoadPhase::Loading { label, progress }, _) => html! {
            <LoadProgress label={label.clone()} progress={progress.clone()} />
        },
        (LoadPhase::Failed(error), _) => html! {
            <>
                <ErrorView error={error.clone()} />
                <EmptyState on_example={on_example.clone()} notices={state.notices.clone()}
                    link_files={state.link.files.clone()} />
            </>
        },
        _ => {
            html! { <EmptyState on_example={on_example.clone()} notices={state.notices.clone()}
            link_files={state.link.files.clone()} /> }
        }
    };

    let search_outcome = data.search_outcome(state);
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

/// The base URLs a link compares with (`base=`/`diff_base=`), `None` when it has none;
/// dropped bases (which a link cannot carry) are left out.
fn link_bases(query: &Query) -> Option<Vec<String>> {
    let urls: Vec<String> = query
        .comparison()?
        .bases
        .iter()
        .filter(|b| !b.starts_with(DROPPED))
        .cloned()
        .collect();
    (!urls.is_empty()).then_some(urls)
}

/// The bundled example profile, relative to the page.
const EXAMPLE: &str = "example.pb.gz";
