//! The link format: the view a page shows, written into and read from its `#fragment`
//! (CONTRACT §4).
//!
//! Consumes a fragment string (without `#`); produces a [`UrlState`] and warnings, and back.
//! Parsing never fails: an unknown key, a key this version does not use yet, or a bad value
//! becomes a warning the page shows, and keys it does not understand are kept as they were
//! so that rewriting the fragment never loses part of a colleague's link. Values are
//! percent-encoded as `URLSearchParams` does (`+` reads as a space).

use super::display::{ViewOptions, KEYS as DISPLAY_KEYS};
use super::escape::parse_path;
pub use super::escape::{decode_component, encode_component, path_value};
use crate::query::{Field, FieldKind, Query, DROPPED, FIELDS};

/// The link format version this build writes. Version 1 had one `p` for both the flame
/// graph's zoom and the callers view's function; version 2 adds `fn` for the function
/// (and `sort`, `order`, `orient`, `palette`, `file`); `upgrade` reads version 1 links.
pub const LINK_VERSION: u32 = 2;

/// A view of the page (the `view` key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// The top table.
    Top,
    /// The flame graph (the default, as in current pprof).
    #[default]
    Flame,
    /// The call graph.
    Graph,
    /// Callers and callees of a function.
    Peek,
    /// Source lines.
    Source,
    /// Sample traces.
    Traces,
    /// Label (tag) values.
    Tags,
    /// Callers above, callees below.
    Sandwich,
    /// The profile's own facts (sample types, period, mappings, …).
    Details,
}

impl View {
    /// The default view (omitted from links).
    pub const DEFAULT: View = View::Flame;

    /// The key's value, as CONTRACT §4 spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Top => "top",
            View::Flame => "flame",
            View::Graph => "graph",
            View::Peek => "peek",
            View::Source => "source",
            View::Traces => "traces",
            View::Tags => "tags",
            View::Sandwich => "sandwich",
            View::Details => "details",
        }
    }

    /// Parses a `view` value.
    pub fn parse(s: &str) -> Option<View> {
        [
            View::Top,
            View::Flame,
            View::Graph,
            View::Peek,
            View::Source,
            View::Traces,
            View::Tags,
            View::Sandwich,
            View::Details,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    /// Whether this build has the view.
    pub fn available(self) -> bool {
        matches!(
            self,
            View::Top
                | View::Flame
                | View::Graph
                | View::Sandwich
                | View::Tags
                | View::Traces
                | View::Details
                | View::Peek
                | View::Source
        )
    }
}

/// Keys of the link format that later versions of the viewer use; this build keeps them in
/// the link but does not apply them yet.
const LATER_KEYS: [&str; 0] = [];

/// What a link says about the view.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct UrlState {
    /// Profiles to fetch and merge (`url`, repeated).
    pub urls: Vec<String>,
    /// What is computed: sample type (`si`), granularity (`g`), filters (`f`, `i`, `h`, …),
    /// `noinlines`, `rel`, `mean`; the keys are the query's field table's.
    pub query: Query,
    /// The view (`view`).
    pub view: View,
    /// Search text (`q`).
    pub q: String,
    /// The flame graph's zoomed frame, as the names of its call path from the root (`p`,
    /// names joined by `;`, a `;` inside a name as `%3B`).
    pub p: Vec<String>,
    /// The function of the callers, peek and source views (`fn`).
    pub function: String,
    /// Where the Source view fetches source files (`src`): a URL template with `{file}`.
    pub src: String,
    /// How the views are shown: table sort, flame order, orientation, palette.
    pub options: ViewOptions,
    /// Per profile, the first 16 hex digits of its SHA-256 when the link was made (`sha`,
    /// comma-separated): the page warns when the file at the URL has changed since.
    pub sha: Vec<String>,
    /// A small profile carried in the link (`embed`: gzip, base64url); opening the link
    /// loads it with no request.
    pub embed: String,
    /// The names of the local files the view was made from (`file`), when it has no `url`:
    /// a colleague who opens the link learns that the profile stayed with its author.
    pub files: Vec<String>,
    /// Keys this build does not apply, in their original order, written back unchanged.
    pub kept: Vec<(String, String)>,
}

impl UrlState {
    /// Reads a fragment (with or without the leading `#`). Returns the state and one
    /// warning per thing it could not use.
    pub fn parse(fragment: &str) -> (UrlState, Vec<String>) {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let mut state = UrlState::default();
        let mut warnings = Vec::new();
        let mut version = 1;
        for part in fragment.split('&').filter(|p| !p.is_empty()) {
            // A bare boolean key (`&rel`) switches it on.
            let bare_bool = |k: &str| Field::by_link(k).is_some_and(|f| f.kind == FieldKind::Bool);
            let (key, raw) = part
                .split_once('=')
                .unwrap_or((part, if bare_bool(part) { "t" } else { "" }));
            let key = decode_component(key);
            let value = decode_component(raw);
            match key.as_str() {
                "v" => match value.parse::<u32>() {
                    Ok(v) if v <= LINK_VERSION => version = v,
                    Ok(v) => warnings.push(format!(
                        "this link was made by a newer pprofview (link format v={v}); parts of \
                         it may be ignored"
                    )),
                    Err(_) => warnings.push(format!("link: ignored bad version v={value}")),
                },
                "url" => match check_profile_url(&value) {
                    Ok(()) => state.urls.push(value),
                    Err(why) => warnings.push(format!("link: ignored url={value}: {why}")),
                },
                "view" => match View::parse(&value) {
                    Some(v) if v.available() => state.view = v,
                    Some(v) => warnings.push(format!(
                        "link: the {} view is not in this version of pprofview; showing the \
                         top table",
                        v.as_str()
                    )),
                    None => warnings.push(format!("link: ignored unknown view={value}")),
                },
                "q" => state.q = value,
                "p" => state.p = parse_path(raw),
                "fn" => state.function = value,
                "src" => match super::source_url::check_source_template(&value) {
                    Ok(()) => state.src = value,
                    Err(why) => warnings.push(format!("link: ignored src={value}: {why}")),
                },
                "embed" => state.embed = value,
                "sha" => {
                    state.sha = value
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                "file" => state.files.push(value),
                k if DISPLAY_KEYS.contains(&k) => {
                    if let Err(why) = state.options.set(k, &value) {
                        warnings.push(format!("link: ignored {k}={value}: {why}"));
                    }
                }
                k if Field::by_link(k).is_some() => {
                    if let Some(field) = Field::by_link(k) {
                        let checked = match field.kind {
                            FieldKind::Profiles => check_profile_url(&value),
                            _ => Ok(()),
                        };
                        if let Err(why) = checked.and_then(|()| state.query.set(field, &value)) {
                            warnings.push(format!("link: ignored {k}={value}: {why}"));
                        }
                    }
                }
                k if LATER_KEYS.contains(&k) => {
                    warnings.push(format!(
                        "link: {k}={value} is not supported by this version of pprofview and \
                         was not applied"
                    ));
                    state.kept.push((key, value));
                }
                _ => {
                    warnings.push(format!("link: ignored unknown key {key}"));
                    state.kept.push((key, value));
                }
            }
        }
        super::upgrade::upgrade(&mut state, version);
        (state, warnings)
    }

    /// Writes the fragment (without `#`): `v` first, then the profiles, the query (sample
    /// type first, then the field table's order), the view; defaults left out, kept keys
    /// last.
    pub fn to_fragment(&self) -> String {
        let mut parts = vec![format!("v={LINK_VERSION}")];
        for url in &self.urls {
            parts.push(format!("url={}", encode_component(url)));
        }
        let sample_first = FIELDS
            .iter()
            .filter(|f| f.kind == FieldKind::SampleIndex)
            .chain(FIELDS.iter().filter(|f| f.kind != FieldKind::SampleIndex));
        for f in sample_first {
            let v = self.query.get(f);
            if v.is_empty() {
                continue;
            }
            match f.kind {
                FieldKind::Bool => parts.push(format!("{}=t", f.link)),
                // A dropped file has no address a link could carry.
                FieldKind::Profiles => parts.extend(
                    v.lines()
                        .filter(|p| !p.starts_with(DROPPED))
                        .map(|p| format!("{}={}", f.link, encode_component(p))),
                ),
                _ => parts.push(format!("{}={}", f.link, encode_component(&v))),
            }
        }
        if self.view != View::DEFAULT {
            parts.push(format!("view={}", self.view.as_str()));
        }
        if !self.p.is_empty() {
            parts.push(format!("p={}", path_value(&self.p)));
        }
        if !self.function.is_empty() {
            parts.push(format!("fn={}", encode_component(&self.function)));
        }
        if !self.src.is_empty() {
            parts.push(format!("src={}", encode_component(&self.src)));
        }
        parts.extend(self.options.parts());
        if !self.sha.is_empty() {
            parts.push(format!("sha={}", encode_component(&self.sha.join(","))));
        }
        if !self.embed.is_empty() {
            parts.push(format!("embed={}", self.embed));
        } else if self.urls.is_empty() {
            for f in &self.files {
                parts.push(format!("file={}", encode_component(f)));
            }
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_component(&self.q)));
        }
        for (k, v) in &self.kept {
            parts.push(format!("{}={}", encode_component(k), encode_component(v)));
        }
        parts.join("&")
    }
}

/// Why a `url` value cannot be fetched, if it cannot: only http(s) and relative URLs are
/// (the one rule of `profile_url`, which the page applies again to the resolved URL).
pub fn check_profile_url(url: &str) -> Result<(), String> {
    super::profile_url::check_profile_url(url, super::profile_url::UrlRole::Fetched)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
#[path = "url_tests.rs"]
mod tests;
