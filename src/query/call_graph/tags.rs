//! The call graph's node tags (pprof's `LabelTags` and `NumericTags`), summed by one walk
//! per tag class instead of one path walk per sample.
//!
//! Consumes a prepared query and a [`Built`] graph; adds to its nodes' tag maps. A sample's
//! tags depend only on its label set, so samples whose sets give the same tags form a
//! class; each class's samples are grouped by the stack node they end at (in pre-order)
//! and their paths walked as the whole graph's are (`walk.rs`). A node's sums for the class then go to its tag
//! entries; a numeric tag keeps the number of its earliest sample, as the walk sample by
//! sample (which made the entry with it) did.

use super::super::nodes::NodeTable;
use super::super::prepared::Prepared;
use super::build::{Built, TagSums, Tagger};
use super::walk::{NodeSums, Visit, Walker, NONE};
use rustc_hash::FxHashMap;

/// A label set not looked at yet.
const UNSEEN: u32 = u32::MAX - 1;

/// The tags of a class: its label string and its numeric tags (name, number, unit).
type ClassTags = (u32, Vec<(u32, i64, u32)>);

/// A sample group: the samples of one class ending at one stack node.
#[derive(Clone, Copy)]
struct Group {
    class: u32,
    leaf: u32,
    first: u32,
    w: i64,
    dw: i64,
}

/// Adds the tags of `prepared`'s kept samples to `g`'s nodes (see the module
/// documentation); numeric tags are named in `tag_unit`.
pub(super) fn add_tags(prepared: &Prepared, nodes: &NodeTable, g: &mut Built, tag_unit: &str) {
    let (classes, groups) = group(prepared, g, tag_unit);
    if groups.is_empty() {
        return;
    }
    let mut sums = NodeSums::new(nodes.len());
    let mut walker = Walker::new(prepared, nodes, None);
    for run in groups.chunk_by(|a, b| a.class == b.class) {
        let leaves = run.iter().map(|grp| Visit {
            s: grp.leaf,
            w: grp.w,
            dw: grp.dw,
            first: grp.first,
        });
        walker.walk(leaves, &mut sums, None);
        if let Some(tags) = classes.get(run[0].class as usize) {
            merge(g, tags, &sums);
        }
        sums.clear();
    }
}

/// The tag classes and the weighing samples' groups, by class and then stack node.
fn group(prepared: &Prepared, g: &mut Built, tag_unit: &str) -> (Vec<ClassTags>, Vec<Group>) {
    let profile = prepared.profile();
    let value = prepared.value();
    let mut tagger = Tagger::new(prepared, tag_unit);
    let mut set_class = vec![UNSEEN; profile.label_sets.len()];
    let mut class_index: FxHashMap<ClassTags, u32> = FxHashMap::default();
    let mut classes: Vec<ClassTags> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    for (i, leaf) in prepared.samples() {
        let Some(leaf) = leaf else { continue };
        let (w, dw) = value.weigh(&profile.samples, i);
        if w == 0 && dw == 0 {
            continue;
        }
        let set = profile.samples.labels(i).index();
        let class = match set_class.get(set) {
            Some(&c) if c != UNSEEN => c,
            _ => {
                let tags = tagger.tags(g, i);
                let c = if tags.labels == 0 && tags.numeric.is_empty() {
                    NONE
                } else {
                    let key = (tags.labels, tags.numeric.clone());
                    *class_index.entry(key).or_insert_with_key(|k| {
                        classes.push(k.clone());
                        (classes.len() - 1) as u32
                    })
                };
                if let Some(slot) = set_class.get_mut(set) {
                    *slot = c;
                }
                c
            }
        };
        if class != NONE {
            groups.push(Group {
                class,
                leaf: leaf.0,
                first: u32::try_from(i).unwrap_or(NONE),
                w,
                dw,
            });
        }
    }
    groups.sort_unstable_by_key(|x| (x.class, x.leaf, x.first));
    groups.dedup_by(|b, a| {
        let same = a.class == b.class && a.leaf == b.leaf;
        if same {
            a.w = a.w.wrapping_add(b.w);
            a.dw = a.dw.wrapping_add(b.dw);
        }
        same
    });
    (classes, groups)
}

/// Adds one class's node sums to the nodes' tags.
fn merge(g: &mut Built, (labels, numeric): &ClassTags, sums: &NodeSums) {
    for &n in &sums.touched {
        let ni = n as usize;
        let add = |t: &mut TagSums| {
            t.flat = t.flat.wrapping_add(sums.flat[ni]);
            t.flat_div = t.flat_div.wrapping_add(sums.flat_div[ni]);
            t.cum = t.cum.wrapping_add(sums.cum[ni]);
            t.cum_div = t.cum_div.wrapping_add(sums.cum_div[ni]);
        };
        if *labels != 0 {
            if let Some(tags) = g.label_tags.get_mut(ni) {
                add(tags.entry(*labels).or_default());
            }
        }
        let first = sums.first[ni];
        let Some(tags) = g.numeric_tags.get_mut(ni) else {
            continue;
        };
        for &(name, value, unit) in numeric {
            let t = tags.entry((*labels, name)).or_insert_with(|| TagSums {
                value,
                unit,
                first,
                ..TagSums::default()
            });
            if first < t.first {
                t.value = value;
                t.unit = unit;
                t.first = first;
            }
            add(t);
        }
    }
}
