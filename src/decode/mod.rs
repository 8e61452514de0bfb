//! Bytes → [`Profile`]: gzip sniffing and bounded inflation, protobuf decoding, validation.
//!
//! Consumes the bytes of one file (gzip-compressed or not: protobuf, or one of the text
//! formats of `decode/text/`: goroutine dumps and the legacy text profiles pprof reads);
//! produces a validated [`Profile`] and warnings, or a [`DecodeError`] that names what is
//! wrong. It performs no I/O and never panics on any input; the amount of memory it may
//! use is bounded by [`DecodeOptions::max_inflated`] (text is read only when it fits).

mod gzip;
mod lower;
mod sniff;
mod text;
mod wire;

use crate::error::DecodeError;
use crate::model::Profile;
use std::borrow::Cow;

/// Default bound on the inflated size of one file: 2 GiB.
pub const DEFAULT_MAX_INFLATED: u64 = 2 << 30;

/// The largest inflated size any limit can allow: just under 4 GiB. Every table of a
/// profile (strings, stack nodes, labels) is smaller than its protobuf bytes, so this keeps
/// their 32-bit indices from ever overflowing.
pub const MAX_SUPPORTED_INFLATED: u64 = (1 << 32) - 1;

/// `n` as a 32-bit table index, or an error naming `what` was counted. Decoding never
/// converts a count or position with a plain `as u32`: the tables are bounded by
/// [`MAX_SUPPORTED_INFLATED`], so this only fails on a bug, and then the same way natively
/// and in wasm32.
pub(crate) fn index32(n: usize, what: &str) -> Result<u32, DecodeError> {
    u32::try_from(n).map_err(|_| {
        DecodeError::Malformed(format!("the profile has more than {} {what}", u32::MAX))
    })
}

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
    decode_input(Cow::Borrowed(bytes), options, progress)
}

/// [`decode_with_progress`] on bytes it may free as soon as they are inflated, which
/// lowers the peak memory of a load by the file's size.
pub fn decode_owned_with_progress(
    bytes: Vec<u8>,
    options: &DecodeOptions,
    progress: &mut dyn FnMut(Stage, u64, u64),
) -> Result<Decoded, DecodeError> {
    decode_input(Cow::Owned(bytes), options, progress)
}

fn decode_input(
    bytes: Cow<'_, [u8]>,
    options: &DecodeOptions,
    progress: &mut dyn FnMut(Stage, u64, u64),
) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let limit = options.max_inflated.min(MAX_SUPPORTED_INFLATED);
    let data: Cow<'_, [u8]> = if gzip::is_gzip(&bytes) {
        let total = bytes.len() as u64;
        let inflated = gzip::inflate(&bytes, limit, &mut |done| {
            progress(Stage::Inflating, done, total)
        })?;
        drop(bytes);
        if inflated.is_empty() {
            return Err(DecodeError::Empty);
        }
        Cow::Owned(inflated)
    } else {
        if bytes.len() as u64 > limit {
            return Err(DecodeError::TooLarge { limit });
        }
        bytes
    };
    // Text formats first: a protobuf profile is never text (see `text::decode_text`).
    let total = data.len() as u64;
    progress(Stage::Decoding, 0, total);
    if let Some(result) = text::decode_text(&data) {
        drop(data);
        let (profile, warnings) = result?;
        progress(Stage::Indexing, 0, 0);
        return Ok(Decoded { profile, warnings });
    }
    if let Some(what) = sniff::other_format(&data) {
        return Err(DecodeError::NotAProfile(what));
    }
    // What to say instead of a low-level error when the bytes are plainly text; known now,
    // so that the inflated bytes can go before the tables are built.
    let text = sniff::text_description(&data);
    let explain = |e: DecodeError| match e {
        DecodeError::Protobuf(_) | DecodeError::Malformed(_) => match &text {
            Some(what) => DecodeError::NotAProfile(what.clone()),
            None => e,
        },
        other => other,
    };
    let raw = wire::read_profile(&data, &mut |done| progress(Stage::Decoding, done, total))
        .map_err(explain)?;
    // The tables are read: the protobuf bytes go before the larger ones are built (when
    // they are ours to free).
    drop(data);
    progress(Stage::Indexing, 0, 0);
    let mut warnings = Vec::new();
    let profile = lower::lower(raw, &mut warnings).map_err(explain)?;
    Ok(Decoded { profile, warnings })
}
