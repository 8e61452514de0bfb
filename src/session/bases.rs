//! Base profiles beside the loaded one: loading them, and the comparison a query asks for.
//!
//! Consumes base files and queries; produces the profile a query reads, the loaded profile
//! or its comparison with the bases, made once per mode (`-base`/`-diff_base`,
//! `-normalize`) and kept until the mode changes.

use super::protocol::{ErrorReport, Response, SourceBytes};
use super::summary_protocol::BaseSummary;
use super::{decode_sources, Loaded, Session};
use crate::load::compare_loaded;
use crate::model::merge::CompareOptions;
use crate::model::Profile;
use crate::query::{Query, DROPPED};
use std::sync::Arc;

/// Base profiles and the comparison last made with them.
#[derive(Debug)]
pub(super) struct BaseSet {
    files: Vec<String>,
    profile: Profile,
    compared: Option<(CompareOptions, Arc<Profile>)>,
}

impl Loaded {
    /// The profile `query` reads: the loaded one, or its comparison with the loaded bases
    /// (made now when the query's mode differs from the last one's).
    pub(super) fn profile_for(&mut self, query: &Query) -> Result<Arc<Profile>, Box<Response>> {
        let Some(c) = query.comparison() else {
            return Ok(Arc::clone(&self.profile));
        };
        let fail = |message: String| {
            Box::new(Response::Failed(ErrorReport {
                file: None,
                message,
            }))
        };
        let Some(base) = self.base.as_mut() else {
            return Err(fail(format!(
                "the base profile {} is not loaded; open it with Compare…",
                c.bases.join(", ")
            )));
        };
        let plain = |s: &str| s.strip_prefix(DROPPED).unwrap_or(s).to_string();
        let wanted: Vec<String> = c.bases.iter().map(|b| plain(b)).collect();
        let have: Vec<String> = base.files.iter().map(|b| plain(b)).collect();
        if wanted != have {
            return Err(fail(format!(
                "the link compares with {} but the loaded base is {}",
                wanted.join(", "),
                have.join(", ")
            )));
        }
        let options = CompareOptions {
            diff_base: c.diff_base,
            normalize: c.normalize,
        };
        if let Some((o, p)) = &base.compared {
            if *o == options {
                return Ok(Arc::clone(p));
            }
        }
        // The previous comparison's memory goes before the next one is made.
        base.compared = None;
        let names: Vec<&str> = self.files.iter().map(String::as_str).collect();
        let base_names: Vec<&str> = base.files.iter().map(String::as_str).collect();
        let p = compare_loaded(&self.profile, &names, &base.profile, &base_names, options)
            .map_err(|e| fail(e.to_string()))?;
        let p = Arc::new(p);
        base.compared = Some((options, Arc::clone(&p)));
        Ok(p)
    }
}

impl Session {
    /// Decodes `bases` (merged) as the loaded profile's base and checks that the two can
    /// be compared (making the `-base` comparison, which a first view then reuses).
    pub(super) fn load_base(
        &mut self,
        bases: Vec<SourceBytes>,
        emit: &mut dyn FnMut(Response),
    ) -> Result<BaseSummary, ErrorReport> {
        let options = self.options;
        let state = self.loaded.as_mut().ok_or_else(|| ErrorReport {
            file: None,
            message: "no profile is loaded to compare with a base".to_string(),
        })?;
        state.base = None;
        state.prepared.clear();
        state.tops.clear();
        state.graphs.clear();
        if bases.is_empty() {
            return Ok(BaseSummary::default());
        }
        let files: Vec<String> = bases.iter().map(|s| s.name.clone()).collect();
        let loaded = decode_sources(&bases, &options, emit)?;
        drop(bases);
        state.base = Some(BaseSet {
            files: files.clone(),
            profile: loaded.profile,
            compared: None,
        });
        let probe = Query {
            base: files.clone(),
            ..Query::default()
        };
        let identical = match state.profile_for(&probe) {
            Ok(p) => (0..p.samples.len()).all(|i| p.samples.is_zero(i)),
            Err(e) => {
                state.base = None;
                let message = match *e {
                    Response::Failed(r) => r.message,
                    _ => "the base cannot be compared with the profile".to_string(),
                };
                return Err(ErrorReport {
                    file: None,
                    message,
                });
            }
        };
        Ok(BaseSummary {
            files,
            identical,
            warnings: loaded.warnings,
        })
    }
}
