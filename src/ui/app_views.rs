//! The app's view requests: what the engine must compute for the state on screen.
//!
//! Consumes the state (its query, view, zoom, search, sort) and the top table's row window;
//! produces requests to the engine, each once per change: the flame graph and its search,
//! the callers view, the Labels view or a window of the top table. Every request carries the
//! state's one [`Query`](crate::query::Query), so the engine computes and caches by it.

use super::app_ctx::Ctx;
use crate::session::{
    FlameRequest, FlameSearchRequest, GraphRequest, LabelsRequest, PeekRequest, SandwichRequest,
    TopRequest, TracesRequest,
};
use crate::state::{AppState, LoadPhase, View};
use yew::prelude::*;

/// How many stacks the Traces view lists at most (the heaviest).
const TRACES_SHOWN: u32 = 500;

/// Asks the engine for what `state`'s view shows; returns the current flame request (the
/// flame view matches search answers against it).
#[hook]
pub(super) fn use_view_requests(state: &AppState, ctx: &Ctx, window: (u32, u32)) -> FlameRequest {
    let ready = state.phase == LoadPhase::Ready;
    let view = state.link.view;
    let query = state.query().clone();
    let flame = FlameRequest {
        query: query.clone(),
        under: state.flame_under.clone(),
    };
    {
        let ctx = ctx.clone();
        let wanted = ready && view == View::Flame;
        let search = state.link.q.clone();
        use_effect_with(
            (wanted, state.loads, flame.clone(), search),
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
    {
        let ctx = ctx.clone();
        let function = state.link.function.clone();
        let wanted = ready && view == View::Sandwich && !function.is_empty();
        let request = SandwichRequest {
            query: query.clone(),
            function,
        };
        use_effect_with(
            (wanted, state.loads, request),
            move |(wanted, _, request)| {
                if *wanted {
                    ctx.ask_sandwich(request.clone());
                }
            },
        );
    }
    {
        let ctx = ctx.clone();
        let wanted = ready && view == View::Tags;
        let request = LabelsRequest {
            query: query.clone(),
        };
        use_effect_with(
            (wanted, state.loads, request),
            move |(wanted, _, request)| {
                if *wanted {
                    ctx.ask_labels(request.clone());
                }
            },
        );
    }
    {
        let ctx = ctx.clone();
        let wanted = ready && view == View::Traces;
        let request = TracesRequest {
            query: query.clone(),
            search: state.link.q.clone(),
            limit: TRACES_SHOWN,
        };
        use_effect_with(
            (wanted, state.loads, request),
            move |(wanted, _, request)| {
                if *wanted {
                    ctx.ask_traces(request.clone());
                }
            },
        );
    }
    {
        let ctx = ctx.clone();
        let request = PeekRequest {
            query: query.clone(),
            regex: super::app_data::peek_regex(state),
        };
        let wanted = ready && view == View::Peek && !request.regex.is_empty();
        use_effect_with(
            (wanted, state.loads, request),
            move |(wanted, _, request)| {
                if *wanted {
                    ctx.ask_peek(request.clone());
                }
            },
        );
    }
    {
        let ctx = ctx.clone();
        let wanted = ready && view == View::Graph;
        let request = GraphRequest {
            query: query.clone(),
            node_count: 0,
            search: state.link.q.clone(),
        };
        use_effect_with(
            (wanted, state.loads, request),
            move |(wanted, _, request)| {
                if *wanted {
                    ctx.ask_graph(request.clone());
                }
            },
        );
    }
    {
        let ctx = ctx.clone();
        let wanted = ready && view == View::Details;
        use_effect_with((wanted, state.loads), move |&(wanted, loads)| {
            if wanted {
                ctx.ask_details(loads);
            }
        });
    }
    {
        let ctx = ctx.clone();
        let wanted = ready && view == View::Top;
        let request = TopRequest {
            query,
            sort: state.sort(),
            search: state.link.q.clone(),
            first: window.0,
            count: window.1,
        };
        use_effect_with(
            (wanted, state.loads, request),
            move |(wanted, _, request)| {
                if *wanted {
                    ctx.ask_top(request.clone());
                }
            },
        );
    }
    flame
}
