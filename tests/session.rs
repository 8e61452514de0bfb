//! The Session protocol against the CLI: every row the viewer shows must be the line
//! `pprofview top -nodefraction=0` prints (which the goldens tie to `go tool pprof`), for
//! every sample type of every fixture profile; sorting, search and paging keep them intact.

mod harness;

use harness::{fixtures, run_top, shared_testdata};
use pprofview::query::Query;
use pprofview::session::{
    Request, Response, SearchOutcome, Session, SourceBytes, TopColumn, TopPage, TopRequest,
    TopRowView, TopSort,
};
use std::path::PathBuf;

fn load(session: &mut Session, files: &[PathBuf]) -> pprofview::session::Summary {
    let sources = files
        .iter()
        .map(|f| SourceBytes {
            name: f
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            bytes: std::fs::read(f).expect("fixture is readable"),
        })
        .collect();
    let responses = session.handle(Request::Load {
        sources,
        bases: Vec::new(),
    });
    match responses.last() {
        Some(Response::Loaded(s)) => s.clone(),
        other => panic!("load failed: {other:?}"),
    }
}

fn page(session: &mut Session, request: TopRequest) -> TopPage {
    match session.handle(Request::Top(request)).pop() {
        Some(Response::Top(p)) => *p,
        other => panic!("top failed: {other:?}"),
    }
}

fn line(r: &TopRowView) -> String {
    format!(
        "{:>10} {:>6} {:>6} {:>10} {:>6}  {}{}",
        r.flat, r.flat_pct, r.sum_pct, r.cum, r.cum_pct, r.name, r.inline
    )
}

/// The CLI's table lines with percentages trimmed the way the viewer shows them.
fn cli_rows(text: &str) -> (Vec<String>, Vec<String>) {
    let mut lines = text.lines();
    let legend: Vec<String> = lines
        .by_ref()
        .take_while(|l| !l.trim_start().starts_with("flat  flat%"))
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let name_at = nth_field_end(l, 5);
            format!(
                "{:>10} {:>6} {:>6} {:>10} {:>6}  {}",
                cols[0],
                cols[1],
                cols[2],
                cols[3],
                cols[4],
                l[name_at..].trim_start()
            )
        })
        .collect();
    (legend, rows)
}

fn nth_field_end(line: &str, n: usize) -> usize {
    let mut seen = 0;
    let mut in_field = false;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if in_field {
                seen += 1;
                if seen == n {
                    return i;
                }
            }
            in_field = false;
        } else {
            in_field = true;
        }
    }
    line.len()
}

fn check_profile(files: &[PathBuf]) -> usize {
    let mut session = Session::default();
    let summary = load(&mut session, files);
    let mut checked = 0;
    for st in &summary.sample_types {
        let flag = format!("-sample_index={}", st.name);
        let text = run_top(&["-nodefraction=0", &flag], files).expect("cli runs");
        let (legend, expected) = cli_rows(&text);
        let all = page(
            &mut session,
            TopRequest {
                query: Query {
                    sample_index: st.name.clone(),
                    ..Query::default()
                },
                count: u32::MAX,
                ..TopRequest::default()
            },
        );
        let got: Vec<String> = all.rows.iter().map(line).collect();
        assert_eq!(got, expected, "{files:?} {}", st.name);
        // The legend is pprof's, minus nothing.
        assert_eq!(all.legend, legend, "{files:?} {}", st.name);
        assert_eq!(all.total_rows as usize, expected.len());
        // Paging slices the same rows.
        let mid = page(
            &mut session,
            TopRequest {
                query: Query {
                    sample_index: st.name.clone(),
                    ..Query::default()
                },
                first: 3,
                count: 5,
                ..TopRequest::default()
            },
        );
        let slice: Vec<String> = mid.rows.iter().map(line).collect();
        let end = expected.len().min(8);
        assert_eq!(slice, expected[3.min(end)..end]);
        checked += 1;
    }
    checked
}

#[test]
fn own_fixtures_match_the_cli_for_every_sample_type() {
    let dir = fixtures().join("profiles");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures exist") {
        let path = entry.expect("dir entry").path();
        checked += check_profile(&[path]);
    }
    checked += check_profile(&[dir.join("go_cpu.pb.gz"), dir.join("go_cpu_b.pb.gz")]);
    assert!(checked >= 20, "only {checked} sample types checked");
}

#[test]
fn shared_profiles_match_the_cli() {
    let Some(shared) = shared_testdata() else {
        eprintln!("skipped: ../shared/testdata/pprof is absent (set PPROFVIEW_SHARED)");
        return;
    };
    for name in [
        "upstream/proftest__large.cpu.pb.gz",
        "upstream/proftest__heap.pb.gz",
    ] {
        let path = shared.join(name);
        if path.exists() {
            check_profile(&[path]);
        }
    }
}

#[test]
fn sorting_and_search_keep_rows_whole() {
    let mut session = Session::default();
    load(&mut session, &[fixtures().join("profiles/go_cpu.pb.gz")]);
    let base = TopRequest {
        count: u32::MAX,
        ..TopRequest::default()
    };
    let pprof_order = page(&mut session, base.clone());
    let by_cum = page(
        &mut session,
        TopRequest {
            sort: TopSort {
                column: TopColumn::Cum,
                descending: true,
            },
            ..base.clone()
        },
    );
    assert_eq!(by_cum.rows.len(), pprof_order.rows.len());
    for pair in by_cum.rows.windows(2) {
        let (a, b) = (
            &pprof_order.rows[pair[0].rank as usize],
            &pprof_order.rows[pair[1].rank as usize],
        );
        assert_eq!(&pair[0], a, "rows move whole");
        assert!(
            parse_ms(&a.cum) >= parse_ms(&b.cum),
            "{} < {}",
            a.cum,
            b.cum
        );
    }
    let searched = page(
        &mut session,
        TopRequest {
            search: "^main\\.".to_string(),
            ..base.clone()
        },
    );
    assert!(searched.matched_rows > 0 && searched.matched_rows < searched.total_rows);
    for r in &searched.rows {
        assert!(r.name.starts_with("main."));
        assert_eq!(r.highlights, vec![(0, 5)]);
    }
    assert!(matches!(searched.search, SearchOutcome::Matched { .. }));
    let bad = page(
        &mut session,
        TopRequest {
            search: "(".to_string(),
            ..base
        },
    );
    assert!(matches!(bad.search, SearchOutcome::Invalid(_)));
    assert_eq!(
        bad.matched_rows, bad.total_rows,
        "a bad regex filters nothing"
    );
}

#[test]
fn failures_are_reports_and_the_session_stays_usable() {
    let mut session = Session::default();
    let out = session.handle(Request::Load {
        sources: vec![SourceBytes {
            name: "picture.png".to_string(),
            bytes: b"\x89PNG\r\n\x1a\n0000".to_vec(),
        }],
        bases: Vec::new(),
    });
    match out.last() {
        Some(Response::Failed(e)) => {
            assert_eq!(e.file.as_deref(), Some("picture.png"));
            assert!(e.message.contains("PNG"), "{}", e.message);
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert!(matches!(
        session.handle(Request::Top(TopRequest::default())).last(),
        Some(Response::Failed(_))
    ));
    load(&mut session, &[fixtures().join("profiles/go_heap.pb.gz")]);
    let unknown = session.handle(Request::Top(TopRequest {
        query: Query {
            sample_index: "nope".to_string(),
            ..Query::default()
        },
        ..TopRequest::default()
    }));
    match unknown.last() {
        Some(Response::Failed(e)) => assert!(e.message.contains("inuse_space"), "{}", e.message),
        other => panic!("expected a failure, got {other:?}"),
    }
    let p = page(&mut session, TopRequest::default());
    assert_eq!(p.sample_type, "inuse_space");
    assert!(p.total_rows > 0);
}

fn parse_ms(s: &str) -> f64 {
    let digits: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v: f64 = digits.parse().unwrap_or(0.0);
    if s.ends_with("ms") {
        v
    } else if s.ends_with('s') {
        v * 1000.0
    } else {
        v
    }
}
