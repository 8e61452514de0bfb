//! Bytes → [`Profile`]: gzip sniffing and bounded inflation, protobuf decoding, validation.
//!
//! Consumes the bytes of one file (gzip-compressed or raw protobuf); produces a validated
//! [`Profile`] and warnings, or a [`DecodeError`] that names what is wrong. It performs no
//! I/O and never panics on any input; the amount of memory it may use is bounded by
//! [`DecodeOptions::max_inflated`].

mod gzip;
mod lower;
mod sniff;
mod wire;

use crate::error::DecodeError;
use crate::model::Profile;

/// Default bound on the inflated size of one file: 2 GiB.
pub const DEFAULT_MAX_INFLATED: u64 = 2 << 30;

/// The largest inflated size any limit can allow: just under 4 GiB. Every table of a
/// profile (strings, stack nodes, labels) is smaller than its protobuf bytes, so this keeps
/// their 32-bit indices from ever overflowing.
pub const MAX_SUPPORTED_INFLATED: u64 = (1 << 32) - 1;

/// Options of [`decode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Largest inflated (protobuf) size accepted, in bytes (capped at
    /// [`MAX_SUPPORTED_INFLATED`]).
    pub max_inflated: u64,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self {
            max_inflated: DEFAULT_MAX_INFLATED,
        }
    }
}

/// A decoded profile with the warnings decoding produced.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The profile.
    pub profile: Profile,
    /// Problems that were tolerated (pprof tolerates them too), for the user to see.
    pub warnings: Vec<String>,
}

/// A stage of decoding, reported through [`decode_with_progress`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Inflating gzip data; `done` counts compressed bytes consumed.
    Inflating,
    /// Reading protobuf; `done` counts protobuf bytes read.
    Decoding,
    /// Resolving references and building tables (no byte counts).
    Indexing,
}

/// Decodes one file's bytes.
pub fn decode(bytes: &[u8], options: &DecodeOptions) -> Result<Decoded, DecodeError> {
    decode_with_progress(bytes, options, &mut |_, _, _| {})
}

/// [`decode`], calling `progress(stage, done, total)` as work advances.
pub fn decode_with_progress(
    bytes: &[u8],
    options: &DecodeOptions,
    progress: &mut dyn FnMut(Stage, u64, u64),
) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let limit = options.max_inflated.min(MAX_SUPPORTED_INFLATED);
    let inflated;
    let data: &[u8] = if gzip::is_gzip(bytes) {
        let total = bytes.len() as u64;
        inflated = gzip::inflate(bytes, limit, &mut |done| {
            progress(Stage::Inflating, done, total)
        })?;
        if inflated.is_empty() {
            return Err(DecodeError::Empty);
        }
        &inflated
    } else {
        if bytes.len() as u64 > limit {
            return Err(DecodeError::TooLarge { limit });
        }
        bytes
    };
    if let Some(what) = sniff::other_format(data) {
        return Err(DecodeError::NotAProfile(what));
    }
    let total = data.len() as u64;
    let raw = wire::read_profile(data, &mut |done| progress(Stage::Decoding, done, total))
        .map_err(|e| explain(e, data))?;
    progress(Stage::Indexing, 0, 0);
    let mut warnings = Vec::new();
    let profile = lower::lower(raw, &mut warnings).map_err(|e| explain(e, data))?;
    Ok(Decoded { profile, warnings })
}

/// Replaces a low-level error with "this is a text file" when the bytes are plainly text.
fn explain(e: DecodeError, data: &[u8]) -> DecodeError {
    match e {
        DecodeError::Protobuf(_) | DecodeError::Malformed(_) => match sniff::text_description(data)
        {
            Some(what) => DecodeError::NotAProfile(what),
            None => e,
        },
        other => other,
    }
}
