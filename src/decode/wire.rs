//! Streaming protobuf reader for the top-level `Profile` message.
//!
//! Consumes the inflated protobuf bytes; produces a [`RawProfile`]: the small tables as
//! prost messages, the string table, and the samples already folded into columns and a
//! stack prefix tree. Samples never exist as one heap object each: decoding a 100 MB
//! profile with prost's generated `Sample` type would cost three `Vec`s per sample.
//!
//! File ids and string indices are kept raw here (samples usually come before the
//! tables they refer to); `lower` resolves and validates them. This module must not
//! interpret the profile beyond the wire format.

use super::index32;
use crate::error::DecodeError;
use crate::model::{PathTable, StringTable};
use crate::pb;
use prost::encoding::{decode_key, decode_varint, skip_field, DecodeContext, WireType};
use prost::Message;
use rustc_hash::FxHashMap;

/// One label as written in the file (string-table indices unresolved).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RawLabel {
    pub key: i64,
    pub str: i64,
    pub num: i64,
    pub unit: i64,
}

/// The profile as read from the wire; see the module docs.
#[derive(Debug, Default)]
pub struct RawProfile {
    pub sample_types: Vec<pb::ValueType>,
    pub mappings: Vec<pb::Mapping>,
    pub locations: Vec<pb::Location>,
    pub functions: Vec<pb::Function>,
    pub strings: StringTable,
    pub saw_strings: bool,
    pub drop_frames: i64,
    pub keep_frames: i64,
    pub time_nanos: i64,
    pub duration_nanos: i64,
    pub period_type: Option<pb::ValueType>,
    pub period: i64,
    pub comments: Vec<i64>,
    pub default_sample_type: i64,
    pub doc_url: i64,
    /// Per sample, its stack as location *slots* (see `slot_ids`).
    pub paths: PathTable,
    /// Raw location id of each slot.
    pub slot_ids: Vec<u64>,
    /// The first sample that used each slot (for error messages).
    pub slot_first_sample: Vec<u32>,
    /// Values, row-major.
    pub values: Vec<i64>,
    /// Values per sample, fixed by the first sample.
    pub n_values: Option<usize>,
    /// Per sample: index into `raw_label_sets`.
    pub sample_labels: Vec<u32>,
    /// Distinct raw label sequences; entry 0 is empty.
    pub raw_label_sets: Vec<Box<[RawLabel]>>,
}

/// Reads the whole message. `progress(bytes_consumed)` is called every few megabytes.
pub fn read_profile(data: &[u8], progress: &mut dyn FnMut(u64)) -> Result<RawProfile, DecodeError> {
    let mut r = Reader::new();
    let mut buf = data;
    let mut next_report = 8 << 20;
    while !buf.is_empty() {
        let at = data.len() - buf.len();
        if at >= next_report {
            progress(at as u64);
            next_report = at + (8 << 20);
        }
        let (tag, wt) = decode_key(&mut buf).map_err(|e| wire_err(at, &e))?;
        r.field(tag, wt, &mut buf, at)?;
    }
    progress(data.len() as u64);
    Ok(r.raw)
}

fn wire_err(at: usize, e: &prost::DecodeError) -> DecodeError {
    DecodeError::Protobuf(format!("at byte {at}: {e}"))
}

/// Splits a length-delimited payload off `buf`.
fn take_len<'a>(buf: &mut &'a [u8], at: usize, what: &str) -> Result<&'a [u8], DecodeError> {
    let len = decode_varint(buf).map_err(|e| wire_err(at, &e))?;
    if len > buf.len() as u64 {
        return Err(DecodeError::Protobuf(format!(
            "at byte {at}: {what} claims {len} bytes but only {} remain (the data is truncated)",
            buf.len()
        )));
    }
    // Checked against the remaining bytes first, so the conversion is exact.
    let (head, tail) = buf.split_at(usize::try_from(len).unwrap_or(usize::MAX).min(buf.len()));
    *buf = tail;
    Ok(head)
}

fn expect(
    wt: WireType,
    want: WireType,
    tag: u32,
    what: &str,
    at: usize,
) -> Result<(), DecodeError> {
    if wt == want {
        Ok(())
    } else {
        Err(DecodeError::Protobuf(format!(
            "at byte {at}: field {tag} ({what}) has wire type {wt:?}, expected {want:?}"
        )))
    }
}

/// Reads repeated varints, packed (length-delimited) or not, calling `push` for each.
fn varints(
    wt: WireType,
    buf: &mut &[u8],
    at: usize,
    what: &str,
    mut push: impl FnMut(u64),
) -> Result<(), DecodeError> {
    match wt {
        WireType::Varint => push(decode_varint(buf).map_err(|e| wire_err(at, &e))?),
        WireType::LengthDelimited => {
            let mut packed = take_len(buf, at, what)?;
            while !packed.is_empty() {
                push(decode_varint(&mut packed).map_err(|e| wire_err(at, &e))?);
            }
        }
        other => return expect(other, WireType::Varint, 0, what, at),
    }
    Ok(())
}

fn message<M: Message + Default>(buf: &mut &[u8], at: usize, what: &str) -> Result<M, DecodeError> {
    let body = take_len(buf, at, what)?;
    M::decode(body).map_err(|e| DecodeError::Protobuf(format!("at byte {at}: in a {what}: {e}")))
}

struct Reader {
    raw: RawProfile,
    /// Location id → slot, for small ids (the common dense case).
    dense_slots: Vec<u32>,
    /// Location id → slot, for ids too large for `dense_slots`.
    sparse_slots: FxHashMap<u64, u32>,
    label_index: FxHashMap<Box<[RawLabel]>, u32>,
    scratch_locs: Vec<u64>,
    scratch_slots: Vec<u32>,
    scratch_values: Vec<i64>,
    scratch_labels: Vec<RawLabel>,
    time_seen: bool,
}

const DENSE_LIMIT: u64 = 1 << 22;
const NO_SLOT: u32 = u32::MAX;

impl Reader {
    fn new() -> Self {
        let mut label_index = FxHashMap::default();
        label_index.insert(Box::from([]), 0);
        let raw = RawProfile {
            raw_label_sets: vec![Box::from([])],
            ..RawProfile::default()
        };
        Self {
            raw,
            dense_slots: Vec::new(),
            sparse_slots: FxHashMap::default(),
            label_index,
            scratch_locs: Vec::new(),
            scratch_slots: Vec::new(),
            scratch_values: Vec::new(),
            scratch_labels: Vec::new(),
            time_seen: false,
        }
    }

    fn field(
        &mut self,
        tag: u32,
        wt: WireType,
        buf: &mut &[u8],
        at: usize,
    ) -> Result<(), DecodeError> {
        use WireType::{LengthDelimited as Len, Varint};
        let raw = &mut self.raw;
        let int = |buf: &mut &[u8], name: &str| -> Result<i64, DecodeError> {
            expect(wt, Varint, tag, name, at)?;
            Ok(decode_varint(buf).map_err(|e| wire_err(at, &e))? as i64)
        };
        match tag {
            1 => {
                expect(wt, Len, tag, "sample_type", at)?;
                raw.sample_types.push(message(buf, at, "sample type")?);
            }
            2 => {
                expect(wt, Len, tag, "sample", at)?;
                let body = take_len(buf, at, "sample")?;
                self.sample(body, at)?;
            }
            3 => {
                expect(wt, Len, tag, "mapping", at)?;
                raw.mappings.push(message(buf, at, "mapping")?);
            }
            4 => {
                expect(wt, Len, tag, "location", at)?;
                raw.locations.push(message(buf, at, "location")?);
            }
            5 => {
                expect(wt, Len, tag, "function", at)?;
                raw.functions.push(message(buf, at, "function")?);
            }
            6 => {
                expect(wt, Len, tag, "string_table", at)?;
                let s = take_len(buf, at, "string")?;
                let s = String::from_utf8_lossy(s);
                if !raw.saw_strings {
                    raw.saw_strings = true;
                    if !s.is_empty() {
                        return Err(DecodeError::Malformed(format!(
                            "the first entry of the string table must be empty, found {:?}",
                            truncate(&s, 40)
                        )));
                    }
                } else {
                    raw.strings.push(&s);
                }
            }
            7 => raw.drop_frames = int(buf, "drop_frames")?,
            8 => raw.keep_frames = int(buf, "keep_frames")?,
            9 => {
                let t = int(buf, "time_nanos")?;
                if self.time_seen && raw.time_nanos != 0 {
                    return Err(DecodeError::Concatenated);
                }
                self.time_seen = true;
                raw.time_nanos = t;
            }
            10 => raw.duration_nanos = int(buf, "duration_nanos")?,
            11 => {
                expect(wt, Len, tag, "period_type", at)?;
                raw.period_type = Some(message(buf, at, "period type")?);
            }
            12 => raw.period = int(buf, "period")?,
            13 => varints(wt, buf, at, "comment", |v| raw.comments.push(v as i64))?,
            14 => raw.default_sample_type = int(buf, "default_sample_type")?,
            15 => raw.doc_url = int(buf, "doc_url")?,
            _ => {
                skip_field(wt, tag, buf, DecodeContext::default()).map_err(|e| wire_err(at, &e))?
            }
        }
        Ok(())
    }

    fn sample(&mut self, mut body: &[u8], at: usize) -> Result<(), DecodeError> {
        self.scratch_locs.clear();
        self.scratch_values.clear();
        self.scratch_labels.clear();
        while !body.is_empty() {
            let (tag, wt) = decode_key(&mut body).map_err(|e| wire_err(at, &e))?;
            match tag {
                1 => varints(wt, &mut body, at, "sample location_id", |v| {
                    self.scratch_locs.push(v)
                })?,
                2 => varints(wt, &mut body, at, "sample value", |v| {
                    self.scratch_values.push(v as i64)
                })?,
                3 => {
                    expect(wt, WireType::LengthDelimited, tag, "label", at)?;
                    let l = take_len(&mut body, at, "label")?;
                    self.scratch_labels.push(label(l, at)?);
                }
                _ => skip_field(wt, tag, &mut body, DecodeContext::default())
                    .map_err(|e| wire_err(at, &e))?,
            }
        }
        let index = self.raw.paths.len();
        let n = self.scratch_values.len();
        match self.raw.n_values {
            None => self.raw.n_values = Some(n),
            Some(want) if want != n => {
                return Err(DecodeError::Malformed(format!(
                    "sample {index} has {n} values but sample 0 has {want}"
                )))
            }
            Some(_) => {}
        }
        self.scratch_slots.clear();
        for i in 0..self.scratch_locs.len() {
            let slot = self.slot(self.scratch_locs[i], index)?;
            self.scratch_slots.push(slot);
        }
        self.raw.paths.push_leaf_first(&self.scratch_slots);
        self.raw.values.extend_from_slice(&self.scratch_values);
        let labels = if self.scratch_labels.is_empty() {
            0
        } else if let Some(&id) = self.label_index.get(self.scratch_labels.as_slice()) {
            id
        } else {
            let id = index32(self.raw.raw_label_sets.len(), "label sets")?;
            let set: Box<[RawLabel]> = Box::from(self.scratch_labels.as_slice());
            self.raw.raw_label_sets.push(set.clone());
            self.label_index.insert(set, id);
            id
        };
        self.raw.sample_labels.push(labels);
        Ok(())
    }

    /// The slot of raw location id `id`, assigned on first use. Ids stay `u64` (the file's
    /// type): only ids below [`DENSE_LIMIT`] index a vector; larger ones, up to 2⁶⁴−1, are
    /// hash keys, so an id ≥ 2³² never aliases a small one on wasm32.
    fn slot(&mut self, id: u64, sample: usize) -> Result<u32, DecodeError> {
        if let Some(i) = usize::try_from(id).ok().filter(|_| id < DENSE_LIMIT) {
            if i >= self.dense_slots.len() {
                self.dense_slots
                    .resize((i + 1).next_power_of_two(), NO_SLOT);
            }
            if self.dense_slots[i] == NO_SLOT {
                self.dense_slots[i] = self.new_slot(id, sample)?;
            }
            return Ok(self.dense_slots[i]);
        }
        if let Some(&s) = self.sparse_slots.get(&id) {
            return Ok(s);
        }
        let s = self.new_slot(id, sample)?;
        self.sparse_slots.insert(id, s);
        Ok(s)
    }

    fn new_slot(&mut self, id: u64, sample: usize) -> Result<u32, DecodeError> {
        let s = index32(self.raw.slot_ids.len(), "distinct location ids")?;
        self.raw.slot_ids.push(id);
        self.raw.slot_first_sample.push(index32(sample, "samples")?);
        Ok(s)
    }
}

fn label(mut body: &[u8], at: usize) -> Result<RawLabel, DecodeError> {
    let mut l = RawLabel::default();
    while !body.is_empty() {
        let (tag, wt) = decode_key(&mut body).map_err(|e| wire_err(at, &e))?;
        let slot = match tag {
            1 => &mut l.key,
            2 => &mut l.str,
            3 => &mut l.num,
            4 => &mut l.unit,
            _ => {
                skip_field(wt, tag, &mut body, DecodeContext::default())
                    .map_err(|e| wire_err(at, &e))?;
                continue;
            }
        };
        expect(wt, WireType::Varint, tag, "label field", at)?;
        *slot = decode_varint(&mut body).map_err(|e| wire_err(at, &e))? as i64;
    }
    Ok(l)
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}
