//! The top table: every node of the profile, pprof's columns, virtualised.
//!
//! Consumes a [`TopPage`] (a window of formatted rows from the engine) and the sort order;
//! produces `data-testid="top-table"` (the scroll container, with `data-row-height`, and
//! `data-total-rows` and `data-matched-rows` once the engine's first rows arrived), `top-head` header buttons that sort, and
//! `top-row` rows with `data-col` cells; a comparison's table (its rows carry `diff`) adds
//! `before`, `after`, `delta` (sortable) and `delta%` between `cum%` and `name`, the delta
//! red when it grew and green when it shrank. Only rows near the visible area exist in the DOM;
//! as the user scrolls it asks (`on_window`) for the rows it will need, in chunks. Sizes
//! are set through the CSSOM, never inline `style` attributes (the page's CSP forbids
//! them). Names are text, with search matches in `<mark>`.

use super::flame_menu::{use_frame_menu, FrameMenu, MenuAt};
use crate::session::{DiffCells, TopColumn, TopPage, TopRowView, TopSort};
use crate::state::Action;
use gloo::events::EventListener;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Height of one row in CSS px (the stylesheet's `--row-h` must agree).
pub const ROW_HEIGHT: u32 = 22;
/// Rows are asked for in windows aligned to this many rows.
const CHUNK: u32 = 128;
/// Rows beyond the visible ones that a window covers.
const OVERSCAN: u32 = 64;
/// Rows beyond the visible ones that are rendered.
const MARGIN: u32 = 12;

/// Properties of [`TopTable`].
#[derive(Clone, PartialEq, Properties)]
pub struct TopTableProps {
    /// The rows received last.
    pub page: Option<Rc<TopPage>>,
    /// The order shown.
    pub sort: TopSort,
    /// When this changes the table scrolls back to its first row.
    pub reset: String,
    /// A header was clicked.
    pub on_sort: Callback<TopColumn>,
    /// The rows `(first, count)` the table needs now.
    pub on_window: Callback<(u32, u32)>,
    /// Refine actions from a row's right-click menu.
    pub on_action: Callback<Action>,
    /// Rows from a page were rendered.
    pub on_painted: Callback<()>,
}

/// Visible rows: the first one and how many fit.
fn visible(el: &HtmlElement) -> (u32, u32) {
    let first = (el.scroll_top().max(0) as u32) / ROW_HEIGHT;
    let count = (el.client_height().max(0) as u32).div_ceil(ROW_HEIGHT) + 1;
    (first, count)
}

/// The top table.
#[component]
pub fn TopTable(props: &TopTableProps) -> Html {
    let scroller = use_node_ref();
    let body = use_node_ref();
    let seen = use_state(|| (0u32, 40u32));
    let (menu, on_menu, close_menu) = use_frame_menu();

    // Measure on mount and when the window resizes.
    {
        let scroller = scroller.clone();
        let seen = seen.clone();
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = scroller.cast::<HtmlElement>() {
                    seen.set(visible(&el));
                }
            };
            measure();
            let resize = EventListener::new(&gloo::utils::window(), "resize", move |_| measure());
            move || drop(resize)
        });
    }
    // A new order, search or sample type starts at the top.
    {
        let scroller = scroller.clone();
        let seen = seen.clone();
        use_effect_with(props.reset.clone(), move |_| {
            if let Some(el) = scroller.cast::<HtmlElement>() {
                el.set_scroll_top(0);
                seen.set(visible(&el));
            }
        });
    }
    let onscroll = {
        let scroller = scroller.clone();
        let seen = seen.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = scroller.cast::<HtmlElement>() {
                let now = visible(&el);
                if *seen != now {
                    seen.set(now);
                }
            }
        })
    };

    let (first_visible, count_visible) = *seen;
    let want_first = first_visible.saturating_sub(OVERSCAN) / CHUNK * CHUNK;
    let want_end = (first_visible + count_visible + OVERSCAN).div_ceil(CHUNK) * CHUNK;
    {
        let on_window = props.on_window.clone();
        use_effect_with((want_first, want_end), move |(f, e)| {
            on_window.emit((*f, e - f))
        });
    }

    let page = props.page.clone();
    let diff = page.as_ref().is_some_and(|p| {
        p.request.query.comparison().is_some() || p.rows.iter().any(|r| r.diff.is_some())
    });
    let matched = page.as_ref().map_or(0, |p| p.matched_rows);
    let total = page.as_ref().map_or(0, |p| p.total_rows);
    let render_first = first_visible.saturating_sub(MARGIN).min(matched);
    let render_end = (first_visible + count_visible + MARGIN).min(matched);

    // Size the scrolled body for every row, and push the rendered ones to their place.
    {
        let body = body.clone();
        let on_painted = props.on_painted.clone();
        let has_page = page.is_some();
        use_effect(move || {
            if let Some(el) = body.cast::<HtmlElement>() {
                let style = el.style();
                let height = format!("{}px", u64::from(matched) * u64::from(ROW_HEIGHT));
                let offset = format!("{}px", u64::from(render_first) * u64::from(ROW_HEIGHT));
                // Setting a property through the CSSOM is allowed by the page's CSP.
                let _ = style.set_property("height", &height);
                let _ = style.set_property("padding-top", &offset);
            }
            if has_page {
                on_painted.emit(());
            }
        });
    }

    let rows = (render_first..render_end).map(|pos| {
        let row = page.as_ref().and_then(|p| {
            let first = p.request.first;
            pos.checked_sub(first).and_then(|i| p.rows.get(i as usize))
        });
        match row {
            Some(r) => row_html(r, pos, diff, &on_menu),
            None => html! { <div class="top-row placeholder" aria-hidden="true"></div> },
        }
    });

    html! {
        <div class={classes!("top-table", diff.then_some("diff"))} data-testid="top-table" role="table" tabindex="0"
            aria-label="Top functions" aria-rowcount={matched.to_string()}
            data-total-rows={page.as_ref().map(|_| total.to_string())}
            data-matched-rows={page.as_ref().map(|_| matched.to_string())}
            aria-busy={page.is_none().to_string()}
            data-row-height={ROW_HEIGHT.to_string()} ref={scroller} {onscroll}>
            <div class="top-head-row" role="row">
                { for columns(diff).into_iter().map(|c| match c {
                    Some(c) => head_cell(c, props.sort, &props.on_sort),
                    None => html! {
                        <span role="columnheader" class="top-head num static" data-col="delta%"
                            title="The change relative to before">{ "delta%" }</span>
                    },
                }) }
            </div>
            <div class="top-body" ref={body}>
                { for rows }
            </div>
            if page.is_some() && matched == 0 {
                <p class="top-empty">{ if total == 0 && diff {
                    "No difference: no function's value changed between the two profiles."
                } else if total == 0 {
                    "Nothing left: the filters removed every sample."
                } else {
                    "No function name matches the search."
                } }</p>
            }
            if let Some(at) = menu {
                <FrameMenu at={at} on_close={close_menu} on_action={props.on_action.clone()} />
            }
        </div>
    }
}

/// The header cells in display order: pprof's columns, and for a comparison the diff
/// columns before the name (`None` is the unsortable `delta%`).
fn columns(diff: bool) -> Vec<Option<TopColumn>> {
    let mut out: Vec<Option<TopColumn>> = TopColumn::ALL
        .iter()
        .filter(|&&c| c != TopColumn::Name)
        .map(|&c| Some(c))
        .collect();
    if diff {
        out.extend(TopColumn::DIFF.iter().map(|&c| Some(c)));
        out.push(None);
    }
    out.push(Some(TopColumn::Name));
    out
}

fn head_cell(column: TopColumn, sort: TopSort, on_sort: &Callback<TopColumn>) -> Html {
    let active = sort.column == column;
    let aria = match (active, sort.descending) {
        (false, _) => "none",
        (true, true) => "descending",
        (true, false) => "ascending",
    };
    let arrow = match (active, sort.descending) {
        (false, _) => "",
        (true, true) => " ▾",
        (true, false) => " ▴",
    };
    let class = classes!(
        "top-head",
        (column != TopColumn::Name).then_some("num"),
        active.then_some("active")
    );
    html! {
        <button type="button" role="columnheader" {class} data-testid="top-head"
            data-col={column.key()} aria-sort={aria}
            title={format!("Sort by {}", column.key())}
            onclick={on_sort.reform(move |_: MouseEvent| column)}>
            { column.key() }{ arrow }
        </button>
    }
}

/// A comparison's cells of one row (empty cells when the row has none).
fn diff_cells(d: Option<&DiffCells>) -> Html {
    let empty = DiffCells::default();
    let d = d.unwrap_or(&empty);
    let change = if d.delta.starts_with('+') {
        Some("grew")
    } else if d.delta.starts_with('-') {
        Some("shrank")
    } else {
        None
    };
    html! {
        <>
            <span class="num" role="cell" data-col="before">{ d.before.clone() }</span>
            <span class="num" role="cell" data-col="after">{ d.after.clone() }</span>
            <span class={classes!("num", change)} role="cell" data-col="delta">{ d.delta.clone() }</span>
            <span class={classes!("num", change)} role="cell" data-col="delta%">{ d.delta_pct.clone() }</span>
        </>
    }
}

fn row_html(r: &TopRowView, pos: u32, diff: bool, on_menu: &Callback<MenuAt>) -> Html {
    let oncontextmenu = {
        let (target, on_menu) = (r.target.clone(), on_menu.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_menu.emit(MenuAt {
                path: Vec::new(),
                target: target.clone(),
                x: e.client_x(),
                y: e.client_y(),
            })
        })
    };
    html! {
        <div class="top-row" role="row" data-testid="top-row" {oncontextmenu}
            data-row={pos.to_string()} data-rank={r.rank.to_string()}>
            <span class="num" role="cell" data-col="flat">{ r.flat.clone() }</span>
            <span class="num" role="cell" data-col="flat%">{ r.flat_pct.clone() }</span>
            <span class="num" role="cell" data-col="sum%">{ r.sum_pct.clone() }</span>
            <span class="num" role="cell" data-col="cum">{ r.cum.clone() }</span>
            <span class="num" role="cell" data-col="cum%">{ r.cum_pct.clone() }</span>
            if diff {
                { diff_cells(r.diff.as_ref()) }
            }
            <span class="name" role="cell" data-col="name" title={format!("{}{}", r.name, r.inline)}>
                { highlighted(&r.name, &r.highlights) }
                if !r.inline.is_empty() {
                    <span class="inline-tag">{ r.inline.clone() }</span>
                }
            </span>
        </div>
    }
}

/// `name` as text with the byte ranges in `marks` wrapped in `<mark>`.
fn highlighted(name: &str, marks: &[(u32, u32)]) -> Html {
    let mut parts = Vec::new();
    let mut at = 0usize;
    for &(start, end) in marks {
        let (start, end) = (start as usize, end as usize);
        let (Some(before), Some(hit)) = (name.get(at..start), name.get(start..end)) else {
            continue;
        };
        if !before.is_empty() {
            parts.push(html! { { before.to_string() } });
        }
        parts.push(html! { <mark>{ hit.to_string() }</mark> });
        at = end;
    }
    if let Some(rest) = name.get(at..) {
        if !rest.is_empty() {
            parts.push(html! { { rest.to_string() } });
        }
    }
    html! { <>{ for parts }</> }
}
