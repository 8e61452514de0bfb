//! The callers / callees ("sandwich") view of one function, merged over every call site.
//!
//! Consumes the engine's [`SandwichData`] (computed over the whole filtered profile) and the
//! link's `p` (the function is its last name); produces pprof-peek-like tables of direct
//! callers and callees with their values, and two flame graphs: callers growing upward from
//! the function, callees downward from it.

use super::flame_canvas::FlameCanvas;
use crate::layout::Orientation;
use crate::model::units::percentage;
use crate::query::CallTree;
use crate::report::ValueFormat;
use crate::session::SandwichView as SandwichData;
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// What the callers view shows.
#[derive(Properties, Clone, PartialEq)]
pub struct SandwichViewProps {
    /// The engine's answer for the function (trees reindexed), once there.
    pub view: Option<Rc<SandwichData>>,
    /// Call path whose last name is the function.
    pub path: Vec<String>,
    /// State changes.
    pub on_action: Callback<Action>,
    /// The view was painted.
    pub on_painted: Callback<()>,
}

/// Rows of one side: the root's children with their totals.
fn rows(tree: &CallTree) -> Vec<(String, i64)> {
    if tree.is_empty() {
        return Vec::new();
    }
    tree.children(0)
        .map(|c| (tree.name(c).to_string(), tree.total[c as usize]))
        .collect()
}

fn side_table(
    title: &str,
    id: &'static str,
    rows: &[(String, i64)],
    fmt: &ValueFormat,
    total: i64,
    on_pick: &Callback<String>,
) -> Html {
    html! {
        <table class="sandwich-table" data-testid={id}>
            <caption>{ title }</caption>
            <thead><tr><th>{ "value" }</th><th>{ "%" }</th><th>{ "function" }</th></tr></thead>
            <tbody>
                { for rows.iter().map(|(name, v)| {
                    let (pick, n) = (on_pick.clone(), name.clone());
                    html! {
                        <tr data-testid="sandwich-row">
                            <td data-col="value">{ fmt.format(*v) }</td>
                            <td data-col="pct">{ percentage(*v, total).trim().to_string() }</td>
                            <td data-col="name"><button type="button" class="link-button" title="Show this function's callers and callees"
                                onclick={Callback::from(move |_: MouseEvent| pick.emit(n.clone()))}>{ name.clone() }</button></td>
                        </tr>
                    }
                }) }
                if rows.is_empty() {
                    <tr><td colspan="3" class="muted">{ "none" }</td></tr>
                }
            </tbody>
        </table>
    }
}

/// The callers / callees view.
#[component]
pub fn SandwichView(props: &SandwichViewProps) -> Html {
    let name = props.path.last().cloned().unwrap_or_default();
    let trees = use_memo(props.view.clone(), |v| {
        v.as_ref().map(|v| {
            let format = ValueFormat {
                sample_unit: v.sample_unit.clone(),
                output_unit: v.output_unit.clone(),
            };
            (
                Rc::new(v.callers.clone()),
                Rc::new(v.callees.clone()),
                Rc::new(format),
                v.total,
            )
        })
    });
    let callers_zoom = use_state(Vec::<String>::new);
    let callees_zoom = use_state(Vec::<String>::new);
    {
        let (a, b) = (callers_zoom.clone(), callees_zoom.clone());
        use_effect_with(name.clone(), move |_| {
            a.set(Vec::new());
            b.set(Vec::new());
        });
    }
    if name.is_empty() {
        return html! {
            <section class="sandwich-view empty" data-testid="sandwich-view">
                <p>{ "Right-click a frame in the flame graph and choose \u{201c}Show callers and callees\u{201d}." }</p>
            </section>
        };
    }
    let Some((callers, callees, format, total)) = (*trees).clone() else {
        return html! { <p class="view-loading" aria-busy="true">{ "Finding callers and callees…" }</p> };
    };
    let cum = callees.total.first().copied().unwrap_or(0);
    let diff = props.view.as_ref().is_some_and(|v| v.diff);
    let on_pick = props
        .on_action
        .reform(|name: String| Action::Sandwich(vec![name]));
    let label: AttrValue = name.clone().into();
    html! {
        <section class="sandwich-view" data-testid="sandwich-view">
            <header class="sandwich-head">
                <h2 data-testid="sandwich-function" title={name.clone()}>{ name.clone() }</h2>
                <span class="sandwich-total" data-testid="sandwich-total">
                    { format!("{} ({} of total), each sample once", format.format(cum), percentage(cum, total).trim()) }
                </span>
            </header>
            <div class="sandwich-tables">
                { side_table("Callers", "sandwich-callers", &rows(&callers), &format, total, &on_pick) }
                { side_table("Callees", "sandwich-callees", &rows(&callees), &format, total, &on_pick) }
            </div>
            <div class="sandwich-graphs">
                <FlameCanvas tree={callers} format={format.clone()} total={total}
                    path={(*callers_zoom).clone()} orientation={Orientation::Flame}
                    root_label={label.clone()} testid="sandwich-callers-canvas" diff={diff}
                    on_zoom={Callback::from(move |p| callers_zoom.set(p))}
                    on_painted={props.on_painted.clone()} />
                <FlameCanvas tree={callees} format={format.clone()} total={total}
                    path={(*callees_zoom).clone()} orientation={Orientation::Icicle}
                    root_label={label} testid="sandwich-callees-canvas" diff={diff}
                    on_zoom={Callback::from(move |p| callees_zoom.set(p))} />
            </div>
        </section>
    }
}
