//! Merging several profiles into one: pprof's `ScaleProfiles` + `Merge` (Go 1.19).
//!
//! Consumes profiles of compatible types; produces one profile whose equal functions,
//! mappings, locations and samples are combined (sample values summed) and whose header is
//! combined as pprof does: earliest time, summed duration, largest period, comments
//! de-duplicated, the first non-empty default sample type. Values in different units of
//! one family (ms and ns) are first converted to the finest unit.

use super::normalize::normalize_single;
use super::units::{same_family, scale};
use super::{
    Function, Label, LabelSetId, LabelSetsBuilder, LabelValue, Line, LocId, Location, Mapping,
    MappingId, Profile, Samples, StackId, StackTreeBuilder, StrId, StringInterner, ValueType,
};
use crate::error::MergeError;
use rustc_hash::FxHashMap;

/// Merges `profiles`. pprof merges even a single profile (it always goes through
/// `combineProfiles`), which is observable: samples with equal stacks and labels are
/// summed (with negative values that changes the total), and mappings with equal keys
/// collapse into one. So one profile goes through the same path.
pub fn merge(mut profiles: Vec<Profile>) -> Result<Profile, MergeError> {
    if profiles.len() <= 1 {
        let mut p = profiles.pop().unwrap_or_default();
        normalize_single(&mut p);
        return Ok(p);
    }
    scale_profiles(&mut profiles)?;
    let first = &profiles[0];
    let type_text = |p: &Profile| {
        p.sample_types
            .iter()
            .map(|t| format!("{}/{}", p.str(t.ty), p.str(t.unit)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for p in &profiles[1..] {
        if vt(first, first.period_type) != vt(p, p.period_type) {
            return Err(MergeError::IncompatiblePeriodTypes(format!(
                "{} and {}",
                show(vt(first, first.period_type)),
                show(vt(p, p.period_type))
            )));
        }
        let same = first.sample_types.len() == p.sample_types.len()
            && first
                .sample_types
                .iter()
                .zip(&p.sample_types)
                .all(|(a, b)| vt(first, *a) == vt(p, *b));
        if !same {
            return Err(MergeError::IncompatibleSampleTypes(format!(
                "[{}] and [{}]",
                type_text(first),
                type_text(p)
            )));
        }
    }
    let mut m = Merger::default();
    for p in &profiles {
        m.add(p);
    }
    Ok(m.finish(&profiles))
}

fn vt(p: &Profile, t: ValueType) -> (&str, &str) {
    (p.str(t.ty), p.str(t.unit))
}

fn show((t, u): (&str, &str)) -> String {
    format!("{t}/{u}")
}

/// pprof's `ScaleProfiles`: convert periods and sample values to the finest common unit.
fn scale_profiles(profiles: &mut [Profile]) -> Result<(), MergeError> {
    let n = profiles[0].sample_types.len();
    if let Some(p) = profiles.iter().find(|p| p.sample_types.len() != n) {
        return Err(MergeError::IncompatibleSampleTypes(format!(
            "inconsistent sample type count: {n} != {}",
            p.sample_types.len()
        )));
    }
    let period_types: Vec<(String, String)> = profiles
        .iter()
        .map(|p| {
            (
                p.str(p.period_type.ty).to_string(),
                p.str(p.period_type.unit).to_string(),
            )
        })
        .collect();
    let common_period = common_type(&period_types).map_err(MergeError::IncompatiblePeriodTypes)?;
    let mut common = Vec::with_capacity(n);
    for i in 0..n {
        let types: Vec<(String, String)> = profiles
            .iter()
            .map(|p| {
                let t = p.sample_types[i];
                (p.str(t.ty).to_string(), p.str(t.unit).to_string())
            })
            .collect();
        common.push(common_type(&types).map_err(MergeError::IncompatibleSampleTypes)?);
    }
    for p in profiles.iter_mut() {
        let unit = p.str(p.period_type.unit).to_string();
        let (period, _) = scale(p.period, &unit, &common_period.1);
        p.period = period as i64;
        p.period_type.unit = p.strings.push(&common_period.1);
        let mut ratios = Vec::with_capacity(n);
        for (i, c) in common.iter().enumerate() {
            let unit = p.str(p.sample_types[i].unit).to_string();
            ratios.push(scale(1, &unit, &c.1).0);
            p.sample_types[i].unit = p.strings.push(&c.1);
        }
        if ratios.iter().all(|&r| r == 1.0) {
            continue;
        }
        // pprof's ScaleN: round, keep samples with a non-zero scaled value.
        p.samples.map_values(|i, v| {
            if ratios[i] == 1.0 {
                v
            } else {
                (v as f64 * ratios[i]).round() as i64
            }
        });
        p.samples
            .retain(|vals| vals.iter().zip(&ratios).any(|(&v, &r)| r != 1.0 && v != 0));
    }
    Ok(())
}

/// pprof's `CommonValueType`: all types must match (modulo a trailing "s") with units of
/// one family; the finest unit wins.
fn common_type(types: &[(String, String)]) -> Result<(String, String), String> {
    let mut min = types[0].clone();
    for t in &types[1..] {
        let compatible = min.0.trim_end_matches_once('s') == t.0.trim_end_matches_once('s')
            && same_family(&min.1, &t.1);
        if !compatible {
            return Err(format!("{}/{} and {}/{}", min.0, min.1, t.0, t.1));
        }
        if scale(1, &t.1, &min.1).0 < 1.0 {
            min = t.clone();
        }
    }
    Ok(min)
}

trait TrimOnce {
    fn trim_end_matches_once(&self, c: char) -> &str;
}

impl TrimOnce for String {
    fn trim_end_matches_once(&self, c: char) -> &str {
        self.strip_suffix(c).unwrap_or(self)
    }
}

/// pprof's location key: address relative to its mapping, mapping, lines as (function,
/// line), and the folded flag.
type LocationKey = (u64, u32, Vec<(u32, i64)>, bool);

#[derive(Default)]
struct Merger {
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
    sample_index: FxHashMap<(u32, LabelSetId), usize>,
    n_values: usize,
}

impl Merger {
    fn add(&mut self, p: &Profile) {
        self.n_values = p.sample_types.len();
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
        // Map locations in pprof's order (samples in order, each leaf first), which decides
        // the surviving file name when mappings merge. A tree node seen before implies its
        // whole path was seen, so each path is walked only up to known ground.
        let mut loc_of: Vec<Option<u32>> = vec![None; p.locations.len()];
        let mut func_of: Vec<Option<u32>> = vec![None; p.functions.len()];
        let mut visited = vec![false; p.stacks.len()];
        for i in 0..p.samples.len() {
            if p.samples.values(i).iter().all(|&v| v == 0) {
                continue;
            }
            let mut node = p.samples.stack(i);
            while let Some(n) = node {
                if std::mem::replace(&mut visited[n.index()], true) {
                    break;
                }
                let loc = p.stacks.loc(n);
                if loc_of[loc.index()].is_none() {
                    loc_of[loc.index()] = Some(self.location(p, loc, &mut mapping, &mut func_of));
                }
                node = p.stacks.parent(n);
            }
        }
        // Rebuild the tree over the merged locations (pre-order keeps parents first). Nodes
        // only zero-valued samples reach are dropped, as pprof drops those samples.
        let mut node_of: Vec<Option<StackId>> = vec![None; p.stacks.len()];
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
            node_of[s_idx] = Some(self.stacks.child(parent, loc));
        }
        let mut labels_of: Vec<Option<LabelSetId>> = vec![None; p.label_sets.len()];
        for i in 0..p.samples.len() {
            let vals = p.samples.values(i);
            if vals.iter().all(|&v| v == 0) {
                continue;
            }
            let stack = p.samples.stack(i).and_then(|s| node_of[s.index()]);
            let ls = p.samples.labels(i);
            let labels = match labels_of[ls.index()] {
                Some(l) => l,
                None => {
                    let l = self.label_set(p, p.label_sets.get(ls));
                    labels_of[ls.index()] = Some(l);
                    l
                }
            };
            let key = (stack.map_or(u32::MAX, |s| s.0), labels);
            match self.sample_index.get(&key) {
                Some(&row) => {
                    let dst = &mut self.values[row * self.n_values..(row + 1) * self.n_values];
                    for (d, v) in dst.iter_mut().zip(vals) {
                        *d = d.wrapping_add(*v);
                    }
                }
                None => {
                    self.sample_index.insert(key, self.samples.len());
                    self.samples.push((stack, labels));
                    self.values.extend_from_slice(vals);
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
                function: super::FuncId(f),
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
    fn label_set(&mut self, p: &Profile, labels: &[Label]) -> LabelSetId {
        let mut sorted: Vec<&Label> = labels.iter().collect();
        sorted.sort_by(|a, b| p.str(a.key).cmp(p.str(b.key)));
        let new: Vec<Label> = sorted
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
        self.label_sets.intern(&new)
    }

    fn finish(mut self, profiles: &[Profile]) -> Profile {
        let first = &profiles[0];
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
        for (i, (stack, labels)) in self.samples.iter().enumerate() {
            let vals = &self.values[i * self.n_values..(i + 1) * self.n_values];
            if vals.iter().all(|&v| v == 0) {
                continue;
            }
            let stack = stack.map(|s| StackId(renumber[s.index()]));
            samples.push(stack, vals, *labels);
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
