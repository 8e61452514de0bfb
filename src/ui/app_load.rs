//! Starting loads: a profile (files or URLs), compared with bases or not, in a fresh engine
//! worker, or bases beside the loaded profile; what the worker is told to read for each.

use super::{Ctx, Shared};
use crate::query::DROPPED;
use crate::session::ErrorReport;
use crate::state::profile_url::UrlRole;
use crate::state::Action;
use crate::web::messages::{InputRef, ToWorker};
use crate::web::page;
use web_sys::File;

/// What to load.
pub(in crate::ui) enum Input {
    Files(Vec<File>),
    Urls(Vec<String>),
}

impl Ctx {
    /// Starts loading `input`. A link's own profile keeps the link's sample type; any other
    /// profile starts at its own default.
    pub fn load(&self, input: Input, from_link: bool) {
        self.load_with(input, None, from_link);
    }

    /// Starts loading `input` compared with `bases` (when given) in a fresh engine.
    pub fn load_with(&self, input: Input, bases: Option<Input>, from_link: bool) {
        if !from_link {
            self.dispatch.dispatch(Action::SampleType(String::new()));
        }
        let engine = self.engine.borrow();
        let Some(engine) = engine.as_ref() else {
            return;
        };
        let mut files = Vec::new();
        let (sources, label, urls, source_files) = match self.refs(input, false, &mut files) {
            Ok(r) => r,
            Err(e) => return self.dispatch.dispatch(Action::Failed(e)),
        };
        let (base_refs, base_label, base_urls, base_files) = match bases {
            Some(b) => match self.refs(b, true, &mut files) {
                Ok(r) => r,
                Err(e) => return self.dispatch.dispatch(Action::Failed(e)),
            },
            None => Default::default(),
        };
        let label = if base_refs.is_empty() {
            label
        } else {
            format!("{label} compared with {base_label}")
        };
        // A fresh worker: cancels a load under way and frees the old profile's memory (the
        // page's first worker, which has none, is used as it is).
        engine.fresh_for_load();
        let seq = engine.send(
            ToWorker::Load {
                sources,
                bases: base_refs,
            },
            &files,
        );
        {
            let mut shared = self.shared.borrow_mut();
            *shared = Shared {
                load_seq: seq,
                load_label: label.clone(),
                loading: true,
                urls: urls.clone(),
                base_urls,
                files: (source_files, base_files),
                engine_up: shared.engine_up,
                ..Shared::default()
            };
        }
        self.top.set(None);
        self.flame.set(None);
        self.flame_search.set(None);
        self.sandwich.set(None);
        self.labels.set(None);
        self.traces.set(None);
        self.peek.set(None);
        self.graph.set(None);
        self.source.reset();
        self.details.set(None);
        let names = {
            let shared = self.shared.borrow();
            shared.files.0.iter().map(|f| f.name()).collect()
        };
        self.dispatch.dispatch(Action::LoadStarted {
            label,
            urls,
            files: names,
        });
    }

    /// Loads `bases` beside the loaded profile (the Compare… picker and drop target); the
    /// profile stays loaded.
    pub fn load_base(&self, bases: Input) {
        let engine = self.engine.borrow();
        let Some(engine) = engine.as_ref() else {
            return;
        };
        let mut files = Vec::new();
        let (refs, _, urls, base_files) = match self.refs(bases, true, &mut files) {
            Ok(r) => r,
            Err(e) => return self.dispatch.dispatch(Action::Failed(e)),
        };
        let seq = engine.send(
            ToWorker::Load {
                sources: Vec::new(),
                bases: refs,
            },
            &files,
        );
        let mut shared = self.shared.borrow_mut();
        shared.base_seq = seq;
        shared.base_urls = urls;
        shared.files.1 = base_files;
    }

    /// What the worker reads for `input`, appending its files to `files`: the references,
    /// a label, the link's URLs and the files themselves. Dropped bases are named
    /// `drop:NAME`, as the query names them.
    #[allow(clippy::type_complexity)]
    fn refs(
        &self,
        input: Input,
        base: bool,
        files: &mut Vec<File>,
    ) -> Result<(Vec<InputRef>, String, Vec<String>, Vec<File>), ErrorReport> {
        match input {
            Input::Files(list) => {
                let names: Vec<String> = list.iter().map(|f| f.name()).collect();
                let mut refs = Vec::with_capacity(list.len());
                for (file, n) in list.iter().zip(&names) {
                    refs.push(InputRef::File {
                        index: files.len() as u32,
                        name: if base {
                            format!("{DROPPED}{n}")
                        } else {
                            n.clone()
                        },
                    });
                    files.push(file.clone());
                }
                Ok((refs, names.join(" + "), Vec::new(), list))
            }
            Input::Urls(urls) => {
                let mut refs = Vec::with_capacity(urls.len());
                for u in &urls {
                    let url =
                        page::absolute_url(u, UrlRole::Fetched).map_err(|message| ErrorReport {
                            file: Some(u.clone()),
                            message,
                        })?;
                    refs.push(InputRef::Url {
                        url,
                        name: u.clone(),
                    });
                }
                Ok((refs, urls.join(" + "), urls, Vec::new()))
            }
        }
    }
}
