//! The flame graph view: display options, the zoom breadcrumb, the canvas and the frame menu.
//!
//! Consumes a [`FlameGraph`] from the engine, search matches and the link's zoom path;
//! produces the view and [`Action`]s (zoom, refine, open the callers view). Sibling order,
//! orientation and palette are display choices kept in the component; the granularity is
//! the query's (the filter bar sets it for every view). A comparison's graph (`graph.diff`)
//! is coloured by change, with its colour legend in the bar; the palette choice then picks
//! red/green or the colour-blind orange/blue.

use super::diff_legend::DiffLegend;
use super::flame_canvas::FlameCanvas;
use super::flame_menu::{use_frame_menu, FrameMenu};
use crate::layout::Orientation;
use crate::query::{CallTree, SiblingOrder};
use crate::render::Palette;
use crate::report::ValueFormat;
use crate::session::FlameGraph;
use crate::state::display::ViewOptions;
use crate::state::Action;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What the flame view shows.
#[derive(Properties, Clone, PartialEq)]
pub struct FlameViewProps {
    /// The engine's call tree (reindexed).
    pub graph: Rc<FlameGraph>,
    /// Per frame: whether the search matches.
    #[prop_or_default]
    pub matches: Option<Rc<Vec<bool>>>,
    /// The zoomed frame's call path.
    pub path: Vec<String>,
    /// Sibling order, orientation and palette (the link's).
    pub options: ViewOptions,
    /// State changes.
    pub on_action: Callback<Action>,
    /// The graph was painted.
    pub on_painted: Callback<()>,
}

/// The value of the `<select>` a change event came from.
pub(super) fn selected_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// A `<select>`'s change handler: the options with `change(options, value)` applied.
fn set_from_select(
    on_action: &Callback<Action>,
    options: ViewOptions,
    change: fn(&mut ViewOptions, &str),
) -> Callback<Event> {
    on_action.reform(move |e: Event| {
        let mut o = options;
        change(&mut o, &selected_value(&e));
        Action::FlameDisplay(o)
    })
}

/// The flame graph view.
#[component]
pub fn FlameView(props: &FlameViewProps) -> Html {
    let options = props.options;
    let (order, orientation, palette) = (&options.order, &options.orientation, &options.palette);
    let (menu, on_menu, close_menu) = use_frame_menu();
    let tree: Rc<CallTree> = {
        let graph = props.graph.clone();
        let order = *order;
        (*use_memo((graph, order), |(graph, order)| {
            Rc::new(match order {
                SiblingOrder::ByWeight => graph.tree.clone(),
                SiblingOrder::ByName => graph.tree.reordered(SiblingOrder::ByName),
            })
        }))
        .clone()
    };
    let format = use_memo(props.graph.clone(), |g| {
        Rc::new(ValueFormat {
            sample_unit: g.sample_unit.clone(),
            output_unit: g.output_unit.clone(),
        })
    });

    // A zoom path (a click, a link, Back) that ends at or goes on inside a stand-in's parent:
    // ask for the tree below it, unless this tree is that load.
    {
        let on_action = props.on_action.clone();
        let under = props.graph.request.under.clone();
        use_effect_with(
            (tree.clone(), props.path.clone(), under),
            move |(tree, path, under)| {
                if under != path && tree.stand_in_on_path(path) {
                    on_action.emit(Action::LoadBelow(path.clone()));
                }
            },
        );
    }
    let on_zoom = props.on_action.reform(Action::Zoom);
    let on_order = set_from_select(&props.on_action, options, |o, v| {
        o.order = match v {
            "name" => SiblingOrder::ByName,
            _ => SiblingOrder::ByWeight,
        }
    });
    let on_orientation = props.on_action.reform(move |_: MouseEvent| {
        let mut o = options;
        o.orientation = match options.orientation {
            Orientation::Icicle => Orientation::Flame,
            Orientation::Flame => Orientation::Icicle,
        };
        Action::FlameDisplay(o)
    });
    let on_palette = set_from_select(&props.on_action, options, |o, v| {
        o.palette = match v {
            "colour-blind" => Palette::ColourBlind,
            _ => Palette::Warm,
        }
    });
    let diff = props.graph.diff;
    let (warm_name, blind_name) = if diff {
        ("Red / green", "Orange / blue")
    } else {
        ("By package", "Colour-blind safe")
    };
    let crumbs = {
        let mut items = vec![html! {
            <button type="button" class="crumb" onclick={on_zoom.reform(|_: MouseEvent| Vec::new())}>
                { "all" }
            </button>
        }];
        for (i, name) in props.path.iter().enumerate() {
            let prefix: Vec<String> = props.path[..=i].to_vec();
            items.push(html! {
                <>
                    <span class="crumb-sep" aria-hidden="true">{ "›" }</span>
                    <button type="button" class="crumb" title={name.clone()}
                        onclick={on_zoom.reform(move |_: MouseEvent| prefix.clone())}>
                        { crate::render::shorten_function_name(name) }
                    </button>
                </>
            });
        }
        items
    };

    html! {
        <section class="flame-view" data-testid="flame-view">
            <div class="flame-bar">
                <nav class="breadcrumb" data-testid="flame-breadcrumb" aria-label="Zoom path">
                    { for crumbs }
                </nav>
                if diff {
                    <DiffLegend palette={*palette} normalize={props.graph.request.query.normalize} />
                }
                <div class="flame-options">
                    <label class="field">
                        <span class="field-label">{ "Order" }</span>
                        <select data-testid="flame-order" onchange={on_order}>
                            <option value="weight" selected={*order == SiblingOrder::ByWeight}>{ "Heaviest first" }</option>
                            <option value="name" selected={*order == SiblingOrder::ByName}>{ "By name" }</option>
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">{ "Colours" }</span>
                        <select data-testid="flame-palette" onchange={on_palette}>
                            <option value="warm" selected={*palette == Palette::Warm}>{ warm_name }</option>
                            <option value="colour-blind" selected={*palette == Palette::ColourBlind}>{ blind_name }</option>
                        </select>
                    </label>
                    <button type="button" class="button" data-testid="flame-orientation" onclick={on_orientation}
                        title="Root on top (icicle) or at the bottom (flame)">
                        { match *orientation { Orientation::Icicle => "Root on top", Orientation::Flame => "Root at bottom" } }
                    </button>
                </div>
            </div>
            <FlameCanvas
                tree={tree}
                format={(*format).clone()}
                total={props.graph.total}
                path={props.path.clone()}
                matches={props.matches.clone()}
                orientation={*orientation}
                palette={*palette}
                diff={diff}
                root_label="all samples"
                on_zoom={on_zoom.clone()}
                on_menu={Some(on_menu)}
                on_painted={props.on_painted.clone()}
            />
            if let Some(at) = menu {
                <FrameMenu at={at} on_close={close_menu} on_action={props.on_action.clone()} />
            }
        </section>
    }
}
