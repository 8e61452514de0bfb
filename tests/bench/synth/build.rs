//! Building the program model from a seed.
//!
//! Consumes the runtime and standard-library call chains of [`chains`](crate::chains) and
//! the PRNG; produces the [`World`]: thirty services `github.com/acme/svcNN` of ten
//! packages each (types, methods, package functions, closures) in layers, the call graph
//! between them and into the library, recursion, the goroutine roots, and every function's
//! locations (call sites, own-time sites, inlined frames) laid out in one text segment.

use super::rng::Rng;
use super::world::{Kind, Loc, Root, World, MAX_LAYER, NONE};
use crate::chains::{CHAINS, INLINABLE};
use std::collections::HashMap;

/// Generated services; the first `LIB_SERVICES` are libraries the others call.
const SERVICES: usize = 30;
/// Services that are shared libraries (deep layers only, called from every service).
const LIB_SERVICES: usize = 5;
/// Packages per service.
const PKGS: usize = 10;
/// Types per package.
const TYPES: usize = 6;
/// Methods per type (the last one is `String`).
const METHODS: usize = 8;
/// Package-level functions per package.
const PKG_FUNCS: usize = 16;

/// Builds the program: functions, call graph, locations, roots.
pub(super) fn build_world(rng: &mut Rng) -> World {
    let mut w = World {
        funcs: Vec::new(),
        by_name: HashMap::new(),
        locs: Vec::new(),
        roots: Vec::new(),
        root_weight_total: 0,
        root_cumulative: Vec::new(),
        http_root: 0,
    };

    // The runtime and standard library, from the chains.
    let mut runtime_entries = Vec::new();
    let mut std_entries = Vec::new();
    let mut hooks: Vec<(usize, &str)> = Vec::new();
    for line in CHAINS.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        let (weight, rest) = if head == "G" {
            let (wt, r) = rest.split_once(' ').unwrap_or((rest, ""));
            (wt.parse::<u32>().unwrap_or(1), r)
        } else {
            (0, rest)
        };
        let mut frames = Vec::new();
        let mut hook = None;
        for name in rest.split(" > ") {
            if let Some(h) = name.strip_prefix('@') {
                hook = Some(h);
            } else {
                frames.push(w.library(name));
            }
        }
        for pair in frames.windows(2) {
            w.edge(pair[0], pair[1]);
        }
        match head {
            "G" => {
                if let Some(h) = hook {
                    hooks.push((w.roots.len(), h));
                }
                w.roots.push(Root {
                    prefix: frames,
                    then: None,
                    weight,
                });
                w.root_weight_total += weight;
            }
            "R" => runtime_entries.push(frames[0]),
            "S" => std_entries.push(frames[0]),
            _ => {}
        }
    }
    // Leaf library functions often allocate, copy or hash.
    for f in 0..w.funcs.len() {
        if w.funcs[f].kind == Kind::Std && w.funcs[f].callees.is_empty() && rng.chance(0.5) {
            for _ in 0..1 + rng.below(2) {
                let to = runtime_entries[rng.skewed(runtime_entries.len())];
                w.edge(f as u32, to);
            }
        }
    }
    let inlinable: Vec<u32> = INLINABLE.iter().map(|n| w.library(n)).collect();

    // The application: services × packages × (methods, functions, closures).
    let mut pkg_funcs: Vec<Vec<(u32, u32)>> = Vec::new(); // (layer, func), sorted by layer
    let mut handlers = Vec::new();
    let mut mains = Vec::new();
    let mut goroutines = Vec::new();
    let mut helpers: Vec<Vec<u32>> = Vec::new();
    for s in 0..SERVICES {
        for p in 0..PKGS {
            let path = format!("github.com/acme/svc{s:02}/pkg{p:02}");
            let lib = s < LIB_SERVICES;
            let (lo, hi) = if lib {
                (5, MAX_LAYER)
            } else {
                match p {
                    0 => (0, 1),
                    1 => (1, 4),
                    2..=5 => (3, 10),
                    _ => (7, MAX_LAYER),
                }
            };
            let dir = format!("/home/ci/go/src/{path}");
            let mut mine = Vec::new();
            let mut pkg_helpers = Vec::new();
            for k in 1..=TYPES {
                let file = format!("{dir}/type{k}.go");
                let mut line = 20 + rng.below(40) as u32;
                for j in 1..=METHODS {
                    let name = if j == METHODS {
                        format!("{path}.Type{k}.String")
                    } else {
                        format!("{path}.(*Type{k}).Method{j}")
                    };
                    let layer = lo + rng.below((hi - lo + 1) as usize) as u32;
                    mine.push(w.add(name, file.clone(), line, Kind::App, layer));
                    line += 15 + rng.below(80) as u32;
                }
            }
            let file = format!("{dir}/pkg{p:02}.go");
            let mut line = 30 + rng.below(40) as u32;
            for j in 1..=PKG_FUNCS {
                let name = match j {
                    15 if lib => format!("{path}.Map[...]"),
                    16 if lib => format!("{path}.Filter[...]"),
                    _ if j % 2 == 1 => format!("{path}.Func{j}"),
                    _ => format!("{path}.helper{j}"),
                };
                let layer = lo + rng.below((hi - lo + 1) as usize) as u32;
                let f = w.add(name, file.clone(), line, Kind::App, layer);
                if j % 2 == 0 {
                    pkg_helpers.push(f);
                }
                if p == 0 && j == 1 && !lib {
                    mains.push(f);
                }
                mine.push(f);
                line += 10 + rng.below(60) as u32;
            }
            for &f in &mine {
                if w.funcs[f as usize].layer == 0 && !lib {
                    handlers.push(f);
                }
            }
            // Closures, named after their enclosing function.
            let parents = mine.clone();
            for parent in parents {
                if !rng.chance(0.3) {
                    continue;
                }
                let pl = w.funcs[parent as usize].layer;
                for c in 1..=1 + rng.below(3) {
                    let name = format!("{}.func{c}", w.funcs[parent as usize].name);
                    let file = w.funcs[parent as usize].file.clone();
                    let line = w.funcs[parent as usize].start_line + 3 + 4 * c as u32;
                    let f = w.add(name, file, line, Kind::App, (pl + 1).min(MAX_LAYER));
                    if pl <= 3 && c == 1 && rng.chance(0.35) {
                        goroutines.push(f); // started with `go func() {…}()`
                    } else {
                        w.edge(parent, f);
                    }
                    mine.push(f);
                }
            }
            let mut sorted: Vec<(u32, u32)> = mine
                .iter()
                .map(|&f| (w.funcs[f as usize].layer, f))
                .collect();
            sorted.sort_unstable();
            pkg_funcs.push(sorted);
            helpers.push(pkg_helpers);
        }
    }
    let app_start = w.funcs.len() - pkg_funcs.iter().map(Vec::len).sum::<usize>();

    // Application call edges: to deeper layers, mostly nearby.
    let pick = |rng: &mut Rng, pkg: &[(u32, u32)], lo: u32, hi: u32| -> Option<u32> {
        let a = pkg.partition_point(|&(l, _)| l <= lo);
        let b = pkg.partition_point(|&(l, _)| l <= hi);
        (a < b).then(|| pkg[a + rng.below(b - a)].1)
    };
    for pi in 0..pkg_funcs.len() {
        let (s, p) = (pi / PKGS, pi % PKGS);
        for fi in 0..pkg_funcs[pi].len() {
            let f = pkg_funcs[pi][fi].1;
            let l = w.funcs[f as usize].layer;
            let n = if l >= MAX_LAYER {
                rng.below(2)
            } else {
                2 + rng.skewed(7)
            };
            for _ in 0..n {
                // Upper layers call application code; lower ones call out to the standard
                // library and the runtime more and more.
                let depth = l as f64 / MAX_LAYER as f64;
                let outside = 0.01 + 0.3 * depth * depth * depth;
                let r = rng.unit();
                let target = if r < outside * 0.75 {
                    Some(std_entries[rng.skewed(std_entries.len())])
                } else if r < outside {
                    Some(runtime_entries[rng.skewed(runtime_entries.len())])
                } else {
                    let r = (r - outside) / (1.0 - outside);
                    let near = if r < 0.5 {
                        pick(rng, &pkg_funcs[pi], l, l + 1)
                    } else if r < 0.8 {
                        let q = (p + 1 + rng.below(PKGS - 1)) % PKGS;
                        pick(rng, &pkg_funcs[s * PKGS + q], l, l + 2)
                    } else {
                        let q = rng.below(LIB_SERVICES * PKGS);
                        pick(rng, &pkg_funcs[q], l, l + 3)
                    };
                    // Nothing at the next layers there: the nearest layer below in the service.
                    near.or_else(|| {
                        let q0 = rng.below(PKGS);
                        (2..=MAX_LAYER).find_map(|k| {
                            (0..PKGS).find_map(|i| {
                                let q = s * PKGS + (q0 + i) % PKGS;
                                pick(rng, &pkg_funcs[q], l, l + k)
                            })
                        })
                    })
                };
                let target = target.unwrap_or_else(|| std_entries[rng.skewed(std_entries.len())]);
                w.edge(f, target);
            }
            // Recursion: tree walkers, parsers, retry loops.
            if w.funcs[f as usize].rec.is_none() {
                let r = rng.unit();
                let p_rec = [0.5f32, 0.7, 0.85, 0.95][rng.skewed(4)];
                if r < 0.035 {
                    w.funcs[f as usize].rec = Some((f, p_rec));
                    w.edge(f, f);
                } else if r < 0.045 {
                    let g = pkg_funcs[pi][rng.below(pkg_funcs[pi].len())].1;
                    if w.funcs[g as usize].rec.is_none() && g != f {
                        w.funcs[f as usize].rec = Some((g, p_rec));
                        w.funcs[g as usize].rec = Some((f, p_rec));
                        w.edge(f, g);
                        w.edge(g, f);
                    }
                }
            }
        }
    }

    // Wrappers on the way from a goroutine's start to its work have no time of their own.
    for r in 0..w.roots.len() {
        for i in 0..w.roots[r].prefix.len() {
            let f = w.roots[r].prefix[i] as usize;
            w.funcs[f].stop = 0.0;
        }
    }
    // Hooks: where the runtime hands over to the application.
    for (root, hook) in hooks {
        let last = *w.roots[root].prefix.last().unwrap_or(&0);
        match hook {
            "handlers" => {
                w.http_root = root;
                for &h in &handlers {
                    w.edge(last, h);
                }
            }
            "mains" => {
                for &m in &mains {
                    w.edge(last, m);
                }
            }
            _ => w.roots[root].then = Some(goroutines.clone()),
        }
    }

    // Locations: one per call site, plus a few where the function spends its own time;
    // laid out in one text segment.
    let mut address = 0x40_1000u64;
    for f in 0..w.funcs.len() {
        let fd = &w.funcs[f];
        let single = matches!(
            fd.name.as_str(),
            "runtime.goexit"
                | "runtime.mcall"
                | "runtime.mstart"
                | "runtime._System"
                | "runtime._ExternalCode"
                | "net/http.HandlerFunc.ServeHTTP"
        ) || fd.callees.len() > 16;
        let sites = if single { 1 } else { fd.callees.len() as u32 };
        let own = match fd.kind {
            _ if single => 0,
            Kind::Runtime | Kind::Std => 1 + rng.skewed(3) as u32,
            Kind::App => 1 + rng.skewed(4) as u32,
        };
        let n = (sites + own).max(1);
        let size = 32 * (2 * n as u64 + 1 + rng.below(24) as u64);
        let start = w.locs.len() as u32;
        let start_line = fd.start_line;
        for i in 0..n {
            let mut inl = [(NONE, 0); 2];
            if f >= app_start && rng.chance(0.16) {
                let depth = if rng.chance(0.3) { 2 } else { 1 };
                let pkg = pkg_index_of(&w.funcs[f].name);
                for slot in inl.iter_mut().take(depth) {
                    let g = if rng.chance(0.5) || helpers[pkg].is_empty() {
                        inlinable[rng.skewed(inlinable.len())]
                    } else {
                        helpers[pkg][rng.below(helpers[pkg].len())]
                    };
                    let line = w.funcs[g as usize].start_line + 1 + rng.below(12) as u32;
                    *slot = (g, line);
                }
            }
            w.locs.push(Loc {
                func: f as u32,
                address: address + (size * (i as u64 + 1) / (n as u64 + 1)) / 4 * 4 + 1,
                line: start_line + 1 + 3 * i + rng.below(3) as u32,
                inl,
            });
        }
        let fd = &mut w.funcs[f];
        fd.locs = (start, n);
        fd.sites = sites;
        fd.single_site = single;
        address += size;
    }
    w.root_cumulative = w
        .roots
        .iter()
        .scan(0, |acc, r| {
            *acc += r.weight;
            Some(*acc)
        })
        .collect();
    w
}

/// Index of an application function's package (`svcNN/pkgMM` → NN·PKGS + MM).
fn pkg_index_of(name: &str) -> usize {
    let num = |tag: &str| -> usize {
        name.find(tag)
            .and_then(|i| name.get(i + tag.len()..i + tag.len() + 2))
            .and_then(|d| d.parse().ok())
            .unwrap_or(0)
    };
    num("/svc") * PKGS + num("/pkg")
}
