//! The `pprofview` binary as a user runs it: exit statuses, stdout, and error messages that
//! name the file and the problem.

use pprofview::encode::from_folded;
use std::path::PathBuf;
use std::process::{Command, Output};

fn pprofview(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pprofview"))
        .args(args)
        .output()
        .expect("runs the binary")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pprofview-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

/// A small CPU profile in a file of its own (tests run in parallel).
fn cpu(tag: &str) -> PathBuf {
    let b = from_folded(
        "main;work;hash 3,30000000\nmain;work 1,10000000\nmain;idle 1,10000000",
        &[("samples", "count"), ("cpu", "nanoseconds")],
    )
    .expect("folded");
    temp(&format!("cpu-{tag}.pb.gz"), &b.encode_gzip())
}

#[test]
fn prints_the_top_report() {
    let f = cpu("report");
    let out = pprofview(&["top", f.to_str().expect("utf8 path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let expected = "\
Type: cpu
Showing nodes accounting for 50ms, 100% of 50ms total
      flat  flat%   sum%        cum   cum%
      30ms 60.00% 60.00%       30ms 60.00%  hash
      10ms 20.00% 80.00%       10ms 20.00%  idle
      10ms 20.00%   100%       40ms 80.00%  work
         0     0%   100%       50ms   100%  main
";
    assert_eq!(stdout, expected);
}

#[test]
fn focus_and_ignore_filter_samples_not_the_total() {
    let f = cpu("focus");
    let p = f.to_str().expect("utf8 path");
    let out = pprofview(&["top", "-focus=work", "-ignore=^hash$", p]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = "\
Type: cpu
Active filters:
   focus=work
   ignore=^hash$
Showing nodes accounting for 10ms, 20.00% of 50ms total
      flat  flat%   sum%        cum   cum%
      10ms 20.00% 20.00%       10ms 20.00%  work
         0     0% 20.00%       10ms 20.00%  main
";
    assert_eq!(text(&out.stdout), expected);
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn a_filter_matching_nothing_is_a_warning_as_in_pprof() {
    let f = cpu("nomatch");
    let out = pprofview(&[
        "top",
        "-focus=nothing",
        "-ignore=either",
        f.to_str().expect("utf8"),
    ]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("Showing nodes accounting for 0, 0% of 50ms total\n"));
    assert_eq!(
        text(&out.stderr),
        "pprofview: Focus expression matched no samples\n\
         pprofview: Ignore expression matched no samples\n"
    );
}

#[test]
fn a_bad_filter_regex_is_a_usage_error_naming_the_flag() {
    let out = pprofview(&["top", "-focus=main", "-ignore=[a", "no-such-file"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("pprofview: invalid -ignore regexp `[a`: unclosed character class\n"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn several_files_are_merged() {
    let f = cpu("merged");
    let p = f.to_str().expect("utf8 path");
    let out = pprofview(&["top", "-cum", p, p]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("100ms   100%  main"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn bad_files_exit_1_naming_the_file() {
    let png = temp("shot.png", b"\x89PNG\r\n\x1a\nxxxxxxxx");
    let out = pprofview(&["top", png.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("shot.png: this is a PNG image, not a pprof profile"),
        "{err}"
    );

    let out = pprofview(&["top", "/nonexistent/x.pb.gz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/x.pb.gz: no such file"));

    let gz = std::fs::read(cpu("cut")).expect("read");
    let cut = temp("cut.pb.gz", &gz[..gz.len() - 9]);
    let out = pprofview(&["top", cut.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cut.pb.gz: cannot decompress"),
        "{}",
        text(&out.stderr)
    );

    let f = cpu("bad");
    let out = pprofview(&["top", "-sample_index=bogus", f.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("must be one of: samples, cpu"));

    let out = pprofview(&["top", "-max_inflated=10", f.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("limit"), "{}", text(&out.stderr));
}

#[test]
fn usage_mistakes_exit_2() {
    for args in [
        vec![],
        vec!["top"],
        vec!["graph", "x"],
        vec!["top", "-nodecount=abc", "x"],
        vec!["top", "-nosuchflag", "x"],
        vec!["top", "-base=a", "-diff_base=b", "x"],
        vec!["top", "-focus=(", "x"],
    ] {
        let out = pprofview(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("pprofview -h"), "{args:?}");
    }
    let out = pprofview(&["-h"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("usage: pprofview"));
}

/// A CPU profile with recursion (`a` calls `b` calls `a`), in a file of its own.
fn recursive(tag: &str) -> PathBuf {
    let b = from_folded(
        "main;a;b;a;c 2,20000000\nmain;a 1,10000000\nmain;b;a 1,10000000",
        &[("samples", "count"), ("cpu", "nanoseconds")],
    )
    .expect("folded");
    temp(&format!("rec-{tag}.pb.gz"), &b.encode_gzip())
}

#[test]
fn prints_the_peek_report() {
    let f = recursive("peek");
    let p = f.to_str().expect("utf8 path");
    // `go tool pprof -peek '^(a|b)$' -symbolize=none` on the same profile: every caller
    // and callee of a recursive function, each sample counted once per call (the callers
    // view would show only `main` above the outermost `a`). Trimming flags do not apply.
    let expected = "\
Type: cpu
Showing nodes accounting for 40ms, 100% of 40ms total
----------------------------------------------------------+-------------
      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t 
----------------------------------------------------------+-------------
                                              30ms 75.00% |   b
                                              30ms 75.00% |   main
      20ms 50.00% 50.00%       40ms   100%                | a
                                              20ms 50.00% |   b
                                              20ms 50.00% |   c
----------------------------------------------------------+-------------
                                              20ms 66.67% |   a
                                              10ms 33.33% |   main
         0     0% 50.00%       30ms 75.00%                | b
                                              30ms   100% |   a
----------------------------------------------------------+-------------
";
    for args in [
        vec!["peek", "^(a|b)$", p],
        vec!["-peek=^(a|b)$", p],
        vec!["peek", "^(a|b)$", "-nodecount=1", p],
    ] {
        let out = pprofview(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), expected, "{args:?}");
    }
}

#[test]
fn peek_refuses_bad_regexes_and_says_when_nothing_matches() {
    let f = recursive("nomatch");
    let p = f.to_str().expect("utf8 path");
    let out = pprofview(&["peek", "(", p]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("pprofview: invalid peek regexp `(`: unclosed group\n"),
        "{err}"
    );
    let out = pprofview(&["peek"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("peek needs a regex"));
    let out = pprofview(&["peek", "^nothing$", p]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "pprofview: no matches found for regexp: ^nothing$\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn list_finds_sources_from_the_working_directory() {
    // The golden was made with -source_path=../sources/recorded from tests/fixtures/profiles;
    // run from that folder, the default search path (the working directory) finds the same
    // file (the recorded goprof/main.go, not today's).
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let golden =
        std::fs::read_to_string(fixtures.join("golden/go_cpu.list=absorb.txt")).expect("golden");
    let out = Command::new(env!("CARGO_BIN_EXE_pprofview"))
        .current_dir(fixtures.join("sources/recorded"))
        .args(["list", r"main\.\(\*hasher\)\.absorb", "-symbolize=none"])
        .arg(fixtures.join("profiles/go_cpu.pb.gz"))
        .output()
        .expect("runs the binary");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), golden);
}

#[test]
fn list_refuses_bad_regexes_and_says_when_nothing_matches() {
    let f = recursive("listnomatch");
    let p = f.to_str().expect("utf8 path");
    let out = pprofview(&["list", "(", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("pprofview: invalid list regexp `(`"));
    let out = pprofview(&["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("list needs a regex"));
    let out = pprofview(&["-list=^nothing$", p]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "pprofview: no matches found for regexp: ^nothing$\n"
    );
    // A file found nowhere: pprof's message, and still status 0.
    let out = pprofview(&["list", "^a$", "-source_path=/no/such/dir", p]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "Total: 40ms\nROUTINE ======================== a in a.go\n      20ms       40ms (flat, cum)   100% of Total\n Error: could not find file a.go on path /no/such/dir\n"
    );
}

#[test]
fn writes_exports_to_stdout_or_the_output_file() {
    let f = cpu("exports");
    let path = f.to_str().expect("utf8 path");
    let out = pprofview(&["proto", "-focus=hash", path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.starts_with(&[0x1f, 0x8b]), "stdout is not gzip");
    let written = temp("exports-out.pb.gz", b"");
    let target = written.to_str().expect("utf8 path");
    let out = pprofview(&["proto", "-focus=hash", &format!("-output={target}"), path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        format!("Generating report in {target}\n")
    );
    let top = pprofview(&["top", target]);
    assert!(
        text(&top.stdout).contains("100% of 30ms total"),
        "{}",
        text(&top.stdout)
    );
    let folded = pprofview(&["folded", "-sample_index=cpu", path]);
    assert_eq!(
        text(&folded.stdout),
        "main;idle 10000000\nmain;work 10000000\nmain;work;hash 30000000\n"
    );
    let svg = pprofview(&["svg", "-width=300", path]);
    assert!(
        text(&svg.stdout).starts_with("<svg "),
        "{}",
        text(&svg.stdout)
    );
    let bad = pprofview(&["svg", "-orientation=up", path]);
    assert_eq!(bad.status.code(), Some(2));
}

// URL sources, through a canned local server.
#[path = "cli/url.rs"]
mod url;
