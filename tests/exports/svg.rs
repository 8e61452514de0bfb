//! The SVG export against the canvas's drawing: the labels the recording painter records for
//! the same tree and size, and names that look like markup.

use crate::harness::run_command;
use crate::{profile_paths, words};
use pprofview::layout::FlameLayout;
use pprofview::query::Prepared;
use pprofview::render::{
    draw_flame, flame_svg, flame_viewport, FrameColours, Labels, Marks, RecordingPainter, Scene,
    TextMetrics,
};
use pprofview::session::{svg_options, FlameFrames, FlameRequest};
use std::path::PathBuf;
use std::sync::Arc;

/// `(x, y, text)` of every `<text>` element after the legend, unescaped.
fn svg_texts(svg: &str) -> Vec<(String, String, String)> {
    let body = svg.split("<g transform=").nth(1).unwrap_or("");
    let attr = |tag: &str, name: &str| -> String {
        let key = format!(" {name}=\"");
        tag.split(&key)
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("")
            .to_string()
    };
    body.split("<text")
        .skip(1)
        .map(|rest| {
            let (tag, after) = rest.split_once('>').unwrap_or((rest, ""));
            let content = after.split("</text>").next().unwrap_or("");
            let text = content
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            (attr(tag, "x"), attr(tag, "y"), text)
        })
        .collect()
}

/// `(x, y, text)` of every text the recording painter drew, with numbers as the SVG writes
/// them.
fn recorded_texts(log: &str) -> Vec<(String, String, String)> {
    let short = |v: &str| {
        let v = v.trim_end_matches('0').trim_end_matches('.');
        if v.is_empty() { "0" } else { v }.to_string()
    };
    log.lines()
        .filter_map(|l| l.strip_prefix("text "))
        .map(|rest| {
            let (pos, rest) = rest.split_once(' ').unwrap_or((rest, ""));
            let (_, quoted) = rest.split_once(' ').unwrap_or((rest, ""));
            let text = quoted
                .trim_matches('"')
                .replace("\\\"", "\"")
                .replace("\\\\", "\\");
            let (x, y) = pos.split_once(',').unwrap_or((pos, ""));
            (short(x), short(y), text)
        })
        .collect()
}

/// The SVG shows exactly the labels the canvas code draws for the same tree and size:
/// measured alike (7 px a character), the recording painter's texts are the SVG's.
#[test]
fn svg_labels_are_the_recorded_labels() {
    for (stem, flags) in [
        ("go_cpu", ""),
        ("go_heap", "-sample_index=alloc_space"),
        ("go_cpu", "-base=go_cpu_b.pb.gz"),
    ] {
        let files = profile_paths(&format!("{stem}.pb.gz"));
        let mut args = vec!["top".to_string()];
        args.extend(words(flags).iter().map(|w| w.to_string()));
        args.push(files[0].display().to_string());
        let inv = match pprofview::cli::parse(&args).expect("parses") {
            pprofview::cli::Command::Run(inv) => inv,
            other => panic!("{other:?}"),
        };
        let profile = load(&files, &inv.query);
        let prepared = Prepared::new(&profile, &inv.query, "minimum").expect("prepared");
        let request = FlameRequest {
            query: inv.query.clone(),
            under: Vec::new(),
        };
        let graph = FlameFrames::default().build(&prepared, &request);
        for width in [1200.0, 400.0] {
            let mut options = svg_options(&graph);
            options.width = width;
            options.metrics = TextMetrics::Fixed(RecordingPainter::CHAR_PX);
            let svg = flame_svg(&graph.tree, &options);
            let layout = FlameLayout::new(&graph.tree);
            let vp = flame_viewport(&graph.tree, &layout, &options);
            let colours = FrameColours::new(&graph.tree, options.palette);
            let diff = graph
                .diff
                .then(|| pprofview::render::DiffColours::new(&graph.tree, options.palette));
            let scene = Scene {
                tree: &graph.tree,
                layout: &layout,
                viewport: &vp,
                colours: &colours,
                diff: diff.as_ref(),
                style: &options.style,
            };
            let mut painter = RecordingPainter::new();
            draw_flame(&mut painter, &mut Labels::new(), &scene, &Marks::default());
            let mut expected = recorded_texts(painter.log());
            let mut actual = svg_texts(&svg);
            assert!(expected.len() > 3, "{stem}: too few labels");
            expected.sort();
            actual.sort();
            assert_eq!(actual, expected, "{stem} {flags} at {width}px");
        }
    }
}

/// The profile `files` load to, compared with the query's base when it has one.
fn load(files: &[PathBuf], query: &pprofview::query::Query) -> Arc<pprofview::model::Profile> {
    use pprofview::load::{compare_loaded, load_owned, OwnedSource};
    use pprofview::model::merge::CompareOptions;
    let read = |p: &PathBuf| OwnedSource {
        name: p.display().to_string(),
        bytes: std::fs::read(p).expect("read fixture"),
    };
    let loaded = load_owned(files.iter().map(read).collect(), &Default::default())
        .expect("loads")
        .profile;
    let Some(c) = query.comparison() else {
        return Arc::new(loaded);
    };
    let bases: Vec<PathBuf> = c.bases.iter().flat_map(|b| profile_paths(b)).collect();
    let base = load_owned(bases.iter().map(read).collect(), &Default::default())
        .expect("base loads")
        .profile;
    let options = CompareOptions {
        diff_base: c.diff_base,
        normalize: c.normalize,
    };
    Arc::new(compare_loaded(&loaded, &["a"], &base, &["b"], options).expect("compares"))
}

/// Names that look like markup come out as text: no element, script or reference of theirs
/// reaches the SVG, in labels, titles or the legend.
#[test]
fn svg_escapes_every_name() {
    use pprofview::encode::from_folded;
    let folded = "main;<img src=x onerror=alert(1)>;</script><script>alert(2)</script> 30\n\
                  main;a&b\"c'd 20\n";
    let bytes = from_folded(folded, &[("samples", "count")])
        .expect("folded")
        .encode_gzip();
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("markup.pb.gz");
    std::fs::write(&path, bytes).expect("write");
    let svg = run_command(&["svg"], &["-focus=main"], &[path])
        .expect("svg")
        .text;
    for bad in ["<img", "<script", "</script", "onerror=alert(1)>", "&b\""] {
        assert!(!svg.contains(bad), "{bad} in\n{svg}");
    }
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "{svg}");
    assert!(svg.contains("a&amp;b&quot;c&apos;d"), "{svg}");
    assert!(!svg.contains("href") && !svg.contains("<style") && !svg.contains("url(http"));
}
