//! The graph view (`data-testid="graph-view"`, tab `view-graph`): pprof's call graph as
//! `go tool pprof -web` shows it, laid out by the engine and drawn on a canvas, with no
//! Graphviz.
//!
//! Consumes the engine's [`GraphView`] (its legend lines go to the page's legend); produces
//! the canvas, the frame menu on a node and a list naming every node (for
//! screen readers and keyboard users; each entry selects its node). A click on a node
//! selects its function in every view: the search box gets `^name$`, as pprof's web UI does.

use super::flame_menu::use_frame_menu;
use super::graph_canvas::GraphCanvas;
use super::{FrameMenu, MenuAt};
use crate::render::Palette;
use crate::session::GraphView;
use crate::state::display::ViewOptions;
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`GraphPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct GraphPanelProps {
    /// The engine's answer, once there.
    pub view: Option<Rc<GraphView>>,
    /// How views are shown (the link's); the graph uses the palette.
    pub options: ViewOptions,
    /// Changes.
    pub on_action: Callback<Action>,
    /// The view was painted.
    pub on_painted: Callback<()>,
}

/// The graph view.
#[component]
pub fn GraphPanel(props: &GraphPanelProps) -> Html {
    let (menu, open_menu, close_menu) = use_frame_menu();
    let scene = use_memo(props.view.clone(), |v| {
        Rc::new(v.as_ref().map(|v| v.scene.clone()).unwrap_or_default())
    });
    let marked = use_memo(props.view.clone(), |v| {
        Rc::new(
            v.as_ref()
                .map(|v| {
                    v.matches
                        .iter()
                        .map(|&i| i as usize)
                        .collect::<Vec<usize>>()
                })
                .unwrap_or_default(),
        )
    });
    {
        let (painted, problem) = (
            props.on_painted.clone(),
            props.view.as_ref().is_some_and(|v| !v.problem.is_empty()),
        );
        use_effect_with(props.view.clone(), move |_| {
            if problem {
                painted.emit(());
            }
        });
    }
    let Some(view) = &props.view else {
        return html! { <p class="view-loading" aria-busy="true">{ "Computing the call graph…" }</p> };
    };
    if !view.problem.is_empty() {
        return html! {
            <section class="graph-view empty" data-testid="graph-view">
                <p data-testid="graph-problem">{ view.problem.clone() }</p>
            </section>
        };
    }
    let select = {
        let (on_action, scene) = (props.on_action.clone(), (*scene).clone());
        Callback::from(move |i: usize| {
            if let Some(n) = scene.nodes.get(i) {
                on_action.emit(Action::Select(n.name.clone()));
            }
        })
    };
    let on_menu = {
        let (open, scene) = (open_menu.clone(), (*scene).clone());
        Callback::from(move |(i, x, y): (usize, i32, i32)| {
            if let Some(n) = scene.nodes.get(i) {
                open.emit(MenuAt {
                    path: Vec::new(),
                    target: n.name.clone(),
                    x,
                    y,
                });
            }
        })
    };
    let palette = props.options.palette;
    let on_palette = {
        let options = props.options;
        props.on_action.reform(move |e: Event| {
            let mut o = options;
            o.palette = match super::flame_view::selected_value(&e).as_str() {
                "colour-blind" => Palette::ColourBlind,
                _ => Palette::Warm,
            };
            Action::FlameDisplay(o)
        })
    };
    let download = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            let svg = crate::render::graph_svg(&view.scene, &view.scene.legend);
            if let Err(e) =
                crate::web::page::download("callgraph.svg", "image/svg+xml", svg.as_bytes())
            {
                gloo::console::error!(format!("pprofview: the graph SVG was not saved: {e}"));
            }
        })
    };
    let list: Vec<Html> = scene.nodes.iter().enumerate().map(|(i, n)| {
        let pick = select.reform(move |_: MouseEvent| i);
        let [l, t, w, h] = n.rect;
        let rect = format!("{l:.2},{t:.2},{w:.2},{h:.2}");
        let text = format!(
            "{}: flat {} ({}), cum {} ({})",
            n.name, n.flat, n.flat_pct, n.cum, n.cum_pct
        );
        html! {
            <li data-testid="graph-node" data-name={n.name.clone()} data-flat={n.flat.clone()} data-cum={n.cum.clone()}
                data-rect={rect}>
                <button type="button" class="link-button" onclick={pick}>{ text }</button>
            </li>
        }
    }).collect();
    html! {
        <section class="graph-view flame-view" data-testid="graph-view">
            <div class="flame-bar graph-caption" data-testid="graph-legend">
                <span class="graph-hint">{ "Drag to pan · wheel or +/− to zoom · 0 to fit · click a node to select it" }</span>
                <label class="field">
                    <span class="field-label">{ "Colours" }</span>
                    <select data-testid="graph-palette" onchange={on_palette}>
                        <option value="warm" selected={palette == Palette::Warm}>{ "Red / green (pprof)" }</option>
                        <option value="colour-blind" selected={palette == Palette::ColourBlind}>{ "Orange / blue" }</option>
                    </select>
                </label>
                <button type="button" class="button" data-testid="export-graph-svg" onclick={download}
                    title="Download the whole call graph as SVG (as pprofview svg -graph writes it)">
                    { "Graph SVG" }
                </button>
            </div>
            <GraphCanvas scene={(*scene).clone()} marked={(*marked).clone()} palette={palette} on_click={select.clone()}
                on_menu={on_menu} on_painted={props.on_painted.clone()} />
            <nav class="visually-hidden graph-node-list" aria-label="Call graph nodes">
                <ol data-testid="graph-nodes">{ for list }</ol>
            </nav>
            if let Some(at) = menu {
                <FrameMenu at={at} on_close={close_menu} on_action={props.on_action.clone()} />
            }
        </section>
    }
}
