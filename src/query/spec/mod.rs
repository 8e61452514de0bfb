//! The one query behind every view: everything that changes the numbers a report shows.
//!
//! Consumes what a user asked for, in any of three spellings (pprof's CLI flags, the link's
//! `#fragment` keys, the page's controls); produces a [`Query`], one plain serialisable value
//! that the CLI, the link, every session request and every cache go through. The mapping of
//! each field to its CLI flag, link key and legend text is one table ([`FIELDS`]); a new
//! option is a new row there, never another options struct. Compiling it against a profile
//! is [`Prepared`](super::Prepared)'s job; this module only holds, reads, writes and checks
//! the values.

mod compiled;
mod fields;

pub use compiled::Compiled;
pub use fields::{Field, FieldKind, FIELDS};

use super::nodes::Granularity;

/// What to compute from a profile. Empty strings and `false` mean "not set", as in pprof;
/// `granularity: None` means the view's default (`functions` for tables, `filefunctions` for
/// the flame graph, as pprof).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Query {
    /// Sample type by name or index; empty for the profile's default (`-sample_index`).
    pub sample_index: String,
    /// Divide every value by the sample's first value (`-mean`).
    pub mean: bool,
    /// How frames are grouped into nodes (`-functions`, `-files`, …; link `g`).
    pub granularity: Option<Granularity>,
    /// Attribute inlined frames to the function they were inlined into (`-noinlines`).
    pub noinlines: bool,
    /// Keep samples with a frame matching this (`-focus`).
    pub focus: String,
    /// Drop samples with a frame matching this (`-ignore`).
    pub ignore: String,
    /// Remove matching frames from stacks (`-hide`).
    pub hide: String,
    /// Keep only matching frames in stacks (`-show`).
    pub show: String,
    /// Drop the frames rootward of the rootmost match (`-show_from`).
    pub show_from: String,
    /// Drop the frames leafward of the leafmost match (`-prune_from`).
    pub prune_from: String,
    /// Keep samples whose labels match (`-tagfocus`).
    pub tagfocus: String,
    /// Drop samples whose labels match (`-tagignore`).
    pub tagignore: String,
    /// Keep only label keys matching this (`-tagshow`).
    pub tagshow: String,
    /// Drop label keys matching this (`-taghide`).
    pub taghide: String,
    /// Label keys whose values become root frames, comma-separated (`-tagroot`).
    pub tagroot: String,
    /// Label keys whose values become leaf frames, comma-separated (`-tagleaf`).
    pub tagleaf: String,
    /// Percentages of the filtered total instead of the whole profile's
    /// (`-relative_percentages`).
    pub relative_percentages: bool,
    /// Profiles subtracted from this one, merged (`-base`, link `base`, repeatable): file
    /// paths in the CLI, URLs (or `drop:NAME` for a dropped file) in the page.
    pub base: Vec<String>,
    /// Profiles this one is compared with, merged (`-diff_base`, link `diff_base`): as
    /// `base`, but percentages are of the base's total.
    pub diff_base: Vec<String>,
    /// Scale this profile so each sample type's total equals the base's (`-normalize`).
    pub normalize: bool,
    /// Leave out nodes whose value went down (`-drop_negative`).
    pub drop_negative: bool,
}

/// How the page names a base profile that was dropped or picked rather than fetched from a
/// URL (`drop:heap1.pb.gz`); links leave such bases out.
pub const DROPPED: &str = "drop:";

/// Which comparison a query asks for: the base profiles and how they are used.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Comparison<'a> {
    /// The base profiles, as the query names them.
    pub bases: &'a [String],
    /// `-diff_base` rather than `-base`.
    pub diff_base: bool,
    /// `-normalize`.
    pub normalize: bool,
}

/// A field whose value cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FieldError {
    /// The field's pprof name (`focus`, `tagfocus`, …).
    pub field: String,
    /// What is wrong, one line, without the field's name.
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid -{} {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

impl Query {
    /// The granularity, or `default` when the query leaves it to the view.
    pub fn granularity_or(&self, default: Granularity) -> Granularity {
        self.granularity.unwrap_or(default)
    }

    /// The comparison this query asks for, `None` when it has no base.
    pub fn comparison(&self) -> Option<Comparison<'_>> {
        let (bases, diff_base) = if self.diff_base.is_empty() {
            (&self.base, false)
        } else {
            (&self.diff_base, true)
        };
        (!bases.is_empty()).then_some(Comparison {
            bases,
            diff_base,
            normalize: self.normalize,
        })
    }

    /// The same query without its base (what the profile alone shows).
    pub fn without_base(&self) -> Query {
        Query {
            base: Vec::new(),
            diff_base: Vec::new(),
            normalize: false,
            ..self.clone()
        }
    }

    /// The value of `field` as text (`""` when unset; booleans as `true`; several profiles
    /// joined by newlines).
    pub fn get(&self, field: &Field) -> String {
        (field.get)(self)
    }

    /// Sets `field` from text as the link and the page spell it (booleans: `t`, `true`, `1`,
    /// …; an empty value unsets; a profile list gets one more profile, as a repeated flag
    /// or link key). A value the field cannot take is an error and changes nothing; regexes
    /// are checked by [`Query::compile`], not here.
    pub fn set(&mut self, field: &Field, value: &str) -> Result<(), String> {
        let value = match field.kind {
            FieldKind::Bool if value.is_empty() => String::new(),
            FieldKind::Bool => match parse_link_bool(value) {
                Some(true) => "true".to_string(),
                Some(false) => String::new(),
                None => return Err(format!("{value:?} is not a boolean (use t or f)")),
            },
            FieldKind::Granularity if !value.is_empty() => match Granularity::from_name(value) {
                Some(g) => g.name().to_string(),
                None => {
                    return Err(format!(
                        "{value:?} is not a granularity (functions, filefunctions, files, \
                         lines, addresses)"
                    ))
                }
            },
            _ => value.to_string(),
        };
        (field.set)(self, value);
        Ok(())
    }

    /// The filter fields that are set, in pprof's order, with their values: what the page
    /// shows as chips.
    pub fn active(&self) -> Vec<(&'static Field, String)> {
        FIELDS
            .iter()
            .filter(|f| f.kind.is_filter())
            .map(|f| (f, self.get(f)))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    /// pprof's `ActiveFilters` (`focus=RE`, …), the "Active filters:" legend lines' text.
    pub fn active_filters(&self) -> Vec<String> {
        FIELDS
            .iter()
            .filter_map(|f| {
                let key = f.legend?;
                let v = self.get(f);
                (!v.is_empty()).then(|| format!("{key}={v}"))
            })
            .collect()
    }

    /// The query as `pprofview`/`go tool pprof` flags (`-focus=RE`, `-lines`, `-noinlines`),
    /// unset fields left out, in the field table's order.
    pub fn to_flags(&self) -> Vec<String> {
        FIELDS
            .iter()
            .filter_map(|f| {
                let v = self.get(f);
                if v.is_empty() {
                    return None;
                }
                Some(match f.kind {
                    FieldKind::Bool => vec![format!("-{}", f.name)],
                    FieldKind::Granularity => vec![format!("-{v}")],
                    FieldKind::Profiles => v.lines().map(|p| format!("-{}={p}", f.name)).collect(),
                    _ => vec![format!("-{}={v}", f.name)],
                })
            })
            .flatten()
            .collect()
    }

    /// The same query with every filter cleared (sample type, granularity and the other
    /// settings kept).
    pub fn without_filters(&self) -> Query {
        let mut q = self.clone();
        for f in FIELDS.iter().filter(|f| f.kind.is_filter()) {
            (f.set)(&mut q, String::new());
        }
        q
    }
}

/// pprof's `stringToBool` for URL values: `true t yes y 1 ""` and `false f no n 0`.
pub fn parse_link_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "y" | "1" | "" => Some(true),
        "false" | "f" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> &'static Field {
        Field::by_name(name).expect("a field")
    }

    #[test]
    fn set_get_and_active_filters_follow_pprofs_order() {
        let mut q = Query::default();
        q.set(field("taghide"), "x").expect("set");
        q.set(field("focus"), "main").expect("set");
        q.set(field("prune_from"), "p").expect("set");
        q.set(field("relative_percentages"), "t").expect("set");
        assert!(q.relative_percentages);
        assert_eq!(q.active_filters(), ["focus=main", "taghide=x"]);
        let chips: Vec<&str> = q.active().iter().map(|(f, _)| f.name).collect();
        assert_eq!(chips, ["focus", "taghide", "prune_from"]);
        assert!(q.without_filters().active().is_empty());
        assert!(q.without_filters().relative_percentages);
        assert!(q.set(field("mean"), "maybe").is_err());
        assert!(q.set(field("granularity"), "bytes").is_err());
        q.set(field("granularity"), "lines").expect("set");
        assert_eq!(q.granularity, Some(Granularity::Lines));
        q.set(field("granularity"), "").expect("unset");
        assert_eq!(q.granularity, None);
    }

    #[test]
    fn compile_reports_the_first_bad_field_in_pprofs_order() {
        let q = Query {
            ignore: "(".into(),
            tagfocus: "[".into(),
            ..Query::default()
        };
        let e = q.compile().expect_err("bad");
        assert_eq!(e.field, "ignore");
        assert_eq!(e.to_string(), "invalid -ignore regexp `(`: unclosed group");
        let q = Query {
            tagfocus: "1mb:".into(),
            tagignore: "k=4kb".into(),
            tagroot: "a,,b".into(),
            ..Query::default()
        };
        let c = q.compile().expect("compiles");
        assert_eq!(
            c.notes,
            [
                "tagfocus:Interpreted '1mb:' as range, not regexp",
                "tagignore:Interpreted '4kb' as range, not regexp"
            ]
        );
        assert_eq!(c.tagroot, ["a", "b"]);
    }
}
