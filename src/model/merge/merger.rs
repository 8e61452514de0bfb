//! Re-interning several profiles' tables into one: pprof's `profileMerger`.
//!
//! Consumes profiles whose sample types already agree; produces the merged profile with
//! equal functions, mappings, locations and samples combined, in the order pprof meets them.

use super::input::Input;
use crate::model::{
    FuncId, Function, Label, LabelSetId, LabelSetsBuilder, LabelValue, Line, LocId, Location,
    Mapping, MappingId, Profile, Samples, StackId, StackTreeBuilder, StrId, StringInterner,
    ValueType,
};
use rustc_hash::FxHashMap;

/// pprof's location key: address relative to its mapping, mapping, lines as (function,
/// line), and the folded flag.
type LocationKey = (u64, u32, Vec<(u32, i64)>, bool);

/// Accumulates profiles into one.
#[derive(Default)]
pub(super) struct Merger {
    strings: StringInterner,
    functions: Vec<Function>,
    function_index: FxHashMap<Function, u32>,
    mappings: Vec<Mapping>,
    mapping_index: FxHashMap<(u64, u64, StrId), u32>,
    locations: Vec<Location>,
    lines: Vec<Line>,
    location_index: FxHashMap<LocationKey, u32>,
    stacks: StackTreeBuilder,
    label_sets: LabelSetsBuilder,
    samples: Vec<(Option<StackId>, LabelSetId)>,
    values: Vec<i64>,
    /// The first merged sample at each stack node (index `node + 1`; 0 is the empty
    /// stack), `NO_ROW` when none; more samples at the node (other label sets) follow
    /// through `next_row`. Arrays instead of a hash map: most nodes hold one sample.
    rows_at: Vec<u32>,
    next_row: Vec<u32>,
    n_values: usize,
    /// The base's part of each merged sample (row-major like `values`), when comparing.
    before: Option<Vec<i64>>,
}

/// "No sample" in [`Merger::rows_at`] and [`Merger::next_row`].
const NO_ROW: u32 = u32::MAX;

impl Merger {
    /// Adds one profile as it is.
    pub(super) fn add(&mut self, p: &Profile) {
        self.add_input(p, &Input::default());
    }

    /// Starts keeping each merged sample's base part (see [`Samples::before`]).
    pub(super) fn compare(&mut self) {
        self.before = Some(Vec::new());
    }

    /// Adds one profile, scaled and labelled as `input` says.
    pub(super) fn add_input(&mut self, p: &Profile, input: &Input<'_>) {
        self.n_values = p.sample_types.len();
        // Growing these tables step by step would copy and rehash them several times.
        self.stacks.reserve(p.stacks.len());
        self.next_row.reserve(p.samples.len());
        self.rows_at
            .resize(self.stacks.len() + p.stacks.len() + 1, NO_ROW);
        self.samples.reserve(p.samples.len());
        self.values.reserve(p.samples.len() * self.n_values);
        self.location_index.reserve(p.locations.len());
        self.locations.reserve(p.locations.len());
        self.lines.reserve(p.lines.len());
        if let Some(before) = &mut self.before {
            before.reserve(p.samples.len() * self.n_values);
        }
        let s = |m: &mut Self, id: StrId| m.strings.intern(p.str(id));
        // Mappings: the first profile's main binary stays first.
        let mut map_of: Vec<Option<(u32, i64)>> = vec![None; p.mappings.len()];
        let mut mapping = |m: &mut Self, id: MappingId| -> (u32, i64) {
            if let Some(r) = map_of[id.index()] {
                return r;
            }
            let src = p.mapping(id);
            let size = src.limit.wrapping_sub(src.start).wrapping_add(0xfff) & !0xfff;
            let ident = if !src.build_id.is_empty() {
                src.build_id
            } else {
                src.file
            };
            let key = (size, src.offset, s(m, ident));
            let r = match m.mapping_index.get(&key) {
                Some(&i) => (i, m.mappings[i as usize].start as i64 - src.start as i64),
                None => {
                    let i = m.mappings.len() as u32;
                    let new = Mapping {
                        file: s(m, src.file),
                        build_id: s(m, src.build_id),
                        ..*src
                    };
                    m.mappings.push(new);
                    m.mapping_index.insert(key, i);
                    (i, 0)
                }
            };
            map_of[id.index()] = Some(r);
            r
        };
        if self.mappings.is_empty() && !p.mappings.is_empty() {
            mapping(self, MappingId(0));
        }
        // Map locations in pprof's order, which decides the surviving file name when
        // mappings merge.
        let mut loc_of: Vec<Option<u32>> = vec![None; p.locations.len()];
        let mut func_of: Vec<Option<u32>> = vec![None; p.functions.len()];
        let (order, visited) = p.locations_in_reference_order();
        for loc in order {
            loc_of[loc.index()] = Some(self.location(p, loc, &mut mapping, &mut func_of));
        }
        // Rebuild the tree over the merged locations (pre-order keeps parents first). Nodes
        // only zero-valued samples reach are dropped, as pprof drops those samples.
        let mut node_of: Vec<Option<StackId>> = vec![None; p.stacks.len()];
        // The first profile's paths are distinct already; when no two of its locations
        // became one, each node is new and needs no search.
        let fresh = self.stacks.is_empty() && {
            let mut seen = vec![false; self.locations.len()];
            loc_of
                .iter()
                .flatten()
                .all(|&l| !std::mem::replace(&mut seen[l as usize], true))
        };
        for s_idx in 0..p.stacks.len() {
            let (Some(loc), true) = (
                loc_of[p.stacks.loc(StackId::from_index(s_idx)).index()],
                visited[s_idx],
            ) else {
                continue;
            };
            let parent = p
                .stacks
                .parent(StackId::from_index(s_idx))
                .and_then(|q| node_of[q.index()]);
            node_of[s_idx] = Some(if fresh {
                self.stacks.new_child(parent, loc)
            } else {
                self.stacks.child(parent, loc)
            });
        }
        let mut labels_of: Vec<Option<LabelSetId>> = vec![None; p.label_sets.len()];
        let mut vals = vec![0i64; self.n_values];
        for i in 0..p.samples.len() {
            let given = p.samples.values(i);
            if given.iter().all(|&v| v == 0) {
                continue;
            }
            vals.copy_from_slice(given);
            if !input.scale_sample(&mut vals) {
                continue;
            }
            let stack = p.samples.stack(i).and_then(|s| node_of[s.index()]);
            let ls = p.samples.labels(i);
            let labels = match labels_of[ls.index()] {
                Some(l) => l,
                None => {
                    let l = self.label_set(p, p.label_sets.get(ls), input.label);
                    labels_of[ls.index()] = Some(l);
                    l
                }
            };
            let slot = stack.map_or(0, |s| s.index() + 1);
            let n = self.n_values;
            let mut found = None;
            let mut r = self.rows_at[slot];
            while r != NO_ROW {
                if self.samples[r as usize].1 == labels {
                    found = Some(r as usize);
                    break;
                }
                r = self.next_row[r as usize];
            }
            let row = match found {
                Some(row) => {
                    let dst = &mut self.values[row * n..(row + 1) * n];
                    for (d, v) in dst.iter_mut().zip(&vals) {
                        *d = d.wrapping_add(*v);
                    }
                    row
                }
                None => {
                    let row = self.samples.len();
                    self.next_row.push(self.rows_at[slot]);
                    self.rows_at[slot] = row as u32;
                    self.samples.push((stack, labels));
                    self.values.extend_from_slice(&vals);
                    if let Some(before) = &mut self.before {
                        before.resize(before.len() + n, 0);
                    }
                    row
                }
            };
            if let (true, Some(before)) = (input.base, &mut self.before) {
                for (b, v) in before[row * n..(row + 1) * n].iter_mut().zip(&vals) {
                    *b = b.wrapping_sub(*v);
                }
            }
        }
    }

    fn location(
        &mut self,
        p: &Profile,
        loc: LocId,
        mapping: &mut impl FnMut(&mut Self, MappingId) -> (u32, i64),
        func_of: &mut [Option<u32>],
    ) -> u32 {
        let src = p.location(loc);
        let (map, delta) = match src.mapping {
            Some(m) => {
                let (i, d) = mapping(self, m);
                (Some(i), d)
            }
            None => (None, 0),
        };
        let address = (src.address as i64).wrapping_add(delta) as u64;
        let mut key_lines = Vec::with_capacity(p.lines_of(loc).len());
        for line in p.lines_of(loc) {
            let f = match func_of[line.function.index()] {
                Some(f) => f,
                None => {
                    let sf = p.function(line.function);
                    let new = Function {
                        name: self.strings.intern(p.str(sf.name)),
                        system_name: self.strings.intern(p.str(sf.system_name)),
                        filename: self.strings.intern(p.str(sf.filename)),
                        start_line: sf.start_line,
                    };
                    let next = self.functions.len() as u32;
                    let f = *self.function_index.entry(new).or_insert(next);
                    if f == next {
                        self.functions.push(new);
                    }
                    func_of[line.function.index()] = Some(f);
                    f
                }
            };
            key_lines.push((f, line.line));
        }
        let rel = map.map_or(address, |m| {
            address.wrapping_sub(self.mappings[m as usize].start)
        });
        let key = (rel, map.map_or(u32::MAX, |m| m), key_lines, src.is_folded);
        if let Some(&l) = self.location_index.get(&key) {
            return l;
        }
        let start = self.lines.len() as u32;
        for (line, &(f, _)) in p.lines_of(loc).iter().zip(&key.2) {
            self.lines.push(Line {
                function: FuncId(f),
                ..*line
            });
        }
        let l = self.locations.len() as u32;
        self.locations.push(Location {
            mapping: map.map(MappingId),
            address,
            lines_start: start,
            lines_end: self.lines.len() as u32,
            is_folded: src.is_folded,
        });
        self.location_index.insert(key, l);
        l
    }

    /// Re-interns a label set in canonical order (labels grouped by key, keys sorted), so
    /// equal sets written in different orders merge, as pprof's sample key does.
    fn label_set(
        &mut self,
        p: &Profile,
        labels: &[Label],
        set: Option<(&str, &str)>,
    ) -> LabelSetId {
        let mut sorted: Vec<&Label> = labels
            .iter()
            .filter(|l| set.is_none_or(|(k, _)| p.str(l.key) != k))
            .collect();
        sorted.sort_by(|a, b| p.str(a.key).cmp(p.str(b.key)));
        let mut new: Vec<Label> = sorted
            .into_iter()
            .map(|l| Label {
                key: self.strings.intern(p.str(l.key)),
                value: match l.value {
                    LabelValue::Str(v) => LabelValue::Str(self.strings.intern(p.str(v))),
                    LabelValue::Num { value, unit } => LabelValue::Num {
                        value,
                        unit: self.strings.intern(p.str(unit)),
                    },
                },
            })
            .collect();
        if let Some((k, v)) = set {
            let (key, value) = (self.strings.intern(k), self.strings.intern(v));
            let at = new.partition_point(|l| self.strings.table().get(l.key) < k);
            new.insert(
                at,
                Label {
                    key,
                    value: LabelValue::Str(value),
                },
            );
        }
        self.label_sets.intern(&new)
    }

    /// The merged profile; `profiles` are the inputs again, for the header.
    pub(super) fn finish(mut self, profiles: &[&Profile]) -> Profile {
        let first = profiles[0];
        let mut time_nanos = 0i64;
        let mut duration_nanos = 0i64;
        let mut period = 0i64;
        let mut comments: Vec<StrId> = Vec::new();
        let mut default_sample_type = StrId::EMPTY;
        for p in profiles {
            if time_nanos == 0 || p.time_nanos < time_nanos {
                time_nanos = p.time_nanos;
            }
            duration_nanos = duration_nanos.wrapping_add(p.duration_nanos);
            if period == 0 || period < p.period {
                period = p.period;
            }
            for &c in &p.comments {
                let c = self.strings.intern(p.str(c));
                if !comments.contains(&c) {
                    comments.push(c);
                }
            }
            if default_sample_type.is_empty() {
                default_sample_type = self.strings.intern(p.str(p.default_sample_type));
            }
        }
        let mut vt = |t: ValueType| ValueType {
            ty: self.strings.intern(first.str(t.ty)),
            unit: self.strings.intern(first.str(t.unit)),
        };
        let sample_types = first.sample_types.iter().map(|&t| vt(t)).collect();
        let period_type = vt(first.period_type);
        let drop_frames = self.strings.intern(first.str(first.drop_frames));
        let keep_frames = self.strings.intern(first.str(first.keep_frames));
        let doc_url = self.strings.intern(first.str(first.doc_url));

        let (stacks, renumber) = self.stacks.finish(LocId);
        let mut samples = Samples::new(self.n_values);
        let n = self.n_values;
        for (i, (stack, labels)) in self.samples.iter().enumerate() {
            let vals = &self.values[i * n..(i + 1) * n];
            let stack = stack.map(|s| StackId(renumber[s.index()]));
            match &self.before {
                // A comparison keeps samples whose before and after are equal.
                Some(before) => {
                    samples.push_compared(stack, vals, &before[i * n..(i + 1) * n], *labels)
                }
                None if vals.iter().all(|&v| v == 0) => {}
                None => samples.push(stack, vals, *labels),
            }
        }
        Profile {
            strings: self.strings.finish(),
            sample_types,
            default_sample_type,
            period_type,
            period,
            time_nanos,
            duration_nanos,
            comments,
            drop_frames,
            keep_frames,
            doc_url,
            mappings: self.mappings,
            functions: self.functions,
            locations: self.locations,
            lines: self.lines,
            stacks,
            samples,
            label_sets: self.label_sets.finish(),
        }
    }
}
