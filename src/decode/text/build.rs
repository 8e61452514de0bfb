//! The profile a text parser fills in: samples by location, locations by address or by
//! frame, then [`Sketch::finish`] into the same [`Profile`] protobuf decoding produces.
//!
//! Locations are numbered in order of first use by a sample, leaf first, as pprof's
//! legacy parsers number them (`remapLocationIDs`); addresses get mappings in
//! [`super::maps`].

use super::maps::{assign_mappings, MapEntry};
use crate::model::{
    FuncId, Function, Label, LabelSetId, LabelSetsBuilder, LabelValue, Line, LocId, Location,
    Profile, Samples, StackId, StackTreeBuilder, StrId, StringInterner, ValueType,
};
use rustc_hash::FxHashMap;

/// One source line of a frame as a text format names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameLine {
    /// Function name.
    pub function: String,
    /// Source file, empty when unknown.
    pub file: String,
    /// Line number, 0 when unknown.
    pub line: i64,
}

/// A label as read from text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextLabel {
    /// A string label.
    Str(String, String),
    /// A numeric label without unit.
    Num(String, i64),
}

/// A profile being read; see the module docs.
pub struct Sketch {
    strings: StringInterner,
    sample_types: Vec<ValueType>,
    period_type: ValueType,
    period: i64,
    /// Collection duration, nanoseconds.
    pub duration_nanos: i64,
    comments: Vec<StrId>,
    functions: Vec<Function>,
    function_index: FxHashMap<(StrId, StrId), FuncId>,
    locations: Vec<Location>,
    lines: Vec<Line>,
    by_address: FxHashMap<u64, LocId>,
    by_frame: FxHashMap<(FuncId, i64), LocId>,
    stacks: StackTreeBuilder,
    sample_stacks: Vec<Option<StackId>>,
    values: Vec<i64>,
    sample_labels: Vec<LabelSetId>,
    label_sets: LabelSetsBuilder,
    merge: Option<FxHashMap<(Option<StackId>, LabelSetId), usize>>,
    scratch: Vec<Label>,
}

impl Sketch {
    /// An empty profile with these `(type, unit)` sample types and period.
    pub fn new(types: &[(&str, &str)], period_type: (&str, &str), period: i64) -> Self {
        let mut strings = StringInterner::new();
        let mut vt = |(t, u): (&str, &str)| ValueType {
            ty: strings.intern(t),
            unit: strings.intern(u),
        };
        let sample_types = types.iter().map(|&t| vt(t)).collect();
        let period_type = vt(period_type);
        Self {
            strings,
            sample_types,
            period_type,
            period,
            duration_nanos: 0,
            comments: Vec::new(),
            functions: Vec::new(),
            function_index: FxHashMap::default(),
            locations: Vec::new(),
            lines: Vec::new(),
            by_address: FxHashMap::default(),
            by_frame: FxHashMap::default(),
            stacks: StackTreeBuilder::new(),
            sample_stacks: Vec::new(),
            values: Vec::new(),
            sample_labels: Vec::new(),
            label_sets: LabelSetsBuilder::new(),
            merge: None,
            scratch: Vec::new(),
        }
    }

    /// Makes samples with the same stack and labels one sample (values summed).
    pub fn merge_equal_samples(&mut self) {
        self.merge = Some(FxHashMap::default());
    }

    /// Number of values per sample.
    pub fn n_values(&self) -> usize {
        self.sample_types.len()
    }

    /// Sets the period.
    pub fn set_period(&mut self, period: i64) {
        self.period = period;
    }

    /// Adds a comment.
    pub fn comment(&mut self, text: &str) {
        let id = self.strings.intern(text);
        self.comments.push(id);
    }

    fn function(&mut self, name: &str, file: &str) -> FuncId {
        let key = (self.strings.intern(name), self.strings.intern(file));
        if let Some(&f) = self.function_index.get(&key) {
            return f;
        }
        let id = FuncId::from_index(self.functions.len());
        self.functions.push(Function {
            name: key.0,
            system_name: key.0,
            filename: key.1,
            start_line: 0,
        });
        self.function_index.insert(key, id);
        id
    }

    fn push_location(&mut self, address: u64, lines: &[FrameLine]) -> LocId {
        let start = self.lines.len() as u32;
        for l in lines {
            let function = self.function(&l.function, &l.file);
            self.lines.push(Line {
                function,
                line: l.line,
                column: 0,
            });
        }
        let id = LocId::from_index(self.locations.len());
        self.locations.push(Location {
            mapping: None,
            address,
            lines_start: start,
            lines_end: self.lines.len() as u32,
            is_folded: false,
        });
        id
    }

    /// The location of `address`; `lines` (innermost first) name it when it is new.
    pub fn address_location(&mut self, address: u64, lines: &[FrameLine]) -> LocId {
        if let Some(&l) = self.by_address.get(&address) {
            return l;
        }
        let l = self.push_location(address, lines);
        self.by_address.insert(address, l);
        l
    }

    /// The address-less location of one source line.
    pub fn frame_location(&mut self, frame: &FrameLine) -> LocId {
        let f = self.function(&frame.function, &frame.file);
        if let Some(&l) = self.by_frame.get(&(f, frame.line)) {
            return l;
        }
        let l = self.push_location(0, std::slice::from_ref(frame));
        self.by_frame.insert((f, frame.line), l);
        l
    }

    /// Adds a sample: its stack leaf first, one value per sample type, its labels.
    pub fn sample(&mut self, leaf_first: &[LocId], values: &[i64], labels: &[TextLabel]) {
        debug_assert_eq!(values.len(), self.n_values());
        let stack = self
            .stacks
            .intern_root_first(leaf_first.iter().rev().map(|l| l.0));
        self.scratch.clear();
        for l in labels {
            let label = match l {
                TextLabel::Str(k, v) => Label {
                    key: self.strings.intern(k),
                    value: LabelValue::Str(self.strings.intern(v)),
                },
                TextLabel::Num(k, n) => Label {
                    key: self.strings.intern(k),
                    value: LabelValue::Num {
                        value: *n,
                        unit: StrId::EMPTY,
                    },
                },
            };
            self.scratch.push(label);
        }
        let set = self.label_sets.intern(&self.scratch);
        let n = self.n_values();
        if let Some(index) = &mut self.merge {
            if let Some(&i) = index.get(&(stack, set)) {
                for (k, v) in values.iter().enumerate() {
                    let slot = &mut self.values[i * n + k];
                    *slot = slot.saturating_add(*v);
                }
                return;
            }
            index.insert((stack, set), self.sample_stacks.len());
        }
        self.sample_stacks.push(stack);
        self.values.extend_from_slice(values);
        self.sample_labels.push(set);
    }

    /// Number of locations with an address but no name.
    pub fn unnamed_locations(&self) -> usize {
        self.locations
            .iter()
            .filter(|l| l.lines_start == l.lines_end)
            .count()
    }

    /// The finished profile: `maps` give addresses their mappings (pprof's rules),
    /// `drop_frames`/`keep_frames` are set as given.
    pub fn finish(mut self, maps: Vec<MapEntry>, drop_frames: &str, keep_frames: &str) -> Profile {
        let mut mappings = Vec::new();
        assign_mappings(maps, &mut self.locations, &mut mappings, &mut self.strings);
        let drop_frames = self.strings.intern(drop_frames);
        let keep_frames = self.strings.intern(keep_frames);
        let (stacks, renumber) = self.stacks.finish(LocId);
        let n = self.sample_types.len();
        let mut samples = Samples::new(n);
        for (i, s) in self.sample_stacks.iter().enumerate() {
            let stack = s.map(|s| StackId(renumber[s.index()]));
            samples.push(
                stack,
                &self.values[i * n..(i + 1) * n],
                self.sample_labels[i],
            );
        }
        Profile {
            strings: self.strings.finish(),
            sample_types: self.sample_types,
            default_sample_type: StrId::EMPTY,
            period_type: self.period_type,
            period: self.period,
            time_nanos: 0,
            duration_nanos: self.duration_nanos,
            comments: self.comments,
            drop_frames,
            keep_frames,
            doc_url: StrId::EMPTY,
            mappings,
            functions: self.functions,
            locations: self.locations,
            lines: self.lines,
            stacks,
            samples,
            label_sets: self.label_sets.finish(),
        }
    }
}
