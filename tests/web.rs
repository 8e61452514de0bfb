//! The core in a browser: wasm-bindgen-test runs this in headless Chromium (through
//! chromedriver) to prove that encoding, gzip, decoding, loading and the top table all work in
//! the browser's wasm, not only natively.
//!
//! `cargo test --target wasm32-unknown-unknown --features web --test web` (part of `make test`).
//! Natively this file compiles to nothing.

#![cfg(target_arch = "wasm32")]

use pprofview::encode::from_folded;
use pprofview::load::{load, Source};
use pprofview::query::{top_table, Prepared, Query};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn runs_in_a_browser_window() {
    assert!(
        web_sys::window().is_some(),
        "expected a browser page, not node"
    );
}

#[wasm_bindgen_test]
fn gzip_round_trip_and_top_table() {
    let bytes = from_folded("main;a;b 3\nmain;c 1", &[("cpu", "nanoseconds")])
        .expect("the folded text is valid")
        .encode_gzip();
    assert_eq!(
        &bytes[..2],
        &[0x1f, 0x8b],
        "encode_gzip writes a gzip stream"
    );

    let loaded = load(
        &[Source {
            name: "t",
            bytes: &bytes,
        }],
        &Default::default(),
    )
    .expect("the profile loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);

    let profile = std::sync::Arc::new(loaded.profile);
    let prepared = Prepared::unfiltered(&profile).expect("the query compiles");
    let table = top_table(&prepared, &Default::default()).expect("the top table is computed");
    let rows: Vec<(&str, i64, i64)> = table
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.flat, r.cum))
        .collect();
    assert_eq!(
        rows,
        [("b", 3, 3), ("c", 1, 1), ("a", 0, 3), ("main", 0, 4)]
    );
    assert_eq!(table.total, 4);
    assert_eq!(table.flat_sum(), 4);

    // The filters and Go's regexp syntax work the same in wasm: \w is ASCII, hide moves b's
    // time to its caller, the total stays the whole profile's.
    let query = Query {
        hide: r"^\w$".into(),
        focus: "^a$".into(),
        ..Query::default()
    };
    let prepared = Prepared::new(&profile, &query, "minimum").expect("the query compiles");
    let table = top_table(&prepared, &Default::default()).expect("the top table is computed");
    let rows: Vec<(&str, i64, i64)> = table
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.flat, r.cum))
        .collect();
    assert_eq!(rows, [("main", 3, 3)]);
    assert_eq!(table.total, 4);
    let bad = Query {
        ignore: "(".into(),
        ..Query::default()
    };
    let e = Prepared::new(&profile, &bad, "minimum").expect_err("a bad regex is refused");
    assert_eq!(e.to_string(), "invalid -ignore regexp `(`: unclosed group");
}

#[wasm_bindgen_test]
fn worker_messages_round_trip_with_files() {
    use pprofview::session::{Request, TopRequest};
    use pprofview::web::messages::{pack, unpack, Envelope, ToWorker};

    let bits = js_sys::Array::of1(&js_sys::Uint8Array::from(&b"\x1f\x8b profile"[..]));
    let file =
        web_sys::File::new_with_u8_array_sequence(&bits, "cpu.pb.gz").expect("a File can be built");
    let sent = Envelope {
        seq: 7,
        body: ToWorker::Session(Request::Top(TopRequest {
            search: "main\\.(a|b)".to_string(),
            count: 128,
            ..TopRequest::default()
        })),
    };
    let (message, transfer) = pack(&sent, &[file]).expect("packs");
    assert_eq!(transfer.length(), 1, "the body's buffer is transferred");
    let (got, files) = unpack::<ToWorker>(&message).expect("unpacks");
    assert_eq!(got, sent);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name(), "cpu.pb.gz");
    assert_eq!(files[0].size() as usize, 10);

    let garbage = js_sys::Object::new();
    assert!(
        unpack::<ToWorker>(&garbage.into()).is_err(),
        "a bad message is an error, not a panic"
    );
}

#[path = "wide_values/mod.rs"]
mod wide_values;

/// Ids, string indices and sample indices beyond 32 bits, in wasm32 where `usize` has 32
/// bits: the same messages as natively (`tests/malformed.rs` runs the same cases), never the
/// entry the low 32 bits would name.
#[wasm_bindgen_test]
fn values_beyond_32_bits_are_refused_as_natively() {
    assert_eq!(usize::BITS, 32, "this test is about a 32-bit usize");
    wide_values::check_all();
}

/// The page ⇄ worker messages carry the protocol header: a message of another version is
/// refused by its header (before its body is read), and a body that does not decode is an
/// error that still names its sequence number, so the worker can answer it.
#[wasm_bindgen_test]
fn worker_messages_are_versioned() {
    use pprofview::session::envelope::{Header, PROTOCOL_VERSION};
    use pprofview::web::messages::{pack, unpack, Envelope, ToWorker, UnpackError};

    let (message, _) = pack(
        &Envelope {
            seq: 9,
            body: ToWorker::Hello,
        },
        &[],
    )
    .expect("packs");
    let m = js_sys::Reflect::get(&message, &"m".into()).expect("m");
    let bytes = js_sys::Uint8Array::new(&m).to_vec();
    assert_eq!(&bytes[..16], &Header::new(9).to_bytes());

    let with = |bytes: &[u8]| {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"m".into(), &js_sys::Uint8Array::from(bytes)).expect("set");
        unpack::<ToWorker>(&o.into()).map(|(e, _)| e)
    };
    assert_eq!(
        with(&bytes),
        Ok(Envelope {
            seq: 9,
            body: ToWorker::Hello
        })
    );

    let mut other = Header {
        version: PROTOCOL_VERSION + 1,
        seq: 5,
    }
    .to_bytes()
    .to_vec();
    other.extend_from_slice(&bytes[16..]);
    let e = with(&other).expect_err("another version");
    assert!(e.is_other_version());
    assert_eq!(e.seq(), Some(5));
    assert!(
        e.to_string()
            .starts_with("the viewer was updated: reload the page"),
        "{e}"
    );

    let mut garbage = Header::new(6).to_bytes().to_vec();
    garbage.extend_from_slice(&[0xff; 3]);
    let e = with(&garbage).expect_err("an undecodable body");
    assert!(matches!(e, UnpackError::Body { seq: 6, .. }), "{e:?}");
    assert!(!e.is_other_version());

    let e = with(b"no header").expect_err("no header");
    assert_eq!(e.seq(), None);
}
