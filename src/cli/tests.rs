//! Argument parsing: pprof's spellings, report arguments and usage mistakes.

use super::*;

fn run(args: &str) -> Result<Invocation, UsageError> {
    let args: Vec<String> = args.split_whitespace().map(String::from).collect();
    match parse(&args)? {
        Command::Run(inv) => Ok(*inv),
        other => Err(UsageError(format!("{other:?}"))),
    }
}

#[test]
fn flag_spellings() {
    let inv =
        run("top -nodecount=5 --nodefraction 0.1 -cum -lines -sample_index alloc_space a.pb.gz b")
            .expect("parses");
    assert_eq!(inv.top.node_count, 5);
    assert_eq!(inv.top.node_fraction, 0.1);
    assert!(inv.top.cum_sort);
    assert_eq!(inv.query.granularity, Some(Granularity::Lines));
    assert_eq!(inv.query.sample_index, "alloc_space");
    assert_eq!(inv.profiles, vec!["a.pb.gz", "b"]);
    let inv = run("top -focus main\\. --ignore=gc -focus= f").expect("parses");
    assert_eq!(inv.query.focus, "");
    assert_eq!(inv.query.ignore, "gc");
    assert_eq!(inv.profiles, vec!["f"]);
}

#[test]
fn legacy_shortcuts_and_trim() {
    let inv = run("top -mean_delay -trim=false f").expect("parses");
    assert_eq!(inv.query.sample_index, "delay");
    assert!(inv.query.mean);
    assert_eq!(inv.top.node_fraction, 0.0);
    let inv = run("top -sample_index=1 -inuse_space f").expect("parses");
    assert_eq!(inv.query.sample_index, "1");
    assert_eq!(inv.warnings.len(), 1);
}

#[test]
fn peek_takes_its_regex_first() {
    for args in [
        "peek a\\.b -cum f",
        "-peek a\\.b -cum f",
        "-peek=a\\.b -cum f",
    ] {
        let inv = run(args).expect("parses");
        assert_eq!(inv.report, Report::Peek, "{args}");
        assert_eq!(inv.argument, "a\\.b", "{args}");
        assert!(inv.top.cum_sort);
        assert_eq!(inv.profiles, vec!["f"]);
    }
    assert!(run("peek").is_err());
    assert!(run("peek ( f").is_err());
    assert!(run("top=x f").is_err());
    assert_eq!(run("top f").expect("parses").argument, "");
}

#[test]
fn mistakes_are_usage_errors() {
    assert!(run("top").is_err());
    assert!(run("flame f").is_err());
    assert!(run("top -nodecount=x f").is_err());
    assert!(run("top -files -lines f").is_err());
    assert!(run("top -bogus f").is_err());
    let e = run("top -base=x -diff_base=y f").expect_err("both bases");
    assert!(e.0.contains("cannot both be specified"), "{e}");
    let e = run("top -normalize f").expect_err("normalize without base");
    assert!(e.0.contains("must have base profile"), "{e}");
    let inv = run("top -base=a -base=b -drop_negative f").expect("bases");
    assert_eq!(inv.query.base, ["a", "b"]);
    assert!(inv.query.drop_negative);
    let inv =
        run("tags -hide=x -tagfocus=1kb: -relative_percentages -tagroot=a,b f").expect("filters");
    assert_eq!(inv.report, Report::Tags);
    assert_eq!(inv.query.hide, "x");
    assert!(inv.query.relative_percentages);
    assert_eq!(inv.query.tagroot, "a,b");
    let e = run("top -tagfocus=k=( f").expect_err("bad regex");
    assert!(e.0.starts_with("invalid -tagfocus regexp `(`"), "{e}");
    let e = run("top -focus=x -ignore=( f").expect_err("bad regex");
    assert_eq!(e.0, "invalid -ignore regexp `(`: unclosed group");
    let e = run("top -focus=[ -ignore=( f").expect_err("bad regex");
    assert!(e.0.starts_with("invalid -focus regexp `[`"), "{e}");
    assert!(run("top -- -weird-name").is_ok());
}
