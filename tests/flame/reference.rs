//! An independent reference for call-tree values: every sample expanded root to leaf
//! from the profile model (locations root first, each location's lines outermost first),
//! its value added to every prefix of its frame path. Shares no code with `CallTree`.

use pprofview::model::{LocId, Profile};
use pprofview::query::{go_base, go_clean, CallTree, Granularity};
use std::collections::HashMap;

/// A frame as the flame graph keys it: display name, file (empty when the granularity
/// drops it) and whether it was inlined at this call site.
pub type Key = (String, String, bool);

/// Sums of one call path: (total, self, weight = Σ|value|).
pub type Sums = (i64, i64, i64);

/// Call paths as a trie of frame keys; node 0 is the empty path (the root).
#[derive(Default)]
pub struct PathTrie {
    keys: HashMap<Key, u32>,
    child: HashMap<(u32, u32), u32>,
    /// Sums per trie node.
    pub sums: Vec<Sums>,
}

impl PathTrie {
    fn key_id(&mut self, key: Key) -> u32 {
        let n = self.keys.len() as u32;
        *self.keys.entry(key).or_insert(n)
    }

    fn step(&mut self, at: u32, key: u32) -> u32 {
        let n = self.sums.len() as u32;
        let id = *self.child.entry((at, key)).or_insert(n);
        if id == n {
            self.sums.push((0, 0, 0));
        }
        id
    }

    fn add(&mut self, node: u32, v: i64, leaf: bool) {
        let s = &mut self.sums[node as usize];
        s.0 += v;
        s.2 += v.abs();
        if leaf {
            s.1 += v;
        }
    }
}

/// The cleaned file name of a function's file, as pprof's `trimPath` + `filepath.Clean`.
fn clean_file(raw: &str) -> String {
    let trimmed = ["/proc/self/cwd/./", "/proc/self/cwd/"]
        .iter()
        .find_map(|p| raw.strip_prefix(p))
        .unwrap_or(raw);
    go_clean(trimmed)
}

/// The keys of location `loc`, outermost (the function owning the address) first.
fn location_keys(p: &Profile, loc: LocId, files: bool) -> Vec<Key> {
    let l = p.location(loc);
    let objfile = l.mapping.map_or("", |m| p.str(p.mapping(m).file));
    let unnamed = || {
        if objfile.is_empty() {
            "<unknown>".to_string()
        } else {
            format!("[{}]", go_base(objfile))
        }
    };
    let lines = p.lines_of(loc);
    if lines.is_empty() {
        return vec![(unnamed(), String::new(), false)];
    }
    // Lines are stored innermost first.
    lines
        .iter()
        .rev()
        .enumerate()
        .map(|(pos, line)| {
            let f = p.function(line.function);
            let raw = p.str(f.filename);
            let file = if files && !raw.is_empty() {
                clean_file(raw)
            } else {
                String::new()
            };
            let name = match p.str(f.name) {
                "" if !file.is_empty() => file.clone(),
                "" => unnamed(),
                name => name.to_string(),
            };
            (name, file, pos > 0)
        })
        .collect()
}

/// The reference sums of every call path of `profile`'s sample type `index` at
/// `granularity` (filefunctions or functions only), over the samples `keep` allows. Samples
/// without frames count nowhere: pprof's filtering drops them from every report.
pub fn reference(
    profile: &Profile,
    index: usize,
    granularity: Granularity,
    keep: Option<&[bool]>,
) -> PathTrie {
    let files = match granularity {
        Granularity::FileFunctions => true,
        Granularity::Functions => false,
        g => panic!("no reference for {g:?}"),
    };
    let mut trie = PathTrie {
        sums: vec![(0, 0, 0)],
        ..PathTrie::default()
    };
    let mut loc_keys: HashMap<LocId, Vec<u32>> = HashMap::new();
    for i in 0..profile.samples.len() {
        if keep.is_some_and(|k| !k[i]) || profile.samples.stack(i).is_none() {
            continue;
        }
        let v = profile.samples.values(i)[index];
        let mut locs: Vec<LocId> = profile
            .stacks
            .path_leaf_first(profile.samples.stack(i))
            .collect();
        locs.reverse();
        let mut path: Vec<u32> = Vec::new();
        for loc in locs {
            let ids = loc_keys.entry(loc).or_insert_with(|| {
                location_keys(profile, loc, files)
                    .into_iter()
                    .map(|k| trie.key_id(k))
                    .collect()
            });
            path.extend(ids.iter());
        }
        let mut at = 0;
        trie.add(0, v, path.is_empty());
        for (d, &k) in path.iter().enumerate() {
            at = trie.step(at, k);
            trie.add(at, v, d + 1 == path.len());
        }
    }
    trie
}

/// Compares `tree` with the reference: every tree node's sums, added up over tree nodes
/// with equal key paths (frames may share a display name), equal the reference's, and
/// every reference path with any weight is in the tree. Returns the number of paths.
pub fn compare(tree: &CallTree, reference: &mut PathTrie) -> Result<usize, String> {
    let mut got: Vec<Sums> = vec![(0, 0, 0); reference.sums.len()];
    let mut at = vec![0u32; tree.len()];
    got[0] = (tree.total[0], tree.self_value[0], tree.weight[0]);
    for n in 1..tree.len() {
        let f = tree
            .frame_of(n as u32)
            .ok_or(format!("node {n} has no frame"))?;
        let key: Key = (f.name.clone(), f.file.clone(), f.inlined);
        let parent = at[tree.parent[n] as usize];
        let k = *reference
            .keys
            .get(&key)
            .ok_or(format!("frame {key:?} not in the samples"))?;
        let id = *reference
            .child
            .get(&(parent, k))
            .ok_or(format!("path to node {n} ({key:?}) not in the samples"))?;
        at[n] = id;
        let g = &mut got[id as usize];
        *g = (
            g.0 + tree.total[n],
            g.1 + tree.self_value[n],
            g.2 + tree.weight[n],
        );
    }
    for (id, (want, got)) in reference.sums.iter().zip(&got).enumerate() {
        if want != got {
            let path = describe(reference, id as u32);
            return Err(format!(
                "path {path}: reference (total, self, weight) {want:?}, tree {got:?}"
            ));
        }
    }
    Ok(reference.sums.len())
}

/// The key path of trie node `id`, for messages.
fn describe(trie: &PathTrie, id: u32) -> String {
    let names: HashMap<u32, &Key> = trie.keys.iter().map(|(k, &v)| (v, k)).collect();
    let parents: HashMap<u32, (u32, u32)> =
        trie.child.iter().map(|(&(p, k), &c)| (c, (p, k))).collect();
    let mut out = Vec::new();
    let mut at = id;
    while let Some(&(p, k)) = parents.get(&at) {
        out.push(format!("{:?}", names[&k]));
        at = p;
    }
    out.reverse();
    format!("root;{}", out.join(";"))
}
