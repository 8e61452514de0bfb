//! What the session says about a loaded profile: its summary (files, sample types with
//! their totals, counts) and the bases loaded beside it.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A loaded profile, as the viewer needs to know it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Summary {
    /// The files that were merged.
    pub files: Vec<String>,
    /// Every sample type, in the profile's order.
    pub sample_types: Vec<SampleTypeInfo>,
    /// The type pprof shows by default (`default_sample_type`, else the last one).
    pub default_sample_type: String,
    /// Number of samples after merging.
    pub samples: u64,
    /// Problems that were tolerated, for the user to read.
    pub warnings: Vec<String>,
    /// The base profiles loaded beside it (empty: none).
    #[cfg_attr(feature = "serde", serde(default))]
    pub bases: Vec<String>,
    /// Whether the profile and its bases hold exactly the same samples.
    #[cfg_attr(feature = "serde", serde(default))]
    pub identical: bool,
    /// Per loaded file, the first 16 hex digits of its SHA-256 (a link's `sha`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub sha: Vec<String>,
    /// How many goroutines a goroutine profile or dump holds (its first goroutine-count
    /// type's sum); `None` for other profiles.
    #[cfg_attr(feature = "serde", serde(default))]
    pub goroutines: Option<i64>,
}

/// The base profiles now loaded.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct BaseSummary {
    /// Their names (empty: the comparison was dropped).
    pub files: Vec<String>,
    /// Whether the profile and the bases hold exactly the same samples (subtracting
    /// leaves nothing).
    pub identical: bool,
    /// Problems that were tolerated.
    pub warnings: Vec<String>,
}

/// One sample type.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SampleTypeInfo {
    /// Its name (`alloc_space`), the value of `-sample_index` and of the `si` link key.
    pub name: String,
    /// Its unit as written in the profile (`bytes`).
    pub unit: String,
    /// One line on what it measures, for well-known Go types; empty otherwise.
    pub hint: String,
    /// Its sum over all samples, formatted (`1.20GB`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub total: String,
    /// Whether every sample's value of this type is zero.
    #[cfg_attr(feature = "serde", serde(default))]
    pub zero: bool,
}
