//! The hover tooltip of a flame graph frame (`data-testid="tooltip"`).
//!
//! Consumes what the pointer is over ([`Hover`]) and the value format; produces a small
//! panel next to the pointer: full name, file (and line), total and self with their
//! share of the profile, share of the parent, and "(inlined)"; for a comparison's tree,
//! before, after, the signed delta and its change relative to before instead. Text only:
//! names are never interpreted as markup. Positioned through the CSSOM (the page's CSP forbids
//! inline style attributes).

use crate::model::units::percentage;
use crate::render::relative_change;
use crate::report::ValueFormat;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// What the pointer is over, in plain values.
#[derive(Clone, Debug, PartialEq)]
pub struct Hover {
    /// The node (`None` for a merged block).
    pub node: Option<u32>,
    /// Full frame name (`None` for the root or a merged block).
    pub name: Option<String>,
    /// Source file.
    pub file: String,
    /// Line (0 when the granularity has none).
    pub line: i64,
    /// Inlined at this call site.
    pub inlined: bool,
    /// Total value.
    pub total: i64,
    /// Self value.
    pub self_value: i64,
    /// The parent's total (`None` at the root).
    pub parent_total: Option<i64>,
    /// How many frames a merged block holds (0 for a frame).
    pub merged: u32,
    /// Pointer position within the canvas (CSS px).
    pub x: f64,
    /// Pointer position within the canvas (CSS px).
    pub y: f64,
}

/// Tooltip properties.
#[derive(Properties, Clone, PartialEq)]
pub struct FlameTooltipProps {
    /// What to describe.
    pub hover: Hover,
    /// How values are formatted.
    pub format: Rc<ValueFormat>,
    /// The report total.
    pub total: i64,
    /// What the root stands for.
    pub root_label: AttrValue,
    /// For a comparison's tree: the hovered frame's (or block's) `(before, after)`.
    #[prop_or_default]
    pub diff: Option<(i64, i64)>,
}

/// A share as pprof prints it, without padding.
fn pct(v: i64, of: i64) -> String {
    percentage(v, of).trim().to_string()
}

/// The value rows of a plain tree: total and self with their share of the profile, and
/// the share of the parent.
fn plain_rows(props: &FlameTooltipProps) -> Html {
    let (h, fmt) = (&props.hover, |v: i64| props.format.format(v));
    html! {
        <table class="tt-values">
            <tr>
                <th>{ "total" }</th>
                <td data-testid="tooltip-total">{ fmt(h.total) }</td>
                <td>{ format!("{} of total", pct(h.total, props.total)) }</td>
            </tr>
            if h.merged == 0 {
                <tr>
                    <th>{ "self" }</th>
                    <td data-testid="tooltip-self">{ fmt(h.self_value) }</td>
                    <td>{ format!("{} of total", pct(h.self_value, props.total)) }</td>
                </tr>
            }
            if let Some(p) = h.parent_total {
                <tr>
                    <th>{ "of parent" }</th>
                    <td colspan="2">{ pct(h.total, p) }</td>
                </tr>
            }
        </table>
    }
}

/// `v` formatted with a `+` in front when positive (`+1.20s`, `-40ms`, `0`).
fn signed(format: &ValueFormat, v: i64) -> String {
    if v > 0 {
        format!("+{}", format.format(v))
    } else {
        format.format(v)
    }
}

/// The value rows of a comparison: before, after, delta (signed, with its share of the
/// report total) and delta % of before, then the frame's own (self) delta.
fn diff_rows(props: &FlameTooltipProps, before: i64, after: i64) -> Html {
    let (h, format) = (&props.hover, props.format.as_ref());
    let delta = after.wrapping_sub(before);
    let class = match delta {
        d if d > 0 => "tt-grew",
        d if d < 0 => "tt-shrank",
        _ => "tt-same",
    };
    // The delta's share of the report total (pprof's flat% of a comparison), signed.
    let sign = match delta {
        d if d > 0 => "+",
        d if d < 0 => "-",
        _ => "",
    };
    let share = format!("{sign}{}", pct(delta, props.total));
    html! {
        <table class="tt-values tt-diff">
            <tr>
                <th>{ "before" }</th>
                <td data-testid="tooltip-before">{ format.format(before) }</td>
            </tr>
            <tr>
                <th>{ "after" }</th>
                <td data-testid="tooltip-after">{ format.format(after) }</td>
            </tr>
            <tr class={class}>
                <th>{ "delta" }</th>
                <td data-testid="tooltip-delta">{ signed(format, delta) }</td>
                <td>{ format!("{share} of total") }</td>
            </tr>
            <tr class={class}>
                <th>{ "delta %" }</th>
                <td data-testid="tooltip-delta-pct">{ relative_change(before, after) }</td>
            </tr>
            if h.merged == 0 {
                <tr>
                    <th>{ "self delta" }</th>
                    <td data-testid="tooltip-self-delta">{ signed(format, h.self_value) }</td>
                </tr>
            }
        </table>
    }
}

/// The hover tooltip.
#[component]
pub fn FlameTooltip(props: &FlameTooltipProps) -> Html {
    let el = use_node_ref();
    {
        let el = el.clone();
        let (x, y) = (props.hover.x, props.hover.y);
        use_effect_with((x.to_bits(), y.to_bits()), move |_| {
            let Some(tip) = el.cast::<HtmlElement>() else {
                return;
            };
            let parent = tip.parent_element();
            let parent_w = parent.as_ref().map_or(1e9, |p| f64::from(p.client_width()));
            let parent_h = parent
                .as_ref()
                .map_or(1e9, |p| f64::from(p.client_height()));
            let (w, h) = (
                f64::from(tip.offset_width()),
                f64::from(tip.offset_height()),
            );
            // Right of the pointer, or left of it near the right edge.
            let left = if x + 16.0 + w > parent_w {
                (x - 12.0 - w).max(0.0)
            } else {
                x + 16.0
            };
            let style = tip.style();
            let _ = style.set_property("left", &format!("{left}px"));
            // Below the pointer, or above it near the bottom edge.
            let top = if y + 16.0 + h > parent_h {
                (y - 12.0 - h).max(0.0)
            } else {
                y + 16.0
            };
            let _ = style.set_property("top", &format!("{top}px"));
        });
    }
    let h = &props.hover;
    let title = if h.merged > 0 {
        format!("{} frames too narrow to show", h.merged)
    } else {
        h.name
            .clone()
            .unwrap_or_else(|| props.root_label.to_string())
    };
    let place = match (h.file.is_empty(), h.line) {
        (true, _) => None,
        (false, 0) => Some(h.file.clone()),
        (false, line) => Some(format!("{}:{line}", h.file)),
    };
    let values = match props.diff {
        Some((before, after)) => diff_rows(props, before, after),
        None => plain_rows(props),
    };
    html! {
        <div class="flame-tooltip" data-testid="tooltip" ref={el} role="tooltip"
             data-total={h.total.to_string()} data-self={h.self_value.to_string()}
             data-before={props.diff.map(|d| d.0.to_string())}
             data-after={props.diff.map(|d| d.1.to_string())}>
            <div class="tt-name">{ title }</div>
            if let Some(place) = place {
                <div class="tt-file">{ place }</div>
            }
            if h.inlined {
                <div class="tt-inlined">{ "(inlined)" }</div>
            }
            { values }
            if h.merged > 0 {
                <div class="tt-hint">{ "Click to zoom in on them" }</div>
            } else {
                <div class="tt-hint">{ "Click to zoom · right-click for more" }</div>
            }
        </div>
    }
}
