//! The interned string table: every name, file and label of a profile, stored once.
//!
//! All strings live in one `String` buffer with an end offset per entry, so a profile with
//! hundreds of thousands of names costs two allocations instead of one per name.

use super::ids::StrId;
use rustc_hash::FxHashMap;

/// An append-only table of strings addressed by [`StrId`]. Entry 0 is always `""`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringTable {
    data: String,
    /// `ends[i]` is the end offset of entry `i` in `data`; entry `i` starts at `ends[i-1]`.
    ends: Vec<u32>,
}

impl Default for StringTable {
    fn default() -> Self {
        Self::new()
    }
}

impl StringTable {
    /// A table holding only the empty string.
    pub fn new() -> Self {
        Self {
            data: String::new(),
            ends: vec![0],
        }
    }

    /// Number of entries, the empty string included.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table holds only the mandatory empty string.
    pub fn is_empty(&self) -> bool {
        self.ends.len() <= 1
    }

    /// Appends `s` (even when an equal string exists) and returns its id.
    ///
    /// # Panics
    /// When the table would exceed 4 GiB of text; inputs are bounded far below that.
    pub fn push(&mut self, s: &str) -> StrId {
        self.data.push_str(s);
        let end = u32::try_from(self.data.len()).expect("string table under 4 GiB");
        self.ends.push(end);
        StrId::from_index(self.ends.len() - 1)
    }

    /// The string with id `id`, or `""` when `id` is out of range.
    #[inline]
    pub fn get(&self, id: StrId) -> &str {
        let i = id.index();
        if i == 0 || i >= self.ends.len() {
            return "";
        }
        let start = self.ends[i - 1] as usize;
        let end = self.ends[i] as usize;
        &self.data[start..end]
    }

    /// Iterates over all entries in id order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(StrId::from_index(i)))
    }

    /// Bytes of text held.
    pub fn text_len(&self) -> usize {
        self.data.len()
    }
}

/// Builds a [`StringTable`] without duplicates: equal strings get the same id.
#[derive(Debug)]
pub struct StringInterner {
    table: StringTable,
    index: FxHashMap<Box<str>, StrId>,
}

impl Default for StringInterner {
    fn default() -> Self {
        Self::new()
    }
}

impl StringInterner {
    /// An interner holding only the empty string.
    pub fn new() -> Self {
        let mut index = FxHashMap::default();
        index.insert(Box::from(""), StrId::EMPTY);
        Self {
            table: StringTable::new(),
            index,
        }
    }

    /// The id of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> StrId {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = self.table.push(s);
        self.index.insert(Box::from(s), id);
        id
    }

    /// The table built so far.
    pub fn table(&self) -> &StringTable {
        &self.table
    }

    /// Finishes building and returns the table.
    pub fn finish(self) -> StringTable {
        self.table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_zero_is_empty_and_out_of_range_is_empty() {
        let mut t = StringTable::new();
        let a = t.push("alpha");
        let b = t.push("");
        let c = t.push("γ");
        assert_eq!(t.get(StrId(0)), "");
        assert_eq!(t.get(a), "alpha");
        assert_eq!(t.get(b), "");
        assert_eq!(t.get(c), "γ");
        assert_eq!(t.get(StrId(99)), "");
        assert_eq!(t.len(), 4);
    }

    #[test]
    fn interner_deduplicates() {
        let mut i = StringInterner::default();
        let a = i.intern("x");
        assert_eq!(i.intern("x"), a);
        assert_eq!(i.intern(""), StrId::EMPTY);
        assert_eq!(i.finish().len(), 2);
    }
}
