//! Load time, in pprof's order (`fetchProfiles`): decode every source, merge them (even a
//! single one, as pprof does), demangle names (pprof's symbolize step), then apply the
//! profile's `drop_frames`/`keep_frames`.
//!
//! Consumes named byte buffers (the caller did the I/O); produces one [`Profile`] ready
//! for queries, with warnings tagged by source name.

use crate::decode::{
    decode_owned_with_progress, decode_with_progress, DecodeOptions, Decoded, Stage,
};
use crate::error::{DecodeError, Error};
use crate::model::demangle::{demangle_functions, Symbolize};
use crate::model::merge::{compare, merge, CompareOptions};
use crate::model::prune::remove_uninteresting;
use crate::model::Profile;

/// One input profile: a name for messages (usually the file name) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// Shown in messages.
    pub name: &'a str,
    /// The file's bytes.
    pub bytes: &'a [u8],
}

/// A loaded profile and what went wrong along the way but was tolerated.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The profile.
    pub profile: Profile,
    /// Warnings, each prefixed with the source it concerns.
    pub warnings: Vec<String>,
}

/// An error with the source it concerns (`None` when it concerns all of them, e.g. merging).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// Name of the failing source.
    pub source: Option<String>,
    /// What went wrong.
    pub error: Error,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.source {
            Some(s) => write!(f, "{s}: {}", self.error),
            None => write!(f, "{}", self.error),
        }
    }
}

impl std::error::Error for LoadError {}

/// Options of [`load_with`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Decoding limits.
    pub decode: DecodeOptions,
    /// pprof's `-symbolize` step (name demangling).
    pub symbolize: Symbolize,
}

/// Decodes and merges `sources` with default symbolization.
pub fn load(sources: &[Source<'_>], options: &DecodeOptions) -> Result<Loaded, LoadError> {
    load_with(
        sources,
        &LoadOptions {
            decode: *options,
            ..LoadOptions::default()
        },
    )
}

/// Decodes and merges `sources` (at least one).
pub fn load_with(sources: &[Source<'_>], load_options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_with_progress(sources, load_options, &mut |_, _, _, _| {})
}

/// [`load_with`], calling `progress(source_index, stage, done, total)` while each source is
/// decoded (see [`decode_with_progress`]).
pub fn load_with_progress(
    sources: &[Source<'_>],
    load_options: &LoadOptions,
    progress: &mut dyn FnMut(usize, Stage, u64, u64),
) -> Result<Loaded, LoadError> {
    let options = &load_options.decode;
    let mut decoded = Vec::with_capacity(sources.len());
    for (index, src) in sources.iter().enumerate() {
        let mut report = |stage, done, total| progress(index, stage, done, total);
        let d = decode_with_progress(src.bytes, options, &mut report);
        let failed = d.is_err();
        decoded.push((src.name.to_string(), d));
        if failed {
            break;
        }
    }
    assemble(decoded, load_options)
}

/// One input profile whose bytes the loader owns, and frees once they are inflated.
#[derive(Clone, Debug)]
pub struct OwnedSource {
    /// Shown in messages.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// [`load_with`] on sources it owns: each file's bytes are freed as soon as they are
/// inflated, so a load peaks lower by the files' size (the command line reads files so).
pub fn load_owned(
    sources: Vec<OwnedSource>,
    load_options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    let mut decoded = Vec::with_capacity(sources.len());
    for src in sources {
        let d = decode_owned_with_progress(src.bytes, &load_options.decode, &mut |_, _, _| {});
        let failed = d.is_err();
        decoded.push((src.name, d));
        if failed {
            break;
        }
    }
    assemble(decoded, load_options)
}

/// Merges decoded sources (stopping at the first that failed), then demangles and prunes.
fn assemble(
    decoded: Vec<(String, Result<Decoded, DecodeError>)>,
    load_options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    let mut profiles = Vec::with_capacity(decoded.len());
    let mut warnings = Vec::new();
    for (name, d) in decoded {
        let d = d.map_err(|e| LoadError {
            source: Some(name.clone()),
            error: e.into(),
        })?;
        warnings.extend(d.warnings.into_iter().map(|w| format!("{name}: {w}")));
        profiles.push(d.profile);
    }
    let mut profile = merge(profiles).map_err(|e| LoadError {
        source: None,
        error: e.into(),
    })?;
    let mangled = demangle_functions(&mut profile, load_options.symbolize);
    if mangled > 0 {
        warnings.push(format!(
            "{mangled} function name(s) are mangled symbols; pprofview shows them as they are \
             (go tool pprof would demangle them)"
        ));
    }
    if let Some(w) = remove_uninteresting(&mut profile) {
        warnings.push(w);
    }
    Ok(Loaded { profile, warnings })
}

/// pprof's comparison of a loaded profile with a loaded base (`-base`, `-diff_base`,
/// `-normalize`); `names` and `base_names` are the files each was merged from, for the
/// message when the two cannot be compared.
pub fn compare_loaded(
    source: &Profile,
    names: &[&str],
    base: &Profile,
    base_names: &[&str],
    options: CompareOptions,
) -> Result<Profile, LoadError> {
    compare(source, base, options).map_err(|e| LoadError {
        source: Some(format!(
            "cannot compare {} with base {}",
            names.join(" + "),
            base_names.join(" + ")
        )),
        error: e.into(),
    })
}

/// A one-sample-type (`samples/count`) profile from folded stacks, loaded as a file would
/// be: the shared fixture of the core's unit tests.
#[cfg(test)]
pub(crate) fn folded_for_tests(folded: &str) -> crate::model::Profile {
    let bytes = crate::encode::from_folded(folded, &[("samples", "count")])
        .expect("valid folded stacks")
        .encode_gzip();
    let source = Source {
        name: "t",
        bytes: &bytes,
    };
    load(&[source], &Default::default()).expect("loads").profile
}
