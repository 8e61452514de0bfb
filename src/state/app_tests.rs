//! Tests of the reducer: loads, links, sample types, filters and the Refine rules.
use super::*;
use crate::session::SampleTypeInfo;

fn summary() -> Summary {
    let t = |n: &str| SampleTypeInfo {
        name: n.to_string(),
        unit: "bytes".to_string(),
        hint: String::new(),
        total: "1MB".to_string(),
        zero: false,
    };
    Summary {
        files: vec!["heap.pb.gz".to_string()],
        sample_types: vec![t("alloc_space"), t("inuse_space")],
        default_sample_type: "inuse_space".to_string(),
        samples: 3,
        warnings: vec![],
        ..Summary::default()
    }
}

#[test]
fn load_cycle_sets_body_state() {
    let mut s = AppState::default();
    assert_eq!(s.phase.body_state(), "empty");
    s = reduce(
        s,
        Action::LoadStarted {
            label: "heap.pb.gz".into(),
            urls: vec![],
            files: vec!["heap.pb.gz".into()],
        },
    );
    assert_eq!(s.phase.body_state(), "loading");
    assert!(
        s.link.to_fragment().contains("file=heap.pb.gz"),
        "a link from a dropped file names it"
    );
    s = reduce(s, Action::Loaded(summary()));
    assert_eq!(s.phase.body_state(), "ready");
    assert_eq!(s.sample_type(), "inuse_space");
    s = reduce(
        s,
        Action::Failed(ErrorReport {
            file: Some("x.png".into()),
            message: "not a profile".into(),
        }),
    );
    assert_eq!(s.phase.body_state(), "error");
    assert!(s.summary.is_none());
}

#[test]
fn unknown_or_default_sample_type_from_link() {
    let mut s = AppState::default();
    s.link.query.sample_index = "cpu".into();
    s = reduce(s, Action::Loaded(summary()));
    assert_eq!(s.link.query.sample_index, "");
    assert_eq!(s.notices.len(), 1);
    s = reduce(s, Action::SampleType("alloc_space".into()));
    assert_eq!(s.link.query.sample_index, "alloc_space");
    assert_eq!(s.sample_type(), "alloc_space");
    s = reduce(s, Action::SampleType("inuse_space".into()));
    assert_eq!(
        s.link.query.sample_index, "",
        "the default is left out of links"
    );
    let (link, warnings) = UrlState::parse("v=1&si=bogus");
    s = reduce(
        s,
        Action::LinkRead {
            link: Box::new(link),
            warnings,
        },
    );
    assert_eq!(
        s.link.query.sample_index, "",
        "an edited link cannot ask for a type the profile lacks"
    );
    assert_eq!(s.notices.len(), 1);
    let (link, warnings) = UrlState::parse("v=1&si=0");
    s = reduce(
        s,
        Action::LinkRead {
            link: Box::new(link),
            warnings,
        },
    );
    assert_eq!(s.sample_type(), "alloc_space", "an index names a type");
}

#[test]
fn filters_are_set_cleared_and_rejected() {
    let mut s = reduce(AppState::default(), Action::Loaded(summary()));
    let set = |f: &str, v: &str| Action::SetField {
        field: f.into(),
        value: v.into(),
    };
    s = reduce(s, set("focus", "main"));
    s = reduce(s, set("noinlines", "true"));
    assert_eq!(s.query().focus, "main");
    assert!(s.query().noinlines);
    assert!(s.link.to_fragment().contains("f=main"));
    s = reduce(s, set("focus", ""));
    assert_eq!(s.query().focus, "");
    s = reduce(s, set("hide", "runtime"));
    let refine = |f: &str, t: &str| Action::Refine {
        field: f.into(),
        target: t.into(),
    };
    s = reduce(s, refine("hide", "main.(*T).m"));
    assert_eq!(s.query().hide, r"^main\.\(\*T\)\.m$|runtime");
    s = reduce(s, refine("focus", "a.b"));
    s = reduce(s, refine("focus", "c"));
    assert_eq!(s.query().focus, "^c$", "focus replaces");
    let label = |f: &str, k: &str, p: &str| Action::LabelRefine {
        field: f.into(),
        key: k.into(),
        pattern: p.into(),
    };
    s = reduce(s, label("tagignore", "phase", "^a$"));
    s = reduce(s, label("tagignore", "phase", "^b$"));
    assert_eq!(s.query().tagignore, "phase=^a$,^b$");
    s = reduce(s, label("tagfocus", "bytes", "1kB:2kB"));
    s = reduce(s, label("tagfocus", "phase", "^a$"));
    assert_eq!(s.query().tagfocus, "phase=^a$");
    s = reduce(s, Action::ClearFilters);
    assert_eq!(s.query().hide, "");
    assert!(s.query().noinlines, "toggles are not filters");
    s = reduce(s, set("ignore", "("));
    s = reduce(
        s,
        Action::Rejected {
            field: "ignore".into(),
            message: "unclosed group".into(),
        },
    );
    assert_eq!(s.query().ignore, "");
    assert!(s.notices.iter().any(|n| n.contains("unclosed group")));
}

#[test]
fn granularity_defaults_per_view() {
    let mut s = reduce(AppState::default(), Action::Loaded(summary()));
    assert_eq!(s.granularity(), Granularity::FileFunctions);
    s = reduce(s, Action::Granularity(Some(Granularity::FileFunctions)));
    assert_eq!(s.query().granularity, None, "the flame graph's default");
    s = reduce(s, Action::View(View::Top));
    assert_eq!(s.granularity(), Granularity::Functions);
    s = reduce(s, Action::Granularity(Some(Granularity::Lines)));
    s = reduce(s, Action::View(View::Flame));
    assert_eq!(
        s.granularity(),
        Granularity::Lines,
        "one granularity for every view"
    );
}

#[test]
fn sort_toggles_and_starts_naturally() {
    let mut s = AppState::default();
    s = reduce(s, Action::Sort(TopColumn::Cum));
    assert_eq!(
        s.sort(),
        TopSort {
            column: TopColumn::Cum,
            descending: true
        }
    );
    s = reduce(s, Action::Sort(TopColumn::Cum));
    assert!(!s.sort().descending);
    s = reduce(s, Action::Sort(TopColumn::Name));
    assert_eq!(
        s.sort(),
        TopSort {
            column: TopColumn::Name,
            descending: false
        }
    );
}

#[test]
fn comparing_follows_the_base_and_its_mode() {
    let mut s = reduce(AppState::default(), Action::Loaded(summary()));
    assert!(!s.comparing());
    let base = BaseSummary {
        files: vec!["drop:heap1.pb.gz".to_string()],
        identical: false,
        warnings: vec![],
    };
    s = reduce(s, Action::BaseLoaded(base.clone()));
    assert_eq!(s.link.query.base, ["drop:heap1.pb.gz"]);
    assert_eq!(s.sort().column, TopColumn::Delta, "biggest growth first");
    s = reduce(s, Action::CompareMode { diff_base: true });
    assert!(s.link.query.base.is_empty());
    assert_eq!(s.link.query.diff_base, ["drop:heap1.pb.gz"]);
    s = reduce(s, Action::BaseLoaded(base));
    assert_eq!(s.link.query.diff_base.len(), 1, "a new base keeps the mode");
    s = reduce(
        s,
        Action::SetField {
            field: "normalize".to_string(),
            value: "true".to_string(),
        },
    );
    assert!(s.link.query.normalize);
    s = reduce(s, Action::ClearBase);
    assert!(!s.comparing() && !s.link.query.normalize);
    assert_eq!(s.sort(), TopSort::default());
    // A refused base leaves the profile alone and says why.
    let refused = BaseSummary {
        warnings: vec!["different sample types".to_string()],
        ..BaseSummary::default()
    };
    s = reduce(s, Action::BaseLoaded(refused));
    assert!(!s.comparing());
    assert!(s.notices.iter().any(|n| n.starts_with("Cannot compare")));
    // A load whose summary names bases compares with them; a plain one drops them.
    let mut with_base = summary();
    with_base.bases = vec!["a.pb.gz".to_string()];
    s = reduce(s, Action::Loaded(with_base));
    assert_eq!(s.link.query.base, ["a.pb.gz"]);
    s = reduce(s, Action::Loaded(summary()));
    assert!(!s.comparing());
}

#[test]
fn zooming_into_a_stand_in_loads_below_its_parent_until_the_zoom_leaves() {
    let path = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let stand_in = crate::query::ELIDED_NAME;
    let s = reduce(
        AppState::default(),
        Action::Zoom(path(&["main", "c", stand_in])),
    );
    assert_eq!(
        s.link.p,
        path(&["main", "c"]),
        "zoom goes to the stand-in's parent"
    );
    assert_eq!(s.flame_under, path(&["main", "c"]));
    let s = reduce(s, Action::Zoom(path(&["main", "c", "leaf"])));
    assert_eq!(
        s.flame_under,
        path(&["main", "c"]),
        "deeper zooms keep the load"
    );
    let s = reduce(s, Action::Zoom(path(&["main"])));
    assert!(s.flame_under.is_empty(), "a zoom out drops the load");

    // The flame view reports a zoom path that goes on inside a stand-in (a link).
    let s = reduce(s, Action::Zoom(path(&["main", "d", "e"])));
    assert!(s.flame_under.is_empty(), "an ordinary zoom loads nothing");
    let stale = reduce(s.clone(), Action::LoadBelow(path(&["main", "x"])));
    assert!(
        stale.flame_under.is_empty(),
        "a report for another path is stale"
    );
    let s = reduce(s, Action::LoadBelow(path(&["main", "d", "e"])));
    assert_eq!(s.flame_under, path(&["main", "d", "e"]));
    let mut link = s.link.clone();
    link.p.clear();
    let s = reduce(
        s,
        Action::LinkRead {
            link: Box::new(link),
            warnings: Vec::new(),
        },
    );
    assert!(
        s.flame_under.is_empty(),
        "Back to the whole graph drops the load"
    );
}

#[test]
fn a_link_pinned_to_another_file_warns_once() {
    let (link, _) = UrlState::parse("v=2&url=p/cpu.pb.gz&sha=00112233aabbccdd");
    let s = reduce(
        AppState::default(),
        Action::LinkRead {
            link: Box::new(link),
            warnings: Vec::new(),
        },
    );
    let loaded = |sha: &str| Summary {
        sha: vec![sha.to_string()],
        ..summary()
    };
    let same = reduce(s.clone(), Action::Loaded(loaded("00112233aabbccdd")));
    assert!(same.notices.is_empty(), "{:?}", same.notices);
    let changed = reduce(s, Action::Loaded(loaded("ffeeddccbbaa9988")));
    assert_eq!(changed.notices.len(), 1);
    assert!(
        changed.notices[0].contains("p/cpu.pb.gz"),
        "{:?}",
        changed.notices
    );
    assert_eq!(
        changed.link.sha,
        ["ffeeddccbbaa9988"],
        "the link now pins what is loaded"
    );
    // Another file loaded later is not compared with the link's old pin.
    let next = reduce(changed, Action::Loaded(loaded("1234123412341234")));
    assert_eq!(next.notices.len(), 1);
}

#[test]
fn source_opens_the_view_of_the_frame_and_keeps_the_search() {
    let mut s = AppState::default();
    s.link.q = "absorb".to_string();
    let s = reduce(
        s,
        Action::Source(vec!["main.main".into(), "main.(*hasher).absorb".into()]),
    );
    assert_eq!(s.link.view, View::Source);
    assert_eq!(s.link.function, "main.(*hasher).absorb");
    assert_eq!(s.link.q, "absorb");
    let (link, w) = UrlState::parse(&s.link.to_fragment());
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(link.view, View::Source);
}
