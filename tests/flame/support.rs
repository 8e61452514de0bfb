//! Fixtures and generators shared by the flame graph tests: the real profiles (own and,
//! when present, ../shared), random profiles in the folded-stack DSL and built location by
//! location, and the call trees built from them.

use pprofview::decode::DecodeOptions;
use pprofview::encode::{from_folded, ProfileBuilder};
use pprofview::layout::FlameLayout;
use pprofview::load::{load, Source};
use pprofview::model::Profile;
use pprofview::query::{CallTree, Granularity, Prepared, Query};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::OnceLock;

use crate::harness::{fixtures, shared_testdata};

/// A real profile and the name it is reported by.
pub struct Fixture {
    /// `dir/stem`, e.g. `own/go_cpu`.
    pub name: String,
    /// The loaded profile (decoded and symbolized as the app loads it).
    pub profile: Profile,
}

/// Loads one `.pb.gz` file as the app does.
pub fn load_file(path: &Path) -> Result<Profile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.display().to_string();
    load(
        &[Source {
            name: &name,
            bytes: &bytes,
        }],
        &DecodeOptions::default(),
    )
    .map(|l| l.profile)
    .map_err(|e| format!("{name}: {e:?}"))
}

/// `tests/fixtures/profiles/<stem>.pb.gz`.
pub fn own(stem: &str) -> Profile {
    let path = fixtures().join("profiles").join(format!("{stem}.pb.gz"));
    load_file(&path).expect("own fixture loads")
}

fn gz_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            gz_files(&p, out);
        } else if p.to_string_lossy().ends_with(".pb.gz") {
            out.push(p);
        }
    }
}

/// Every own fixture profile (tests/fixtures/profiles), loaded once.
pub fn own_fixtures() -> &'static [Fixture] {
    static CELL: OnceLock<Vec<Fixture>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut paths = Vec::new();
        gz_files(&fixtures().join("profiles"), &mut paths);
        let all: Vec<Fixture> = paths
            .iter()
            .map(|p| Fixture {
                name: format!("own/{}", stem(p)),
                profile: load_file(p).expect("own fixture loads"),
            })
            .collect();
        assert!(all.len() >= 11, "own fixtures missing: {}", all.len());
        all
    })
}

/// Every profile under ../shared/testdata/pprof that loads (the others are listed as
/// skipped), or `None` with a printed message when ../shared is absent.
pub fn shared_fixtures() -> Option<&'static [Fixture]> {
    static CELL: OnceLock<Option<Vec<Fixture>>> = OnceLock::new();
    let all = CELL.get_or_init(|| {
        let Some(root) = shared_testdata() else {
            println!("skipped: ../shared/testdata/pprof is absent (set PPROFVIEW_SHARED)");
            return None;
        };
        let mut paths = Vec::new();
        gz_files(&root, &mut paths);
        let mut out = Vec::new();
        for p in paths {
            let rel = p.strip_prefix(&root).unwrap_or(&p).display().to_string();
            match load_file(&p) {
                Ok(profile) => out.push(Fixture {
                    name: format!("shared/{rel}"),
                    profile,
                }),
                Err(e) => println!("skipped shared/{rel}: does not load: {e}"),
            }
        }
        Some(out)
    });
    all.as_deref()
}

fn stem(p: &Path) -> String {
    let n = p.file_name().map(|n| n.to_string_lossy().into_owned());
    let n = n.unwrap_or_default();
    n.strip_suffix(".pb.gz").unwrap_or(&n).to_string()
}

/// The call tree of sample type `index` at `granularity`, every sample kept.
pub fn tree(profile: &Profile, index: usize, granularity: Granularity) -> CallTree {
    CallTree::build(&prepared(profile, index), granularity)
}

/// `profile` with sample type `index` and no filter, compiled.
pub fn prepared(profile: &Profile, index: usize) -> Prepared {
    let query = Query {
        sample_index: index.to_string(),
        ..Query::default()
    };
    Prepared::new(&Arc::new(profile.clone()), &query, "minimum").expect("prepared")
}

/// A tree and its layout, for the geometry tests.
pub struct Laid {
    /// The tree.
    pub tree: CallTree,
    /// Its layout.
    pub layout: FlameLayout,
}

/// The last sample type's filefunctions tree of every own fixture (and of the shared
/// ones when present), laid out: what the geometry properties draw viewports over.
pub fn laid_fixtures() -> &'static [(String, Laid)] {
    static CELL: OnceLock<Vec<(String, Laid)>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut all: Vec<&Fixture> = own_fixtures().iter().collect();
        if let Some(shared) = shared_fixtures() {
            all.extend(shared.iter());
        }
        all.into_iter()
            .filter(|f| !f.profile.sample_types.is_empty())
            .map(|f| {
                let last = f.profile.sample_types.len() - 1;
                let tree = tree(&f.profile, last, Granularity::FileFunctions);
                let layout = FlameLayout::new(&tree);
                (f.name.clone(), Laid { tree, layout })
            })
            .filter(|(_, l)| l.tree.weight[0] > 0)
            .collect()
    })
}

/// Function names of the DSL profiles (`a` and `b` recur, to make recursion likely).
pub const NAMES: &[&str] = &["main", "a", "b", "c", "pkg.(*T).m", "runtime.x"];

/// A DSL frame: one function, or `outer+inner` (inner inlined into outer).
fn folded_frame() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => (0..NAMES.len()).prop_map(|i| NAMES[i].to_string()),
        1 => (0..NAMES.len(), 0..NAMES.len()).prop_map(|(i, j)| format!("{}+{}", NAMES[i], NAMES[j])),
    ]
}

/// Folded-stack text (`tests`' DSL): up to 30 samples, stacks of 0..9 frames, two values
/// (a count and a signed value, so weights and totals differ).
pub fn folded_text() -> impl Strategy<Value = String> {
    let line = (
        prop::collection::vec(folded_frame(), 0..9),
        0i64..6,
        -40i64..100,
    )
        // A trailing `;` (an empty frame, dropped) keeps an empty stack from being
        // trimmed away with its separating space.
        .prop_map(|(frames, a, b)| format!("{}; {a},{b}", frames.join(";")));
    prop::collection::vec(line, 1..30).prop_map(|lines| lines.join("\n"))
}

/// The profile of DSL text from [`folded_text`].
pub fn folded_profile(text: &str) -> Profile {
    from_folded(text, &[("samples", "count"), ("cpu", "nanoseconds")])
        .expect("generated folded text parses")
        .build_profile()
}

/// Functions of the built profiles: equal names in different files, nameless functions
/// (with and without a file) and a `/proc/self/cwd/` file, so frames differ only by file.
const FUNCS: &[(&str, &str)] = &[
    ("main", "main.go"),
    ("a", "a.go"),
    ("a", "other/a.go"),
    ("b", "/proc/self/cwd/./b.go"),
    ("", "anon.c"),
    ("", ""),
    ("pkg.(*T).m", "pkg/t.go"),
    // Replaced by a second nameless function in `anon.c` (see `built_profile`).
    ("", "anon.c"),
];

/// A location: function indexes into `FUNCS` (innermost first, so all but the last were
/// inlined), or none (an unsymbolized address).
fn location() -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![
        6 => (0..FUNCS.len()).prop_map(|f| vec![f]),
        2 => prop::collection::vec(0..FUNCS.len(), 2..4),
        1 => Just(Vec::new()),
    ]
}

/// Samples as location-index stacks (leaf first) over a pool of generated locations.
pub type BuiltSpec = (Vec<Vec<usize>>, Vec<(Vec<usize>, i64)>);

/// A [`BuiltSpec`]: up to 8 locations and 25 samples with signed values.
pub fn built_spec() -> impl Strategy<Value = BuiltSpec> {
    prop::collection::vec(location(), 1..8).prop_flat_map(|locs| {
        let n = locs.len();
        let sample = (prop::collection::vec(0..n, 0..8), -30i64..60);
        (Just(locs), prop::collection::vec(sample, 1..25))
    })
}

/// The profile of a [`BuiltSpec`]; half the locations sit in a mapping, so nameless
/// frames are named after it.
pub fn built_profile(spec: &BuiltSpec) -> Profile {
    let (locs, samples) = spec;
    let mut b = ProfileBuilder::new(&[("cpu", "nanoseconds")]);
    let bin = b.mapping("/usr/lib/libx.so", "", 0x1000, 0x100_0000);
    let mut ids: Vec<u64> = FUNCS.iter().map(|(n, f)| b.function(n, f)).collect();
    // Two nameless functions in one file that differ only by start line: distinct nodes
    // at filefunctions, with one printable name.
    let m = b.message_mut();
    let anon = m.function[ids[4] as usize - 1];
    m.function[ids[4] as usize - 1].start_line = 10;
    let id = m.function.len() as u64 + 1;
    m.function.push(pprofview::pb::Function {
        id,
        start_line: 20,
        ..anon
    });
    ids[FUNCS.len() - 1] = id;
    let loc_ids: Vec<u64> = locs
        .iter()
        .enumerate()
        .map(|(i, fs)| {
            let lines: Vec<(u64, i64)> = fs.iter().map(|&f| (ids[f], 1 + i as i64)).collect();
            let mapping = if i % 2 == 0 { bin } else { 0 };
            b.location(&lines, 0x2000 + 0x10 * i as u64, mapping)
        })
        .collect();
    for (stack, v) in samples {
        let leaf_first: Vec<u64> = stack.iter().map(|&l| loc_ids[l]).collect();
        b.sample_locations(&leaf_first, &[*v], &[]);
    }
    b.build_profile()
}
