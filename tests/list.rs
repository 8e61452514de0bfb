//! The source listing's two layers on a real Go profile: the numbers alone (what a page
//! without sources shows), the calls inlined at a line, and the text with a lookup that
//! finds nothing or finds text handed to it.

use pprofview::load::{load, Source};
use pprofview::query::{compile_go_regex, list, list_selected, PathTrim, Prepared, Query};
use pprofview::report::{list_text, source_rows, NoSources, SourceLookup};
use std::path::Path;
use std::sync::Arc;

fn prepared(query: &Query) -> Prepared {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/profiles/go_cpu.pb.gz");
    let bytes = std::fs::read(path).expect("fixture");
    let loaded = load(
        &[Source {
            name: "go_cpu.pb.gz",
            bytes: &bytes,
        }],
        &Default::default(),
    )
    .expect("loads");
    Prepared::new(&Arc::new(loaded.profile), query, "minimum").expect("query")
}

#[test]
fn numbers_without_sources() {
    let p = prepared(&Query::default());
    let regex = compile_go_regex(r"main\.\(\*hasher\)\.absorb").expect("regex");
    let listing = list(&p, &regex, &PathTrim::default());
    assert_eq!(listing.total, p.total());
    let [f] = &listing.functions[..] else {
        panic!("one function: {listing:?}")
    };
    let [file] = &f.files[..] else {
        panic!("one file")
    };
    assert_eq!(file.file, "goprof/main.go");
    assert_eq!(file.flat, file.lines.iter().map(|l| l.flat).sum::<i64>());
    assert!(file.first <= file.lines[0].line && file.lines[0].line - file.first == 5);
    // mixBits is inlined into absorb: its call line names it, with at most the line's cum.
    let call = file
        .lines
        .iter()
        .find(|l| l.inlined.iter().any(|c| c.name == "main.mixBits"))
        .expect("an inlined mixBits call");
    assert!(call.inlined.iter().all(|c| c.value <= call.cum));
    // Selecting by exact name gives the same numbers.
    let same = list_selected(&p, &PathTrim::default(), |n| n == "main.(*hasher).absorb");
    assert_eq!(same, listing);
}

#[test]
fn text_with_and_without_sources() {
    let p = prepared(&Query::default());
    let regex = compile_go_regex(r"^main\.descend$").expect("regex");
    let listing = list(&p, &regex, &PathTrim::default());
    let mut none = NoSources {
        message: "could not find file goprof/main.go on path .".into(),
    };
    let text = list_text(&listing, "nanoseconds", "minimum", &mut none);
    assert!(text.starts_with(
        "Total: 2.09s\nROUTINE ======================== main.descend in goprof/main.go\n"
    ));
    assert!(text.ends_with(" Error: could not find file goprof/main.go on path .\n"));

    struct Numbered;
    impl SourceLookup for Numbered {
        fn lines(&mut self, _file: &str) -> Result<Vec<String>, String> {
            Ok((1..=1000).map(|i| format!("line {i}")).collect())
        }
    }
    let text = list_text(&listing, "nanoseconds", "minimum", &mut Numbered);
    let file = &listing.functions[0].files[0];
    let rows = source_rows(file, &Numbered.lines("x").expect("text"));
    assert_eq!(rows.len() as i64, file.last - file.first + 1);
    assert_eq!(text.lines().count(), 3 + rows.len());
}

#[test]
fn trim_path_renames_files() {
    let p = prepared(&Query::default());
    let regex = compile_go_regex(r"^main\.descend$").expect("regex");
    let trim = PathTrim {
        trim_path: "goprof".into(),
        source_path: String::new(),
    };
    let listing = list(&p, &regex, &trim);
    assert_eq!(listing.functions[0].files[0].file, "main.go");
}

#[test]
fn the_regex_sees_function_names_only() {
    // `go tool pprof -list main.go` finds nothing: -list matches function names, never the
    // `file:line` of a node's printable name (which `-peek` with `-lines` does match).
    let p = prepared(&Query::default());
    let regex = compile_go_regex(r"main\.go").expect("regex");
    assert!(list(&p, &regex, &PathTrim::default()).functions.is_empty());
}
