//! The comparison bar: start comparing with a base profile, say what is compared with what,
//! and the comparison's switches.
//!
//! Consumes the loaded profile's summary and the query; produces CONTRACT §3's compare
//! controls: `compare-button` with its file input `compare-input` and the drop target
//! `compare-drop` while nothing is compared, `compare-instead` when several files were merged,
//! and while comparing `compare-legend` ("heap2.pb.gz minus base heap1.pb.gz"), `compare-mode`,
//! `toggle-norm`, `toggle-dropneg`, `compare-swap`, `compare-clear` and `no-difference`.
//! Choices go out as `Action`s or callbacks; it keeps no state. Names are text, never markup.

use crate::query::{Query, DROPPED};
use crate::session::Summary;
use crate::state::Action;
use web_sys::{DragEvent, File, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`CompareBar`].
#[derive(Clone, PartialEq, Properties)]
pub struct CompareBarProps {
    /// The loaded profile.
    pub summary: Summary,
    /// The query shown.
    pub query: Query,
    /// Whether the profile and its base hold the same samples.
    pub identical: bool,
    /// Query changes.
    pub on_action: Callback<Action>,
    /// Base files picked or dropped.
    pub on_base: Callback<Vec<File>>,
    /// "Compare instead" of merging the loaded files (shown when several were merged).
    pub on_compare_instead: Callback<()>,
    /// Swap profile and base; `None` when they cannot be swapped here.
    pub on_swap: Option<Callback<()>>,
}

/// The comparison bar.
#[component]
pub fn CompareBar(props: &CompareBarProps) -> Html {
    let q = &props.query;
    let Some(c) = q.comparison() else {
        return idle(props);
    };
    let source = props
        .summary
        .files
        .iter()
        .map(|f| display_name(f))
        .collect::<Vec<_>>()
        .join(" + ");
    let base = c
        .bases
        .iter()
        .map(|f| display_name(f))
        .collect::<Vec<_>>()
        .join(" + ");
    let verb = if c.diff_base {
        "compared with base"
    } else {
        "minus base"
    };
    let on_mode = props.on_action.reform(|e: Event| {
        let diff_base = e
            .target_dyn_into::<HtmlSelectElement>()
            .is_some_and(|s| s.value() == "diff_base");
        Action::CompareMode { diff_base }
    });
    let toggle = |field: &'static str| {
        props.on_action.reform(move |e: Event| {
            let on = e
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|i| i.checked());
            Action::SetField {
                field: field.to_string(),
                value: if on { "true" } else { "f" }.to_string(),
            }
        })
    };
    let on_clear = props.on_action.reform(|_: MouseEvent| Action::ClearBase);
    html! {
        <section class="compare-bar comparing" data-testid="compare-bar">
            <span class="compare-legend" data-testid="compare-legend" title={c.bases.join("\n")}>
                <strong>{ source }</strong>{ format!(" {verb} ") }<strong>{ base }</strong>
            </span>
            <select data-testid="compare-mode" onchange={on_mode}
                title="-base subtracts the base: percentages of the difference. -diff_base compares: percentages of the base's total.">
                <option value="base" selected={!c.diff_base}>{ "Subtract base (-base)" }</option>
                <option value="diff_base" selected={c.diff_base}>{ "Relative to base (-diff_base)" }</option>
            </select>
            <label class="toggle" title="Scale this profile so its total equals the base's: compare shares of each profile's own total (-normalize), e.g. a 30 s and a 60 s profile">
                <input type="checkbox" data-testid="toggle-norm" checked={q.normalize}
                    onchange={toggle("normalize")} />{ " Proportional" }
            </label>
            <label class="toggle" title="Leave out functions whose value went down (-drop_negative)">
                <input type="checkbox" data-testid="toggle-dropneg" checked={q.drop_negative}
                    onchange={toggle("drop_negative")} />{ " Hide decreases" }
            </label>
            if let Some(swap) = &props.on_swap {
                <button class="button" data-testid="compare-swap" title="Use the other profile as the base"
                    onclick={swap.reform(|_: MouseEvent| ())}>{ "Swap" }</button>
            }
            <button class="button" data-testid="compare-clear" onclick={on_clear}>{ "Stop comparing" }</button>
            if props.identical {
                <span class="no-difference" data-testid="no-difference">
                    { "No difference: both profiles hold the same samples." }
                </span>
            }
        </section>
    }
}

/// The bar while nothing is compared: Compare… and, after a merge, "compare instead".
fn idle(props: &CompareBarProps) -> Html {
    let on_pick = {
        let on_base = props.on_base.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files = crate::web::page::files_of(input.files());
            input.set_value("");
            if !files.is_empty() {
                on_base.emit(files);
            }
        })
    };
    let on_drop = {
        let on_base = props.on_base.clone();
        Callback::from(move |e: DragEvent| {
            // The window would open the file as a new profile.
            e.prevent_default();
            e.stop_propagation();
            let files = crate::web::page::files_of(e.data_transfer().and_then(|t| t.files()));
            if !files.is_empty() {
                on_base.emit(files);
            }
        })
    };
    let on_over = Callback::from(|e: DragEvent| e.prevent_default());
    let files = &props.summary.files;
    html! {
        <section class="compare-bar" data-testid="compare-bar">
            <label class="button" data-testid="compare-button"
                title="Pick an older profile of the same kind (the base): the views then show what changed">
                { "Compare…" }
                <input type="file" multiple=true class="visually-hidden" data-testid="compare-input"
                    onchange={on_pick} />
            </label>
            <span class="compare-drop" data-testid="compare-drop" ondrop={on_drop} ondragover={on_over}>
                { "or drop the base profile here" }
            </span>
            if files.len() >= 2 {
                <button class="button" data-testid="compare-instead"
                    title="Show the difference between the two profiles instead of their sum"
                    onclick={props.on_compare_instead.reform(|_: MouseEvent| ())}>
                    { format!(
                        "Compare {} with base {} instead",
                        display_name(&files[files.len() - 1]),
                        files[..files.len() - 1]
                            .iter()
                            .map(|f| display_name(f))
                            .collect::<Vec<_>>()
                            .join(" + ")
                    ) }
                </button>
            }
        </section>
    }
}

/// How a profile is named on the page: a dropped file by its name, a URL or path by its
/// last segment (the full address is in the tooltip).
pub fn display_name(name: &str) -> &str {
    let name = name.strip_prefix(DROPPED).unwrap_or(name);
    let path = name.split(['?', '#']).next().unwrap_or(name);
    match path.rsplit('/').next() {
        Some(last) if !last.is_empty() => last,
        _ => name,
    }
}
