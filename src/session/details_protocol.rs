//! The Details view's message: what a profile says about itself, besides its samples
//! (what `go tool pprof -raw` prints at the top).

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The loaded profile's own facts, formatted.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DetailsView {
    /// Name/value pairs: files, period, duration, time, counts, drop/keep frames, …
    pub facts: Vec<(String, String)>,
    /// Every sample type with its total over all samples.
    pub sample_types: Vec<DetailsSampleType>,
    /// The profile's comments.
    pub comments: Vec<String>,
    /// The mappings, the main binary first.
    pub mappings: Vec<DetailsMapping>,
}

/// One sample type.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DetailsSampleType {
    /// `alloc_space`.
    pub name: String,
    /// `bytes`.
    pub unit: String,
    /// The sum over all samples, formatted (`1.20GB`).
    pub total: String,
    /// Whether it is pprof's default.
    pub default: bool,
}

/// One mapping.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DetailsMapping {
    /// `0x400000-0x8a3000`.
    pub range: String,
    /// The file offset, hexadecimal.
    pub offset: String,
    /// The mapped file.
    pub file: String,
    /// Its build id.
    pub build_id: String,
    /// Which of has_functions, has_filenames, has_line_numbers, has_inline_frames are set.
    pub flags: String,
}
