//! Profiles whose ids, string indices and sample index do not fit in 32 bits, with the exact
//! outcome each must have.
//!
//! Shared by `tests/malformed.rs` (native, 64-bit `usize`) and `tests/web.rs` (wasm32, 32-bit
//! `usize`): a plain `as usize` would read string 2³²+1 as string 1 in the browser while the
//! command line refuses it, so both run these same cases and must give the same messages.

#![allow(dead_code)]

use pprofview::decode::{decode, DecodeOptions};
use pprofview::encode::{from_folded, ProfileBuilder};
use pprofview::pb;
use pprofview::query::{resolve_sample_index, top_table, Prepared};
use std::sync::Arc;

/// 2³², the first value a 32-bit `usize` cannot hold.
pub const WIDE: u64 = 1 << 32;

/// A small valid profile: two sample types, five functions, one mapping.
pub fn base() -> ProfileBuilder {
    let mut b = from_folded(
        "main;work;hash 30,300\nmain;work;leaf 10,100\nmain;idle 5,50",
        &[("samples", "count"), ("cpu", "nanoseconds")],
    )
    .expect("folded");
    b.mapping("/bin/app", "abc", 0x1000, 0x9000);
    b
}

fn edited(edit: impl FnOnce(&mut pb::Profile)) -> Vec<u8> {
    let mut b = base();
    edit(b.message_mut());
    b.encode()
}

fn strings() -> usize {
    base().message().string_table.len()
}

/// One malformed file and the whole message decoding it must give.
pub struct Refused {
    /// What the case is about.
    pub name: &'static str,
    /// The file (raw protobuf).
    pub bytes: Vec<u8>,
    /// `DecodeError`'s `to_string()`, exactly.
    pub message: String,
}

/// Files that must be refused, natively and in wasm32, with these messages.
pub fn refused() -> Vec<Refused> {
    let n = strings();
    let string = |what: &str, index: i64| {
        format!(
            "malformed profile: {what} refers to string {index}, but the string table has {n} \
             entries"
        )
    };
    let first_function = base().message().function[0].id;
    let first_location = base().message().location[0].id;
    vec![
        Refused {
            name: "function name at string 2^32+1 (string 1 on a truncating wasm32)",
            bytes: edited(|p| p.function[0].name = (WIDE + 1) as i64),
            message: string(
                &format!("function {first_function} name"),
                (WIDE + 1) as i64,
            ),
        },
        Refused {
            name: "sample type at string 2^32 (string 0 on a truncating wasm32)",
            bytes: edited(|p| p.sample_type[0].r#type = WIDE as i64),
            message: string("sample type 0 type", WIDE as i64),
        },
        Refused {
            name: "unit at string 2^63-1",
            bytes: edited(|p| p.sample_type[1].unit = i64::MAX),
            message: string("sample type 1 unit", i64::MAX),
        },
        Refused {
            name: "negative string index",
            bytes: edited(|p| p.sample_type[0].unit = -1),
            message: string("sample type 0 unit", -1),
        },
        Refused {
            name: "label value at string 2^32+2",
            bytes: edited(|p| {
                p.sample[0].label.push(pb::Label {
                    key: 1,
                    str: (WIDE + 2) as i64,
                    ..Default::default()
                })
            }),
            message: string(
                &format!("label {:?} value", base().message().string_table[1]),
                (WIDE + 2) as i64,
            ),
        },
        Refused {
            name: "a sample refers to location 1 when only 2^32+1 exists",
            bytes: edited(|p| {
                let l = p
                    .location
                    .iter_mut()
                    .find(|l| l.id == first_location)
                    .expect("location");
                l.id += WIDE;
            }),
            message: format!(
                "malformed profile: sample 0 refers to location {first_location}, which is not \
                 in the profile"
            ),
        },
        Refused {
            name: "a location refers to function 1 when only 2^32+1 exists",
            bytes: edited(|p| p.function[0].id += WIDE),
            message: format!(
                "malformed profile: location {} refers to function {first_function}, which is \
                 not in the profile",
                location_of_function(first_function)
            ),
        },
    ]
}

/// The location whose first line calls function `id` in [`base`].
fn location_of_function(id: u64) -> u64 {
    base()
        .message()
        .location
        .iter()
        .find(|l| l.line.first().is_some_and(|ln| ln.function_id == id))
        .map_or(0, |l| l.id)
}

/// The error message of decoding `bytes`, or what decoded instead.
pub fn decode_error(bytes: &[u8]) -> String {
    match decode(bytes, &DecodeOptions::default()) {
        Ok(d) => format!("decoded ({} samples)", d.profile.samples.len()),
        Err(e) => e.to_string(),
    }
}

/// Every id renumbered to `id + 2³²` (functions, locations, mappings and the references to
/// them): the profile must decode to the same top table as [`base`].
pub fn renumbered_wide() -> Vec<u8> {
    edited(|p| {
        for f in &mut p.function {
            f.id += WIDE;
        }
        for m in &mut p.mapping {
            m.id += WIDE;
        }
        for l in &mut p.location {
            l.id += WIDE;
            if l.mapping_id != 0 {
                l.mapping_id += WIDE;
            }
            for ln in &mut l.line {
                ln.function_id += WIDE;
            }
        }
        for s in &mut p.sample {
            for id in &mut s.location_id {
                *id += WIDE;
            }
        }
    })
}

/// [`base`] plus a copy of every function and location at `id + 2³²`, the samples moved to
/// the copies: ids 1 and 2³²+1 are two ids (no duplicate error, no aliasing), so the profile
/// must decode to the same top table as [`base`].
pub fn beside_wide() -> Vec<u8> {
    edited(|p| {
        let functions: Vec<_> = p.function.clone();
        for mut f in functions {
            f.id += WIDE;
            p.function.push(f);
        }
        let locations: Vec<_> = p.location.clone();
        for mut l in locations {
            l.id += WIDE;
            for ln in &mut l.line {
                ln.function_id += WIDE;
            }
            p.location.push(l);
        }
        for s in &mut p.sample {
            for id in &mut s.location_id {
                *id += WIDE;
            }
        }
    })
}

/// The top table of `bytes` as (name, flat, cum) rows.
pub fn top_rows(bytes: &[u8]) -> Vec<(String, i64, i64)> {
    let decoded = decode(bytes, &DecodeOptions::default()).expect("decodes");
    let profile = Arc::new(decoded.profile);
    let prepared = Prepared::unfiltered(&profile).expect("compiles");
    let table = top_table(&prepared, &Default::default()).expect("top table");
    table
        .rows
        .iter()
        .map(|r| (r.name.clone(), r.flat, r.cum))
        .collect()
}

/// `-sample_index` values beyond 32 bits and the message each must give on [`base`].
pub fn sample_indices() -> Vec<(&'static str, String)> {
    let out_of_range = |s: &str| format!("sample_index {s} is outside the range [0..1]");
    vec![
        ("4294967296", out_of_range("4294967296")),
        ("4294967297", out_of_range("4294967297")),
        ("9223372036854775807", out_of_range("9223372036854775807")),
        ("-1", out_of_range("-1")),
        (
            "18446744073709551617",
            "sample_index \"18446744073709551617\" must be one of: samples, cpu".to_string(),
        ),
    ]
}

/// What resolving `requested` on [`base`] gives: the index, or the message.
pub fn resolve(requested: &str) -> Result<usize, String> {
    let decoded = decode(&base().encode(), &DecodeOptions::default()).expect("decodes");
    resolve_sample_index(&decoded.profile, requested).map_err(|e| e.to_string())
}

/// Every case above with its outcome: refused inputs give their messages, wide but valid
/// ids give the same top rows as the narrow profile, and wide sample indices are refused.
/// Both test binaries call this, so the native and wasm32 runs cannot drift apart.
pub fn check_all() {
    for case in refused() {
        assert_eq!(decode_error(&case.bytes), case.message, "{}", case.name);
    }
    let want = top_rows(&base().encode());
    assert_eq!(top_rows(&renumbered_wide()), want);
    assert_eq!(top_rows(&beside_wide()), want);
    for (requested, message) in sample_indices() {
        assert_eq!(resolve(requested), Err(message), "{requested}");
    }
    assert_eq!(resolve("1"), Ok(1));
}
