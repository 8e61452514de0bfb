//! The top table as the viewer pages through it: every node, pprof's numbers and text,
//! re-sortable and filterable without recomputing the profile.
//!
//! Consumes a prepared query; produces [`TopPage`]s. The table is computed once per query
//! (like `pprof -top -nodefraction=0` with the query's flags: nothing dropped); orders and
//! search results are memoised for the last request, so scrolling only slices. It must not
//! change the numbers pprof prints: formatting goes through `report`'s unit choice.

use super::protocol::{
    DiffCells, SearchOutcome, TopColumn, TopPage, TopRequest, TopRowView, TopSort,
};
use crate::error::QueryError;
use crate::model::units::percentage;
use crate::query::{
    compile_go_regex, matched_value, top_table, top_table_in, InlineKind, Prepared, TopOptions,
    TopScratch, TopTable,
};
use crate::render::relative_change;
use crate::report::{legend_lines, showing_labels, ValueFormat};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::cmp::Ordering;

/// The whole top table of one query, with its formatting.
#[derive(Debug)]
pub struct TopView {
    sample_type: String,
    table: TopTable,
    fmt: ValueFormat,
    /// Running Σ flat in pprof's order, per row.
    running: Vec<i64>,
    /// For a comparison, the base's flat value per row (see [`Prepared::base_side`]).
    before: Option<Vec<i64>>,
    legend: Vec<String>,
    warnings: Vec<String>,
    /// The last (sort, search) asked for, and the rows it selects in order.
    selection: Option<Selection>,
}

#[derive(Debug)]
struct Selection {
    sort: TopSort,
    search: String,
    rows: Vec<u32>,
    outcome: SearchOutcome,
    regex: Option<Regex>,
}

impl TopView {
    /// Computes the table of `prepared` (at its granularity, `functions` by default).
    pub fn new(prepared: &Prepared) -> Result<Self, QueryError> {
        Self::new_in(prepared, &mut TopScratch::default())
    }

    /// [`TopView::new`] with `scratch`, kept from one table to the next: after a change of
    /// sample type or sample filter the table takes one pass over the profile.
    pub fn new_in(prepared: &Prepared, scratch: &mut TopScratch) -> Result<Self, QueryError> {
        let options = TopOptions {
            node_fraction: 0.0,
            ..TopOptions::default()
        };
        let table = top_table_in(prepared, &options, scratch)?;
        let ctx = prepared.context();
        let values: Vec<(i64, i64)> = table.rows.iter().map(|r| (r.flat, r.cum)).collect();
        let fmt = ValueFormat::choose(&ctx.sample_unit, "minimum", &values, table.total);
        let mut legend = legend_lines(prepared.profile(), ctx, &fmt, false);
        legend.extend(showing_labels(
            table.flat_sum(),
            table.total,
            table.dropped_nodes,
            0.0,
            table.rows.len(),
            table.nodes_before_count,
            &fmt,
        ));
        let before = match prepared.base_side() {
            Some(side) => Some(base_flats(&side, &table)?),
            None => None,
        };
        let mut sum = 0i64;
        let running = table
            .rows
            .iter()
            .map(|r| {
                sum = sum.wrapping_add(r.flat);
                sum
            })
            .collect();
        Ok(Self {
            sample_type: prepared
                .profile()
                .str(prepared.profile().sample_types[ctx.value.index].ty)
                .to_string(),
            table,
            fmt,
            running,
            before,
            legend,
            warnings: prepared.warnings().to_vec(),
            selection: None,
        })
    }

    /// How this table's values are formatted.
    pub fn format(&self) -> &ValueFormat {
        &self.fmt
    }

    /// pprof's legend lines for this query.
    pub fn legend(&self) -> &[String] {
        &self.legend
    }

    /// Answers `request` (its query must be this view's).
    pub fn page(&mut self, prepared: &Prepared, request: &TopRequest) -> TopPage {
        let fresh = match &self.selection {
            Some(s) => s.sort != request.sort || s.search != request.search,
            None => true,
        };
        if fresh {
            self.selection = Some(self.select(prepared, request.sort, &request.search));
        }
        let Some(sel) = &self.selection else {
            return TopPage::default();
        };
        let first = (request.first as usize).min(sel.rows.len());
        let last = first
            .saturating_add(request.count as usize)
            .min(sel.rows.len());
        let rows = sel.rows[first..last]
            .iter()
            .map(|&i| self.row(i as usize, sel.regex.as_ref()))
            .collect();
        TopPage {
            request: request.clone(),
            sample_type: self.sample_type.clone(),
            legend: self.legend.clone(),
            warnings: self.warnings.clone(),
            total_rows: self.table.rows.len() as u32,
            matched_rows: sel.rows.len() as u32,
            rows,
            search: sel.outcome.clone(),
        }
    }

    fn select(&self, prepared: &Prepared, sort: TopSort, search: &str) -> Selection {
        let rows = &self.table.rows;
        let mut order: Vec<u32> = (0..rows.len() as u32).collect();
        let key = |a: &u32, b: &u32| -> Ordering {
            let (ra, rb) = (&rows[*a as usize], &rows[*b as usize]);
            match sort.column {
                TopColumn::Flat | TopColumn::FlatPct => ra.flat.cmp(&rb.flat),
                TopColumn::Cum | TopColumn::CumPct => ra.cum.cmp(&rb.cum),
                TopColumn::Name => ra.name.cmp(&rb.name),
                TopColumn::SumPct => a.cmp(b),
                TopColumn::Before => self.before_of(*a).cmp(&self.before_of(*b)),
                TopColumn::After => (self.before_of(*a).wrapping_add(ra.flat))
                    .cmp(&self.before_of(*b).wrapping_add(rb.flat)),
                TopColumn::Delta => ra.flat.cmp(&rb.flat),
            }
        };
        // Stable sorts from pprof's order: ties keep pprof's tie-breaks.
        if sort.descending {
            order.sort_by(|a, b| key(b, a));
        } else {
            order.sort_by(key);
        }
        let (regex, outcome) = match search {
            "" => (None, SearchOutcome::None),
            text => match compile_go_regex(text) {
                Ok(re) => {
                    let matched = matched_value(prepared, &re);
                    let outcome = SearchOutcome::Matched {
                        value: self.fmt.format(matched),
                        percent: percentage(matched, self.table.total).trim().to_string(),
                    };
                    (Some(re), outcome)
                }
                Err(reason) => (None, SearchOutcome::Invalid(regex_message(&reason))),
            },
        };
        if let Some(re) = &regex {
            order.retain(|&i| re.is_match(&rows[i as usize].name));
        }
        Selection {
            sort,
            search: search.to_string(),
            rows: order,
            outcome,
            regex,
        }
    }

    fn row(&self, i: usize, regex: Option<&Regex>) -> TopRowView {
        let r = &self.table.rows[i];
        let total = self.table.total;
        let pct = |v: i64| percentage(v, total).trim().to_string();
        let highlights = regex
            .map(|re| {
                re.find_iter(&r.name)
                    .filter(|m| !m.is_empty())
                    .map(|m| (m.start() as u32, m.end() as u32))
                    .collect()
            })
            .unwrap_or_default();
        TopRowView {
            rank: i as u32,
            flat: self.fmt.format(r.flat),
            flat_pct: pct(r.flat),
            sum_pct: pct(self.running[i]),
            cum: self.fmt.format(r.cum),
            cum_pct: pct(r.cum),
            name: r.name.clone(),
            target: r.target.clone(),
            inline: match r.inline {
                InlineKind::Called => "",
                InlineKind::Inline => " (inline)",
                InlineKind::PartialInline => " (partial-inline)",
            }
            .to_string(),
            highlights,
            diff: self.before.as_ref().map(|_| self.diff_cells(i)),
        }
    }

    fn before_of(&self, row: u32) -> i64 {
        self.before
            .as_ref()
            .and_then(|b| b.get(row as usize).copied())
            .unwrap_or(0)
    }

    fn diff_cells(&self, i: usize) -> DiffCells {
        let delta = self.table.rows[i].flat;
        let before = self.before_of(i as u32);
        let after = before.wrapping_add(delta);
        let signed = |v: i64| {
            if v > 0 {
                format!("+{}", self.fmt.format(v))
            } else {
                self.fmt.format(v)
            }
        };
        DiffCells {
            before: self.fmt.format(before),
            after: self.fmt.format(after),
            delta: signed(delta),
            delta_pct: relative_change(before, after),
        }
    }
}

/// The base's flat value of each row of `table` (rows the base lacks get 0).
fn base_flats(side: &Prepared, table: &TopTable) -> Result<Vec<i64>, QueryError> {
    let options = TopOptions {
        node_fraction: 0.0,
        ..TopOptions::default()
    };
    let base = top_table(side, &options)?;
    let by_name: FxHashMap<&str, i64> = base
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.flat))
        .collect();
    Ok(table
        .rows
        .iter()
        .map(|r| by_name.get(r.name.as_str()).copied().unwrap_or(0))
        .collect())
}

/// The search box's message for a regex that does not compile.
pub(super) fn regex_message(reason: &str) -> String {
    format!("not a valid regular expression: {reason}")
}
