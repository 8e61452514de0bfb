//! The colour legend of a comparison's flame graph (`data-testid="diff-legend"`).
//!
//! Consumes the palette in use and whether the comparison is proportional (`-normalize`);
//! produces a gradient bar drawn from the same colour function as the boxes
//! ([`diff_gradient_css`]), labelled "shrank", "unchanged", "grew". The gradient is set
//! through the CSSOM (the page's CSP forbids inline style attributes); it is also written
//! to `data-gradient`, and the palette to `data-palette` (`warm` or `colour-blind`, the
//! values of the palette `<select>`).

use crate::render::{diff_gradient_css, Palette};
use web_sys::HtmlElement;
use yew::prelude::*;

/// Stops of the legend's gradient.
const STOPS: usize = 9;

/// What the legend shows.
#[derive(Properties, Clone, PartialEq)]
pub struct DiffLegendProps {
    /// The palette the flame graph is drawn with.
    pub palette: Palette,
    /// Whether sizes compare each profile's share of its own total (`-normalize`).
    #[prop_or_default]
    pub normalize: bool,
}

/// The comparison's colour legend.
#[component]
pub fn DiffLegend(props: &DiffLegendProps) -> Html {
    let bar = use_node_ref();
    let gradient = diff_gradient_css(props.palette, STOPS);
    {
        let bar = bar.clone();
        use_effect_with(gradient.clone(), move |gradient| {
            if let Some(el) = bar.cast::<HtmlElement>() {
                let _ = el.style().set_property("background-image", gradient);
            }
        });
    }
    let (key, colours) = match props.palette {
        Palette::Warm => ("warm", "green shrank, red grew"),
        Palette::ColourBlind => ("colour-blind", "blue shrank, orange grew"),
    };
    let sizes = if props.normalize {
        "proportional: each profile as a share of its own total"
    } else {
        "width: before + after"
    };
    html! {
        <div class="diff-legend" data-testid="diff-legend" data-palette={key}
            data-gradient={gradient} data-normalize={props.normalize.to_string()}
            role="group" aria-label="Comparison colours">
            <div class="diff-legend-scale" title={colours}>
                <span class="diff-legend-bar" ref={bar} aria-hidden="true"></span>
                <span class="diff-legend-labels">
                    <span>{ "shrank" }</span>
                    <span>{ "unchanged" }</span>
                    <span>{ "grew" }</span>
                </span>
            </div>
            <span class="diff-legend-note">{ format!("{colours} · {sizes}") }</span>
        </div>
    }
}
