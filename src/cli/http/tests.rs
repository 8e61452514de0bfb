//! Unit tests of `-http`'s address, paths and link.

use super::*;
use crate::cli::{parse, Command, Report};

fn args(line: &str) -> Vec<String> {
    line.split_whitespace().map(String::from).collect()
}

fn invocation(line: &str) -> Invocation {
    match parse(&args(line)) {
        Ok(Command::Run(inv)) => *inv,
        other => panic!("{line}: {other:?}"),
    }
}

#[test]
fn addresses() {
    let local = |port| vec![SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)];
    assert_eq!(listen_addrs(":").ok(), Some(local(0)));
    assert_eq!(listen_addrs(":0").ok(), Some(local(0)));
    assert_eq!(listen_addrs(":8080").ok(), Some(local(8080)));
    assert_eq!(
        listen_addrs("127.0.0.1:9").ok(),
        Some(local(9)),
        "an explicit host"
    );
    assert!(listen_addrs("[::1]:0").is_ok_and(|a| a[0].ip().is_loopback()));
    assert!(listen_addrs("8080").is_err());
    assert!(listen_addrs(":70000").is_err());
    assert!(listen_addrs(":x").is_err());
}

#[test]
fn served_paths_are_safe() {
    assert_eq!(served_path(0, "a/b/heap.pb.gz"), "profiles/0/heap.pb.gz");
    assert_eq!(
        served_path(1, "http://h:6060/debug/pprof/profile?seconds=30"),
        "profiles/1/profile"
    );
    assert_eq!(served_path(2, "http://h:6060/"), "profiles/2/h_6060");
    assert_eq!(served_path(3, ".."), "profiles/3/profile");
    assert_eq!(served_path(4, "x y<z>.pb"), "profiles/4/x_y_z_.pb");
}

#[test]
fn flags_become_the_link() {
    let inv =
        invocation("-http=: -base=heap1.pb.gz -focus=json -sample_index=alloc_space heap2.pb.gz");
    assert_eq!(inv.report, Report::Http);
    assert_eq!(inv.argument, ":");
    let sources = vec!["profiles/0/heap2.pb.gz".to_string()];
    let bases = vec!["profiles/1/heap1.pb.gz".to_string()];
    let fragment = view_fragment(&inv, &sources, &bases);
    assert!(
        fragment.starts_with("v=2&url=profiles/0/heap2.pb.gz"),
        "{fragment}"
    );
    assert!(
        fragment.contains("&base=profiles/1/heap1.pb.gz"),
        "{fragment}"
    );
    assert!(fragment.contains("&si=alloc_space"), "{fragment}");
    assert!(fragment.contains("&f=json"), "{fragment}");
    let (state, warnings) = UrlState::parse(&fragment);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(state.urls, sources);
    assert_eq!(state.query.base, bases);

    // -http later among the flags, its value separate; two sources merge.
    let inv = invocation("-no_browser -seconds=5 -http 127.0.0.1:0 a.pb.gz b.pb.gz");
    assert_eq!(
        (inv.report, inv.argument.as_str()),
        (Report::Http, "127.0.0.1:0")
    );
    assert!(inv.no_browser);
    assert_eq!(inv.seconds, 5);
    assert_eq!(inv.profiles, vec!["a.pb.gz", "b.pb.gz"]);
    let fragment = view_fragment(&inv, &["p/0/a".into(), "p/1/b".into()], &[]);
    assert_eq!(fragment, "v=2&url=p/0/a&url=p/1/b");
}

#[test]
fn without_the_viewer_it_says_how_to_build_it() {
    let inv = invocation("-http=: -no_browser no-such-file.pb.gz");
    let err = run_with(&inv, &[]).err().unwrap_or_default();
    assert!(err.contains("built without the viewer"), "{err}");
    assert!(
        err.contains("make dist") && err.contains("make cli"),
        "{err}"
    );
    // Errors come before anything is served: a bad address, a missing file.
    static VIEWER: [(&str, &[u8]); 1] = [("index.html", b"<html>")];
    let inv = invocation("-http=nohost -no_browser x.pb.gz");
    assert!(run_with(&inv, &VIEWER).is_err_and(|e| e.contains("[host]:port")));
    let inv = invocation("-http=127.0.0.1:0 -no_browser no-such-file.pb.gz");
    assert!(run_with(&inv, &VIEWER).is_err_and(|e| e.contains("no-such-file.pb.gz")));
}
