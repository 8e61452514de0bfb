//! The Traces, Peek and Details views against the CLI: every distinct stack the Traces view
//! lists is a set of identical blocks of `pprofview traces` (same labels, same frames), with
//! the same value when it is one sample; goroutine profiles name their pile-ups; the Peek
//! view's rows are the lines of `pprofview peek`; the Details view lists every sample type
//! with its total, and the load's summary says which are zero.

mod harness;

use harness::{fixtures, run_report};
use pprofview::query::Query;
use pprofview::session::{
    PeekRequest, Request, Response, Session, SourceBytes, TracesRequest, TracesView,
};
use std::collections::HashMap;
use std::path::PathBuf;

fn own(name: &str) -> PathBuf {
    fixtures().join("profiles").join(name)
}

fn session(file: &PathBuf) -> (Session, pprofview::session::Summary) {
    let mut s = Session::default();
    let bytes = std::fs::read(file).expect("fixture is readable");
    let name = file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let load = Request::Load {
        sources: vec![SourceBytes { name, bytes }],
        bases: Vec::new(),
    };
    match s.handle(load).pop() {
        Some(Response::Loaded(summary)) => (s, summary),
        other => panic!("load failed: {other:?}"),
    }
}

fn traces(s: &mut Session, query: Query, search: &str) -> TracesView {
    let request = TracesRequest {
        query,
        search: search.to_string(),
        limit: u32::MAX,
    };
    match s.handle(Request::Traces(request)).pop() {
        Some(Response::Traces(v)) => *v,
        other => panic!("traces failed: {other:?}"),
    }
}

/// `pprofview traces` blocks as (labels "key: values", frames, value).
fn cli_blocks(text: &str) -> Vec<(Vec<String>, Vec<String>, String)> {
    let mut blocks = Vec::new();
    for block in text
        .split("-----------+-------------------------------------------------------\n")
        .skip(1)
    {
        let (mut labels, mut frames, mut value) = (Vec::new(), Vec::new(), String::new());
        for line in block.lines() {
            if line.len() > 13 && line.as_bytes()[10] == b':' {
                let (k, v) = line.split_at(11);
                labels.push(format!("{}: {}", k.trim().trim_end_matches(':'), v.trim()));
            } else if line.len() > 13 {
                let (v, name) = line.split_at(13);
                if frames.is_empty() {
                    value = v.trim().to_string();
                }
                frames.push(name.to_string());
            }
        }
        if !frames.is_empty() {
            blocks.push((labels, frames, value));
        }
    }
    blocks
}

fn check_against_cli(file: &str, flags: &[&str], query: Query) {
    let path = own(file);
    let (mut s, _) = session(&path);
    let view = traces(&mut s, query, "");
    let cli = run_report("traces", flags, std::slice::from_ref(&path)).expect("pprofview traces");
    let blocks = cli_blocks(&cli.text);
    let mut by_key: HashMap<(Vec<String>, Vec<String>), Vec<String>> = HashMap::new();
    for (labels, frames, value) in blocks {
        let mut labels = labels;
        labels.sort();
        by_key.entry((labels, frames)).or_default().push(value);
    }
    assert_eq!(
        view.stacks as usize,
        by_key.len(),
        "{file} {flags:?}: distinct stacks"
    );
    assert_eq!(
        view.groups.len(),
        by_key.len(),
        "{file} {flags:?}: groups sent"
    );
    for g in &view.groups {
        let frames: Vec<String> = g
            .frames
            .iter()
            .map(|f| format!("{}{}", f.name, if f.inline { " (inline)" } else { "" }))
            .collect();
        let mut labels = g.labels.clone();
        labels.sort();
        let values = by_key.get(&(labels, frames.clone())).unwrap_or_else(|| {
            panic!(
                "{file} {flags:?}: no CLI block for {frames:?} {:?}",
                g.labels
            )
        });
        assert_eq!(
            g.samples as usize,
            values.len(),
            "{file}: samples of {frames:?}"
        );
        if values.len() == 1 {
            assert_eq!(g.value, values[0], "{file}: value of {frames:?}");
        }
    }
}

#[test]
fn traces_view_merges_the_cli_traces() {
    check_against_cli("go_cpu.pb.gz", &[], Query::default());
    check_against_cli("go_heap.pb.gz", &[], Query::default());
    check_against_cli("go_goroutine.pb.gz", &[], Query::default());
    check_against_cli("synth_labels.pb.gz", &[], Query::default());
    let focus = Query {
        focus: "main".to_string(),
        ..Query::default()
    };
    check_against_cli("go_cpu.pb.gz", &["-focus=main"], focus);
    let alloc = Query {
        sample_index: "alloc_space".to_string(),
        ..Query::default()
    };
    check_against_cli("go_heap.pb.gz", &["-sample_index=alloc_space"], alloc);
}

#[test]
fn goroutine_profiles_name_their_pile_ups_and_count_goroutines() {
    let (mut s, summary) = session(&own("go_goroutine.pb.gz"));
    assert_eq!(summary.goroutines, Some(10), "goroutines in the summary");
    let view = traces(&mut s, Query::default(), "");
    assert!(view.goroutines);
    assert_eq!(
        view.pileups.first().map(String::as_str),
        Some("3 goroutines waiting in runtime.chanrecv ← main.parkOnReceive (30% of 10)")
    );
    assert!(
        view.pileups.iter().all(|l| !l.starts_with("1 ")),
        "{:?}",
        view.pileups
    );
    // Heaviest first.
    let counts: Vec<i64> = view
        .groups
        .iter()
        .map(|g| g.value.parse().unwrap_or(-1))
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // The search keeps the stacks with a matching frame.
    let found = traces(&mut s, Query::default(), "parkOnSelect");
    assert_eq!(found.stacks, 1);
    assert!(found.groups[0]
        .frames
        .iter()
        .any(|f| f.name == "main.parkOnSelect"));
    let (_, cpu) = session(&own("go_cpu.pb.gz"));
    assert_eq!(cpu.goroutines, None);
}

#[test]
fn details_list_every_sample_type_with_its_total() {
    let (mut s, summary) = session(&own("go_heap.pb.gz"));
    let details = match s.handle(Request::Details).pop() {
        Some(Response::Details(d)) => *d,
        other => panic!("details failed: {other:?}"),
    };
    let names: Vec<&str> = details
        .sample_types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "alloc_objects",
            "alloc_space",
            "inuse_objects",
            "inuse_space"
        ]
    );
    for (t, info) in details.sample_types.iter().zip(&summary.sample_types) {
        assert_eq!(t.total, info.total, "{}: details and summary agree", t.name);
        assert!(!t.total.is_empty());
    }
    // The total of the default type is the one `pprofview top -unit=MB` reports (details
    // scale each total on its own, as pprof's `minimum` unit does for one value).
    let top = run_report("top", &["-unit=MB"], &[own("go_heap.pb.gz")])
        .expect("top")
        .text;
    let default = details
        .sample_types
        .iter()
        .find(|t| t.default)
        .expect("a default type");
    assert!(
        top.contains(&format!("of {} total", default.total)),
        "top's total vs {}: {top}",
        default.total
    );
    let fact = |k: &str| {
        details
            .facts
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(fact("Files").as_deref(), Some("go_heap.pb.gz"));
    assert!(fact("Symbolized").is_some_and(|v| v.starts_with("yes")));
    assert!(!details.mappings.is_empty());
}

/// The Peek view's rows as `pprofview peek` lays them out (columns only, no separators).
fn peek_lines(s: &mut Session, query: Query, regex: &str) -> Vec<String> {
    let request = PeekRequest {
        query,
        regex: regex.to_string(),
    };
    let view = match s.handle(Request::Peek(request)).pop() {
        Some(Response::Peek(v)) => *v,
        other => panic!("peek failed: {other:?}"),
    };
    assert_eq!(view.problem, "", "peek {regex}");
    let mut lines = view.legend.clone();
    let call = |c: &pprofview::report::PeekCall| {
        let inline = if c.inline { " (inline)" } else { "" };
        format!("{:>50} {} |   {}{inline}", c.value, c.pct, c.name)
    };
    for b in &view.blocks {
        lines.extend(b.callers.iter().map(call));
        let [flat, fp, sp, cum, cp] = &b.cells;
        lines.push(format!(
            "{flat:>10} {fp} {sp} {cum:>10} {cp}                | {}",
            b.name
        ));
        lines.extend(b.callees.iter().map(call));
    }
    lines
}

#[test]
fn peek_view_rows_are_the_lines_of_pprofview_peek() {
    let cases: [(&str, &str, Query, &[&str]); 3] = [
        ("go_cpu.pb.gz", "main.descend", Query::default(), &[]),
        ("go_heap.pb.gz", "^main\\.", Query::default(), &[]),
        (
            "go_goroutine.pb.gz",
            "gopark",
            Query {
                hide: "chanrecv1".to_string(),
                ..Query::default()
            },
            &["-hide=chanrecv1"],
        ),
    ];
    for (file, regex, query, flags) in cases {
        let path = own(file);
        let (mut s, _) = session(&path);
        let got = peek_lines(&mut s, query, regex);
        let mut args = vec![regex];
        args.extend_from_slice(flags);
        let cli = run_report("peek", &args, std::slice::from_ref(&path)).expect("pprofview peek");
        let want: Vec<String> = cli
            .text
            .lines()
            .filter(|l| !l.starts_with("-----") && !l.contains("calls calls%"))
            .map(str::to_string)
            .collect();
        assert_eq!(got, want, "{file} peek {regex} {flags:?}");
    }
}
