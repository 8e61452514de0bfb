//! A call-graph node's tags as DOT nodelets (pprof's `addNodelets`): its heaviest label
//! strings, each with the numeric tags of its samples, then the numeric tags of samples
//! without labels; at most four of each, numbers beyond four collapsed into ranges
//! (`collapsedTags`).

use super::ValueFormat;
use crate::model::units::{label, scale};
use crate::query::{GraphNode, Tag};
use std::cmp::Ordering;
use std::fmt::Write;

/// Most nodelets per group (pprof's `maxNodelets`).
const MAX_NODELETS: usize = 4;

/// pprof's `SortTags`: by |cum| unless `flat`, then |flat|, then name.
fn sort_tags(tags: &mut [Tag], flat: bool) {
    tags.sort_by(|a, b| {
        let cum = if flat {
            Ordering::Equal
        } else {
            b.cum.wrapping_abs().cmp(&a.cum.wrapping_abs())
        };
        cum.then_with(|| b.flat.wrapping_abs().cmp(&a.flat.wrapping_abs()))
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// The nodelets of node `n` (pprof's `N{id}`); `flat_tags` when the node calls others
/// (its tags then weigh their flat). Empty when it has none to show.
pub(super) fn nodelets(n: &GraphNode, id: usize, flat_tags: bool, fmt: &ValueFormat) -> String {
    let mut out = String::new();
    let mut tags = n.label_tags.clone();
    sort_tags(&mut tags, flat_tags);
    tags.truncate(MAX_NODELETS);
    let numeric = |key: &str| {
        n.numeric_tags
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    };
    for (i, t) in tags.iter().enumerate() {
        let w = if flat_tags {
            t.flat_value()
        } else {
            t.cum_value()
        };
        if w == 0 {
            continue;
        }
        let weight = fmt.format(w);
        let _ = writeln!(
            out,
            "N{id}_{i} [label = \"{}\" id=\"N{id}_{i}\" fontsize=8 shape=box3d tooltip=\"{weight}\"]",
            t.name
        );
        let _ = writeln!(
            out,
            "N{id} -> N{id}_{i} [label=\" {weight}\" weight=100 tooltip=\"{weight}\" labeltooltip=\"{weight}\"]"
        );
        if let Some(nts) = numeric(&t.name) {
            out.push_str(&numeric_nodelets(
                nts,
                flat_tags,
                &format!("N{id}_{i}"),
                fmt,
            ));
        }
    }
    if let Some(nts) = numeric("") {
        out.push_str(&numeric_nodelets(nts, flat_tags, &format!("N{id}"), fmt));
    }
    out
}

/// pprof's `numericNodelets`: the (collapsed) numeric tags hung below `source`.
fn numeric_nodelets(tags: &[Tag], flat_tags: bool, source: &str, fmt: &ValueFormat) -> String {
    let mut out = String::new();
    for (j, t) in collapsed(tags, MAX_NODELETS, flat_tags).iter().enumerate() {
        let (w, attr) = if flat_tags || t.flat_value() == t.cum_value() {
            (t.flat_value(), "")
        } else {
            (t.cum_value(), " style=\"dotted\"")
        };
        if w == 0 {
            continue;
        }
        let weight = fmt.format(w);
        let _ = writeln!(
            out,
            "N{source}_{j} [label = \"{}\" id=\"N{source}_{j}\" fontsize=8 shape=box3d tooltip=\"{weight}\"]",
            t.name
        );
        let _ = writeln!(
            out,
            "{source} -> N{source}_{j} [label=\" {weight}\" weight=100 tooltip=\"{weight}\" labeltooltip=\"{weight}\"{attr}]"
        );
    }
    out
}

/// pprof's `collapsedTags`: the tags sorted; past `count`, each joins the group of the
/// nearest of the first `count` and every group becomes one `min..max` tag.
fn collapsed(tags: &[Tag], count: usize, flat: bool) -> Vec<Tag> {
    let mut tags = tags.to_vec();
    sort_tags(&mut tags, flat);
    if tags.len() <= count {
        return tags;
    }
    let mut groups: Vec<Vec<&Tag>> = tags[..count].iter().map(|t| vec![t]).collect();
    for t in &tags[count..] {
        let (mut g, mut d) = (0, distance(t, groups[0][0]));
        for (i, group) in groups.iter().enumerate().skip(1) {
            let nd = distance(t, group[0]);
            if nd < d {
                (g, d) = (i, nd);
            }
        }
        groups[g].push(t);
    }
    let mut out: Vec<Tag> = groups.iter().map(|g| group_tag(g)).collect();
    sort_tags(&mut out, flat);
    out
}

/// pprof's `tagDistance`: how far `u`'s number is from `t`'s, in `t`'s unit.
fn distance(t: &Tag, u: &Tag) -> f64 {
    let v = scale(u.value, &u.unit, &t.unit).0;
    (t.value as f64 - v).abs()
}

/// pprof's `tagGroupLabel`: one tag for a group, named by its smallest and largest number.
fn group_tag(g: &[&Tag]) -> Tag {
    let tag = |name: String, flat: i64, cum: i64| Tag {
        name,
        unit: String::new(),
        value: 0,
        flat,
        flat_div: 0,
        cum,
        cum_div: 0,
    };
    if let [t] = g {
        return tag(label(t.value, &t.unit), t.flat_value(), t.cum_value());
    }
    let (mut min, mut max) = (g[0], g[0]);
    let (mut f, mut df, mut c, mut dc) = (min.flat, min.flat_div, min.cum, min.cum_div);
    for t in &g[1..] {
        if (scale(t.value, &t.unit, &min.unit).0 as i64) < min.value {
            min = t;
        }
        if (scale(t.value, &t.unit, &max.unit).0 as i64) > max.value {
            max = t;
        }
        f = f.wrapping_add(t.flat);
        df = df.wrapping_add(t.flat_div);
        c = c.wrapping_add(t.cum);
        dc = dc.wrapping_add(t.cum_div);
    }
    if df != 0 {
        f = f.wrapping_div(df);
    }
    if dc != 0 {
        c = c.wrapping_div(dc);
    }
    let name = format!(
        "{}..{}",
        label(min.value, &min.unit),
        label(max.value, &max.unit)
    );
    tag(name, f, c)
}
