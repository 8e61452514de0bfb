//! Broken text profiles and dumps never panic or hang, and get a message that names the
//! format and the line.
//!
//! Pinned messages for specific inputs (the decoder is the same code natively and in
//! wasm32, so the same input gives the same message in the browser), then every
//! truncation of the fixtures and thousands of random mutations of them.

use pprofview::decode::{decode, DecodeOptions};
use std::time::{Duration, Instant};

fn opts() -> DecodeOptions {
    DecodeOptions {
        max_inflated: 64 << 20,
    }
}

/// Decodes with a time bound; `Ok(samples)` or the error message.
fn outcome(bytes: &[u8]) -> Result<usize, String> {
    let start = Instant::now();
    let r = decode(bytes, &opts());
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "decode took {:?}",
        start.elapsed()
    );
    r.map(|d| d.profile.samples.len())
        .map_err(|e| e.to_string())
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/profiles")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn specific_inputs_get_specific_messages() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"goroutine profile: total 1\n1 @ 0xzz\n",
            "malformed profile: count profile (debug=1 text), line 2: expected `COUNT @ 0xADDRESS …`",
        ),
        (
            b"goroutine profile: total 1\n99999999999999999999 @ 0x1\n",
            "malformed profile: count profile (debug=1 text), line 2: the count is too large",
        ),
        (
            b"threadcreate profile: total 1\n1 @ 0x1ffffffffffffffff\n",
            "malformed profile: count profile (debug=1 text), line 2: an address is too large",
        ),
        (
            b"heap profile: 1: 2 [1: 2] @ heap/2\n0: 5 [0: 5] @ 0x1\n",
            "malformed profile: heap profile (legacy text), line 2: inuse count was 0 but inuse bytes was 5",
        ),
        (
            b"heap profile: 1: 2 [1: 2] @ heap/2\nnot a sample\n",
            "malformed profile: heap profile (legacy text), line 2: expected `N: BYTES [N: BYTES] @ 0xADDRESS …`",
        ),
        (
            b"--- mutex:\ncycles/second=1\n99999999999999999999 1 @ 0x1\n",
            "malformed profile: contention profile (legacy text), line 3: the delay is too large",
        ),
        (
            b"--- contention:\nno samples here\n",
            "this is a legacy text pprof profile of a kind pprofview does not read (convert it with `go tool pprof -proto FILE > out.pb.gz`), not a pprof profile",
        ),
        (
            b"just some text\nwith lines\n",
            "this is a text file (it starts with \"just some text\"), not a pprof profile",
        ),
    ];
    for (input, message) in cases {
        let first = outcome(input);
        assert_eq!(
            first,
            Err(message.to_string()),
            "{:?}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(outcome(input), first, "the same input, the same answer");
    }
}

#[test]
fn odd_but_readable_inputs() {
    // A truncated dump: the last goroutine has a function line and no file line.
    let dump =
        b"goroutine 1 [running]:\nmain.main()\n\t/x.go:3 +0x1\n\ngoroutine 2 [select]:\nmain.f(";
    assert_eq!(outcome(dump), Ok(2));
    // A huge line: a count profile with a 300,000-frame stack.
    let mut big = b"goroutine profile: total 1\n1 @".to_vec();
    for i in 0..300_000u32 {
        big.extend(format!(" 0x{:x}", 0x1000 + i).as_bytes());
    }
    big.push(b'\n');
    assert_eq!(outcome(&big), Ok(1));
    // A million goroutines with one stack: one sample.
    let mut many = Vec::new();
    for i in 0..200_000 {
        many.extend(
            format!("goroutine {i} [chan receive]:\nmain.f()\n\t/x.go:1 +0x1\n\n").as_bytes(),
        );
    }
    assert_eq!(outcome(&many), Ok(1));
}

/// xorshift64*: a deterministic stream without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FIXTURES: &[&str] = &[
    "go_dump_goroutine.debug1.txt",
    "go_dump_goroutine.debug2.txt",
    "go_dump_mutex.debug1.txt",
    "go_dump_block.debug1.txt",
    "legacy_heap_go.prof",
    "legacy_heapz.prof",
    "legacy_contentionz.prof",
    "legacy_threadcreate.prof",
];

#[test]
fn every_truncation_decodes_or_fails_cleanly() {
    for name in FIXTURES {
        let bytes = fixture(name);
        let step = (bytes.len() / 400).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let _ = outcome(&bytes[..cut]);
        }
    }
}

#[test]
fn random_mutations_never_panic() {
    const PIECES: &[&str] = &[
        "\n",
        " @ ",
        "0x",
        ": ",
        "[",
        "]",
        "#\t0x4bbd5a\tmain.f+0x1\tx.go:1",
        "# labels: {\"",
        "goroutine 1 [",
        "]:",
        "\t",
        "created by ",
        "--- Memory map: ---\n",
        "=",
        "-1",
        "99999999999999999999",
        "ff",
        "(",
        ")",
        "…",
        "\r\n",
        "...additional frames elided...",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let sources: Vec<Vec<u8>> = FIXTURES.iter().map(|n| fixture(n)).collect();
    for _ in 0..10_000 {
        let mut text = sources[rng.below(sources.len())].clone();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(text.len() + 1);
            match rng.below(3) {
                0 => {
                    let p = PIECES[rng.below(PIECES.len())].as_bytes();
                    text.splice(at..at, p.iter().copied());
                }
                1 => {
                    let end = (at + rng.below(64)).min(text.len());
                    text.drain(at..end);
                }
                _ => {
                    if at < text.len() {
                        const BYTES: &[u8] = b" 0123456789abcdefx@:[]#\n\t";
                        text[at] = BYTES[rng.below(BYTES.len())];
                    }
                }
            }
        }
        let _ = outcome(&text);
    }
}
