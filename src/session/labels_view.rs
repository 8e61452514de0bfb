//! The Labels view: `pprofview tags`, as rows the page lays out.

use super::views_protocol::{LabelKeyView, LabelValueView, LabelsRequest, LabelsView};
use crate::model::units::{go_fixed, percentage, scale};
use crate::query::{label_table, Prepared};
use crate::report::{legend_lines, ValueFormat};

/// Answers a Labels-view request: every label key and value with the weight and share
/// `pprofview tags` prints for the same query.
pub fn labels(prepared: &Prepared, request: &LabelsRequest) -> LabelsView {
    let ctx = prepared.context();
    let unit = "minimum";
    let value = |v: i64| {
        let (f, u) = scale(v, &ctx.sample_unit, unit);
        format!("{}{u}", go_fixed(f, 1))
    };
    let keys = label_table(prepared, unit)
        .into_iter()
        .map(|k| LabelKeyView {
            total: value(k.total),
            values: k
                .values
                .iter()
                .enumerate()
                .map(|(i, (v, w))| LabelValueView {
                    filter: k.value_filter(i).unwrap_or_default(),
                    value: v.clone(),
                    weight: value(*w),
                    percent: if k.total > 0 {
                        percentage(*w, k.total).trim().to_string()
                    } else {
                        String::new()
                    },
                    permille: if k.total > 0 {
                        ((w.unsigned_abs() as f64 / k.total as f64) * 1000.0)
                            .round()
                            .min(1000.0) as u32
                    } else {
                        0
                    },
                })
                .collect(),
            key: k.key,
            numeric: k.numeric,
        })
        .collect();
    let fmt = ValueFormat {
        sample_unit: ctx.sample_unit.clone(),
        output_unit: unit.to_string(),
    };
    LabelsView {
        request: request.clone(),
        legend: legend_lines(prepared.profile(), ctx, &fmt, false),
        warnings: prepared.warnings().to_vec(),
        keys,
    }
}
