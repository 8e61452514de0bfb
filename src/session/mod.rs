//! The engine behind a viewer: a [`Session`] owns the loaded profile and answers
//! [`Request`]s with [`Response`]s.
//!
//! Consumes requests (file bytes to load, windows of a view to show); produces responses
//! with everything already computed and formatted. The same session runs inside the web
//! app's Web Worker (`src/web/engine.rs` moves the messages) and in native tests. It keeps
//! the decoded profile and memoises derived tables per query, so switching views or sample
//! types never decodes again. It does no I/O: bytes come in through `Request::Load`.

mod flame_protocol;
mod flame_view;
mod hints;
mod protocol;
mod top_view;

pub use flame_protocol::{FlameGraph, FlameRequest, FlameSearch, FlameSearchRequest};
pub use flame_view::FlameFrames;
pub use hints::sample_type_hint;
pub use protocol::{
    ErrorReport, LoadStage, Progress, Request, Response, SampleTypeInfo, SearchOutcome,
    SourceBytes, Summary, TopColumn, TopPage, TopRequest, TopRowView, TopSort,
};
pub use top_view::TopView;

use crate::decode::Stage;
use crate::error::{DecodeError, Error};
use crate::load::{load_with_progress, LoadOptions, Source};
use crate::model::Profile;
use crate::query::resolve_sample_index;

/// How many sample types keep their computed top table at once.
const CACHED_VIEWS: usize = 4;

/// The engine state: at most one loaded profile and the views computed from it.
#[derive(Debug, Default)]
pub struct Session {
    options: LoadOptions,
    loaded: Option<Loaded>,
}

#[derive(Debug)]
struct Loaded {
    profile: Profile,
    /// Computed top tables, most recently used last.
    tops: Vec<TopView>,
    /// Frames of the last flame graph sent.
    flame: FlameFrames,
}

impl Session {
    /// A session that loads with `options`.
    pub fn new(options: LoadOptions) -> Self {
        Self {
            options,
            loaded: None,
        }
    }

    /// Answers `request`, collecting every response.
    pub fn handle(&mut self, request: Request) -> Vec<Response> {
        let mut out = Vec::new();
        self.handle_streaming(request, &mut |r| out.push(r));
        out
    }

    /// Answers `request`, passing each response to `emit` as soon as it exists (progress
    /// first, the result last).
    pub fn handle_streaming(&mut self, request: Request, emit: &mut dyn FnMut(Response)) {
        let result = match request {
            Request::Load { sources } => self.load(sources, emit),
            Request::Top(req) => self.top(&req),
            Request::Flame(req) => self.loaded_mut().and_then(|state| {
                let view = state.view(&req.sample_type)?;
                let graph = state.flame.build(&state.profile, &state.tops[view], &req);
                Ok(Response::Flame(Box::new(graph)))
            }),
            Request::FlameSearch(req) => self.loaded_mut().and_then(|state| {
                let view = state.view(&req.flame.sample_type)?;
                let found = state.flame.search(&state.profile, &state.tops[view], &req);
                Ok(Response::FlameSearch(found))
            }),
        };
        emit(match result {
            Ok(r) => r,
            Err(e) => Response::Failed(e),
        });
    }

    fn load(
        &mut self,
        sources: Vec<SourceBytes>,
        emit: &mut dyn FnMut(Response),
    ) -> Result<Response, ErrorReport> {
        if sources.is_empty() {
            return Err(ErrorReport {
                file: None,
                message: "no file was given".to_string(),
            });
        }
        // The old profile's memory is released before the new one is decoded.
        self.loaded = None;
        let files: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
        let views: Vec<Source<'_>> = sources
            .iter()
            .map(|s| Source {
                name: &s.name,
                bytes: &s.bytes,
            })
            .collect();
        let mut last = (usize::MAX, Stage::Indexing, 0u64);
        let mut progress = |i: usize, stage: Stage, done: u64, total: u64| {
            // Report each stage change, and byte progress in steps of about 1 %.
            let step = (total / 100).max(1 << 16);
            if (i, stage) == (last.0, last.1) && done < last.2.saturating_add(step) && done < total
            {
                return;
            }
            last = (i, stage, done);
            emit(Response::Progress(Progress {
                stage: match stage {
                    Stage::Inflating => LoadStage::Inflating,
                    Stage::Decoding => LoadStage::Decoding,
                    Stage::Indexing => LoadStage::Indexing,
                },
                file: files.get(i).cloned().unwrap_or_default(),
                done,
                total,
            }));
        };
        let loaded =
            load_with_progress(&views, &self.options, &mut progress).map_err(|e| ErrorReport {
                file: e.source.clone(),
                message: match &e.error {
                    Error::Decode(DecodeError::TooLarge { .. }) => format!(
                        "{}; this viewer reads up to that much in a browser tab, the pprofview \
                         command can be given a higher limit (-max_inflated)",
                        e.error
                    ),
                    other => other.to_string(),
                },
            })?;
        drop(views);
        drop(sources);
        let profile = loaded.profile;
        let names = profile.sample_type_names();
        let sample_types = profile
            .sample_types
            .iter()
            .map(|st| {
                let (name, unit) = (profile.str(st.ty), profile.str(st.unit));
                SampleTypeInfo {
                    name: name.to_string(),
                    unit: unit.to_string(),
                    hint: sample_type_hint(name, unit).to_string(),
                }
            })
            .collect();
        let default_sample_type = resolve_sample_index(&profile, "")
            .ok()
            .and_then(|i| names.get(i).map(|s| s.to_string()))
            .unwrap_or_default();
        let summary = Summary {
            files,
            sample_types,
            default_sample_type,
            samples: profile.samples.len() as u64,
            warnings: loaded.warnings,
        };
        emit(Response::Progress(Progress {
            stage: LoadStage::Aggregating,
            file: String::new(),
            done: 0,
            total: 0,
        }));
        let mut state = Loaded {
            profile,
            tops: Vec::new(),
            flame: FlameFrames::default(),
        };
        // The default view is computed now, so the first page request is only a slice.
        if let Ok(view) = TopView::new(&state.profile, "") {
            state.tops.push(view);
        }
        self.loaded = Some(state);
        Ok(Response::Loaded(summary))
    }

    fn loaded_mut(&mut self) -> Result<&mut Loaded, ErrorReport> {
        self.loaded.as_mut().ok_or_else(|| ErrorReport {
            file: None,
            message: "no profile is loaded".to_string(),
        })
    }

    fn top(&mut self, req: &TopRequest) -> Result<Response, ErrorReport> {
        let state = self.loaded_mut()?;
        let i = state.view(&req.sample_type)?;
        let page = state.tops[i].page(&state.profile, req);
        Ok(Response::Top(page))
    }
}

impl Loaded {
    /// The index in `tops` of the top view of `sample_type`, computing it when needed; it
    /// becomes the most recently used.
    fn view(&mut self, sample_type: &str) -> Result<usize, ErrorReport> {
        let wanted = resolve_sample_index(&self.profile, sample_type).map_err(|e| ErrorReport {
            file: None,
            message: e.to_string(),
        })?;
        let found = self.tops.iter().position(|v| v.sample_index() == wanted);
        let view = match found {
            Some(i) => self.tops.remove(i),
            None => TopView::new(&self.profile, &wanted.to_string()).map_err(|e| ErrorReport {
                file: None,
                message: e.to_string(),
            })?,
        };
        self.tops.push(view);
        if self.tops.len() > CACHED_VIEWS {
            self.tops.remove(0);
        }
        Ok(self.tops.len() - 1)
    }
}
