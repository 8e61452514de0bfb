//! pprof's `Merge` of a single profile, done in place.
//!
//! Consumes one [`Profile`]; produces the profile pprof would have after merging it with
//! nothing: comments are de-duplicated, mappings with equal keys collapse (the first referenced wins, addresses are
//! shifted), locations with equal keys collapse, samples with equal stacks and labels are
//! summed, and all-zero samples disappear. Unlike the general merge it rebuilds nothing
//! when nothing collapses, which is the usual case, so loading a 100 MB profile does not
//! pay for a second stack tree.

use super::{LabelSetId, LabelValue, LocId, MappingId, Profile, StackId, StackTreeBuilder};
use rustc_hash::FxHashMap;

/// Normalizes `p` as pprof's single-profile merge does.
pub fn normalize_single(p: &mut Profile) {
    let mut seen = std::collections::HashSet::new();
    let comments = std::mem::take(&mut p.comments);
    p.comments = comments
        .into_iter()
        .filter(|&c| seen.insert(p.str(c).to_string()))
        .collect();
    collapse_mappings(p);
    collapse_locations(p);
    merge_samples(p);
}

/// pprof's mapping key: size rounded up to 4 KiB, offset, build id (or else file).
fn mapping_key(p: &Profile, m: MappingId) -> (u64, u64, &str) {
    let m = p.mapping(m);
    let size = m.limit.wrapping_sub(m.start).wrapping_add(0xfff) & !0xfff;
    let ident = if !p.str(m.build_id).is_empty() {
        p.str(m.build_id)
    } else {
        p.str(m.file)
    };
    (size, m.offset, ident)
}

fn collapse_mappings(p: &mut Profile) {
    let mut by_key: FxHashMap<(u64, u64, &str), Vec<MappingId>> = FxHashMap::default();
    for i in 0..p.mappings.len() {
        let id = MappingId::from_index(i);
        by_key.entry(mapping_key(p, id)).or_default().push(id);
    }
    if by_key.values().all(|ids| ids.len() == 1) {
        return;
    }
    // The winner of each key is the first mapping pprof maps: mapping 0, then in the
    // order locations are first referenced.
    let mut order: Vec<MappingId> = p
        .mappings
        .first()
        .map(|_| MappingId(0))
        .into_iter()
        .collect();
    order.extend(
        p.locations_in_reference_order()
            .0
            .iter()
            .filter_map(|&l| p.location(l).mapping),
    );
    let mut winner: FxHashMap<(u64, u64, &str), MappingId> = FxHashMap::default();
    let mut replace: Vec<Option<MappingId>> = vec![None; p.mappings.len()];
    for m in order {
        let w = *winner.entry(mapping_key(p, m)).or_insert(m);
        if w != m {
            replace[m.index()] = Some(w);
        }
    }
    let shifts: Vec<Option<(MappingId, i64)>> = replace
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.map(|w| {
                let delta = p.mapping(w).start as i64 - p.mappings[i].start as i64;
                (w, delta)
            })
        })
        .collect();
    for loc in &mut p.locations {
        if let Some(Some((w, delta))) = loc.mapping.map(|m| shifts[m.index()]) {
            loc.mapping = Some(w);
            loc.address = (loc.address as i64).wrapping_add(delta) as u64;
        }
    }
}

fn collapse_locations(p: &mut Profile) {
    // Functions are equal by content (start line, name, system name, file).
    let mut func_canon: FxHashMap<(i64, &str, &str, &str), u32> = FxHashMap::default();
    let funcs: Vec<u32> = (0..p.functions.len())
        .map(|i| {
            let f = &p.functions[i];
            let key = (
                f.start_line,
                p.str(f.name),
                p.str(f.system_name),
                p.str(f.filename),
            );
            *func_canon.entry(key).or_insert(i as u32)
        })
        .collect();
    type Key = (u64, u32, Vec<(u32, i64)>, bool);
    let mut loc_canon: FxHashMap<Key, LocId> = FxHashMap::default();
    let mut canon: Vec<LocId> = Vec::with_capacity(p.locations.len());
    let mut collapsed = false;
    for i in 0..p.locations.len() {
        let id = LocId::from_index(i);
        let l = p.location(id);
        let (rel, map) = match l.mapping {
            Some(m) => (l.address.wrapping_sub(p.mapping(m).start), m.0),
            None => (l.address, u32::MAX),
        };
        let lines = p
            .lines_of(id)
            .iter()
            .map(|ln| (funcs[ln.function.index()], ln.line))
            .collect();
        let c = *loc_canon
            .entry((rel, map, lines, l.is_folded))
            .or_insert(id);
        collapsed |= c != id;
        canon.push(c);
    }
    if !collapsed {
        return;
    }
    // Rare: rebuild the tree over the surviving locations.
    let mut builder = StackTreeBuilder::new();
    let mut new_of: Vec<Option<StackId>> = vec![None; p.stacks.len()];
    for s in 0..p.stacks.len() {
        let id = StackId::from_index(s);
        let parent = p.stacks.parent(id).and_then(|q| new_of[q.index()]);
        new_of[s] = Some(builder.child(parent, canon[p.stacks.loc(id).index()].0));
    }
    let (stacks, renumber) = builder.finish(LocId);
    p.stacks = stacks;
    p.samples
        .remap_stacks(|s| new_of[s.index()].map(|n| StackId(renumber[n.index()])));
}

/// A label set in pprof's sample-key form: grouped by key, keys sorted.
fn canonical_labels(p: &Profile, set: LabelSetId) -> Vec<(&str, LabelKeyValue<'_>)> {
    let mut labels: Vec<(&str, LabelKeyValue)> = p
        .label_sets
        .get(set)
        .iter()
        .map(|l| {
            let v = match l.value {
                LabelValue::Str(s) => LabelKeyValue::Str(p.str(s)),
                LabelValue::Num { value, unit } => LabelKeyValue::Num(value, p.str(unit)),
            };
            (p.str(l.key), v)
        })
        .collect();
    labels.sort_by(|a, b| a.0.cmp(b.0));
    labels
}

#[derive(PartialEq, Eq, Hash)]
enum LabelKeyValue<'a> {
    Str(&'a str),
    Num(i64, &'a str),
}

fn merge_samples(p: &mut Profile) {
    let mut set_canon: FxHashMap<Vec<(&str, LabelKeyValue)>, u32> = FxHashMap::default();
    let canon: Vec<u32> = (0..p.label_sets.len())
        .map(|i| {
            let next = set_canon.len() as u32;
            *set_canon
                .entry(canonical_labels(p, LabelSetId::from_index(i)))
                .or_insert(next)
        })
        .collect();
    drop(set_canon);
    let n = p.samples.len();
    let mut first: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    first.reserve(n);
    // target[i] = the earlier sample that sample i merges into.
    let mut target: Vec<Option<usize>> = vec![None; n];
    let mut any_merge = false;
    for (i, t) in target.iter_mut().enumerate() {
        if p.samples.values(i).iter().all(|&v| v == 0) {
            continue;
        }
        let stack = p.samples.stack(i).map_or(u32::MAX, |s| s.0);
        let key = (stack, canon[p.samples.labels(i).index()]);
        let f = *first.entry(key).or_insert(i);
        if f != i {
            *t = Some(f);
            any_merge = true;
        }
    }
    if any_merge {
        p.samples.merge_into(&target);
    }
    // Zero samples (given, or summed to zero) are dropped, as pprof drops them.
    p.samples.retain(|v| v.iter().any(|&x| x != 0));
}
