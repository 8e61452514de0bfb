//! Drawing goldens: `draw_flame` on real profiles through the `RecordingPainter`, one text
//! file per configuration in tests/golden/flame/ (`<profile>[.<what>].<W>x<H>.txt`).
//! `UPDATE_GOLDEN=1 cargo test --test flame goldens` rewrites them; review the diff.

use crate::support::own;
use pprofview::layout::{visible_items, FlameLayout, ItemKind, Orientation, Viewport};
use pprofview::query::{resolve_sample_index, CallTree, Granularity};
use pprofview::render::{
    draw_flame, subtree_matches, FlameStyle, FrameColours, Labels, Marks, Palette,
    RecordingPainter, Scene,
};
use std::path::PathBuf;

/// Row height of every golden.
const ROW: f64 = 18.0;

/// What a golden draws besides the plain viewport.
#[derive(Clone, Copy)]
enum Extra {
    /// The whole graph.
    None,
    /// Zoomed onto the widest node called this, its row scrolled into view.
    ZoomTo(&'static str),
    /// Frames whose name contains one of these match the search; the first matching box
    /// is selected and the widest `main.runFor` box hovered.
    Search(&'static [&'static str]),
    /// Root at the bottom.
    Flame,
}

/// (golden name, profile stem, width, height, extra).
const CASES: &[(&str, &str, f64, f64, Extra)] = &[
    ("go_cpu.1600x900", "go_cpu", 1600.0, 900.0, Extra::None),
    ("go_cpu.400x300", "go_cpu", 400.0, 300.0, Extra::None),
    ("go_heap.1600x900", "go_heap", 1600.0, 900.0, Extra::None),
    ("go_heap.400x300", "go_heap", 400.0, 300.0, Extra::None),
    (
        "go_allocs.1600x900",
        "go_allocs",
        1600.0,
        900.0,
        Extra::None,
    ),
    (
        "synth_cpp.1600x900",
        "synth_cpp",
        1600.0,
        900.0,
        Extra::None,
    ),
    ("synth_cpp.400x300", "synth_cpp", 400.0, 300.0, Extra::None),
    (
        "go_cpu.zoom=absorb.800x600",
        "go_cpu",
        800.0,
        600.0,
        Extra::ZoomTo("main.(*hasher).absorb"),
    ),
    (
        "go_cpu.search=fold|rotl.1600x900",
        "go_cpu",
        1600.0,
        900.0,
        Extra::Search(&["main.fold", "main.rotl"]),
    ),
    ("go_cpu.flame.400x300", "go_cpu", 400.0, 300.0, Extra::Flame),
];

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/flame")
}

/// The widest node named `name`.
fn widest(tree: &CallTree, name: &str) -> u32 {
    (0..tree.len() as u32)
        .filter(|&n| tree.name(n) == name)
        .max_by_key(|&n| tree.weight[n as usize])
        .unwrap_or_else(|| panic!("no node {name}"))
}

/// The recording of one case: a header naming the configuration, then every painter call.
fn render(stem: &str, width: f64, height: f64, extra: Extra) -> String {
    let profile = own(stem);
    let index = resolve_sample_index(&profile, "").expect("default sample type");
    let tree = crate::support::tree(&profile, index, Granularity::FileFunctions);
    let layout = FlameLayout::new(&tree);
    let mut vp = Viewport::new(width, height, ROW);
    let mut matches: Vec<bool> = Vec::new();
    let mut marks = Marks::default();
    match extra {
        Extra::None => {}
        Extra::Flame => vp.orientation = Orientation::Flame,
        Extra::ZoomTo(name) => {
            let n = widest(&tree, name);
            vp.show_range(layout.x0[n as usize], layout.x1(n));
            let depth = tree.depth(n);
            vp.scroll_to((depth as f64 - 3.0).max(0.0) * ROW, tree.depth_count());
        }
        Extra::Search(names) => {
            matches = tree
                .frames
                .iter()
                .map(|f| names.iter().any(|n| f.name.contains(n)))
                .collect();
            let boxes: Vec<u32> = visible_items(&tree, &layout, &vp)
                .iter()
                .filter_map(|i| match i.kind {
                    ItemKind::Node(n) if n != 0 && matches[tree.frame[n as usize] as usize] => {
                        Some(n)
                    }
                    _ => None,
                })
                .collect();
            assert!(boxes.len() >= 2, "search matches too few boxes");
            // Hover one of the three `main.runFor` boxes (the other two get thin
            // outlines) and select the first matching box.
            let hovered = widest(&tree, "main.runFor");
            marks = Marks {
                hover: Some(ItemKind::Node(hovered)),
                hover_frame: Some(tree.frame[hovered as usize]),
                selected: Some(boxes[0]),
                matches: None,
                contains_match: None,
            };
        }
    }
    let contains = subtree_matches(&tree, &matches);
    if !matches.is_empty() {
        marks.matches = Some(&matches);
        marks.contains_match = Some(&contains);
    }
    let colours = FrameColours::new(&tree, Palette::Warm);
    let style = FlameStyle::default();
    let scene = Scene {
        tree: &tree,
        layout: &layout,
        viewport: &vp,
        colours: &colours,
        diff: None,
        style: &style,
    };
    let mut labels = Labels::new();
    let mut painter = RecordingPainter::new();
    let drawn = draw_flame(&mut painter, &mut labels, &scene, &marks);
    // A second draw through the warm label cache must record exactly the same calls.
    let mut again = RecordingPainter::new();
    assert_eq!(draw_flame(&mut again, &mut labels, &scene, &marks), drawn);
    assert_eq!(
        again.log(),
        painter.log(),
        "{stem}: the label cache changed the drawing"
    );
    let sample_type = profile.str(profile.sample_types[index].ty);
    format!(
        "# {stem}.pb.gz, {sample_type}, filefunctions, {width}x{height}, row {ROW}, {:?}, x {}..{}, scroll {}: {drawn} items, {} nodes, {} rows\n{}",
        vp.orientation, vp.x0, vp.x1, vp.scroll, tree.len(), tree.depth_count(), painter.log()
    )
}

#[test]
fn goldens() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir();
    let mut failed = Vec::new();
    for &(name, stem, w, h, extra) in CASES {
        let path = dir.join(format!("{name}.txt"));
        let actual = render(stem, w, h, extra);
        if update {
            std::fs::create_dir_all(&dir).expect("create tests/golden/flame");
            std::fs::write(&path, &actual).expect("write golden");
            println!("wrote   {}", path.display());
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => println!("ok      {name}"),
            Ok(expected) => {
                let line = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(e, a)| e != a);
                let line = line.unwrap_or(expected.lines().count().min(actual.lines().count()));
                println!(
                    "FAILED  {name}: first difference at line {}\n  expected: {}\n  actual:   {}",
                    line + 1,
                    expected.lines().nth(line).unwrap_or("<end>"),
                    actual.lines().nth(line).unwrap_or("<end>")
                );
                failed.push(name);
            }
            Err(e) => {
                println!("FAILED  {name}: {e}");
                failed.push(name);
            }
        }
    }
    assert!(
        failed.is_empty(),
        "goldens differ: {failed:?} (UPDATE_GOLDEN=1 rewrites them)"
    );
}

#[test]
fn colours_depend_on_the_package_only() {
    let (a, b) = (own("go_cpu"), own("go_cpu_b"));
    let ta = crate::support::tree(&a, 1, Granularity::FileFunctions);
    let tb = crate::support::tree(&b, 1, Granularity::FileFunctions);
    for palette in [Palette::Warm, Palette::ColourBlind] {
        let (ca, cb) = (
            FrameColours::new(&ta, palette),
            FrameColours::new(&tb, palette),
        );
        let mut shared = 0;
        for (i, fa) in ta.frames.iter().enumerate() {
            if let Some(j) = tb.frames.iter().position(|fb| fb == fa) {
                assert_eq!(
                    ca.get(i as u32),
                    cb.get(j as u32),
                    "{} differs between profiles",
                    fa.name
                );
                shared += 1;
            }
        }
        assert!(shared >= 8, "only {shared} frames in common");
        // Same package, same inlining: same colour, whatever the function.
        let main: Vec<_> = (0..ta.frames.len())
            .filter(|&i| ta.frames[i].name.starts_with("main.") && !ta.frames[i].inlined)
            .map(|i| ca.get(i as u32))
            .collect();
        assert!(main.len() > 3 && main.iter().all(|&c| c == main[0]));
    }
}
