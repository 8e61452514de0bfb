//! pprof's `-tagroot` / `-tagleaf` (`addLabelNodes`, tagroot.go): label values as frames.
//!
//! Consumes a profile, root and leaf label keys and the output unit (numeric values are
//! written with it); produces a new profile in which every sample's stack gains one frame per
//! key, above its root (first key outermost) or below its leaf (last key innermost). A
//! frame's function name is the sample's values for the key joined by `,` (empty when it has
//! none) and its file name is the key, so grouping by file shows the key. Runs before every
//! filter, as in pprof, so filters can match the new frames.

use crate::model::units::scaled_label;
use crate::model::{
    Function, LabelValue, Line, LocId, Location, Profile, Samples, StackId, StackTreeBuilder, StrId,
};
use rustc_hash::FxHashMap;

/// The profile with label frames added, and whether any sample had a value for a root key
/// and for a leaf key (pprof's "TagRoot/TagLeaf expression matched no samples").
pub fn with_label_frames(
    profile: &Profile,
    roots: &[String],
    leaves: &[String],
    unit: &str,
) -> (Profile, bool, bool) {
    let mut p = profile.clone();
    let (mut root_hit, mut leaf_hit) = (false, false);
    let mut locs: FxHashMap<(String, String), LocId> = FxHashMap::default();
    // The string table holds each string once (nodes are told apart by string id), so a
    // frame's name or key reuses an equal string already there: an empty name is the empty
    // string, and a value equal to a function's name is that name.
    let mut ids: FxHashMap<String, StrId> = FxHashMap::default();
    let mut intern = move |p: &mut Profile, s: &str| -> StrId {
        if ids.is_empty() {
            for (i, t) in p.strings.iter().enumerate() {
                ids.entry(t.to_string()).or_insert(StrId::from_index(i));
            }
        }
        if let Some(&id) = ids.get(s) {
            return id;
        }
        let id = p.strings.push(s);
        ids.insert(s.to_string(), id);
        id
    };
    let mut frame = |p: &mut Profile, name: String, key: &str| -> LocId {
        if let Some(&l) = locs.get(&(name.clone(), key.to_string())) {
            return l;
        }
        let function = Function {
            name: intern(p, &name),
            filename: intern(p, key),
            ..Function::default()
        };
        p.functions.push(function);
        let f = crate::model::FuncId::from_index(p.functions.len() - 1);
        let start = p.lines.len() as u32;
        p.lines.push(Line {
            function: f,
            line: 0,
            column: 0,
        });
        p.locations.push(Location {
            mapping: None,
            address: 0,
            lines_start: start,
            lines_end: start + 1,
            is_folded: false,
        });
        let l = LocId::from_index(p.locations.len() - 1);
        locs.insert((name, key.to_string()), l);
        l
    };

    let tree = &profile.stacks;
    let mut builder = StackTreeBuilder::with_capacity(tree.len() + 16);
    // (root frames, old node) → new node; root frame tuples interned.
    let mut tuples: FxHashMap<Vec<LocId>, u32> = FxHashMap::default();
    let mut tuple_prefix: Vec<Option<StackId>> = Vec::new();
    let mut memo: FxHashMap<(u32, u32), StackId> = FxHashMap::default();
    let mut new_stacks: Vec<Option<StackId>> = Vec::with_capacity(profile.samples.len());
    let mut walk: Vec<StackId> = Vec::new();
    for i in 0..profile.samples.len() {
        let set = profile.label_sets.get(profile.samples.labels(i));
        let values = |key: &str, hit: &mut bool| -> String {
            let v = label_values(profile, set, key, unit);
            *hit |= !v.is_empty();
            v.join(",")
        };
        let root_locs: Vec<LocId> = roots
            .iter()
            .map(|k| {
                let name = values(k, &mut root_hit);
                frame(&mut p, name, k)
            })
            .collect();
        let leaf_locs: Vec<LocId> = leaves
            .iter()
            .map(|k| {
                let name = values(k, &mut leaf_hit);
                frame(&mut p, name, k)
            })
            .collect();
        let next = tuple_prefix.len() as u32;
        let t = *tuples.entry(root_locs.clone()).or_insert(next);
        if t == next {
            tuple_prefix.push(builder.intern_root_first(root_locs.iter().map(|l| l.0)));
        }
        // The sample's own stack under its root frames, shared by every sample with the same
        // root frames and stack.
        let mut at = tuple_prefix[t as usize];
        if let Some(leaf) = profile.samples.stack(i) {
            walk.clear();
            let mut s = Some(leaf);
            let mut base = at;
            while let Some(n) = s {
                if let Some(&known) = memo.get(&(t, n.0)) {
                    base = Some(known);
                    break;
                }
                walk.push(n);
                s = tree.parent(n);
            }
            at = base;
            for &n in walk.iter().rev() {
                let c = builder.child(at, tree.loc(n).0);
                memo.insert((t, n.0), c);
                at = Some(c);
            }
        }
        for l in &leaf_locs {
            at = Some(builder.child(at, l.0));
        }
        new_stacks.push(at);
    }
    let (stacks, renumber) = builder.finish(LocId);
    let mut samples = Samples::new(profile.samples.n_values());
    for (i, s) in new_stacks.into_iter().enumerate() {
        let s = s.map(|s| StackId(renumber[s.index()]));
        samples.push(s, profile.samples.values(i), profile.samples.labels(i));
    }
    p.stacks = stacks;
    p.samples = samples;
    (p, root_hit, leaf_hit)
}

/// pprof's `formatLabelValues`: the string values of `key`, then its numeric values, each
/// in its own unit scaled to `unit`. Go's decoder pads a key's units with `""` once any of
/// its values has one, so a value without a unit is then scaled from `""`; when none has
/// one, the numbers are written as they are.
fn label_values(
    profile: &Profile,
    labels: &[crate::model::Label],
    key: &str,
    unit: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut nums: Vec<(i64, &str)> = Vec::new();
    for l in labels.iter().filter(|l| profile.str(l.key) == key) {
        match l.value {
            LabelValue::Str(v) => out.push(profile.str(v).to_string()),
            LabelValue::Num { value, unit } => nums.push((value, profile.str(unit))),
        }
    }
    let any_unit = nums.iter().any(|(_, u)| !u.is_empty());
    for (v, u) in nums {
        out.push(if any_unit {
            scaled_label(v, u, unit)
        } else {
            scaled_label(v, "", "")
        });
    }
    out
}
