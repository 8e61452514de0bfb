//! Bad input never panics, never hangs, and gets a message that names the problem.
//!
//! Specific broken files (each with the message it must produce), then ≥ 10,000 random
//! byte strings and ≥ 10,000 random mutations of a valid profile, raw and gzipped.

use pprofview::decode::{decode, DecodeOptions};
use pprofview::encode::{from_folded, gzip, ProfileBuilder};
use pprofview::error::DecodeError;
use pprofview::pb;
use prost::Message;
use std::time::{Duration, Instant};

fn valid() -> ProfileBuilder {
    let mut b = from_folded(
        "main;work;hash 30,300\nmain;work+inl;leaf 10,100\nmain;idle 5,50",
        &[("samples", "count"), ("cpu", "nanoseconds")],
    )
    .expect("folded");
    b.time(1_600_000_000_000_000_000, 2_000_000_000);
    b.mapping("/bin/app", "abc", 0x1000, 0x9000);
    b
}

fn opts() -> DecodeOptions {
    DecodeOptions {
        max_inflated: 16 << 20,
    }
}

/// Decodes and returns the error message; fails if decoding succeeds or takes too long.
fn error_of(bytes: &[u8]) -> String {
    let start = Instant::now();
    let r = decode(bytes, &opts());
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "decode took {:?}",
        start.elapsed()
    );
    match r {
        Ok(_) => panic!("decoding unexpectedly succeeded"),
        Err(e) => e.to_string(),
    }
}

fn with(edit: impl FnOnce(&mut pb::Profile)) -> Vec<u8> {
    let mut b = valid();
    edit(b.message_mut());
    b.encode()
}

#[test]
fn specific_files_get_specific_messages() {
    let good = valid().encode_gzip();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "the file is empty"),
        (
            "png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "PNG image",
        ),
        (
            "text",
            b"hello, this is not a profile\n".to_vec(),
            "text file",
        ),
        ("json", b"{\"shared\": {}}".to_vec(), "JSON"),
        (
            "legacy threadz (not read)",
            b"--- threadz 1 ---\n\n--- Thread 7f (name: main/1) stack: ---\n".to_vec(),
            "legacy text pprof",
        ),
        (
            "truncated gzip",
            good[..good.len() / 2].to_vec(),
            "truncated",
        ),
        ("gzip header only", good[..10].to_vec(), "truncated"),
        ("gzip of nothing", gzip(&[]), "the file is empty"),
        ("gzipped png", gzip(b"\x89PNG\r\n\x1a\nrest"), "PNG image"),
        (
            "zero location id",
            with(|p| p.location[0].id = 0),
            "location has id 0",
        ),
        (
            "duplicate function id",
            with(|p| {
                let id = p.function[0].id;
                p.function[1].id = id;
            }),
            "two functions share the id",
        ),
        (
            "dangling location",
            with(|p| p.sample[0].location_id[0] = 999),
            "refers to location 999, which is not in the profile",
        ),
        (
            "line without function",
            with(|p| p.location[0].line[0].function_id = 0),
            "has a line without a function",
        ),
        (
            "dangling function",
            with(|p| p.location[0].line[0].function_id = 77),
            "refers to function 77",
        ),
        (
            "value count",
            with(|p| p.sample[1].value.push(1)),
            "sample 1 has 3 values but sample 0 has 2",
        ),
        (
            "types vs values",
            with(|p| {
                p.sample_type.pop();
            }),
            "declares 1 sample types",
        ),
        (
            "string index",
            with(|p| p.function[0].name = 5000),
            "refers to string 5000",
        ),
        (
            "label value string",
            with(|p| {
                p.sample[0].label.push(pb::Label {
                    key: 1,
                    str: 9999,
                    ..Default::default()
                })
            }),
            "value refers to string 9999",
        ),
        (
            "first string",
            with(|p| p.string_table[0] = "x".into()),
            "first entry of the string table must be empty",
        ),
        (
            "negative string index",
            with(|p| p.sample_type[0].unit = -3),
            "refers to string -3",
        ),
        (
            "no sample types",
            with(|p| p.sample_type.clear()),
            "samples but no sample types",
        ),
    ];
    for (name, bytes, want) in cases {
        let msg = error_of(&bytes);
        assert!(
            msg.contains(want),
            "{name}: {msg:?} does not contain {want:?}"
        );
    }
}

#[test]
fn concatenated_and_absurd_wire_data() {
    let one = valid().encode();
    let mut two = one.clone();
    two.extend_from_slice(&one);
    assert_eq!(
        decode(&two, &opts()).map(|_| ()),
        Err(DecodeError::Concatenated)
    );
    // A sample field claiming 2^60 bytes.
    let mut huge = vec![0x12];
    prost::encoding::encode_varint(1 << 60, &mut huge);
    huge.extend_from_slice(&[1, 2, 3]);
    assert!(error_of(&huge).contains("truncated"), "{}", error_of(&huge));
    // An overlong varint.
    let bad = [
        0x48, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ];
    assert!(error_of(&bad).contains("not a valid protobuf profile"));
    // Huge ids are fine when consistent.
    let big_ids = with(|p| {
        let id = u64::MAX - 7;
        let old = p.location[0].id;
        p.location[0].id = id;
        for s in &mut p.sample {
            for l in &mut s.location_id {
                if *l == old {
                    *l = id;
                }
            }
        }
    });
    assert!(decode(&big_ids, &opts()).is_ok());
}

#[test]
fn decompression_bombs_stop_at_the_limit() {
    // 64 MiB of zeros in ~64 KiB, and many such members concatenated.
    let member = gzip(&vec![0u8; 64 << 20]);
    let mut bomb = Vec::new();
    for _ in 0..8 {
        bomb.extend_from_slice(&member);
    }
    let start = Instant::now();
    let err = decode(&bomb, &opts()).expect_err("over the limit");
    assert_eq!(err, DecodeError::TooLarge { limit: 16 << 20 });
    assert!(err.to_string().contains("decompression bombs"));
    assert!(start.elapsed() < Duration::from_secs(10));
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every outcome is fine except a panic or a hang; errors must carry a message.
fn survive(bytes: &[u8]) {
    let start = Instant::now();
    if let Err(e) = decode(bytes, &opts()) {
        assert!(!e.to_string().is_empty());
    }
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "slow input: {} bytes",
        bytes.len()
    );
}

#[test]
fn ten_thousand_random_byte_strings() {
    let mut rng = Rng(1);
    for i in 0..10_000 {
        let len = match i % 4 {
            0 => rng.below(16),
            1 => rng.below(256),
            2 => rng.below(4096),
            _ => rng.below(64),
        };
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if i % 3 == 0 && !bytes.is_empty() {
            bytes[0] = 0x0a; // looks like a profile's first field
        }
        survive(&bytes);
        if i % 10 == 0 {
            survive(&gzip(&bytes));
        }
    }
}

#[test]
fn ten_thousand_mutations_of_a_valid_profile() {
    let raw = valid().encode();
    let gz = valid().encode_gzip();
    assert!(decode(&raw, &opts()).is_ok() && decode(&gz, &opts()).is_ok());
    let mut rng = Rng(7);
    for i in 0..10_000 {
        let base = if i % 5 == 0 { &gz } else { &raw };
        let mut m = base.clone();
        for _ in 0..1 + rng.below(4) {
            match rng.below(5) {
                0 if !m.is_empty() => {
                    let at = rng.below(m.len());
                    m[at] ^= 1 << rng.below(8);
                }
                1 if !m.is_empty() => {
                    let at = rng.below(m.len());
                    m[at] = rng.next() as u8;
                }
                2 => {
                    let at = rng.below(m.len() + 1);
                    m.insert(at, rng.next() as u8);
                }
                3 if !m.is_empty() => {
                    let at = rng.below(m.len());
                    m.remove(at);
                }
                _ => {
                    let keep = rng.below(m.len() + 1);
                    m.truncate(keep);
                }
            }
        }
        survive(&m);
    }
    // Whole-message edits through prost: every field of a real profile set to extremes.
    let mut p = pb::Profile::decode(raw.as_slice()).expect("valid");
    p.sample[0].value = vec![i64::MIN, i64::MAX];
    p.period = i64::MIN;
    p.duration_nanos = i64::MAX;
    p.time_nanos = i64::MIN;
    let bytes = p.encode_to_vec();
    let profile = decode(&bytes, &opts())
        .expect("extreme values are valid")
        .profile;
    let profile = std::sync::Arc::new(profile);
    let q = pprofview::query::Prepared::unfiltered(&profile).expect("prepared");
    let t = pprofview::query::top_table(&q, &Default::default()).expect("top");
    let _ = pprofview::report::top_text(&profile, q.context(), &t, &Default::default());
}

#[path = "wide_values/mod.rs"]
mod wide_values;

/// Ids, string indices and sample indices beyond 32 bits: the same messages as in wasm32
/// (`tests/web.rs` runs the same cases there).
#[test]
fn values_beyond_32_bits_are_refused_not_truncated() {
    wide_values::check_all();
}
