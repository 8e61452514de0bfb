//! The link keys that change how a view looks but not its numbers: the top table's sort
//! (`sort`) and the flame graph's sibling order (`order`), orientation (`orient`) and palette
//! (`palette`). Defaults are left out of links.
//!
//! Consumes a key and its decoded value; produces the option, or a reason the value is not
//! one, and writes the options back as fragment parts.

use crate::layout::Orientation;
use crate::query::SiblingOrder;
use crate::render::Palette;
use crate::session::{TopColumn, TopSort};

/// How the views are shown (the query says what they show).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ViewOptions {
    /// The top table's order; `None`: the view's default (pprof's, or biggest growth first
    /// in a comparison).
    pub sort: Option<TopSort>,
    /// The flame graph's sibling order.
    pub order: SiblingOrder,
    /// The flame graph's orientation.
    pub orientation: Orientation,
    /// The flame graph's palette.
    pub palette: Palette,
}

/// The keys [`ViewOptions`] reads.
pub const KEYS: [&str; 4] = ["sort", "order", "orient", "palette"];

impl ViewOptions {
    /// Applies `key=value` (one of [`KEYS`]); `Err` says why the value is not usable.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "sort" => {
                let (descending, name) = match value.strip_prefix('-') {
                    Some(rest) => (true, rest),
                    None => (false, value),
                };
                let column = TopColumn::ALL
                    .into_iter()
                    .chain(TopColumn::DIFF)
                    .find(|c| c.key() == name)
                    .ok_or_else(|| "not a column of the top table".to_string())?;
                self.sort = Some(TopSort { column, descending });
            }
            "order" => {
                self.order = match value {
                    "name" => SiblingOrder::ByName,
                    "weight" => SiblingOrder::ByWeight,
                    _ => return Err("use name or weight".to_string()),
                }
            }
            "orient" => {
                self.orientation = match value {
                    "flame" => Orientation::Flame,
                    "icicle" => Orientation::Icicle,
                    _ => return Err("use flame or icicle".to_string()),
                }
            }
            "palette" => {
                self.palette = match value {
                    "cb" => Palette::ColourBlind,
                    "warm" => Palette::Warm,
                    _ => return Err("use cb or warm".to_string()),
                }
            }
            _ => return Err("not a display key".to_string()),
        }
        Ok(())
    }

    /// The fragment parts of the options that are not defaults.
    pub fn parts(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(s) = self.sort {
            let sign = if s.descending { "-" } else { "" };
            parts.push(format!(
                "sort={sign}{}",
                super::escape::encode_component(s.column.key())
            ));
        }
        if self.order == SiblingOrder::ByName {
            parts.push("order=name".to_string());
        }
        if self.orientation == Orientation::Flame {
            parts.push("orient=flame".to_string());
        }
        if self.palette == Palette::ColourBlind {
            parts.push("palette=cb".to_string());
        }
        parts
    }
}

/// The sort after a click on `column`'s header when `current` is shown: the same column
/// reverses, another starts in its natural direction.
pub fn sort_after_click(current: TopSort, column: TopColumn) -> TopSort {
    if current.column == column {
        TopSort {
            column,
            descending: !current.descending,
        }
    } else {
        TopSort {
            column,
            descending: column.natural_descending(),
        }
    }
}
