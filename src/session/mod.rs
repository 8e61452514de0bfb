//! The engine behind a viewer: a [`Session`] owns the loaded profile and answers
//! [`Request`]s with [`Response`]s.
//!
//! Consumes requests (file bytes to load; views of a [`Query`] to show); produces responses
//! with everything already computed and formatted. The same session runs inside the web
//! app's Web Worker (`src/web/engine.rs` moves the messages) and in native tests. It keeps
//! the decoded profile and caches what it derives by the query that asked for it: compiled
//! queries ([`Prepared`]) and top tables, so switching views, sample types or filters back and
//! forth never recomputes, and nothing is ever decoded twice. The flame graph and the top table
//! also keep, for the next query, what they derived from the frames of the last one and the
//! memory they worked in, so a change of sample type or sample filter is answered without
//! rebuilding either. It does no I/O: bytes come in through `Request::Load`.

mod bases;
mod cache;
mod details_protocol;
mod details_view;
pub mod envelope;
mod export_protocol;
mod export_view;
mod flame_protocol;
mod flame_view;
mod graph_view;
mod hints;
pub mod intake;
mod labels_view;
mod peek_view;
mod protocol;
mod sandwich_view;
mod source_protocol;
mod source_view;
mod summary_protocol;
mod top_view;
mod traces_view;
mod views_protocol;

pub use details_protocol::{DetailsMapping, DetailsSampleType, DetailsView};
pub use export_protocol::{ExportKind, ExportRequest, Exported};
pub use flame_protocol::{FlameGraph, FlameRequest, FlameSearch, FlameSearchRequest};
pub use flame_view::{flame_granularity, svg_options, FlameFrames, MAX_FLAME_NODES};
pub use graph_view::{graph_scene_of, GraphRequest, GraphView, GRAPH_NODE_COUNT};
pub use hints::sample_type_hint;
pub use protocol::{
    DiffCells, ErrorReport, LoadStage, Progress, Request, Response, SearchOutcome, SourceBytes,
    TopColumn, TopPage, TopRequest, TopRowView, TopSort,
};
pub use source_protocol::{
    InlinedCallView, SourceFileView, SourceFunctionView, SourceLineView, SourceRequest, SourceText,
    SourceView,
};
pub use summary_protocol::{BaseSummary, SampleTypeInfo, Summary};
pub use top_view::TopView;
pub use traces_view::counts_goroutines;
pub use views_protocol::{
    Checked, LabelKeyView, LabelValueView, LabelsRequest, LabelsView, PeekRequest, PeekView,
    Rejected, SandwichRequest, SandwichView, TraceFrameView, TraceGroupView, TracesRequest,
    TracesView,
};

use crate::decode::Stage;
use crate::error::{DecodeError, Error, QueryError};
use crate::load::{load_with_progress, LoadOptions, Source};
use crate::model::Profile;
use crate::query::{resolve_sample_index, Prepared, Query, TopScratch};
use crate::report::GraphScene;
use bases::BaseSet;
use cache::Recent;
use std::sync::Arc;

/// How many compiled queries, and how many top tables, are kept at once.
const CACHED_VIEWS: usize = 4;

/// The engine state: at most one loaded profile and the views computed from it.
#[derive(Debug, Default)]
pub struct Session {
    options: LoadOptions,
    loaded: Option<Loaded>,
}

#[derive(Debug)]
struct Loaded {
    profile: Arc<Profile>,
    /// The files it was merged from.
    files: Vec<String>,
    /// Base profiles loaded beside it, and the last comparison made with them.
    base: Option<BaseSet>,
    /// Compiled queries, most recently used last.
    prepared: Recent<Query, Prepared>,
    /// Computed top tables, by query.
    tops: Recent<Query, TopView>,
    /// What the last top table kept for the next one.
    top_scratch: TopScratch,
    /// Frames of the last flame graph sent.
    flame: FlameFrames,
    /// Laid-out call graphs, by query and node count.
    graphs: Recent<(Query, u32), Arc<GraphScene>>,
}

impl Loaded {
    /// The compiled query and its top table (cached by the query), for the Top view and
    /// the exports that read its rows.
    fn top_view(&mut self, query: &Query) -> Result<(&Prepared, &mut TopView), Box<Response>> {
        let profile = self.profile_for(query)?;
        let Loaded {
            prepared,
            tops,
            top_scratch,
            ..
        } = self;
        let p = prepare(&profile, prepared, query)?;
        let view = tops
            .get_or_try(query, || TopView::new_in(p, top_scratch))
            .map_err(|e| failed(query, e))?;
        Ok((p, view))
    }
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
            Request::Load { sources, bases } => match self.load(sources, emit) {
                Err(e) => Err(Box::new(Response::Failed(e))),
                Ok(Response::Loaded(mut summary)) if !bases.is_empty() => {
                    match self.load_base(bases, emit) {
                        Ok(loaded) => {
                            summary.bases = loaded.files;
                            summary.identical = loaded.identical;
                            summary.warnings.extend(loaded.warnings);
                            Ok(Response::Loaded(summary))
                        }
                        // The profile is shown on its own, and the page says why.
                        Err(e) => {
                            emit(Response::Loaded(summary));
                            Ok(Response::BaseLoaded(BaseSummary {
                                warnings: vec![e.to_string()],
                                ..BaseSummary::default()
                            }))
                        }
                    }
                }
                Ok(other) => Ok(other),
            },
            Request::LoadBase { bases } => self
                .load_base(bases, emit)
                .map(Response::BaseLoaded)
                .map_err(|e| Box::new(Response::Failed(e))),
            Request::Check(query) => Ok(Response::Checked(Box::new(Checked {
                result: query.validate(),
                query,
            }))),
            Request::Top(req) => self.loaded_mut().and_then(|state| {
                let (p, view) = state.top_view(&req.query)?;
                Ok(Response::Top(Box::new(view.page(p, &req))))
            }),
            Request::Flame(req) => self.loaded_mut().and_then(|state| {
                let profile = state.profile_for(&req.query)?;
                let p = prepare(&profile, &mut state.prepared, &req.query)?;
                Ok(Response::Flame(Box::new(state.flame.build(p, &req))))
            }),
            Request::FlameSearch(req) => self.loaded_mut().and_then(|state| {
                let profile = state.profile_for(&req.flame.query)?;
                let p = prepare(&profile, &mut state.prepared, &req.flame.query)?;
                Ok(Response::FlameSearch(Box::new(state.flame.search(p, &req))))
            }),
            Request::Sandwich(req) => self.loaded_mut().and_then(|state| {
                let profile = state.profile_for(&req.query)?;
                let p = prepare(&profile, &mut state.prepared, &req.query)?;
                Ok(Response::Sandwich(Box::new(sandwich_view::sandwich(
                    p, &req,
                ))))
            }),
            Request::Labels(req) => self.loaded_mut().and_then(|state| {
                let profile = state.profile_for(&req.query)?;
                let p = prepare(&profile, &mut state.prepared, &req.query)?;
                Ok(Response::Labels(Box::new(labels_view::labels(p, &req))))
            }),
            Request::Traces(req) => self.loaded_mut().and_then(|state| {
                let profile = state.profile_for(&req.query)?;
                let p = prepare(&profile, &mut state.prepared, &req.query)?;
                Ok(Response::Traces(Box::new(traces_view::traces(p, &req))))
            }),
            Request::Export(req) => self.loaded_mut().and_then(|state| {
                let (p, view) = state.top_view(&req.query)?;
                Ok(Response::Exported(Box::new(export_view::export(
                    view, p, &req,
                ))))
            }),
            Request::Peek(req) => self.loaded_mut().and_then(|state| {
                let profile = state.profile_for(&req.query)?;
                let p = prepare(&profile, &mut state.prepared, &req.query)?;
                Ok(Response::Peek(Box::new(peek_view::peek_view(p, &req))))
            }),
            Request::Graph(req) => self
                .loaded_mut()
                .and_then(|state| state.graph(&req))
                .map(|view| Response::Graph(Box::new(view))),
            Request::Source(req) => self.loaded_mut().and_then(|state| {
                let profile = state.profile_for(&req.query)?;
                let p = prepare(&profile, &mut state.prepared, &req.query)?;
                Ok(Response::Source(Box::new(source_view::source_view(
                    p, &req,
                ))))
            }),
            Request::Details => self.loaded_mut().map(|state| {
                let profile = &state.profile;
                let names = profile.sample_type_names();
                let default = resolve_sample_index(profile, "")
                    .ok()
                    .and_then(|i| names.get(i).copied())
                    .unwrap_or_default();
                let view = details_view::details(profile, &state.files, default);
                Response::Details(Box::new(view))
            }),
        };
        emit(result.unwrap_or_else(|r| *r));
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
        let sha = sources.iter().map(|s| short_sha256(&s.bytes)).collect();
        let loaded = decode_sources(&sources, &self.options, emit)?;
        drop(sources);
        let profile = loaded.profile;
        let names = profile.sample_type_names();
        let totals = details_view::type_totals(&profile);
        let sample_types = profile
            .sample_types
            .iter()
            .enumerate()
            .map(|(i, st)| {
                let (name, unit) = (profile.str(st.ty), profile.str(st.unit));
                let total = totals.get(i).copied().unwrap_or(0);
                SampleTypeInfo {
                    name: name.to_string(),
                    unit: unit.to_string(),
                    hint: sample_type_hint(name, unit).to_string(),
                    total: details_view::format_total(total, unit),
                    zero: profile.samples.column(i).all(|v| v == 0),
                }
            })
            .collect();
        let default_sample_type = resolve_sample_index(&profile, "")
            .ok()
            .and_then(|i| names.get(i).map(|s| s.to_string()))
            .unwrap_or_default();
        let goroutines = profile
            .sample_types
            .iter()
            .zip(&totals)
            .find(|(st, _)| counts_goroutines(profile.str(st.ty), profile.str(st.unit)))
            .map(|(_, &total)| total);
        let summary = Summary {
            sha,
            goroutines,
            files,
            sample_types,
            default_sample_type,
            samples: profile.samples.len() as u64,
            warnings: loaded.warnings,
            bases: Vec::new(),
            identical: false,
        };
        self.loaded = Some(Loaded {
            profile: Arc::new(profile),
            files: summary.files.clone(),
            base: None,
            prepared: Recent::new(CACHED_VIEWS),
            tops: Recent::new(CACHED_VIEWS),
            top_scratch: TopScratch::default(),
            flame: FlameFrames::default(),
            graphs: Recent::new(2),
        });
        Ok(Response::Loaded(summary))
    }

    fn loaded_mut(&mut self) -> Result<&mut Loaded, Box<Response>> {
        self.loaded.as_mut().ok_or_else(|| {
            Box::new(Response::Failed(ErrorReport {
                file: None,
                message: "no profile is loaded".to_string(),
            }))
        })
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes`: what a link's `sha` pins.
pub fn short_sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Decodes and merges `sources`, reporting progress through `emit`.
fn decode_sources(
    sources: &[SourceBytes],
    options: &LoadOptions,
    emit: &mut dyn FnMut(Response),
) -> Result<crate::load::Loaded, ErrorReport> {
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
        if (i, stage) == (last.0, last.1) && done < last.2.saturating_add(step) && done < total {
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
    let loaded = load_with_progress(&views, options, &mut progress).map_err(|e| ErrorReport {
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
    Ok(loaded)
}

/// The compiled form of `query`, from the cache or made now.
fn prepare<'a>(
    profile: &Arc<Profile>,
    cache: &'a mut Recent<Query, Prepared>,
    query: &Query,
) -> Result<&'a Prepared, Box<Response>> {
    cache
        .get_or_try(query, || Prepared::new(profile, query, "minimum"))
        .map(|p| &*p)
        .map_err(|e| failed(query, e))
}

/// A query that cannot be used as the answer to a view request: a bad field is `Rejected`
/// (the page then drops it), anything else (an unknown sample type) `Failed`.
fn failed(query: &Query, e: QueryError) -> Box<Response> {
    Box::new(match e {
        QueryError::BadField(error) => Response::Rejected(Box::new(Rejected {
            query: query.clone(),
            error,
        })),
        other => Response::Failed(ErrorReport {
            file: None,
            message: other.to_string(),
        }),
    })
}
