//! The `tags` text report (pprof's `-tags`, Go 1.19's format).

use super::tabwriter::align_right;
use crate::model::units::{go_fixed, percentage, scale};
use crate::query::LabelTable;

/// Prints `table` as `go tool pprof -tags` (Go 1.19) does: per key `key: Total X`, then each
/// value's weight and share of the key's total, aligned by Go's tabwriter. `sample_unit` is
/// the values' unit, `unit` the output unit (`-unit`).
pub fn tags_text(table: &LabelTable, sample_unit: &str, unit: &str) -> String {
    let value = |v: i64| {
        let (f, u) = scale(v, sample_unit, unit);
        format!("{}{u}", go_fixed(f, 1))
    };
    let mut text = String::new();
    for key in table {
        text.push_str(&format!("{}:\t Total {}\n", key.key, value(key.total)));
        for (name, weight) in &key.values {
            if key.total > 0 {
                text.push_str(&format!(
                    " \t{} ({}):\t {name}\n",
                    value(*weight),
                    percentage(*weight, key.total)
                ));
            } else {
                text.push_str(&format!(" \t{}:\t {name}\n", value(*weight)));
            }
        }
        text.push('\n');
    }
    align_right(&text)
}
