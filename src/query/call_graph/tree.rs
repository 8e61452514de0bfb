//! pprof's call graph in call-tree form (`-call_tree`: `graph.newTree` and `TrimTree`):
//! every call path to a function is a node of its own, and trimming splices dropped nodes
//! out of the tree instead of rebuilding it.
//!
//! Consumes a prepared query and a [`NodeTable`]; produces a [`Built`] whose graph nodes
//! are the tree's (each mapped to its table node). A sample adds its weight to every node
//! on its path (cum: recursion makes new nodes, so nothing counts twice) and to its leaf
//! (flat); every tree edge carries the weight of the samples through its callee.
//! [`trim_tree`] keeps the given nodes: a dropped node's callees move up to its caller
//! through a residual edge (inline when both calls were), a dropped root's callees become
//! roots.

use super::build::{for_each_path, Built, EdgeSums, Tagger};
use super::order::remove_redundant_edges;
use crate::query::nodes::{NodeId, NodeTable};
use crate::query::prepared::Prepared;
use rustc_hash::FxHashMap;

const NONE: u32 = u32::MAX;

/// pprof's `newTree` over `nodes`, tags named in `tag_unit`.
pub(super) fn build_tree(prepared: &Prepared, nodes: &NodeTable, tag_unit: &str) -> Built {
    let profile = prepared.profile();
    let mut g = Built::default();
    let mut tagger = Tagger::new(prepared, tag_unit);
    let mut children: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    // Per graph node: the edge into it (NONE for a root).
    let mut into: Vec<u32> = Vec::new();
    let tree = &profile.stacks;
    for_each_path(prepared, |i, w, dw, path| {
        let tags = tagger.tags(&mut g, i);
        let mut parent = NONE;
        for &s in path.iter().rev() {
            if !prepared.node_visible(s) {
                continue;
            }
            for (fi, &t) in nodes.frames(tree.loc(s)).iter().enumerate() {
                let n = match children.get(&(parent, t.0)) {
                    Some(&n) => n,
                    None => {
                        let n = g.push_node(t).0;
                        children.insert((parent, t.0), n);
                        into.push(if parent == NONE {
                            NONE
                        } else {
                            g.edges.len() as u32
                        });
                        if parent != NONE {
                            g.edges.push(EdgeSums {
                                from: NodeId(parent),
                                to: NodeId(n),
                                weight: 0,
                                weight_div: 0,
                                inline: true,
                                residual: false,
                                removed: false,
                            });
                        }
                        n
                    }
                };
                g.add_sample(n as usize, w, dw, tags, false);
                if let Some(e) = g.edges.get_mut(into[n as usize] as usize) {
                    e.weight = e.weight.wrapping_add(w);
                    e.weight_div = e.weight_div.wrapping_add(dw);
                    e.inline &= fi != 0;
                }
                parent = n;
            }
        }
        if parent != NONE {
            g.add_sample(parent as usize, w, dw, tags, true);
        }
    });
    g.select_present(prepared.query().drop_negative);
    g
}

/// pprof's `TrimTree`: keeps the graph nodes `kept` marks (see the module documentation),
/// then removes redundant residual edges.
pub(super) fn trim_tree(g: &mut Built, kept: &[bool], nodes: &NodeTable) {
    let n = g.table.len();
    let mut into: Vec<Option<usize>> = vec![None; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in g.edges.iter().enumerate().filter(|(_, e)| !e.removed) {
        into[e.to.index()] = Some(i);
        out[e.from.index()].push(i);
    }
    let old = std::mem::take(&mut g.present);
    for &cur in &old {
        if kept[cur.index()] {
            g.present.push(cur);
            continue;
        }
        let moved = std::mem::take(&mut out[cur.index()]);
        match into[cur.index()] {
            None => {
                for oe in moved {
                    g.edges[oe].removed = true;
                    into[g.edges[oe].to.index()] = None;
                }
            }
            Some(pe) => {
                let parent = g.edges[pe].from;
                let inline = g.edges[pe].inline;
                g.edges[pe].removed = true;
                for oe in moved {
                    let e = &mut g.edges[oe];
                    if e.removed {
                        continue;
                    }
                    e.from = parent;
                    e.residual = true;
                    e.inline &= inline;
                    out[parent.index()].push(oe);
                }
            }
        }
    }
    remove_redundant_edges(g, nodes);
}
