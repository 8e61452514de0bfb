//! Typed indices into the tables of one [`Profile`](super::Profile).
//!
//! Each id is a dense `u32` index, not the id written in the file: decoding renumbers
//! everything. An id is only meaningful for the profile it came from; using it with
//! another profile gives nonsense or a panic.

macro_rules! dense_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The index as a `usize`, for indexing the table this id points into.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of table entry `i`.
            ///
            /// # Panics
            /// When `i` does not fit in a `u32` (tables are bounded well below that).
            #[inline]
            pub fn from_index(i: usize) -> Self {
                Self(u32::try_from(i).expect("table index fits in u32"))
            }
        }
    };
}

dense_id!(
    /// An entry of the string table. `StrId(0)` is always the empty string.
    StrId
);
dense_id!(
    /// An entry of [`Profile::functions`](super::Profile::functions).
    FuncId
);
dense_id!(
    /// An entry of [`Profile::mappings`](super::Profile::mappings).
    MappingId
);
dense_id!(
    /// An entry of [`Profile::locations`](super::Profile::locations).
    LocId
);
dense_id!(
    /// A node of the stack prefix tree ([`StackTree`](super::StackTree)): one distinct call
    /// path from a root frame down to this node's location.
    StackId
);
dense_id!(
    /// A distinct set of labels ([`LabelSets`](super::LabelSets)). `LabelSetId(0)` is the
    /// empty set.
    LabelSetId
);

impl StrId {
    /// The empty string, present in every profile.
    pub const EMPTY: StrId = StrId(0);

    /// Whether this is the empty string's id.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl LabelSetId {
    /// The set with no labels.
    pub const EMPTY: LabelSetId = LabelSetId(0);
}
