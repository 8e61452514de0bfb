//! Samples as columns, and the table of distinct label sets they point into.
//!
//! A sample is a row: a stack ([`StackId`], or none for an empty stack), one value per
//! sample type, and a [`LabelSetId`]. Values are stored row-major in one `Vec<i64>`, so a
//! million samples cost three allocations, not three million.

use super::ids::{LabelSetId, StackId, StrId};
use rustc_hash::FxHashMap;

const EMPTY_STACK: u32 = u32::MAX;

/// The value of one label: a string, or a number with an optional unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelValue {
    /// A string value (`Label.str`).
    Str(StrId),
    /// A numeric value (`Label.num`) with its unit (`Label.num_unit`, empty when unknown).
    Num {
        /// The number.
        value: i64,
        /// Its unit, `StrId::EMPTY` when the file gives none.
        unit: StrId,
    },
}

/// One label of a sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    /// The label's key.
    pub key: StrId,
    /// Its value.
    pub value: LabelValue,
}

/// All distinct label sets of a profile; samples refer to them by [`LabelSetId`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSets {
    starts: Vec<u32>,
    labels: Vec<Label>,
}

impl Default for LabelSets {
    fn default() -> Self {
        Self {
            starts: vec![0, 0],
            labels: Vec::new(),
        }
    }
}

impl LabelSets {
    /// Number of distinct sets, the empty set included.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether only the empty set exists.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The labels of set `id`, in file order.
    pub fn get(&self, id: LabelSetId) -> &[Label] {
        let i = id.index();
        &self.labels[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// Interns label sets: equal sequences of labels get the same id.
#[derive(Debug)]
pub struct LabelSetsBuilder {
    sets: LabelSets,
    index: FxHashMap<Box<[Label]>, LabelSetId>,
}

impl Default for LabelSetsBuilder {
    fn default() -> Self {
        let mut index = FxHashMap::default();
        index.insert(Box::from([]), LabelSetId::EMPTY);
        Self {
            sets: LabelSets::default(),
            index,
        }
    }
}

impl LabelSetsBuilder {
    /// A builder holding only the empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of this sequence of labels, added when new.
    pub fn intern(&mut self, labels: &[Label]) -> LabelSetId {
        if let Some(&id) = self.index.get(labels) {
            return id;
        }
        let id = LabelSetId::from_index(self.sets.len());
        self.sets.labels.extend_from_slice(labels);
        let end = u32::try_from(self.sets.labels.len()).expect("labels under 4 billion");
        self.sets.starts.push(end);
        self.index.insert(Box::from(labels), id);
        id
    }

    /// Finishes and returns the table.
    pub fn finish(self) -> LabelSets {
        self.sets
    }
}

/// The samples of a profile, as columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Samples {
    n_values: usize,
    stack: Vec<u32>,
    values: Vec<i64>,
    labels: Vec<LabelSetId>,
    /// For a comparison (`-base`/`-diff_base`), the base's part of each sample as a positive
    /// amount, row-major like `values`: the sample's "before". Empty otherwise.
    before: Vec<i64>,
}

impl Samples {
    /// Empty columns for samples with `n_values` values each.
    pub fn new(n_values: usize) -> Self {
        Self {
            n_values,
            ..Self::default()
        }
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.stack.len()
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    /// Number of values per sample (= number of sample types).
    pub fn n_values(&self) -> usize {
        self.n_values
    }

    /// Appends a sample.
    ///
    /// # Panics
    /// When `values.len()` differs from [`n_values`](Self::n_values).
    pub fn push(&mut self, stack: Option<StackId>, values: &[i64], labels: LabelSetId) {
        assert_eq!(values.len(), self.n_values, "sample value count");
        self.stack.push(stack.map_or(EMPTY_STACK, |s| s.0));
        self.values.extend_from_slice(values);
        self.labels.push(labels);
    }

    /// The stack of sample `i` (its leaf's tree node), `None` when empty.
    #[inline]
    pub fn stack(&self, i: usize) -> Option<StackId> {
        let s = self.stack[i];
        (s != EMPTY_STACK).then_some(StackId(s))
    }

    /// The values of sample `i`.
    #[inline]
    pub fn values(&self, i: usize) -> &[i64] {
        &self.values[i * self.n_values..(i + 1) * self.n_values]
    }

    /// Appends a sample of a comparison with its base part `before` (see
    /// [`before`](Self::before)).
    ///
    /// # Panics
    /// When a slice's length differs from [`n_values`](Self::n_values), or when samples
    /// without a base part were pushed before.
    pub fn push_compared(
        &mut self,
        stack: Option<StackId>,
        values: &[i64],
        before: &[i64],
        labels: LabelSetId,
    ) {
        assert_eq!(before.len(), self.n_values, "sample base value count");
        assert_eq!(self.before.len(), self.values.len(), "all samples compared");
        self.push(stack, values, labels);
        self.before.extend_from_slice(before);
    }

    /// Whether the samples come from a comparison and carry their base part.
    #[inline]
    pub fn is_compared(&self) -> bool {
        !self.before.is_empty()
    }

    /// The base's part of sample `i` as positive amounts (what the base profile had there,
    /// after scaling), or `None` when the profile is not a comparison. The sample's own
    /// values are then `after - before`.
    #[inline]
    pub fn before(&self, i: usize) -> Option<&[i64]> {
        self.before
            .get(i * self.n_values..(i + 1) * self.n_values)
            .filter(|_| !self.before.is_empty())
    }

    /// Whether every value of sample `i` is zero. pprof drops such samples; a comparison
    /// keeps the ones whose before and after are equal (so the diff flame graph still shows
    /// what did not change), and pprof's reports skip them.
    #[inline]
    pub fn is_zero(&self, i: usize) -> bool {
        self.values(i).iter().all(|&v| v == 0)
    }

    /// Value `index` of every sample, in order.
    pub fn column(&self, index: usize) -> impl Iterator<Item = i64> + '_ {
        self.values
            .iter()
            .skip(index)
            .step_by(self.n_values.max(1))
            .copied()
    }

    /// The label set of sample `i`.
    #[inline]
    pub fn labels(&self, i: usize) -> LabelSetId {
        self.labels[i]
    }

    /// Rewrites every stack id with `f` (used when a stack tree is renumbered or rebuilt).
    pub fn remap_stacks(&mut self, mut f: impl FnMut(StackId) -> Option<StackId>) {
        for s in &mut self.stack {
            if *s != EMPTY_STACK {
                *s = f(StackId(*s)).map_or(EMPTY_STACK, |s| s.0);
            }
        }
    }

    /// Rewrites every value with `f(sample type index, value)`.
    pub fn map_values(&mut self, mut f: impl FnMut(usize, i64) -> i64) {
        let n = self.n_values.max(1);
        for (i, v) in self.values.iter_mut().enumerate() {
            *v = f(i % n, *v);
        }
    }

    /// Reorders every sample's values: value `k` becomes the old value `order[k]`.
    ///
    /// # Panics
    /// When `order` is not a permutation of `0..n_values`.
    pub fn permute_values(&mut self, order: &[usize]) {
        assert_eq!(order.len(), self.n_values, "a permutation of the values");
        let n = self.n_values;
        let mut row = vec![0i64; n];
        for column in [&mut self.values, &mut self.before] {
            for chunk in column.chunks_exact_mut(n.max(1)) {
                for (k, &o) in order.iter().enumerate() {
                    row[k] = chunk[o];
                }
                chunk.copy_from_slice(&row);
            }
        }
    }

    /// Adds the values of every sample `i` with `target[i] = Some(t)` into sample `t` and
    /// zeroes sample `i` (callers then drop zero samples with [`retain`](Self::retain)).
    pub fn merge_into(&mut self, target: &[Option<usize>]) {
        let n = self.n_values;
        for (i, t) in target.iter().enumerate() {
            if let Some(t) = *t {
                for k in 0..n {
                    let v = std::mem::take(&mut self.values[i * n + k]);
                    self.values[t * n + k] = self.values[t * n + k].wrapping_add(v);
                    if let Some(b) = self.before.get_mut(i * n + k) {
                        let v = std::mem::take(b);
                        self.before[t * n + k] = self.before[t * n + k].wrapping_add(v);
                    }
                }
            }
        }
    }

    /// Keeps only the samples whose values satisfy `keep`, preserving order.
    pub fn retain(&mut self, mut keep: impl FnMut(&[i64]) -> bool) {
        let n = self.n_values;
        let compared = self.is_compared();
        let mut w = 0;
        for r in 0..self.stack.len() {
            if keep(&self.values[r * n..(r + 1) * n]) {
                self.stack[w] = self.stack[r];
                self.labels[w] = self.labels[r];
                self.values.copy_within(r * n..(r + 1) * n, w * n);
                if compared {
                    self.before.copy_within(r * n..(r + 1) * n, w * n);
                }
                w += 1;
            }
        }
        self.stack.truncate(w);
        self.labels.truncate(w);
        self.values.truncate(w * n);
        if compared {
            self.before.truncate(w * n);
        }
    }

    /// Heap bytes held by the columns.
    pub fn heap_bytes(&self) -> usize {
        self.stack.capacity() * 4
            + (self.values.capacity() + self.before.capacity()) * 8
            + self.labels.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_round_trip_and_retain() {
        let mut s = Samples::new(2);
        s.push(Some(StackId(3)), &[1, 10], LabelSetId::EMPTY);
        s.push(None, &[0, 0], LabelSetId(1));
        s.push(Some(StackId(4)), &[2, 20], LabelSetId::EMPTY);
        assert_eq!(s.column(1).collect::<Vec<_>>(), vec![10, 0, 20]);
        s.retain(|v| v.iter().any(|&x| x != 0));
        assert_eq!(s.len(), 2);
        assert_eq!(s.values(1), &[2, 20]);
        assert_eq!(s.stack(1), Some(StackId(4)));
    }

    #[test]
    fn label_sets_are_interned() {
        let mut b = LabelSetsBuilder::new();
        let l = Label {
            key: StrId(1),
            value: LabelValue::Str(StrId(2)),
        };
        let a = b.intern(&[l]);
        assert_eq!(b.intern(&[l]), a);
        assert_eq!(b.intern(&[]), LabelSetId::EMPTY);
        let sets = b.finish();
        assert_eq!(sets.get(a), &[l]);
        assert_eq!(sets.len(), 2);
    }
}
