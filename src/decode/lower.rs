//! Validation and lowering: raw wire tables → the interned [`Profile`].
//!
//! Consumes a [`RawProfile`]; produces a [`Profile`] whose references are all valid, plus
//! warnings for oddities pprof tolerates. Checks what pprof's `CheckValid` checks (non-zero,
//! unique ids; resolvable locations and functions; one value per sample type; string
//! indices in range), with messages that name the offending entry.

use super::index32;
use super::wire::{RawLabel, RawProfile};
use crate::error::DecodeError;
use crate::model::{
    FuncId, Function, Label, LabelSetId, LabelSetsBuilder, LabelValue, Line, LocId, Location,
    Mapping, MappingFlags, MappingId, Profile, Samples, StackId, StrId, StringTable, ValueType,
    NO_LEAF,
};
use crate::pb;
use rustc_hash::FxHashMap;

/// Lowers `raw`; `warnings` receives notes about tolerated problems.
pub fn lower(mut raw: RawProfile, warnings: &mut Vec<String>) -> Result<Profile, DecodeError> {
    let strings = StrIndex {
        len: raw.strings.len(),
    };
    let s = |index: i64, what: &dyn Fn() -> String| strings.get(index, what);

    let n_values = raw.n_values.unwrap_or(raw.sample_types.len());
    if raw.sample_types.is_empty() && !raw.paths.is_empty() {
        return Err(DecodeError::Malformed(
            "the profile has samples but no sample types".to_string(),
        ));
    }
    if n_values != raw.sample_types.len() {
        return Err(DecodeError::Malformed(format!(
            "samples have {n_values} values each but the profile declares {} sample types",
            raw.sample_types.len()
        )));
    }
    let value_type = |v: &pb::ValueType, what: &str| -> Result<ValueType, DecodeError> {
        Ok(ValueType {
            ty: s(v.r#type, &|| format!("{what} type"))?,
            unit: s(v.unit, &|| format!("{what} unit"))?,
        })
    };
    let mut sample_types = Vec::with_capacity(raw.sample_types.len());
    for (i, t) in raw.sample_types.iter().enumerate() {
        sample_types.push(value_type(t, &format!("sample type {i}"))?);
    }
    let period_type = match &raw.period_type {
        Some(t) => value_type(t, "the period")?,
        None => ValueType::default(),
    };

    // Mappings.
    let mut mapping_ids = IdMap::default();
    let mut mappings = Vec::with_capacity(raw.mappings.len());
    for m in &raw.mappings {
        mapping_ids.insert(m.id, "mapping")?;
        mappings.push(Mapping {
            start: m.memory_start,
            limit: m.memory_limit,
            offset: m.file_offset,
            file: s(m.filename, &|| format!("mapping {} file name", m.id))?,
            build_id: s(m.build_id, &|| format!("mapping {} build id", m.id))?,
            flags: MappingFlags {
                functions: m.has_functions,
                filenames: m.has_filenames,
                line_numbers: m.has_line_numbers,
                inline_frames: m.has_inline_frames,
            },
        });
    }

    // Functions.
    let mut function_ids = IdMap::default();
    let mut functions = Vec::with_capacity(raw.functions.len());
    for f in &raw.functions {
        function_ids.insert(f.id, "function")?;
        functions.push(Function {
            name: s(f.name, &|| format!("function {} name", f.id))?,
            system_name: s(f.system_name, &|| format!("function {} system name", f.id))?,
            filename: s(f.filename, &|| format!("function {} file name", f.id))?,
            start_line: f.start_line,
        });
    }

    // Locations and their lines.
    let mut location_ids = IdMap::default();
    // Taken out of `raw`, so that the wire form is freed before the stack tree is built.
    let raw_locations = std::mem::take(&mut raw.locations);
    let mut locations = Vec::with_capacity(raw_locations.len());
    let mut lines = Vec::new();
    let mut dangling_mappings = 0usize;
    for l in &raw_locations {
        location_ids.insert(l.id, "location")?;
        let mapping = match l.mapping_id {
            0 => None,
            id => {
                let m = mapping_ids.get(id).map(MappingId);
                if m.is_none() {
                    dangling_mappings += 1;
                }
                m
            }
        };
        let start = index32(lines.len(), "lines")?;
        for ln in &l.line {
            let f = function_ids.get(ln.function_id).ok_or_else(|| {
                DecodeError::Malformed(if ln.function_id == 0 {
                    format!(
                        "location {} has a line without a function (function_id 0)",
                        l.id
                    )
                } else {
                    format!(
                        "location {} refers to function {}, which is not in the profile",
                        l.id, ln.function_id
                    )
                })
            })?;
            lines.push(Line {
                function: FuncId(f),
                line: ln.line,
                column: ln.column,
            });
        }
        locations.push(Location {
            mapping,
            address: l.address,
            lines_start: start,
            lines_end: index32(lines.len(), "lines")?,
            is_folded: l.is_folded,
        });
    }
    drop(raw_locations);
    if dangling_mappings > 0 {
        warnings.push(format!(
            "{dangling_mappings} location(s) refer to a mapping that is not in the profile; \
             they are shown without a binary name"
        ));
    }

    // Stack tree: slots → locations, in pre-order.
    let mut slot_locs = Vec::with_capacity(raw.slot_ids.len());
    for (slot, &id) in raw.slot_ids.iter().enumerate() {
        let loc = location_ids.get(id).ok_or_else(|| {
            DecodeError::Malformed(format!(
                "sample {} refers to location {id}, which is not in the profile",
                raw.slot_first_sample[slot]
            ))
        })?;
        slot_locs.push(LocId(loc));
    }
    let (stacks, leaves) = raw.paths.into_tree(|slot| slot_locs[slot as usize]);

    // Label sets: resolve strings, drop labels with neither value nor unit (as pprof).
    let mut label_sets = LabelSetsBuilder::new();
    let mut set_of_raw = Vec::with_capacity(raw.raw_label_sets.len());
    let mut scratch = Vec::new();
    for (i, set) in raw.raw_label_sets.iter().enumerate() {
        scratch.clear();
        for l in set.iter() {
            if let Some(label) = lower_label(l, &strings, &raw.strings, i)? {
                scratch.push(label);
            }
        }
        set_of_raw.push(label_sets.intern(&scratch));
    }

    let mut samples = Samples::new(n_values);
    for (i, &leaf) in leaves.iter().enumerate() {
        let stack = (leaf != NO_LEAF).then_some(StackId(leaf));
        let labels: LabelSetId = set_of_raw[raw.sample_labels[i] as usize];
        samples.push(stack, &raw.values[i * n_values..(i + 1) * n_values], labels);
    }

    let mut comments = Vec::with_capacity(raw.comments.len());
    for (i, &c) in raw.comments.iter().enumerate() {
        comments.push(s(c, &|| format!("comment {i}"))?);
    }
    Ok(Profile {
        sample_types,
        default_sample_type: s(raw.default_sample_type, &|| "default_sample_type".into())?,
        period_type,
        period: raw.period,
        time_nanos: raw.time_nanos,
        duration_nanos: raw.duration_nanos,
        comments,
        drop_frames: s(raw.drop_frames, &|| "drop_frames".into())?,
        keep_frames: s(raw.keep_frames, &|| "keep_frames".into())?,
        doc_url: s(raw.doc_url, &|| "doc_url".into())?,
        mappings,
        functions,
        locations,
        lines,
        stacks,
        samples,
        label_sets: label_sets.finish(),
        strings: raw.strings,
    })
}

/// Checks string-table indices against the table's length.
struct StrIndex {
    len: usize,
}

impl StrIndex {
    /// The id of string `index`; `what` names the referrer for the error message.
    ///
    /// The file's `i64` is converted with checks only: a plain `as usize` keeps the low 32
    /// bits on wasm32, so string 2³²+1 would read string 1 in the browser while the command
    /// line refuses it. Here both refuse it with the same message.
    fn get(&self, index: i64, what: &dyn Fn() -> String) -> Result<StrId, DecodeError> {
        usize::try_from(index)
            .ok()
            .filter(|&i| i < self.len)
            .and_then(|i| u32::try_from(i).ok())
            .map(StrId)
            .ok_or_else(|| {
                DecodeError::Malformed(format!(
                    "{} refers to string {index}, but the string table has {} entries",
                    what(),
                    self.len
                ))
            })
    }
}

fn lower_label(
    l: &RawLabel,
    strings: &StrIndex,
    table: &StringTable,
    set: usize,
) -> Result<Option<Label>, DecodeError> {
    let s = |index: i64, what: &dyn Fn() -> String| strings.get(index, what);
    let key = s(l.key, &|| format!("a label (label set {set}) key"))?;
    let name = table.get(key);
    let value = if l.str != 0 {
        LabelValue::Str(s(l.str, &|| format!("label {name:?} value"))?)
    } else if l.num != 0 || l.unit != 0 {
        LabelValue::Num {
            value: l.num,
            unit: s(l.unit, &|| format!("label {name:?} unit"))?,
        }
    } else {
        return Ok(None);
    };
    Ok(Some(Label { key, value }))
}

/// File id → dense index, rejecting zero and duplicate ids like pprof's `CheckValid`.
#[derive(Default)]
struct IdMap {
    dense: Vec<u32>,
    sparse: FxHashMap<u64, u32>,
    count: u32,
}

const ABSENT: u32 = u32::MAX;
/// Ids below this are looked up in a vector, larger ones in a hash map.
const DENSE_IDS: u64 = 1 << 22;

impl IdMap {
    fn insert(&mut self, id: u64, what: &str) -> Result<(), DecodeError> {
        if id == 0 {
            return Err(DecodeError::Malformed(format!(
                "a {what} has id 0, which is reserved"
            )));
        }
        let index = self.count;
        self.count = self
            .count
            .checked_add(1)
            .ok_or_else(|| DecodeError::Malformed(format!("the profile has too many {what}s")))?;
        let dense = usize::try_from(id).ok().filter(|_| id < DENSE_IDS);
        let dup = if let Some(i) = dense {
            if i >= self.dense.len() {
                self.dense.resize((i + 1).next_power_of_two(), ABSENT);
            }
            std::mem::replace(&mut self.dense[i], index) != ABSENT
        } else {
            self.sparse.insert(id, index).is_some()
        };
        if dup {
            return Err(DecodeError::Malformed(format!(
                "two {what}s share the id {id}"
            )));
        }
        Ok(())
    }

    /// The dense index of file id `id`. Ids stay `u64` throughout: only ids below
    /// [`DENSE_IDS`] index a vector, larger ones (up to 2⁶⁴−1) are hash keys, so an id ≥ 2³²
    /// never aliases a small one on wasm32.
    fn get(&self, id: u64) -> Option<u32> {
        match usize::try_from(id).ok().filter(|_| id < DENSE_IDS) {
            Some(i) => self.dense.get(i).copied().filter(|&i| i != ABSENT),
            None => self.sparse.get(&id).copied(),
        }
    }
}
