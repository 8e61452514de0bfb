//! Comparisons through the Session protocol: a profile loaded with a base gives the rows
//! `pprofview top -base`/`-diff_base` prints, the diff table's before/after columns and the
//! diff flame graph's before/after add up to each profile's own total, a self-comparison is
//! "identical", and bases that cannot be used say why.

mod harness;

use harness::{fixtures, run_top};
use pprofview::query::Query;
use pprofview::session::{
    FlameRequest, Request, Response, Session, SourceBytes, Summary, TopColumn, TopPage, TopRequest,
    TopSort,
};
use std::path::PathBuf;

fn profile(name: &str) -> PathBuf {
    fixtures().join("profiles").join(name)
}

fn bytes(name: &str) -> SourceBytes {
    SourceBytes {
        name: name.to_string(),
        bytes: std::fs::read(profile(name)).expect("fixture is readable"),
    }
}

fn load(session: &mut Session, source: &str, base: &str) -> Summary {
    match session
        .handle(Request::Load {
            sources: vec![bytes(source)],
            bases: vec![bytes(base)],
        })
        .pop()
    {
        Some(Response::Loaded(s)) => s,
        other => panic!("load failed: {other:?}"),
    }
}

fn top(session: &mut Session, query: &Query, sort: TopSort) -> TopPage {
    let request = TopRequest {
        query: query.clone(),
        sort,
        count: u32::MAX,
        ..TopRequest::default()
    };
    match session.handle(Request::Top(request)).pop() {
        Some(Response::Top(p)) => *p,
        other => panic!("top failed: {other:?}"),
    }
}

/// The names and flat/cum texts of the CLI's rows, in its order.
fn cli(flags: &[&str], source: &str) -> Vec<(String, String, String)> {
    let mut all = vec!["-nodefraction=0"];
    all.extend_from_slice(flags);
    let text = run_top(&all, &[profile(source)]).expect("cli runs");
    text.lines()
        .skip_while(|l| !l.trim_start().starts_with("flat  flat%"))
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let name = cols[5..].join(" ");
            let name = name
                .trim_end_matches(" (inline)")
                .trim_end_matches(" (partial-inline)")
                .to_string();
            (name, cols[0].to_string(), cols[3].to_string())
        })
        .collect()
}

#[test]
fn rows_equal_the_cli_in_every_mode() {
    for (source, base) in [
        ("go_cpu_b.pb.gz", "go_cpu.pb.gz"),
        ("go_heap_after.pb.gz", "go_heap_before.pb.gz"),
    ] {
        let mut session = Session::default();
        let summary = load(&mut session, source, base);
        assert_eq!(summary.bases, [base]);
        assert!(!summary.identical);
        for (mode, normalize, drop_negative) in [
            ("base", false, false),
            ("diff_base", false, false),
            ("base", true, false),
            ("diff_base", false, true),
        ] {
            let mut query = Query {
                normalize,
                drop_negative,
                ..Query::default()
            };
            let mut flags = vec![format!("-{mode}={base}")];
            if mode == "base" {
                query.base = vec![base.to_string()];
            } else {
                query.diff_base = vec![base.to_string()];
            }
            if normalize {
                flags.push("-normalize".to_string());
            }
            if drop_negative {
                flags.push("-drop_negative".to_string());
            }
            let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
            let expected = cli(&flags, source);
            let page = top(&mut session, &query, TopSort::default());
            let got: Vec<(String, String, String)> = page
                .rows
                .iter()
                .map(|r| (r.name.clone(), r.flat.clone(), r.cum.clone()))
                .collect();
            assert_eq!(got, expected, "{source} {flags:?}");
            assert!(!got.is_empty(), "{source} {flags:?}: the pair differs");
            for r in &page.rows {
                let d = r
                    .diff
                    .as_ref()
                    .expect("a comparison's rows carry diff cells");
                let bare = r.flat.trim_start_matches('-');
                assert!(d.delta.ends_with(bare), "{r:?}");
            }
            // Sorted by delta, the biggest growth comes first.
            let by_delta = top(
                &mut session,
                &query,
                TopSort {
                    column: TopColumn::Delta,
                    descending: true,
                },
            );
            assert_eq!(by_delta.rows.len(), page.rows.len());
        }
    }
}

#[test]
fn the_diff_flame_graph_holds_both_totals() {
    let mut session = Session::default();
    load(&mut session, "go_heap_after.pb.gz", "go_heap_before.pb.gz");
    let query = Query {
        base: vec!["go_heap_before.pb.gz".to_string()],
        sample_index: "alloc_space".to_string(),
        ..Query::default()
    };
    let graph = match session
        .handle(Request::Flame(FlameRequest {
            query: query.clone(),
            under: Vec::new(),
        }))
        .pop()
    {
        Some(Response::Flame(g)) => *g,
        other => panic!("flame failed: {other:?}"),
    };
    assert!(graph.diff);
    let (before, after) = graph.before_after(0).expect("a diff tree");
    let total = |file: &str| -> i64 {
        let text =
            run_top(&["-sample_index=alloc_space", "-unit=B"], &[profile(file)]).expect("cli runs");
        let line = text
            .lines()
            .find(|l| l.contains("total"))
            .expect("a legend line with the total");
        let of = line.split(" of ").last().unwrap_or_default();
        of.trim_end_matches(" total")
            .trim_end_matches('B')
            .parse()
            .expect("a number of bytes")
    };
    assert_eq!(before, total("go_heap_before.pb.gz"));
    assert_eq!(after, total("go_heap_after.pb.gz"));
    // A child always fits in its parent.
    let tree = &graph.tree;
    for i in 1..tree.parent.len() {
        assert!(tree.weight[i] <= tree.weight[tree.parent[i] as usize]);
        assert!(tree.total[i].abs() <= tree.weight[i]);
    }
}

#[test]
fn a_profile_compared_with_itself_is_identical() {
    let mut session = Session::default();
    let summary = load(&mut session, "go_cpu.pb.gz", "go_cpu.pb.gz");
    assert!(summary.identical);
    let query = Query {
        base: vec!["go_cpu.pb.gz".to_string()],
        ..Query::default()
    };
    assert!(top(&mut session, &query, TopSort::default())
        .rows
        .is_empty());
}

#[test]
fn unusable_bases_say_why() {
    let mut session = Session::default();
    let answers = session.handle(Request::Load {
        sources: vec![bytes("go_cpu.pb.gz")],
        bases: vec![bytes("go_heap.pb.gz")],
    });
    // The profile is loaded on its own, then the base is refused with the reason.
    match &answers[answers.len() - 2..] {
        [Response::Loaded(s), Response::BaseLoaded(b)] => {
            assert!(s.bases.is_empty() && b.files.is_empty());
            let m = b.warnings.join(" ");
            assert!(
                m.contains("go_cpu.pb.gz") && m.contains("go_heap.pb.gz"),
                "{m}"
            );
        }
        other => panic!("expected Loaded then BaseLoaded, got {other:?}"),
    }
    // A base the session does not have.
    let mut session = Session::default();
    load(&mut session, "go_cpu_b.pb.gz", "go_cpu.pb.gz");
    let query = Query {
        base: vec!["other.pb.gz".to_string()],
        ..Query::default()
    };
    let answer = session.handle(Request::Top(TopRequest {
        query,
        count: 10,
        ..TopRequest::default()
    }));
    assert!(
        matches!(answer.last(), Some(Response::Failed(e)) if e.message.contains("other.pb.gz")),
        "{answer:?}"
    );
    // Dropping the base keeps the profile.
    match session.handle(Request::LoadBase { bases: vec![] }).pop() {
        Some(Response::BaseLoaded(b)) => assert!(b.files.is_empty()),
        other => panic!("{other:?}"),
    }
    assert!(!top(&mut session, &Query::default(), TopSort::default())
        .rows
        .is_empty());
}
