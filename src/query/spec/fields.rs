//! The field table: for each field of [`Query`], its pprof name (the CLI flag), its link key
//! (CONTRACT §4), whether and how the legend lists it, and how the page names it.
//!
//! The CLI's flag parser, the link reader and writer, the legend's "Active filters:" lines and
//! the page's filter chips all read this one table.

use super::Query;
use crate::query::Granularity;

/// How a field's value is spelled and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A sample type name or index.
    SampleIndex,
    /// On or off (`-flag`, `-flag=false`; in links `t`/`f`).
    Bool,
    /// A granularity name; the CLI spells it as one boolean flag per choice (`-lines`).
    Granularity,
    /// A Go regexp over function names, file names and binaries.
    Regex,
    /// A Go regexp over label keys.
    KeyRegex,
    /// A label filter: `[key=]regex,regex…` or `[key=]number-range` (`1kb:64kb`).
    TagFilter,
    /// Comma-separated label keys.
    Keys,
    /// Profiles (file paths or URLs), one per repeated flag or link key.
    Profiles,
}

impl FieldKind {
    /// Whether fields of this kind narrow what is shown (the page's filter chips).
    pub fn is_filter(self) -> bool {
        matches!(
            self,
            FieldKind::Regex | FieldKind::KeyRegex | FieldKind::TagFilter | FieldKind::Keys
        )
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct Field {
    /// pprof's name: the CLI flag (`-focus`) and its config key.
    pub name: &'static str,
    /// The link key (`f`).
    pub link: &'static str,
    /// How the value is spelled.
    pub kind: FieldKind,
    /// The key of its "Active filters:" legend line, when pprof lists it there.
    pub legend: Option<&'static str>,
    /// Short name on the page's chips and menus ("Focus").
    pub title: &'static str,
    /// One line on what it does, for `pprofview -h` and the page's tooltips.
    pub help: &'static str,
    pub(super) get: fn(&Query) -> String,
    pub(super) set: fn(&mut Query, String),
}

impl Field {
    /// The field whose pprof name (CLI flag) is `name`.
    pub fn by_name(name: &str) -> Option<&'static Field> {
        FIELDS.iter().find(|f| f.name == name)
    }

    /// The field whose link key is `key`.
    pub fn by_link(key: &str) -> Option<&'static Field> {
        FIELDS.iter().find(|f| f.link == key)
    }
}

fn flag(b: bool) -> String {
    if b {
        "true".to_string()
    } else {
        String::new()
    }
}

macro_rules! text_field {
    ($name:literal, $link:literal, $kind:expr, $legend:expr, $title:literal, $help:literal, $f:ident) => {
        Field {
            name: $name,
            link: $link,
            kind: $kind,
            legend: $legend,
            title: $title,
            help: $help,
            get: |q| q.$f.clone(),
            set: |q, v| q.$f = v,
        }
    };
}

macro_rules! bool_field {
    ($name:literal, $link:literal, $title:literal, $help:literal, $f:ident) => {
        Field {
            name: $name,
            link: $link,
            kind: FieldKind::Bool,
            legend: None,
            title: $title,
            help: $help,
            get: |q| flag(q.$f),
            set: |q, v| q.$f = !v.is_empty(),
        }
    };
}

macro_rules! profiles_field {
    ($name:literal, $link:literal, $title:literal, $help:literal, $f:ident) => {
        Field {
            name: $name,
            link: $link,
            kind: FieldKind::Profiles,
            legend: None,
            title: $title,
            help: $help,
            get: |q| q.$f.join("\n"),
            set: |q, v| {
                if v.is_empty() {
                    q.$f.clear()
                } else {
                    q.$f.push(v)
                }
            },
        }
    };
}

/// Every field, filters first in pprof's "Active filters:" order.
pub static FIELDS: [Field; 21] = [
    text_field!(
        "focus",
        "f",
        FieldKind::Regex,
        Some("focus"),
        "Focus",
        "keep only samples with a frame matching REGEX (function name, file name or binary)",
        focus
    ),
    text_field!(
        "ignore",
        "i",
        FieldKind::Regex,
        Some("ignore"),
        "Ignore",
        "drop samples with a frame matching REGEX",
        ignore
    ),
    text_field!(
        "hide",
        "h",
        FieldKind::Regex,
        Some("hide"),
        "Hide",
        "remove frames matching REGEX from the stacks (their time goes to the caller)",
        hide
    ),
    text_field!(
        "show",
        "s",
        FieldKind::Regex,
        Some("show"),
        "Show only",
        "keep only frames matching REGEX in the stacks",
        show
    ),
    text_field!(
        "show_from",
        "sf",
        FieldKind::Regex,
        Some("show_from"),
        "Show from",
        "drop the frames above (callers of) the first frame matching REGEX",
        show_from
    ),
    text_field!(
        "tagfocus",
        "tf",
        FieldKind::TagFilter,
        Some("tagfocus"),
        "Label focus",
        "keep samples with a label matching [KEY=]REGEX or [KEY=]RANGE (1kb:64kb, :1kb, 400kb:)",
        tagfocus
    ),
    text_field!(
        "tagignore",
        "ti",
        FieldKind::TagFilter,
        Some("tagignore"),
        "Label ignore",
        "drop samples with a label matching [KEY=]REGEX or [KEY=]RANGE",
        tagignore
    ),
    text_field!(
        "tagshow",
        "ts",
        FieldKind::KeyRegex,
        Some("tagshow"),
        "Show labels",
        "keep only the label keys matching REGEX",
        tagshow
    ),
    text_field!(
        "taghide",
        "th",
        FieldKind::KeyRegex,
        Some("taghide"),
        "Hide labels",
        "drop the label keys matching REGEX",
        taghide
    ),
    text_field!(
        "prune_from",
        "prunefrom",
        FieldKind::Regex,
        None,
        "Prune from",
        "drop the frames below (callees of) the frames matching REGEX",
        prune_from
    ),
    text_field!(
        "tagroot",
        "tr",
        FieldKind::Keys,
        None,
        "Group by label",
        "add the values of the label KEYS (comma-separated) as root frames",
        tagroot
    ),
    text_field!(
        "tagleaf",
        "tl",
        FieldKind::Keys,
        None,
        "Label leaves",
        "add the values of the label KEYS (comma-separated) as leaf frames",
        tagleaf
    ),
    text_field!(
        "sample_index",
        "si",
        FieldKind::SampleIndex,
        None,
        "Sample",
        "sample type to show, by name or index (default: the profile's default, else the last)",
        sample_index
    ),
    bool_field!(
        "mean",
        "mean",
        "Mean",
        "divide values by the first sample value (mean per event)",
        mean
    ),
    Field {
        name: "granularity",
        link: "g",
        kind: FieldKind::Granularity,
        legend: None,
        title: "Group by",
        help: "how frames are grouped: functions, filefunctions, files, lines, addresses",
        get: |q| {
            q.granularity
                .map(|g| g.name().to_string())
                .unwrap_or_default()
        },
        set: |q, v| q.granularity = Granularity::from_name(&v),
    },
    bool_field!(
        "noinlines",
        "noinlines",
        "Hide inlined",
        "attribute inlined calls to the function they were inlined into",
        noinlines
    ),
    bool_field!(
        "relative_percentages",
        "rel",
        "Relative %",
        "percentages of the filtered total instead of the whole profile's",
        relative_percentages
    ),
    profiles_field!(
        "base",
        "base",
        "Base",
        "subtract the profiles SOURCE (merged) from this one: the report shows the difference",
        base
    ),
    profiles_field!(
        "diff_base",
        "diff_base",
        "Compared with",
        "compare with the profiles SOURCE (merged): the difference, as % of the base's total",
        diff_base
    ),
    bool_field!(
        "normalize",
        "norm",
        "Proportional",
        "scale this profile so its total equals the base's (compare shares, not amounts)",
        normalize
    ),
    bool_field!(
        "drop_negative",
        "dropneg",
        "Hide decreases",
        "leave out the entries whose value went down",
        drop_negative
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_link_keys_are_unique_and_round_trip() {
        let mut q = Query::default();
        for (i, f) in FIELDS.iter().enumerate() {
            assert!(FIELDS[..i]
                .iter()
                .all(|o| o.name != f.name && o.link != f.link));
            assert_eq!(Field::by_name(f.name).map(|x| x.link), Some(f.link));
            assert_eq!(Field::by_link(f.link).map(|x| x.name), Some(f.name));
            let v = match f.kind {
                FieldKind::Bool => "true",
                FieldKind::Granularity => "files",
                _ => "x.y",
            };
            q.set(f, v).expect("settable");
            assert_eq!(q.get(f), v, "{}", f.name);
        }
        for f in FIELDS.iter() {
            q.set(f, if f.kind == FieldKind::Bool { "f" } else { "" })
                .expect("unset");
            assert_eq!(q.get(f), "", "{}", f.name);
        }
        assert_eq!(q, Query::default());
    }
}
