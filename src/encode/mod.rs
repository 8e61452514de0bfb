//! Writing profiles: a builder for `profile.proto` messages, and a folded-stack text form.
//!
//! Consumes stacks, values and labels given in code or as text; produces `.pb` / `.pb.gz`
//! bytes (or a decoded [`Profile`] for tests). Tests, fixtures and the benchmark's synthetic
//! profile are all made with it, so every profile the project needs comes from its own code.
//!
//! The folded form ([`from_folded`]) is one sample per line, frames root first separated by
//! `;`, then the values separated by `,`: `main;work;hash 30,300000`. A frame `a+b` is one
//! location where `b` was inlined into `a`.

use crate::decode::{decode, DecodeOptions};
use crate::model::Profile;
use crate::pb;
use flate2::write::GzEncoder;
use flate2::Compression;
use prost::Message;
use std::collections::HashMap;
use std::io::Write;

/// A label value for [`ProfileBuilder::sample_with`].
#[derive(Clone, Debug, PartialEq)]
pub enum LabelArg<'a> {
    /// A string label.
    Str(&'a str),
    /// A numeric label with a unit (empty for none).
    Num(i64, &'a str),
}

/// Builds a `profile.proto` message step by step. Ids are assigned densely from 1.
#[derive(Clone, Debug, Default)]
pub struct ProfileBuilder {
    p: pb::Profile,
    strings: HashMap<String, i64>,
    functions: HashMap<(String, String), u64>,
    locations: HashMap<Vec<(u64, i64)>, u64>,
}

impl ProfileBuilder {
    /// A profile with these `(type, unit)` sample types.
    pub fn new(sample_types: &[(&str, &str)]) -> Self {
        let mut b = Self::default();
        b.p.string_table.push(String::new());
        b.strings.insert(String::new(), 0);
        for (t, u) in sample_types {
            let vt = b.value_type(t, u);
            b.p.sample_type.push(vt);
        }
        b
    }

    /// The string-table index of `s`, added when new.
    pub fn string(&mut self, s: &str) -> i64 {
        if let Some(&i) = self.strings.get(s) {
            return i;
        }
        let i = self.p.string_table.len() as i64;
        self.p.string_table.push(s.to_string());
        self.strings.insert(s.to_string(), i);
        i
    }

    fn value_type(&mut self, ty: &str, unit: &str) -> pb::ValueType {
        pb::ValueType {
            r#type: self.string(ty),
            unit: self.string(unit),
        }
    }

    /// Adds a mapping and returns its id.
    pub fn mapping(&mut self, file: &str, build_id: &str, start: u64, limit: u64) -> u64 {
        let id = self.p.mapping.len() as u64 + 1;
        let m = pb::Mapping {
            id,
            memory_start: start,
            memory_limit: limit,
            filename: self.string(file),
            build_id: self.string(build_id),
            has_functions: true,
            has_filenames: true,
            has_line_numbers: true,
            ..Default::default()
        };
        self.p.mapping.push(m);
        id
    }

    /// The id of the function `name` defined in `file`, added when new.
    pub fn function(&mut self, name: &str, file: &str) -> u64 {
        let key = (name.to_string(), file.to_string());
        if let Some(&id) = self.functions.get(&key) {
            return id;
        }
        let id = self.p.function.len() as u64 + 1;
        let f = pb::Function {
            id,
            name: self.string(name),
            system_name: self.string(name),
            filename: self.string(file),
            start_line: 0,
        };
        self.p.function.push(f);
        self.functions.insert(key, id);
        id
    }

    /// Adds a location with `lines` (innermost first: `(function id, line)`) at `address`
    /// in `mapping` (0 for none); returns its id.
    pub fn location(&mut self, lines: &[(u64, i64)], address: u64, mapping: u64) -> u64 {
        let id = self.p.location.len() as u64 + 1;
        self.p.location.push(pb::Location {
            id,
            mapping_id: mapping,
            address,
            line: lines
                .iter()
                .map(|&(function_id, line)| pb::Line {
                    function_id,
                    line,
                    column: 0,
                })
                .collect(),
            is_folded: false,
        });
        id
    }

    /// The location of a folded frame: `name` or inlined `outer+inner+...`, one location per
    /// distinct frame text. Functions live in `<name>.go`.
    fn frame(&mut self, text: &str) -> u64 {
        let names: Vec<&str> = text.split('+').collect();
        let lines: Vec<(u64, i64)> = names
            .iter()
            .rev()
            .map(|n| (self.function(n, &format!("{n}.go")), 1))
            .collect();
        if let Some(&id) = self.locations.get(&lines) {
            return id;
        }
        let address = 0x1000 + 0x10 * self.p.location.len() as u64;
        let id = self.location(&lines, address, 0);
        self.locations.insert(lines, id);
        id
    }

    /// Adds a sample whose stack is `frames`, root first (folded frame syntax).
    pub fn sample(&mut self, frames: &[&str], values: &[i64]) {
        self.sample_with(frames, values, &[]);
    }

    /// [`sample`](Self::sample) with labels.
    pub fn sample_with(&mut self, frames: &[&str], values: &[i64], labels: &[(&str, LabelArg)]) {
        let locs: Vec<u64> = frames.iter().rev().map(|f| self.frame(f)).collect();
        self.sample_locations(&locs, values, labels);
    }

    /// Adds a sample from location ids, leaf first (as in the file format).
    pub fn sample_locations(
        &mut self,
        leaf_first: &[u64],
        values: &[i64],
        labels: &[(&str, LabelArg)],
    ) {
        let label = labels
            .iter()
            .map(|(k, v)| {
                let key = self.string(k);
                match v {
                    LabelArg::Str(s) => pb::Label {
                        key,
                        str: self.string(s),
                        ..Default::default()
                    },
                    LabelArg::Num(n, u) => pb::Label {
                        key,
                        num: *n,
                        num_unit: if u.is_empty() { 0 } else { self.string(u) },
                        ..Default::default()
                    },
                }
            })
            .collect();
        self.p.sample.push(pb::Sample {
            location_id: leaf_first.to_vec(),
            value: values.to_vec(),
            label,
        });
    }

    /// Sets the collection time and duration (nanoseconds).
    pub fn time(&mut self, time_nanos: i64, duration_nanos: i64) -> &mut Self {
        self.p.time_nanos = time_nanos;
        self.p.duration_nanos = duration_nanos;
        self
    }

    /// Sets the period type and period.
    pub fn period(&mut self, ty: &str, unit: &str, period: i64) -> &mut Self {
        self.p.period_type = Some(self.value_type(ty, unit));
        self.p.period = period;
        self
    }

    /// Adds a comment.
    pub fn comment(&mut self, text: &str) -> &mut Self {
        let c = self.string(text);
        self.p.comment.push(c);
        self
    }

    /// Sets the default sample type.
    pub fn default_sample_type(&mut self, name: &str) -> &mut Self {
        self.p.default_sample_type = self.string(name);
        self
    }

    /// Sets `drop_frames` and `keep_frames` (empty for unset).
    pub fn drop_frames(&mut self, drop: &str, keep: &str) -> &mut Self {
        self.p.drop_frames = if drop.is_empty() {
            0
        } else {
            self.string(drop)
        };
        self.p.keep_frames = if keep.is_empty() {
            0
        } else {
            self.string(keep)
        };
        self
    }

    /// The message built so far.
    pub fn message(&self) -> &pb::Profile {
        &self.p
    }

    /// Mutable access to the message, for tests that need unusual or invalid profiles.
    pub fn message_mut(&mut self) -> &mut pb::Profile {
        &mut self.p
    }

    /// Raw protobuf bytes.
    pub fn encode(&self) -> Vec<u8> {
        self.p.encode_to_vec()
    }

    /// Gzip-compressed protobuf bytes (a `.pb.gz` file).
    pub fn encode_gzip(&self) -> Vec<u8> {
        gzip(&self.encode())
    }

    /// The profile as [`decode`] sees it.
    ///
    /// # Panics
    /// When the built message is invalid (tests build valid ones).
    pub fn build_profile(&self) -> Profile {
        decode(&self.encode(), &DecodeOptions::default())
            .expect("builder produces a valid profile")
            .profile
    }
}

/// Gzip-compresses `data` (default level).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// Builds a profile from folded text (see the module docs) with these sample types.
pub fn from_folded(text: &str, sample_types: &[(&str, &str)]) -> Result<ProfileBuilder, String> {
    let mut b = ProfileBuilder::new(sample_types);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (stack, values) = line
            .rsplit_once(' ')
            .ok_or_else(|| format!("line {}: expected `frames values`", i + 1))?;
        let values: Vec<i64> = values
            .split(',')
            .map(|v| {
                v.parse()
                    .map_err(|_| format!("line {}: bad value {v:?}", i + 1))
            })
            .collect::<Result<_, _>>()?;
        if values.len() != sample_types.len() {
            return Err(format!(
                "line {}: {} values for {} sample types",
                i + 1,
                values.len(),
                sample_types.len()
            ));
        }
        let frames: Vec<&str> = stack.split(';').filter(|f| !f.is_empty()).collect();
        b.sample(&frames, &values);
    }
    Ok(b)
}
