//! The profile a query leaves, written back as `profile.proto`: what `go tool pprof -proto`
//! writes for the same flags.
//!
//! Consumes a [`Prepared`] query; produces a `pb::Profile` message ([`filtered_message`]) or
//! gzipped bytes ([`write_filtered`]). pprof's `-proto` runs the same steps as every report
//! on the profile and then writes it: label frames (`-tagroot`/`-tagleaf`) are real frames,
//! the sample filters drop samples, the frame filters shorten stacks and cut lines from
//! locations, `-tagshow`/`-taghide` remove label keys; every sample type stays, values are
//! the comparison's net values (`-base`, `-diff_base` with its `pprof::base` label,
//! `-normalize` already applied), granularity is `addresses` (nothing is aggregated, inlined
//! lines stay: Go 1.19's pprof ignores `-noinlines` here). Samples whose values are all
//! zero are left out, as pprof's merge leaves them out. Report options (`-sample_index`,
//! `-mean`, `-relative_percentages`, trimming, sorting) change nothing in the file.
//!
//! Tables hold what the written samples use, in the profile's order; every mapping is kept,
//! since the first one names the binary in pprof's legend. Never mutates the profile.

use crate::encode::gzip;
use crate::model::{FuncId, Label, LabelValue, LocId, Profile, StrId, ValueType};
use crate::pb;
use crate::query::Prepared;
use prost::Message;

/// The filtered profile of `prepared` as gzipped `profile.proto` bytes (a `.pb.gz` file).
/// Pure and allocation-bounded by the profile's size: usable in the wasm worker.
pub fn write_filtered(prepared: &Prepared) -> Vec<u8> {
    gzip(&filtered_message(prepared).encode_to_vec())
}

/// The filtered profile of `prepared` as a `profile.proto` message (see the module docs).
pub fn filtered_message(prepared: &Prepared) -> pb::Profile {
    let profile = prepared.profile();
    let mut w = Writer::new(profile);
    let samples = &profile.samples;
    for (i, leaf) in prepared.samples() {
        if samples.is_zero(i) {
            continue;
        }
        let locs = w.stack(prepared, leaf);
        if locs.is_empty() {
            continue;
        }
        let label = prepared
            .labels(i)
            .map(|l| w.label(l))
            .collect::<Vec<pb::Label>>();
        w.out.sample.push(pb::Sample {
            location_id: locs,
            value: samples.values(i).to_vec(),
            label,
        });
    }
    w.finish(prepared)
}

/// The message under construction: strings interned on first use, locations and functions
/// numbered once every sample is written.
struct Writer<'a> {
    profile: &'a Profile,
    out: pb::Profile,
    /// Per profile string: its index in the new string table (0: not yet interned, except
    /// for the empty string, which is always 0).
    strings: Vec<i64>,
    /// Per location: whether a written sample uses it.
    used_locs: Vec<bool>,
    /// Per sample, already written: location ids are the profile's indexes + 1 until
    /// [`Writer::finish`] renumbers them densely.
    scratch: Vec<u64>,
}

impl<'a> Writer<'a> {
    fn new(profile: &'a Profile) -> Self {
        let mut out = pb::Profile::default();
        out.string_table.push(String::new());
        Self {
            profile,
            out,
            strings: vec![0; profile.strings.len()],
            used_locs: vec![false; profile.locations.len()],
            scratch: Vec::new(),
        }
    }

    /// The new string-table index of `id`.
    fn str(&mut self, id: StrId) -> i64 {
        let i = id.index();
        if id.is_empty() || i >= self.strings.len() {
            return 0;
        }
        if self.strings[i] == 0 {
            self.strings[i] = self.out.string_table.len() as i64;
            self.out.string_table.push(self.profile.str(id).to_string());
        }
        self.strings[i]
    }

    fn value_type(&mut self, vt: ValueType) -> pb::ValueType {
        pb::ValueType {
            r#type: self.str(vt.ty),
            unit: self.str(vt.unit),
        }
    }

    /// The locations of the sample whose filtered stack ends at `leaf`, leaf first, as
    /// provisional ids: the frames `-show_from` keeps, without the locations the frame
    /// filters emptied.
    fn stack(&mut self, prepared: &Prepared, leaf: Option<crate::model::StackId>) -> Vec<u64> {
        self.scratch.clear();
        let stacks = &self.profile.stacks;
        let mut at = leaf;
        while let Some(s) = at {
            at = stacks.parent(s);
            if !prepared.node_visible(s) {
                // -show_from: everything from here to the root is above the match.
                break;
            }
            let loc = stacks.loc(s);
            if prepared.lines(loc).is_some() {
                self.used_locs[loc.index()] = true;
                self.scratch.push(loc.index() as u64 + 1);
            }
        }
        self.scratch.clone()
    }

    fn label(&mut self, l: &Label) -> pb::Label {
        let key = self.str(l.key);
        match l.value {
            LabelValue::Str(s) => pb::Label {
                key,
                str: self.str(s),
                ..Default::default()
            },
            LabelValue::Num { value, unit } => pb::Label {
                key,
                num: value,
                num_unit: self.str(unit),
                ..Default::default()
            },
        }
    }

    /// Writes the tables and the profile's own fields, and renumbers the samples'
    /// locations densely in the profile's order.
    fn finish(mut self, prepared: &Prepared) -> pb::Profile {
        let p = self.profile;
        let mut loc_id = vec![0u64; p.locations.len()];
        let mut used_funcs = vec![false; p.functions.len()];
        for (i, used) in self.used_locs.iter().enumerate() {
            if !*used {
                continue;
            }
            loc_id[i] = self.out.location.len() as u64 + 1;
            let loc = p.location(LocId::from_index(i));
            let lines = prepared.lines(LocId::from_index(i)).unwrap_or_default();
            for l in lines {
                used_funcs[l.function.index()] = true;
            }
            self.out.location.push(pb::Location {
                id: loc_id[i],
                mapping_id: loc.mapping.map_or(0, |m| m.index() as u64 + 1),
                address: loc.address,
                // Function ids are the profile's indexes + 1 until renumbered below.
                line: lines
                    .iter()
                    .map(|l| pb::Line {
                        function_id: l.function.index() as u64 + 1,
                        line: l.line,
                        column: l.column,
                    })
                    .collect(),
                is_folded: loc.is_folded,
            });
        }
        let mut func_id = vec![0u64; p.functions.len()];
        for (i, used) in used_funcs.iter().enumerate() {
            if !*used {
                continue;
            }
            func_id[i] = self.out.function.len() as u64 + 1;
            let f = *p.function(FuncId::from_index(i));
            let function = pb::Function {
                id: func_id[i],
                name: self.str(f.name),
                system_name: self.str(f.system_name),
                filename: self.str(f.filename),
                start_line: f.start_line,
            };
            self.out.function.push(function);
        }
        for loc in &mut self.out.location {
            for l in &mut loc.line {
                l.function_id = func_id[l.function_id as usize - 1];
            }
        }
        for s in &mut self.out.sample {
            for id in &mut s.location_id {
                *id = loc_id[*id as usize - 1];
            }
        }
        for (i, m) in p.mappings.iter().enumerate() {
            let mapping = pb::Mapping {
                id: i as u64 + 1,
                memory_start: m.start,
                memory_limit: m.limit,
                file_offset: m.offset,
                filename: self.str(m.file),
                build_id: self.str(m.build_id),
                has_functions: m.flags.functions,
                has_filenames: m.flags.filenames,
                has_line_numbers: m.flags.line_numbers,
                has_inline_frames: m.flags.inline_frames,
            };
            self.out.mapping.push(mapping);
        }
        self.out.sample_type = p
            .sample_types
            .clone()
            .into_iter()
            .map(|vt| self.value_type(vt))
            .collect();
        if p.period_type != ValueType::default() {
            self.out.period_type = Some(self.value_type(p.period_type));
        }
        self.out.period = p.period;
        self.out.time_nanos = p.time_nanos;
        self.out.duration_nanos = p.duration_nanos;
        self.out.comment = p.comments.iter().map(|&c| self.str(c)).collect();
        self.out.drop_frames = self.str(p.drop_frames);
        self.out.keep_frames = self.str(p.keep_frames);
        self.out.default_sample_type = self.str(p.default_sample_type);
        self.out.doc_url = self.str(p.doc_url);
        self.out
    }
}
