//! The Source view against `pprofview list`: the view's header, totals and per-line cells
//! are the lines the CLI prints, without source text (the CLI's "Error:" case: only the
//! sampled lines) and with the recorded fixture sources (every line of pprof's window); the
//! engine matches picked files to listed files by their path tails.

mod harness;

use harness::{fixtures, run_command};
use pprofview::query::Query;
use pprofview::session::{
    Request, Response, Session, SourceBytes, SourceRequest, SourceText, SourceView,
};
use std::path::PathBuf;

fn own(name: &str) -> PathBuf {
    fixtures().join("profiles").join(name)
}

fn session(file: &PathBuf) -> Session {
    let mut s = Session::default();
    let bytes = std::fs::read(file).expect("fixture is readable");
    let load = Request::Load {
        sources: vec![SourceBytes {
            name: "profile.pb.gz".to_string(),
            bytes,
        }],
        bases: Vec::new(),
    };
    match s.handle(load).pop() {
        Some(Response::Loaded(_)) => s,
        other => panic!("load failed: {other:?}"),
    }
}

fn source(s: &mut Session, request: SourceRequest) -> SourceView {
    match s.handle(Request::Source(Box::new(request))).pop() {
        Some(Response::Source(v)) => *v,
        other => panic!("source failed: {other:?}"),
    }
}

/// The view as `pprofview list` prints it, with `error` for the files without text.
fn as_list_text(view: &SourceView, error: &str) -> String {
    let mut out = format!("{}\n", view.total);
    for function in &view.functions {
        if function.files.is_empty() {
            out.push_str(&format!("No source information for {}\n", function.name));
        }
        for file in &function.files {
            out.push_str(&format!("{}\n", file.routine));
            out.push_str(&format!(
                "{:>10} {:>10} (flat, cum) {}\n",
                file.flat, file.cum, file.share
            ));
            if !file.has_text {
                out.push_str(&format!(" Error: {error}\n"));
                continue;
            }
            for row in &file.rows {
                let text = row.text.as_deref().unwrap_or_default();
                out.push_str(&format!(
                    "{:>10} {:>10} {:>6}:{text}\n",
                    row.flat, row.cum, row.line
                ));
            }
        }
    }
    out
}

fn recorded_main() -> String {
    let path = fixtures().join("sources/recorded/goprof/main.go");
    std::fs::read_to_string(path).expect("recorded source is readable")
}

#[test]
fn source_view_is_pprofview_list_with_and_without_text() {
    let path = own("go_cpu.pb.gz");
    let mut s = session(&path);
    let sources = fixtures().join("sources/recorded");
    let with = format!("-source_path={}", sources.display());
    for (regex, flags, query) in [
        ("main\\.", vec![], Query::default()),
        (
            "absorb",
            vec!["-hide=mixBits"],
            Query {
                hide: "mixBits".to_string(),
                ..Query::default()
            },
        ),
    ] {
        let texts = vec![SourceText {
            file: "goprof/main.go".to_string(),
            text: recorded_main(),
        }];
        let request = SourceRequest {
            query: query.clone(),
            regex: regex.to_string(),
            texts,
            ..SourceRequest::default()
        };
        let view = source(&mut s, request);
        assert_eq!(view.problem, "");
        let mut args = vec![with.as_str()];
        args.extend(flags.iter().copied());
        let cli = run_command(&["list", regex], &args, std::slice::from_ref(&path))
            .expect("pprofview list");
        // Runtime files are not in the fixture folder: compare goprof's parts only.
        let goprof_only = |text: &str| -> String {
            let mut keep = true;
            let mut out = String::new();
            for line in text.lines() {
                if line.starts_with("ROUTINE") {
                    keep = line.ends_with(" in goprof/main.go");
                }
                if keep || line.starts_with("Total:") {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            out
        };
        let got = goprof_only(&as_list_text(&view, "unused"));
        assert_eq!(got, goprof_only(&cli.text), "list {regex} {flags:?}");
        assert!(got.contains("absorb"), "{got}");
    }
}

#[test]
fn without_text_the_view_has_the_sampled_lines_pprof_prints() {
    let path = own("go_cpu.pb.gz");
    let mut s = session(&path);
    let function = "main.(*hasher).absorb";
    let view = source(
        &mut s,
        SourceRequest {
            function: function.to_string(),
            ..SourceRequest::default()
        },
    );
    assert_eq!(view.functions.len(), 1);
    let sources = fixtures().join("sources/recorded");
    let cli = run_command(
        &["list", "^main\\.\\(\\*hasher\\)\\.absorb$"],
        &[&format!("-source_path={}", sources.display())],
        std::slice::from_ref(&path),
    )
    .expect("pprofview list");
    // The CLI's lines with a value, as (flat, cum, line).
    let want: Vec<(String, String, i64)> = cli
        .text
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let (flat, cum, rest) = (w.next()?, w.next()?, w.next()?);
            let line: i64 = rest.split(':').next()?.parse().ok()?;
            (flat != "." || cum != ".").then(|| (flat.to_string(), cum.to_string(), line))
        })
        .collect();
    let file = &view.functions[0].files[0];
    assert!(!file.has_text);
    let got: Vec<(String, String, i64)> = file
        .rows
        .iter()
        .map(|r| (r.flat.clone(), r.cum.clone(), r.line))
        .collect();
    assert_eq!(got, want);
    // The heaviest cum line is the hottest, and its inlined calls are named.
    let hottest = file.rows.iter().max_by_key(|r| r.cum_heat).expect("rows");
    assert_eq!(hottest.cum_heat, 1000);
    assert!(hottest.inlined.iter().any(|c| c.name == "main.mixBits"));
    assert!(hottest
        .inlined
        .iter()
        .all(|c| c.at.starts_with("goprof/main.go:")));
}

#[test]
fn candidates_and_problems() {
    let path = own("go_cpu.pb.gz");
    let mut s = session(&path);
    let view = source(
        &mut s,
        SourceRequest {
            function: "main.descend".to_string(),
            candidates: vec![
                "src/other/main.go".to_string(),
                "fixtures/goprof/main.go".to_string(),
            ],
            ..SourceRequest::default()
        },
    );
    assert_eq!(view.functions[0].files[0].candidate, Some(1));
    let problem = |regex: &str, function: &str, s: &mut Session| {
        source(
            s,
            SourceRequest {
                regex: regex.to_string(),
                function: function.to_string(),
                ..SourceRequest::default()
            },
        )
        .problem
    };
    assert_eq!(problem("", "", &mut s), "no function to list");
    assert!(problem("(", "", &mut s).starts_with("invalid list regexp"));
    assert_eq!(
        problem("nothing_like_this", "", &mut s),
        "no matches found for regexp: nothing_like_this"
    );
    assert!(problem("", "main.nothing", &mut s).contains("main.nothing"));
}
