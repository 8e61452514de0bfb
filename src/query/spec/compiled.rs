//! The compiled form of a [`Query`]'s filters: every regex and label filter compiled once, in
//! pprof's order, and pprof's checks of the values that need no profile.

use super::{FieldError, Query};
use crate::goregex::compile_go_regex;
use crate::query::filters::{compile_tag_filter, TagFilter};
use regex::Regex;

/// The regexes and label filters of a [`Query`], compiled once.
#[derive(Clone, Debug, Default)]
pub struct Compiled {
    /// `-focus`.
    pub focus: Option<Regex>,
    /// `-ignore`.
    pub ignore: Option<Regex>,
    /// `-hide`.
    pub hide: Option<Regex>,
    /// `-show`.
    pub show: Option<Regex>,
    /// `-show_from`.
    pub show_from: Option<Regex>,
    /// `-prune_from`.
    pub prune_from: Option<Regex>,
    /// `-tagfocus`.
    pub tagfocus: Option<TagFilter>,
    /// `-tagignore`.
    pub tagignore: Option<TagFilter>,
    /// `-tagshow`.
    pub tagshow: Option<Regex>,
    /// `-taghide`.
    pub taghide: Option<Regex>,
    /// `-tagroot` keys, in order, empty ones dropped.
    pub tagroot: Vec<String>,
    /// `-tagleaf` keys, in order, empty ones dropped.
    pub tagleaf: Vec<String>,
    /// pprof's notes about how values were read ("tagfocus:Interpreted '1mb:' as range, not
    /// regexp"), in pprof's order.
    pub notes: Vec<String>,
}

impl Compiled {
    /// Whether any filter that removes samples, frames or labels is set.
    pub fn filters_anything(&self) -> bool {
        self.focus.is_some()
            || self.ignore.is_some()
            || self.hide.is_some()
            || self.show.is_some()
            || self.show_from.is_some()
            || self.prune_from.is_some()
            || self.tagfocus.is_some()
            || self.tagignore.is_some()
            || self.tagshow.is_some()
            || self.taghide.is_some()
    }
}

impl Query {
    /// Compiles every regex and label filter, in pprof's order, so the first bad one is the
    /// one reported. Patterns use Go's regexp syntax.
    pub fn compile(&self) -> Result<Compiled, FieldError> {
        let regex = |field: &str, pattern: &str| -> Result<Option<Regex>, FieldError> {
            if pattern.is_empty() {
                return Ok(None);
            }
            compile_go_regex(pattern)
                .map(Some)
                .map_err(|reason| FieldError {
                    field: field.to_string(),
                    message: format!("regexp `{pattern}`: {reason}"),
                })
        };
        let mut notes = Vec::new();
        let mut tag = |field: &str, value: &str| -> Result<Option<TagFilter>, FieldError> {
            if value.is_empty() {
                return Ok(None);
            }
            let (filter, note) = compile_tag_filter(value).map_err(|message| FieldError {
                field: field.to_string(),
                message,
            })?;
            if let Some(n) = note {
                notes.push(format!("{field}:{n}"));
            }
            Ok(Some(filter))
        };
        let keys = |s: &str| -> Vec<String> {
            s.split(',')
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect()
        };
        let mut out = Compiled {
            focus: regex("focus", &self.focus)?,
            ignore: regex("ignore", &self.ignore)?,
            hide: regex("hide", &self.hide)?,
            show: regex("show", &self.show)?,
            show_from: regex("show_from", &self.show_from)?,
            tagfocus: tag("tagfocus", &self.tagfocus)?,
            tagignore: tag("tagignore", &self.tagignore)?,
            prune_from: regex("prune_from", &self.prune_from)?,
            tagshow: regex("tagshow", &self.tagshow)?,
            taghide: regex("taghide", &self.taghide)?,
            tagroot: keys(&self.tagroot),
            tagleaf: keys(&self.tagleaf),
            notes: Vec::new(),
        };
        out.notes = notes;
        Ok(out)
    }

    /// Checks every field's value without a profile: what [`Query::compile`] checks, and
    /// pprof's rules for bases (not both `-base` and `-diff_base`; `-normalize` needs one).
    pub fn validate(&self) -> Result<(), FieldError> {
        self.compile()?;
        self.check_bases()
    }

    /// pprof's checks of the base flags (`driver/cli.go`).
    pub fn check_bases(&self) -> Result<(), FieldError> {
        if !self.base.is_empty() && !self.diff_base.is_empty() {
            return Err(FieldError {
                field: "diff_base".to_string(),
                message: "cannot be combined with -base (pprof: -base and -diff_base flags \
                          cannot both be specified)"
                    .to_string(),
            });
        }
        if self.normalize && self.comparison().is_none() {
            return Err(FieldError {
                field: "normalize".to_string(),
                message: "needs a base profile (pprof: must have base profile to normalize by)"
                    .to_string(),
            });
        }
        Ok(())
    }
}
