//! The engine's latest answer for each view, and the view on screen drawn from them.
//!
//! Consumes the state (which view, its zoom, search and sort) and the answers the engine
//! sent; produces the view's component, whether its data is there (for `<body
//! data-state>`), and the legend lines and notes it came with.

use super::{
    DetailsPanel, FlameView, GraphPanel, LabelsPanel, PeekPanel, SandwichView, TopTable,
    TracesPanel,
};
use super::{SourceFiles, SourcePanel};
use crate::session::{
    DetailsView, FlameGraph, FlameRequest, FlameSearch, GraphView, LabelsView, PeekView,
    SandwichView as SandwichData, SourceView, TopPage, TracesView,
};
use crate::state::{Action, AppState, View};
use std::rc::Rc;
use yew::prelude::*;

/// One state slot per view, holding the engine's latest answer.
#[derive(Clone, PartialEq)]
pub(super) struct ViewData {
    pub top: UseStateHandle<Option<Rc<TopPage>>>,
    pub flame: UseStateHandle<Option<Rc<FlameGraph>>>,
    pub flame_search: UseStateHandle<Option<Rc<FlameSearch>>>,
    pub sandwich: UseStateHandle<Option<Rc<SandwichData>>>,
    pub labels: UseStateHandle<Option<Rc<LabelsView>>>,
    pub traces: UseStateHandle<Option<Rc<TracesView>>>,
    pub details: UseStateHandle<Option<Rc<DetailsView>>>,
    pub peek: UseStateHandle<Option<Rc<PeekView>>>,
    pub graph: UseStateHandle<Option<Rc<GraphView>>>,
    pub source: UseStateHandle<Option<Rc<SourceView>>>,
    /// The source files the user picked for the Source view, and the texts found.
    pub source_files: UseReducerHandle<SourceFiles>,
    /// The Source request whose answer is wanted (kept across renders, like `Shared`).
    pub source_wanted: Rc<std::cell::RefCell<Option<crate::session::SourceRequest>>>,
}

/// The view slots of the app.
#[hook]
pub(super) fn use_view_data() -> ViewData {
    ViewData {
        top: use_state(|| None),
        flame: use_state(|| None),
        flame_search: use_state(|| None),
        sandwich: use_state(|| None),
        labels: use_state(|| None),
        traces: use_state(|| None),
        details: use_state(|| None),
        peek: use_state(|| None),
        graph: use_state(|| None),
        source: use_state(|| None),
        source_files: use_reducer(SourceFiles::default),
        source_wanted: use_mut_ref(|| None),
    }
}

/// The callbacks a view needs.
pub(super) struct ViewCallbacks {
    pub on_action: Callback<Action>,
    pub on_window: Callback<(u32, u32)>,
    pub on_painted: Callback<()>,
}

impl ViewData {
    /// Whether the current view's first data is on screen.
    pub fn ready(&self, state: &AppState) -> bool {
        match state.link.view {
            View::Top => self.top.is_some(),
            View::Tags => self.labels.is_some(),
            View::Sandwich => self.sandwich.is_some() || state.link.function.is_empty(),
            View::Traces => self.traces.is_some(),
            View::Details => self.details.is_some(),
            View::Peek => self.peek.is_some() || peek_regex(state).is_empty(),
            View::Graph => self.graph.is_some(),
            View::Source => self.source.is_some() || !source_asked(state),
            _ => self.flame.is_some(),
        }
    }

    /// The legend lines and notes the current view's answer came with.
    pub fn legend(&self, view: View) -> Option<(Vec<String>, Vec<String>)> {
        match view {
            View::Top => (*self.top)
                .as_ref()
                .map(|p| (p.legend.clone(), p.warnings.clone())),
            View::Tags => (*self.labels)
                .as_ref()
                .map(|l| (l.legend.clone(), l.warnings.clone())),
            View::Sandwich => (*self.sandwich)
                .as_ref()
                .map(|v| (v.legend.clone(), v.warnings.clone())),
            View::Traces => (*self.traces)
                .as_ref()
                .map(|v| (v.legend.clone(), v.warnings.clone())),
            View::Details => None,
            View::Graph => (*self.graph)
                .as_ref()
                .map(|v| (graph_legend(&v.scene.legend), v.warnings.clone())),
            View::Source => (*self.source)
                .as_ref()
                .map(|v| (v.legend.clone(), v.warnings.clone())),
            View::Peek => (*self.peek)
                .as_ref()
                .map(|v| (v.legend.clone(), v.warnings.clone())),
            _ => (*self.flame)
                .as_ref()
                .map(|g| (g.legend.clone(), g.warnings.clone())),
        }
    }

    /// The search box's outcome for the current view.
    pub fn search_outcome(&self, state: &AppState) -> Option<crate::session::SearchOutcome> {
        match state.link.view {
            View::Top => (*self.top).as_ref().map(|p| p.search.clone()),
            View::Traces => (*self.traces).as_ref().map(|v| v.search.clone()),
            _ => (*self.flame_search)
                .as_ref()
                .filter(|s| s.request.search == state.link.q)
                .map(|s| s.outcome.clone()),
        }
    }

    /// The current view's component.
    pub fn view(&self, state: &AppState, flame_request: &FlameRequest, cb: ViewCallbacks) -> Html {
        let ViewCallbacks {
            on_action,
            on_window,
            on_painted,
        } = cb;
        match state.link.view {
            View::Top => html! {
                <TopTable
                    page={(*self.top).clone()}
                    sort={state.sort()}
                    reset={format!("{:?}\u{0}{:?}\u{0}{}\u{0}{}", state.query(), state.sort(), state.link.q, state.loads)}
                    on_sort={on_action.reform(Action::Sort)}
                    on_window={on_window}
                    on_action={on_action.clone()}
                    on_painted={on_painted}
                />
            },
            View::Tags => html! {
                <LabelsPanel view={(*self.labels).clone()} query={state.query().clone()}
                    on_action={on_action} on_painted={on_painted} />
            },
            View::Sandwich => html! {
                <SandwichView view={(*self.sandwich).clone()} path={vec![state.link.function.clone()]}
                    on_action={on_action} on_painted={on_painted} />
            },
            View::Traces => html! {
                <TracesPanel view={(*self.traces).clone()} on_action={on_action} on_painted={on_painted} />
            },
            View::Peek => html! {
                <PeekPanel view={(*self.peek).clone()} asked={!peek_regex(state).is_empty()}
                    on_action={on_action} on_painted={on_painted} />
            },
            View::Graph => html! {
                <GraphPanel view={(*self.graph).clone()} options={state.link.options} on_action={on_action} on_painted={on_painted} />
            },
            View::Source => html! {
                <SourcePanel view={(*self.source).clone()} asked={source_asked(state)}
                    files={self.source_files.clone()} template={state.link.src.clone()}
                    on_painted={on_painted} />
            },
            View::Details => html! {
                <DetailsPanel view={(*self.details).clone()} on_action={on_action} on_painted={on_painted} />
            },
            _ => match (*self.flame).clone() {
                Some(graph) => {
                    let matches = (*self.flame_search)
                        .as_ref()
                        .filter(|f| f.request.flame == *flame_request && !f.matches.is_empty())
                        .map(|f| Rc::new(f.matches.clone()));
                    html! {
                        <FlameView graph={graph} matches={matches} path={state.link.p.clone()}
                            options={state.link.options}
                            on_action={on_action} on_painted={on_painted} />
                    }
                }
                None => html! {
                    <p class="view-loading" aria-busy="true">{ "Building the flame graph…" }</p>
                },
            },
        }
    }
}

/// pprof's graph legend without its pointer to Graphviz reading help (the page is the help).
fn graph_legend(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| !l.trim_start().starts_with("See https://"))
        .cloned()
        .collect()
}

/// The Peek view's regex: the search box's, else the picked function's exact name (empty:
/// nothing to peek at).
pub(super) fn peek_regex(state: &AppState) -> String {
    if !state.link.q.is_empty() {
        return state.link.q.clone();
    }
    match state.link.function.as_str() {
        "" => String::new(),
        f => format!("^{}$", crate::query::quote_meta(f)),
    }
}

/// Whether the Source view has something to list: a picked function or a search.
pub(super) fn source_asked(state: &AppState) -> bool {
    !state.link.function.is_empty() || !state.link.q.is_empty()
}
