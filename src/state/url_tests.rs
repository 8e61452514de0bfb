//! Tests of the link format.
use super::*;

#[test]
fn round_trip_with_kept_keys() {
    let (s, w) = UrlState::parse(
        "#v=1&url=https://store.internal/p/cpu.pb.gz%3Fa%3D1%26b%3D2&si=alloc_space&q=a%2Bb%20c&f=main&zz=1&src=x&sha=0123456789abcdef&base=b.pb.gz&base=https://h/a.pb.gz&norm=t",
    );
    assert_eq!(s.query.base, ["b.pb.gz", "https://h/a.pb.gz"]);
    assert!(s.query.normalize);
    assert_eq!(s.urls, ["https://store.internal/p/cpu.pb.gz?a=1&b=2"]);
    assert_eq!(s.query.sample_index, "alloc_space");
    assert_eq!(s.query.focus, "main");
    assert_eq!(s.q, "a+b c");
    assert_eq!(s.sha, ["0123456789abcdef"]);
    // zz is unknown; src=x has no {file}.
    assert_eq!(w.len(), 2, "{w:?}");
    let (again, w2) = UrlState::parse(&s.to_fragment());
    assert_eq!(again, s);
    assert_eq!(w2.len(), 1);
}

#[test]
fn bad_values_warn_and_are_ignored() {
    let (s, w) = UrlState::parse(
        "v=9&url=javascript:alert(1)&view=nope&view=flamegraph&q=%zz&g=bytes&rel=maybe",
    );
    assert!(s.urls.is_empty());
    assert_eq!(s.view, View::Flame);
    assert_eq!(s.q, "%zz");
    assert_eq!(s.query, Query::default());
    assert_eq!(w.len(), 6, "{w:?}");
}

#[test]
fn call_paths_survive_separators_in_names() {
    let p = vec![
        "a;b".to_string(),
        "std::vector<int>::at".to_string(),
        "x y".to_string(),
    ];
    let s = UrlState {
        p: p.clone(),
        view: View::Sandwich,
        query: Query {
            granularity: Some(crate::query::Granularity::Lines),
            ..Query::default()
        },
        ..UrlState::default()
    };
    let fragment = s.to_fragment();
    assert!(
        fragment.contains("g=lines&view=sandwich&p=a%3Bb;"),
        "{fragment}"
    );
    let (back, w) = UrlState::parse(&fragment);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(back.p, p);
    assert_eq!(back, s);
}

#[test]
fn every_query_field_has_its_key() {
    let (s, w) = UrlState::parse(
        "v=1&si=1&f=a&i=b&h=c&s=d&sf=e&prunefrom=f&tf=k%3Dv&ti=1kb%3A&ts=t&th=u&tr=x,y&tl=z\
         &g=files&noinlines=t&rel=true&mean=1",
    );
    assert!(w.is_empty(), "{w:?}");
    let q = &s.query;
    assert_eq!(
        (
            q.focus.as_str(),
            q.show_from.as_str(),
            q.prune_from.as_str()
        ),
        ("a", "e", "f")
    );
    assert_eq!((q.tagfocus.as_str(), q.tagignore.as_str()), ("k=v", "1kb:"));
    assert_eq!((q.tagroot.as_str(), q.tagleaf.as_str()), ("x,y", "z"));
    assert!(q.noinlines && q.relative_percentages && q.mean);
    let f = s.to_fragment();
    assert!(
        f.starts_with("v=2&si=1&f=a&i=b&h=c&s=d&sf=e&tf=k%3Dv&ti=1kb:"),
        "{f}"
    );
    assert!(f.contains("&mean=t&g=files&noinlines=t&rel=t"), "{f}");
    assert_eq!(UrlState::parse(&f).0, s);
}

#[test]
fn defaults_are_left_out() {
    assert_eq!(UrlState::default().to_fragment(), "v=2");
    let s = UrlState {
        urls: vec!["a b.pb.gz".into(), "/x/y".into()],
        ..UrlState::default()
    };
    assert_eq!(s.to_fragment(), "v=2&url=a%20b.pb.gz&url=/x/y");
}

#[test]
fn relative_and_http_urls_only() {
    assert!(check_profile_url("cpu.pb.gz").is_ok());
    assert!(check_profile_url("./p/x:y").is_ok());
    assert!(check_profile_url("HTTPS://h/p").is_ok());
    assert!(check_profile_url("data:text/plain,hi").is_err());
    assert!(check_profile_url("file:///etc/passwd").is_err());
}

#[test]
fn source_templates_round_trip() {
    let (s, w) = UrlState::parse(
        "v=2&view=source&fn=main.(*hasher).absorb&src=https%3A%2F%2Fgit.example%2Fraw%2Fmain%2F%7Bfile%7D%3Fa%3D1%26b%3D2",
    );
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(s.view, View::Source);
    assert_eq!(s.src, "https://git.example/raw/main/{file}?a=1&b=2");
    let (again, w) = UrlState::parse(&s.to_fragment());
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(again, s);
    let (bad, w) = UrlState::parse("src=javascript:x%7Bfile%7D&src=https://h/no-placeholder");
    assert!(bad.src.is_empty());
    assert_eq!(w.len(), 2, "{w:?}");
}
