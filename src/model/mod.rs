//! The decoded profile, close to `profile.proto` but interned and columnar.
//!
//! Consumes nothing (it is built by [`decode`](crate::decode) and by the transforms in this
//! module); produces the [`Profile`] every query reads. It must not know about reports,
//! views or the browser. Profile-to-profile transforms that pprof applies when loading
//! (merging several files, demangling, `drop_frames`) live here too, as in pprof's `profile` package.

pub mod demangle;
mod ids;
pub mod merge;
mod normalize;
mod paths;
pub mod prune;
mod reference_order;
mod samples;
mod stacks;
mod strings;
pub mod units;

pub use ids::{FuncId, LabelSetId, LocId, MappingId, StackId, StrId};
pub use paths::{PathTable, NO_LEAF};
pub use samples::{Label, LabelSets, LabelSetsBuilder, LabelValue, Samples};
pub use stacks::{PathIter, StackTree, StackTreeBuilder};
pub use strings::{StringInterner, StringTable};

/// The kind and unit of a value (`ValueType`), as strings of the profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ValueType {
    /// What is measured, e.g. `cpu` or `alloc_space`.
    pub ty: StrId,
    /// Its unit, e.g. `nanoseconds` or `bytes`.
    pub unit: StrId,
}

/// A memory mapping (`Mapping`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// First address.
    pub start: u64,
    /// First address past the end.
    pub limit: u64,
    /// File offset of `start`.
    pub offset: u64,
    /// Path of the mapped file.
    pub file: StrId,
    /// Build id of the mapped file.
    pub build_id: StrId,
    /// The `has_functions`, `has_filenames`, `has_line_numbers`, `has_inline_frames` flags.
    pub flags: MappingFlags,
}

/// The four `has_*` flags of a mapping.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct MappingFlags {
    /// `has_functions`.
    pub functions: bool,
    /// `has_filenames`.
    pub filenames: bool,
    /// `has_line_numbers`.
    pub line_numbers: bool,
    /// `has_inline_frames`.
    pub inline_frames: bool,
}

/// A function (`Function`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Function {
    /// Readable name.
    pub name: StrId,
    /// System (e.g. mangled) name.
    pub system_name: StrId,
    /// Source file.
    pub filename: StrId,
    /// First line of the function, 0 when unknown.
    pub start_line: i64,
}

/// A source line of a location (`Line`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Line {
    /// The function (always valid: decoding rejects lines without one, as pprof does).
    pub function: FuncId,
    /// Line number, 0 when unknown.
    pub line: i64,
    /// Column number, 0 when unknown.
    pub column: i64,
}

/// A location (`Location`). Its lines are `Profile::lines[lines_start..lines_end]`,
/// innermost inlined call first, as in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// The mapping holding the address, if any.
    pub mapping: Option<MappingId>,
    /// Instruction address.
    pub address: u64,
    /// Start of this location's lines in [`Profile::lines`].
    pub lines_start: u32,
    /// End of this location's lines in [`Profile::lines`].
    pub lines_end: u32,
    /// Identical-code-folding flag.
    pub is_folded: bool,
}

/// A decoded profile. See the module documentation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// Every string; fields below refer to it by [`StrId`].
    pub strings: StringTable,
    /// Kind and unit of each sample value, in order.
    pub sample_types: Vec<ValueType>,
    /// Preferred sample type name (`StrId::EMPTY` when unset).
    pub default_sample_type: StrId,
    /// Kind of events counted by `period`.
    pub period_type: ValueType,
    /// Events between samples.
    pub period: i64,
    /// Collection time, nanoseconds since the Unix epoch; 0 when unknown.
    pub time_nanos: i64,
    /// Collection duration in nanoseconds; 0 when unknown.
    pub duration_nanos: i64,
    /// Comments, in order.
    pub comments: Vec<StrId>,
    /// `drop_frames` regular expression (empty when unset).
    pub drop_frames: StrId,
    /// `keep_frames` regular expression (empty when unset).
    pub keep_frames: StrId,
    /// Documentation URL (empty when unset).
    pub doc_url: StrId,
    /// Mappings; the first is the main binary.
    pub mappings: Vec<Mapping>,
    /// Functions.
    pub functions: Vec<Function>,
    /// Locations.
    pub locations: Vec<Location>,
    /// Lines of all locations, grouped per location (see [`Location`]).
    pub lines: Vec<Line>,
    /// Distinct call paths.
    pub stacks: StackTree,
    /// Samples.
    pub samples: Samples,
    /// Distinct label sets.
    pub label_sets: LabelSets,
}

impl Profile {
    /// The string with id `id`.
    #[inline]
    pub fn str(&self, id: StrId) -> &str {
        self.strings.get(id)
    }

    /// A location.
    #[inline]
    pub fn location(&self, id: LocId) -> &Location {
        &self.locations[id.index()]
    }

    /// The lines of location `id`, innermost inlined call first.
    #[inline]
    pub fn lines_of(&self, id: LocId) -> &[Line] {
        let l = &self.locations[id.index()];
        &self.lines[l.lines_start as usize..l.lines_end as usize]
    }

    /// A function.
    #[inline]
    pub fn function(&self, id: FuncId) -> &Function {
        &self.functions[id.index()]
    }

    /// A mapping.
    #[inline]
    pub fn mapping(&self, id: MappingId) -> &Mapping {
        &self.mappings[id.index()]
    }

    /// The names of the sample types, in order.
    pub fn sample_type_names(&self) -> Vec<&str> {
        self.sample_types.iter().map(|t| self.str(t.ty)).collect()
    }

    /// Approximate heap bytes held by this profile (for benchmarks and limits).
    pub fn heap_bytes(&self) -> usize {
        self.strings.text_len()
            + self.strings.len() * 4
            + self.mappings.capacity() * std::mem::size_of::<Mapping>()
            + self.functions.capacity() * std::mem::size_of::<Function>()
            + self.locations.capacity() * std::mem::size_of::<Location>()
            + self.lines.capacity() * std::mem::size_of::<Line>()
            + self.stacks.len() * 12
            + self.samples.heap_bytes()
    }
}
