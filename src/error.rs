//! Errors of every stage, each a sentence a user can act on.
//!
//! Decoding errors say what is wrong with the bytes ([`DecodeError`]); query errors say
//! what is wrong with the options for this profile ([`QueryError`]); merge errors say why
//! several profiles cannot be combined ([`MergeError`]). [`Error`] wraps them all. Callers
//! add the file name (the CLI prints `pprofview: FILE: message`).

use std::fmt;

/// Why bytes could not be turned into a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// Zero bytes.
    Empty,
    /// A recognisable file of another kind (the text names it, e.g. "a PNG image").
    NotAProfile(String),
    /// The gzip stream is broken or truncated.
    Gzip(String),
    /// Inflating would exceed the configured limit (a decompression bomb, or a huge file).
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The bytes are not a well-formed protobuf message.
    Protobuf(String),
    /// Well-formed protobuf that breaks profile.proto's rules (ids, references, counts).
    Malformed(String),
    /// Two profiles concatenated into one stream.
    Concatenated,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "the file is empty"),
            Self::NotAProfile(what) => write!(f, "this is {what}, not a pprof profile"),
            Self::Gzip(d) => write!(f, "cannot decompress the gzip data: {d}"),
            Self::TooLarge { limit } => write!(
                f,
                "the profile inflates to more than {} (the limit that guards against \
                 decompression bombs)",
                crate::model::units::label(i64::try_from(*limit).unwrap_or(i64::MAX), "bytes")
            ),
            Self::Protobuf(d) => write!(f, "not a valid protobuf profile: {d}"),
            Self::Malformed(d) => write!(f, "malformed profile: {d}"),
            Self::Concatenated => write!(
                f,
                "concatenated profiles detected (the collection time appears twice); \
                 pprofview reads one profile per file"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Why a query cannot run on this profile.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryError {
    /// The profile has no sample types, so there is nothing to show.
    NoSampleTypes,
    /// `sample_index` names no sample type of the profile.
    UnknownSampleType {
        /// What was asked for.
        requested: String,
        /// The sample types the profile has.
        available: Vec<String>,
    },
    /// A numeric `sample_index` outside `0..n`.
    SampleIndexOutOfRange {
        /// What was asked for.
        requested: String,
        /// The largest valid index.
        max: usize,
    },
    /// A query field whose value cannot be used (a regex that does not compile, …).
    BadField(crate::query::FieldError),
    /// An option value that makes no sense (e.g. a negative fraction).
    BadOption(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoSampleTypes => write!(f, "profile has no samples (no sample types)"),
            Self::UnknownSampleType {
                requested,
                available,
            } => write!(
                f,
                "sample_index {requested:?} must be one of: {}",
                available.join(", ")
            ),
            Self::SampleIndexOutOfRange { requested, max } => write!(
                f,
                "sample_index {requested} is outside the range [0..{max}]"
            ),
            Self::BadField(e) => write!(f, "{e}"),
            Self::BadOption(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for QueryError {}

/// Why several profiles cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MergeError {
    /// Different numbers or kinds of sample types, or incompatible units.
    IncompatibleSampleTypes(String),
    /// Different period types.
    IncompatiblePeriodTypes(String),
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IncompatibleSampleTypes(d) => {
                write!(f, "cannot merge profiles with different sample types: {d}")
            }
            Self::IncompatiblePeriodTypes(d) => {
                write!(f, "cannot merge profiles with different period types: {d}")
            }
        }
    }
}

impl std::error::Error for MergeError {}

/// Any error of the pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Decoding failed.
    Decode(DecodeError),
    /// The query does not fit the profile.
    Query(QueryError),
    /// Profiles could not be merged.
    Merge(MergeError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decode(e) => e.fmt(f),
            Self::Query(e) => e.fmt(f),
            Self::Merge(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Self {
        Self::Decode(e)
    }
}

impl From<QueryError> for Error {
    fn from(e: QueryError) -> Self {
        Self::Query(e)
    }
}

impl From<MergeError> for Error {
    fn from(e: MergeError) -> Self {
        Self::Merge(e)
    }
}
