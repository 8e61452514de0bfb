//! `CallTree::build_under_in`: zooming into a stand-in loads the nodes it stood for. Below the
//! stand-in's parent, every node has the full tree's sums for the same call path, and the
//! parent's children that the first tree dropped add up to the stand-in.

use crate::invariants::check_all;
use crate::limited::FIXTURE_LIMITS;
use crate::support::{own, prepared, shared_fixtures};
use pprofview::model::Profile;
use pprofview::query::{CallTree, CallTreeScratch, Frame, Granularity};
use std::collections::HashMap;

/// The frames of the path from the root to `node` (the root itself has none).
fn path_to(tree: &CallTree, mut node: u32) -> Vec<Frame> {
    let mut path = Vec::new();
    while node != 0 {
        path.push(tree.frames[tree.frame[node as usize] as usize].clone());
        node = tree.parent[node as usize];
    }
    path.reverse();
    path
}

/// The node at `path` in `tree`.
fn find(tree: &CallTree, path: &[Frame]) -> Option<u32> {
    let mut node = 0u32;
    for f in path {
        node = tree
            .children(node)
            .find(|&c| &tree.frames[tree.frame[c as usize] as usize] == f)?;
    }
    Some(node)
}

fn sums(tree: &CallTree, n: u32) -> (i64, i64, i64) {
    let i = n as usize;
    (tree.total[i], tree.self_value[i], tree.weight[i])
}

/// Opens up to `most` stand-ins of the tree of `p` limited to `max_nodes`; returns how many.
fn check_under(p: &Profile, index: usize, max_nodes: usize, most: usize) -> Result<usize, String> {
    let prepared = prepared(p, index);
    let g = Granularity::FileFunctions;
    let full = CallTree::build(&prepared, g);
    let limited = CallTree::build_limited(&prepared, g, None, max_nodes);
    let Some(elided) = limited.elided_frame else {
        return Ok(0);
    };
    let mut child: HashMap<(u32, u32), u32> = HashMap::new();
    for n in 1..full.len() {
        child.insert((full.parent[n], full.frame[n]), n as u32);
    }
    let mut scratch = CallTreeScratch::default();
    let mut opened = 0;
    for n in (1..limited.len() as u32).filter(|&n| limited.frame[n as usize] == elided) {
        let parent = limited.parent[n as usize];
        let path = path_to(&limited, parent);
        // No limit below the parent: everything the stand-in stood for is loaded.
        let under = CallTree::build_under_in(&prepared, g, &path, 0, &mut scratch)
            .ok_or("the stand-in's parent is not in the tree")?;
        check_all(&under).map_err(|e| format!("tree under {path:?}: {e}"))?;
        let at = find(&under, &path).ok_or("the path is not in the tree below it")?;
        let in_full = find(&full, &path).ok_or("the path is not in the full tree")?;
        ensure!(
            sums(&under, at) == sums(&full, in_full),
            "the parent's sums differ"
        );
        // Below the parent: the full tree's nodes, with its sums. (One build of the same
        // query, so the same frame indexes.)
        ensure!(
            under.frames.get(..full.frames.len()) == Some(&full.frames[..]),
            "the frames differ"
        );
        let mut stack = vec![(at, in_full)];
        while let Some((m, full_m)) = stack.pop() {
            for c in under.children(m) {
                let frame = under.frame[c as usize];
                ensure!(frame != elided || m != at, "a stand-in below the parent");
                if frame == elided {
                    continue;
                }
                let full_c = *child
                    .get(&(full_m, frame))
                    .ok_or(format!("node {c} is not in the full tree"))?;
                ensure!(
                    sums(&under, c) == sums(&full, full_c),
                    "node {c} has other sums"
                );
                stack.push((c, full_c));
            }
        }
        // The children the first tree dropped add up to its stand-in.
        let kept: Vec<&Frame> = limited
            .children(parent)
            .filter(|&c| c != n)
            .map(|c| &limited.frames[limited.frame[c as usize] as usize])
            .collect();
        let dropped: i64 = under
            .children(at)
            .filter(|&c| !kept.contains(&&under.frames[under.frame[c as usize] as usize]))
            .map(|c| under.total[c as usize])
            .sum();
        ensure!(
            dropped == limited.total[n as usize],
            "dropped {dropped}, stand-in {}",
            limited.total[n as usize]
        );
        // Limited again below the parent: still the full tree's sums for what is kept.
        let small = CallTree::build_under_in(&prepared, g, &path, max_nodes, &mut scratch)
            .ok_or("no limited tree below the parent")?;
        check_all(&small).map_err(|e| format!("limited tree under {path:?}: {e}"))?;
        let at_small = find(&small, &path).ok_or("the path is not in the limited tree")?;
        ensure!(
            sums(&small, at_small) == sums(&full, in_full),
            "the parent's sums differ (limited)"
        );
        opened += 1;
        if opened == most {
            break;
        }
    }
    Ok(opened)
}

#[test]
fn stand_ins_open_to_the_full_trees_nodes() {
    let mut opened = 0;
    for (stem, max) in FIXTURE_LIMITS {
        let p = own(stem);
        for index in 0..p.sample_types.len() {
            opened += check_under(&p, index, max, 8).unwrap_or_else(|e| panic!("{stem}: {e}"));
        }
    }
    if let Some(large) =
        shared_fixtures().and_then(|s| s.iter().find(|f| f.name.ends_with("large.cpu.pb.gz")))
    {
        opened +=
            check_under(&large.profile, 1, 2_000, 4).unwrap_or_else(|e| panic!("large.cpu: {e}"));
    }
    println!("{opened} stand-ins opened");
    assert!(opened > 10, "only {opened} stand-ins opened");
}

#[test]
fn a_path_not_in_the_tree_is_none() {
    let p = own("go_cpu");
    let prepared = prepared(&p, 0);
    let missing = Frame {
        name: "no.such.function".to_string(),
        file: String::new(),
        line: 0,
        inlined: false,
    };
    let mut scratch = CallTreeScratch::default();
    let got = CallTree::build_under_in(
        &prepared,
        Granularity::FileFunctions,
        &[missing],
        0,
        &mut scratch,
    );
    assert!(got.is_none());
}

/// The session's flame graph of `stem` for `under` (frame names, root first).
fn session_graph(stem: &str, under: &[String]) -> pprofview::session::FlameGraph {
    use pprofview::session::{FlameRequest, Request, Response, Session, SourceBytes};
    let path = crate::harness::fixtures()
        .join("profiles")
        .join(format!("{stem}.pb.gz"));
    let source = SourceBytes {
        name: format!("{stem}.pb.gz"),
        bytes: std::fs::read(&path).expect("fixture is readable"),
    };
    let mut session = Session::new(Default::default());
    let loaded = session.handle(Request::Load {
        sources: vec![source],
        bases: Vec::new(),
    });
    assert!(
        matches!(loaded.last(), Some(Response::Loaded(_))),
        "{loaded:?}"
    );
    let request = FlameRequest {
        query: Default::default(),
        under: under.to_vec(),
    };
    match session.handle(Request::Flame(request)).pop() {
        Some(Response::Flame(g)) => {
            let mut g = *g;
            g.tree.reindex();
            g
        }
        other => panic!("no flame graph: {other:?}"),
    }
}

#[test]
fn the_session_loads_the_tree_below_a_zoom_path_of_names() {
    let whole = session_graph("go_cpu", &[]);
    let tree = &whole.tree;
    // The deepest node along the heaviest path, a few levels down.
    let mut node = 0u32;
    for _ in 0..4 {
        match tree.children(node).next() {
            Some(c) => node = c,
            None => break,
        }
    }
    let names: Vec<String> = path_to(tree, node).into_iter().map(|f| f.name).collect();
    let below = session_graph("go_cpu", &names);
    assert!(below.warnings.is_empty(), "{:?}", below.warnings);
    let at = below.tree.find_path(&names);
    assert_eq!(at.1, names.len(), "the path is in the tree below it");
    assert_eq!(sums(&below.tree, at.0), sums(tree, node));
    assert_eq!(
        below.tree.total[0], tree.total[0],
        "the root keeps the whole total"
    );
    // A path that is not in the graph: the whole graph, and a warning that says so.
    let missing = session_graph("go_cpu", &["no.such.function".to_string()]);
    assert_eq!(missing.tree, whole.tree);
    assert!(
        missing
            .warnings
            .iter()
            .any(|w| w.contains("no.such.function")),
        "{:?}",
        missing.warnings
    );
}
