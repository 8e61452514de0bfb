//! [`AppState`], [`Action`] and the pure [`reduce`].

use super::display::{sort_after_click, ViewOptions};
use super::loaded::{check_sample_type, check_sha, compare_with};
use super::url::{UrlState, View};
use super::zoom;
use crate::query::{quote_meta, Field, Granularity, Query};
use crate::session::{BaseSummary, ErrorReport, Progress, Summary, TopColumn, TopSort};

/// Where loading stands.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum LoadPhase {
    /// Nothing loaded yet.
    #[default]
    Empty,
    /// A load is under way.
    Loading {
        /// What is being loaded (file names or URLs).
        label: String,
        /// The last progress report.
        progress: Option<Progress>,
    },
    /// A profile is loaded ([`AppState::summary`]).
    Ready,
    /// The last load failed.
    Failed(ErrorReport),
}

impl LoadPhase {
    /// The `<body data-state>` value (CONTRACT §3).
    pub fn body_state(&self) -> &'static str {
        match self {
            LoadPhase::Empty => "empty",
            LoadPhase::Loading { .. } => "loading",
            LoadPhase::Ready => "ready",
            LoadPhase::Failed(_) => "error",
        }
    }
}

/// Everything the page shows, apart from data fetched per view (rows of the top table).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AppState {
    /// The view as a link holds it (sample type, view, search, profile URLs).
    pub link: UrlState,
    /// Loading.
    pub phase: LoadPhase,
    /// The loaded profile, when [`LoadPhase::Ready`].
    pub summary: Option<Summary>,
    /// Problems with the link, for the user to read.
    pub notices: Vec<String>,
    /// How many profiles have been loaded (each load's views are new).
    pub loads: u64,
    /// Whether the loaded profile and its bases hold the same samples (a self-comparison).
    pub identical: bool,
    /// The `sha` of the link last read, checked against the next profile loaded.
    pub expected_sha: Vec<String>,
    /// The call path the flame graph is loaded below (empty: the whole graph): set when the
    /// zoom goes into a stand-in, dropped when it leaves the path (see `zoom.rs`).
    pub flame_under: Vec<String>,
}

/// Something that happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The page's link was read (at start, or the user edited the fragment).
    LinkRead {
        /// What it says.
        link: Box<UrlState>,
        /// What could not be used.
        warnings: Vec<String>,
    },
    /// A load started; `urls` are the profile URLs when they come from the web (kept in
    /// the link), empty for local files (which a link cannot carry: it names them, `file`).
    LoadStarted {
        /// What is being loaded, for the progress line.
        label: String,
        /// The fetched URLs, if any.
        urls: Vec<String>,
        /// The local files' names, if any.
        files: Vec<String>,
    },
    /// The session reported progress.
    Progress(Progress),
    /// The session loaded a profile.
    Loaded(Summary),
    /// A load failed.
    Failed(ErrorReport),
    /// The user picked a sample type.
    SampleType(String),
    /// The user picked a view.
    View(View),
    /// The user typed in the search box.
    Search(String),
    /// The user clicked a column header.
    Sort(TopColumn),
    /// The loaded profile was embedded in the link (its gzip as base64url).
    Embedded(String),
    /// The user changed how the flame graph is shown (order, orientation, palette).
    FlameDisplay(ViewOptions),
    /// The user zoomed the flame graph to a frame, named by its call path (empty: all). A
    /// path ending in a stand-in zooms to its parent and loads the frames below it.
    Zoom(Vec<String>),
    /// The flame view found a stand-in below the zoom path (this one), or the path going on
    /// inside one: the tree below the path is loaded.
    LoadBelow(Vec<String>),
    /// The user opened the callers/callees view of the frame at this call path.
    Sandwich(Vec<String>),
    /// The user selected a function (a node of the call graph): the search box gets its
    /// exact name (`^name$`), so every view marks it, as pprof's web UI does, and the
    /// callers, peek and source views open on it.
    Select(String),
    /// The user opened the Peek view of the function last on this call path (the search
    /// box is cleared: it would take precedence).
    Peek(Vec<String>),
    /// The user opened the Source view of the function last on this call path.
    Source(Vec<String>),
    /// The user picked a granularity (`None`, or the view's default: the views' defaults).
    Granularity(Option<Granularity>),
    /// The user set a query field (by its pprof name) to a value the engine accepted
    /// (empty: unset). Filters, toggles and presets all arrive this way.
    SetField {
        /// The field's pprof name (`focus`, `noinlines`, …).
        field: String,
        /// Its new value.
        value: String,
    },
    /// The user picked a Refine entry on a frame or row ("Focus on", "Ignore", "Hide",
    /// "Show only", "Show from"): `field` gets `^target$` (regexp characters escaped),
    /// replacing its value for focus, show and show_from and added as an alternative for
    /// ignore and hide, as pprof's web UI does.
    Refine {
        /// The field's pprof name.
        field: String,
        /// What the frame or row names (a function, file or binary).
        target: String,
    },
    /// The user clicked a label value in the Labels view: `field` (`tagfocus` or
    /// `tagignore`) gets `key=pattern`; a second value of the same key is added to a
    /// `tagignore` (`key=a,b` drops either) and replaces a `tagfocus`.
    LabelRefine {
        /// `tagfocus` or `tagignore`.
        field: String,
        /// The label key.
        key: String,
        /// The value's pattern: `^value$` (escaped) or a numeric range (`1kB:2kB`).
        pattern: String,
    },
    /// The user removed every filter.
    ClearFilters,
    /// Base profiles were loaded beside the profile (empty: the comparison was dropped): the
    /// query compares with them, in its current mode (`-base` unless `-diff_base` was on).
    BaseLoaded(BaseSummary),
    /// The user switched between subtracting the base (`false`, pprof's `-base`) and
    /// comparing with it (`true`, `-diff_base`).
    CompareMode {
        /// `-diff_base`.
        diff_base: bool,
    },
    /// A base could not be loaded or compared; the profile stays as it was.
    BaseFailed(ErrorReport),
    /// The user stopped comparing: the bases and the comparison's toggles are dropped.
    ClearBase,
    /// The engine refused a field of the query (e.g. a link's regex does not compile): it is
    /// dropped, with a notice.
    Rejected {
        /// The field's pprof name.
        field: String,
        /// Why.
        message: String,
    },
}

/// A comparison's first order of the top table: biggest growth first.
pub const DIFF_SORT: TopSort = TopSort {
    column: TopColumn::Delta,
    descending: true,
};

/// The next state.
pub fn reduce(mut state: AppState, action: Action) -> AppState {
    match action {
        Action::LinkRead { link, warnings } => {
            state.expected_sha = link.sha.clone();
            state.link = *link;
            state.notices = warnings;
            check_sample_type(&mut state);
            zoom::keep_load_on_path(&mut state);
        }
        Action::LoadStarted { label, urls, files } => {
            state.link.urls = urls;
            // A link keeps its embedded profile only while that profile is what is loaded.
            if files != [super::embed::EMBED_NAME] {
                state.link.embed.clear();
            }
            state.link.files = files;
            state.flame_under.clear();
            state.phase = LoadPhase::Loading {
                label,
                progress: None,
            };
            state.summary = None;
        }
        Action::Progress(p) => {
            if let LoadPhase::Loading { progress, .. } = &mut state.phase {
                *progress = Some(p);
            }
        }
        Action::Loaded(summary) => {
            check_sha(&mut state, &summary.sha);
            compare_with(&mut state, summary.bases.clone(), summary.identical);
            state.summary = Some(summary);
            check_sample_type(&mut state);
            state.phase = LoadPhase::Ready;
            state.loads += 1;
        }
        Action::Failed(error) => {
            state.summary = None;
            state.phase = LoadPhase::Failed(error);
        }
        Action::SampleType(name) => {
            let default = state.summary.as_ref().map(|s| &s.default_sample_type);
            state.link.query.sample_index = if Some(&name) == default {
                String::new()
            } else {
                name
            };
        }
        Action::SetField { field, value } => {
            if let Some(f) = Field::by_name(&field) {
                if let Err(why) = state.link.query.set(f, &value) {
                    state.notices.push(format!("{}: {why}", f.title));
                }
            }
        }
        Action::Refine { field, target } => {
            if let Some(f) = Field::by_name(&field) {
                let new = format!("^{}$", quote_meta(&target));
                let old = state.link.query.get(f);
                let value = match field.as_str() {
                    "ignore" | "hide" if !old.is_empty() && old != new => format!("{new}|{old}"),
                    _ => new,
                };
                let _ = state.link.query.set(f, &value);
            }
        }
        Action::LabelRefine {
            field,
            key,
            pattern,
        } => {
            if let Some(f) = Field::by_name(&field) {
                let old = state.link.query.get(f);
                let prefix = format!("{key}=");
                let value = match old.strip_prefix(&prefix) {
                    Some(rest) if field == "tagignore" && rest.starts_with('^') => {
                        format!("{old},{pattern}")
                    }
                    _ => format!("{prefix}{pattern}"),
                };
                let _ = state.link.query.set(f, &value);
            }
        }
        Action::ClearFilters => state.link.query = state.link.query.without_filters(),
        Action::BaseLoaded(base) => {
            let refused = base.files.is_empty();
            // A comparison the user starts opens sorted by growth (a link keeps its sort).
            if !refused {
                state.link.options.sort = None;
            }
            compare_with(&mut state, base.files, base.identical);
            state.notices.extend(base.warnings.iter().map(|w| {
                if refused {
                    format!("Cannot compare: {w}")
                } else {
                    w.clone()
                }
            }));
        }
        Action::BaseFailed(e) => state.notices.push(format!("Cannot compare: {e}")),
        Action::CompareMode { diff_base } => {
            let q = &mut state.link.query;
            let bases: Vec<String> = q.base.drain(..).chain(q.diff_base.drain(..)).collect();
            if diff_base {
                q.diff_base = bases;
            } else {
                q.base = bases;
            }
        }
        Action::ClearBase => compare_with(&mut state, Vec::new(), false),
        Action::Rejected { field, message } => {
            if let Some(f) = Field::by_name(&field) {
                let value = state.link.query.get(f);
                let _ = state.link.query.set(f, "");
                state
                    .notices
                    .push(format!("{} {value:?} was not applied: {message}", f.title));
            }
        }
        Action::View(view) => {
            if view.available() {
                state.link.view = view;
            }
        }
        Action::Search(q) => state.link.q = q,
        Action::Zoom(path) => zoom::zoom(&mut state, path),
        Action::LoadBelow(path) => zoom::load_below(&mut state, path),
        Action::Sandwich(path) => {
            if let Some(f) = path.last() {
                state.link.function = f.clone();
                state.link.view = View::Sandwich;
            }
        }
        Action::Peek(path) => {
            if let Some(f) = path.last() {
                state.link.function = f.clone();
                state.link.q.clear();
                state.link.view = View::Peek;
            }
        }
        Action::Select(name) => {
            state.link.q = format!("^{}$", crate::query::quote_meta(&name));
            state.link.function = name;
        }
        Action::Source(path) => {
            if let Some(f) = path.last() {
                state.link.function = f.clone();
                state.link.view = View::Source;
            }
        }
        Action::Embedded(text) => state.link.embed = text,
        Action::Granularity(g) => {
            let default = state.default_granularity();
            state.link.query.granularity = g.filter(|&g| g != default);
        }
        Action::Sort(column) => {
            state.link.options.sort = Some(sort_after_click(state.sort(), column));
        }
        Action::FlameDisplay(o) => {
            let options = &mut state.link.options;
            (options.order, options.orientation, options.palette) =
                (o.order, o.orientation, o.palette);
        }
    }
    state
}

impl AppState {
    /// The granularity a view uses when the query sets none: `filefunctions` for the flame
    /// graph and the callers view, `functions` for tables (pprof's defaults).
    pub fn default_granularity(&self) -> Granularity {
        match self.link.view {
            View::Top | View::Graph | View::Tags | View::Traces | View::Details | View::Peek => {
                Granularity::Functions
            }
            _ => Granularity::FileFunctions,
        }
    }

    /// The granularity the current view shows.
    pub fn granularity(&self) -> Granularity {
        self.link.query.granularity_or(self.default_granularity())
    }

    /// The top table's order: the link's, else pprof's (biggest growth first when
    /// comparing).
    pub fn sort(&self) -> TopSort {
        match self.link.options.sort {
            Some(s) => s,
            None if self.comparing() => DIFF_SORT,
            None => TopSort::default(),
        }
    }

    /// The query every view request carries.
    pub fn query(&self) -> &Query {
        &self.link.query
    }

    /// Whether the view compares the profile with a base.
    pub fn comparing(&self) -> bool {
        self.link.query.comparison().is_some()
    }

    /// The sample type to show: the link's, else the profile's default.
    pub fn sample_type(&self) -> &str {
        match (&self.summary, self.link.query.sample_index.as_str()) {
            (Some(s), "") => &s.default_sample_type,
            (_, si) => si,
        }
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
