//! The program model: functions, their call graph and locations, goroutine roots.
//!
//! Consumes what [`build`](super::build) adds to it (functions by name, call edges,
//! locations, roots); produces stacks: [`World::draw`] walks the call graph from a
//! weighted random root and yields the sample's location indices and labels as a [`Draw`].

use super::names::{hash, library_file, runtime_file};
use super::rng::Rng;
use std::collections::HashMap;

/// Deepest application layer (handlers are layer 0).
pub(super) const MAX_LAYER: u32 = 16;
/// "None" for a `u32` index (no inlined frame, no label).
pub(super) const NONE: u32 = u32::MAX;
/// Number of distinct `tenant` label values.
pub(super) const TENANTS: usize = 24;

/// Where a function comes from; it sets its odds of ending a stack and its location count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// The Go runtime (`runtime.*`).
    Runtime,
    /// The standard library and third-party modules.
    Std,
    /// The generated services.
    App,
}

/// One function of the program.
pub(super) struct Func {
    /// Go function name, e.g. `github.com/acme/svc07/pkg03.(*Type2).Method5`.
    pub(super) name: String,
    /// Its source file.
    pub(super) file: String,
    /// Line of its declaration.
    pub(super) start_line: u32,
    /// Where it comes from.
    pub(super) kind: Kind,
    /// Application layer, `0..=MAX_LAYER` (0 for library functions).
    pub(super) layer: u32,
    /// Functions it calls (indices into `World::funcs`), hottest first.
    pub(super) callees: Vec<u32>,
    /// Chance to end the stack here (when there is a callee to go to).
    pub(super) stop: f32,
    /// Recursion: the function called again (itself or a partner) and the chance to do so.
    pub(super) rec: Option<(u32, f32)>,
    /// This function's locations: `locs.0 .. locs.0 + locs.1`. The first ones are call
    /// sites (one per callee, or a single one for `single_site` functions); the rest are
    /// where it spends its own time.
    pub(super) locs: (u32, u32),
    /// Number of call-site locations at the start of `locs`.
    pub(super) sites: u32,
    /// One call instruction for all callees (an indirect call, or `runtime.goexit`).
    pub(super) single_site: bool,
}

/// One location (program counter) of the program.
pub(super) struct Loc {
    /// The function it is in (index into `World::funcs`).
    pub(super) func: u32,
    /// Its address in the text segment.
    pub(super) address: u64,
    /// Its source line.
    pub(super) line: u32,
    /// Inlined frames (function, line), innermost first; `u32::MAX` = none.
    pub(super) inl: [(u32, u32); 2],
}

/// A goroutine start: the frames every stack from it begins with.
pub(super) struct Root {
    /// Functions from the outermost (`runtime.goexit`, …) down to the hand-over point.
    pub(super) prefix: Vec<u32>,
    /// When set, the next frame is picked from this list (goroutine entry closures).
    pub(super) then: Option<Vec<u32>>,
    /// Relative odds of a stack starting here.
    pub(super) weight: u32,
}

/// The generated program.
pub(super) struct World {
    /// All functions, library ones first.
    pub(super) funcs: Vec<Func>,
    /// Function index by name.
    pub(super) by_name: HashMap<String, u32>,
    /// All locations, each function's in one run (see `Func::locs`).
    pub(super) locs: Vec<Loc>,
    /// Goroutine roots.
    pub(super) roots: Vec<Root>,
    /// Sum of the roots' weights.
    pub(super) root_weight_total: u32,
    /// Running sums of the roots' weights, for picking one.
    pub(super) root_cumulative: Vec<u32>,
    /// Root index of the HTTP handler goroutines (their samples get labels).
    pub(super) http_root: usize,
}

impl World {
    /// Adds a function (or finds the one with that name) and returns its index.
    pub(super) fn add(
        &mut self,
        name: String,
        file: String,
        start_line: u32,
        kind: Kind,
        layer: u32,
    ) -> u32 {
        if let Some(&i) = self.by_name.get(&name) {
            return i;
        }
        let i = self.funcs.len() as u32;
        self.by_name.insert(name.clone(), i);
        let stop = match kind {
            Kind::Runtime => 0.25,
            Kind::Std => 0.25,
            Kind::App => {
                let depth = layer as f32 / MAX_LAYER as f32;
                0.01 + 0.06 * depth * depth
            }
        };
        self.funcs.push(Func {
            name,
            file,
            start_line,
            kind,
            layer,
            callees: Vec::new(),
            stop,
            rec: None,
            locs: (0, 0),
            sites: 0,
            single_site: false,
        });
        i
    }

    /// Adds a runtime or library function by name (file and line derived from the name),
    /// or finds it; returns its index.
    pub(super) fn library(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let runtime = name.starts_with("runtime");
        let (file, kind) = if runtime {
            (runtime_file(name), Kind::Runtime)
        } else {
            (library_file(name), Kind::Std)
        };
        let line = 20 + (hash(name) % 1500) as u32;
        self.add(name.to_string(), file, line, kind, 0)
    }

    /// Adds the call edge `from` → `to` (once).
    pub(super) fn edge(&mut self, from: u32, to: u32) {
        let c = &mut self.funcs[from as usize].callees;
        if !c.contains(&to) {
            c.push(to);
        }
    }
}

/// One drawn stack: global location indices, root first, and its labels.
#[derive(Default)]
pub(super) struct Draw {
    /// Location indices (into `World::locs`), root first.
    pub(super) frames: Vec<u32>,
    /// The HTTP handler the `handler` label names, or `NONE`.
    pub(super) handler: u32,
    /// The `tenant` label's value index, or `NONE`.
    pub(super) tenant: u32,
}

impl Draw {
    /// Identifies the (stack, labels) pair; 64 bits make collisions among a few million
    /// pairs vanishingly unlikely.
    pub(super) fn hash(&self) -> u64 {
        let mut h = 0x243F_6A88_85A3_08D3u64 ^ self.frames.len() as u64;
        for &x in self.frames.iter().chain([self.handler, self.tenant].iter()) {
            h = (h ^ x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            h ^= h >> 29;
        }
        h
    }
}

impl World {
    /// The call-site location in `f` for its call to `callee`.
    fn site(&self, f: u32, callee: u32) -> u32 {
        let fd = &self.funcs[f as usize];
        if fd.single_site {
            return fd.locs.0;
        }
        let pos = fd.callees.iter().position(|&c| c == callee).unwrap_or(0);
        fd.locs.0 + pos as u32
    }

    /// Draws one stack: a root, then a walk down the call graph.
    pub(super) fn draw(&self, rng: &mut Rng, max_depth: usize, out: &mut Draw) {
        let frames = &mut out.frames;
        frames.clear();
        let pick = rng.below(self.root_weight_total as usize) as u32;
        let ri = self.root_cumulative.partition_point(|&c| c <= pick);
        let root = &self.roots[ri];
        for pair in root.prefix.windows(2) {
            frames.push(self.site(pair[0], pair[1]));
        }
        let mut cur = *root.prefix.last().unwrap_or(&0);
        if let Some(list) = &root.then {
            let next = list[rng.skewed(list.len())];
            frames.push(self.site(cur, next));
            cur = next;
        }
        let entry_frames = frames.len();
        let mut entry = NONE;
        while frames.len() + 1 < max_depth {
            let f = &self.funcs[cur as usize];
            let next = match f.rec {
                Some((partner, p)) if rng.chance(p as f64) => partner,
                _ if f.callees.is_empty() || rng.chance(f.stop as f64) => break,
                _ => f.callees[rng.skewed(f.callees.len())],
            };
            frames.push(self.site(cur, next));
            if frames.len() == entry_frames + 1 {
                entry = next;
            }
            cur = next;
        }
        let fd = &self.funcs[cur as usize];
        let own = (fd.locs.1 - fd.sites).max(1);
        let first = fd.locs.0 + fd.locs.1 - own;
        frames.push(first + rng.skewed(own as usize) as u32);

        // pprof labels (`pprof.Do`) on some HTTP requests: the route, sometimes the tenant.
        out.handler = NONE;
        out.tenant = NONE;
        if ri == self.http_root && entry != NONE && rng.chance(0.3) {
            out.handler = entry;
            if rng.chance(0.6) {
                out.tenant = rng.skewed(TENANTS) as u32;
            }
        }
    }
}
