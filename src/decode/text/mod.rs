//! Text profiles: Go's goroutine dumps and the legacy text formats `go tool pprof` reads.
//!
//! Consumes the (inflated) bytes of a file that is text; produces the same [`Profile`]
//! model as protobuf decoding, or `None` when the text is none of these formats (then the
//! caller explains what it is). One module per format:
//!
//! - [`count`]: `goroutine profile: total N` / `threadcreate profile: …` (debug=1);
//! - [`heap`]: `heap profile: …` (Go's debug=1, heapz, heap_v2, growthz, fragmentationz);
//! - [`contention`]: `--- contention:` / `--- mutex:` (Go's debug=1) and `--- contentionz`;
//! - [`traceback`]: goroutine dumps (debug=2) and panic or SIGQUIT traces.
//!
//! The first three are read as pprof's legacy parsers read them (same sample types,
//! period, values, address adjustment, memory map, `drop_frames`), tried in pprof's order;
//! in addition the `#` lines Go writes under each sample ([`annotations`]) name its
//! addresses. Tracebacks are tried last. Never panics; memory is linear in the input.

mod annotations;
mod build;
mod contention;
mod count;
mod frame_info;
mod heap;
mod maps;
mod traceback;

use crate::error::DecodeError;
use crate::model::{LocId, Profile};
use annotations::Annotations;
use build::{FrameLine, Sketch, TextLabel};
use std::borrow::Cow;

/// Why a text parser did not produce a profile.
#[derive(Debug)]
enum Failure {
    /// Not this format: try the next parser.
    Unrecognized,
    /// This format, but broken: the error to report.
    Malformed(DecodeError),
}

type Parsed = Result<(Profile, Vec<String>), Failure>;

/// Reads `bytes` as one of the text formats. `None` when they are not text or match no
/// format; otherwise the profile and warnings, or the error that names the broken line.
pub fn decode_text(bytes: &[u8]) -> Option<Result<(Profile, Vec<String>), DecodeError>> {
    if !looks_like_text(bytes) {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let lines = split_lines(&text);
    let parsers: [fn(&[&str]) -> Parsed; 4] = [
        heap::parse,
        count::parse,
        contention::parse,
        traceback::parse,
    ];
    for parse in parsers {
        match parse(&lines) {
            Ok(done) => return Some(Ok(done)),
            Err(Failure::Malformed(e)) => return Some(Err(e)),
            Err(Failure::Unrecognized) => {}
        }
    }
    None
}

/// Whether the first bytes are text (UTF-8 without control characters but tabs and line
/// ends). A protobuf profile never is: its first byte is a field key such as 0x0a.
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text: Cow<'_, str> = String::from_utf8_lossy(head);
    !text.is_empty()
        && text
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
}

/// Lines as Go's `bufio.Scanner` splits them: at `\n`, without a trailing `\r`, and no
/// empty last line after a final newline.
fn split_lines(text: &str) -> Vec<&str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if body.is_empty() && text.len() <= 1 {
        return Vec::new();
    }
    body.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// pprof's `isSpaceOrComment`.
fn is_space_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The error for line `index` (0-based) of a `format` file.
fn malformed(format: &str, index: usize, what: impl std::fmt::Display) -> Failure {
    Failure::Malformed(DecodeError::Malformed(format!(
        "{format}, line {}: {what}",
        index + 1
    )))
}

/// Every `0x…` hexadecimal number in `s` (pprof's `parseHexAddresses`); `None` when one
/// does not fit in 64 bits.
fn hex_addresses(s: &str) -> Option<Vec<u64>> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < bytes.len() + 1 {
        if bytes[i] == b'0' && bytes.get(i + 1) == Some(&b'x') {
            let start = i + 2;
            let mut end = start;
            while end < bytes.len() && matches!(bytes[end], b'0'..=b'9' | b'a'..=b'f') {
                end += 1;
            }
            if end > start {
                out.push(u64::from_str_radix(&s[start..end], 16).ok()?);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    Some(out)
}

/// A sample line read, waiting for the `#` lines that may follow it.
struct Pending {
    values: Vec<i64>,
    addresses: Vec<u64>,
    labels: Vec<TextLabel>,
    notes: Annotations,
}

impl Pending {
    fn new(values: Vec<i64>, addresses: Vec<u64>, labels: Vec<TextLabel>) -> Self {
        Self {
            values,
            addresses,
            labels,
            notes: Annotations::default(),
        }
    }

    /// Adds the sample: each address minus one (a return address, moved onto its call, as
    /// pprof does), named by the `#` lines when they name that PC.
    ///
    /// When there are `#` lines, the addresses they skip are the frames Go's
    /// `printStackRecord` hides: the runtime frames before the first one shown (named
    /// [`HIDDEN_RUNTIME`]) and `runtime.goexit` after it.
    fn flush(mut self, sketch: &mut Sketch) {
        let annotated = !self.notes.frames.is_empty();
        let mut shown = false;
        let locs: Vec<LocId> = self
            .addresses
            .iter()
            .map(|&a| {
                let pc = a.wrapping_sub(1);
                let mut lines = self.notes.lines_of(pc);
                let listed = self.notes.frames.iter().any(|(p, _)| *p == pc);
                shown |= listed;
                if annotated && !listed {
                    let function = if shown {
                        "runtime.goexit"
                    } else {
                        HIDDEN_RUNTIME
                    };
                    lines.push(FrameLine {
                        function: function.to_string(),
                        file: String::new(),
                        line: 0,
                    });
                }
                sketch.address_location(pc, &lines)
            })
            .collect();
        self.labels.append(&mut self.notes.labels);
        sketch.sample(&locs, &self.values, &self.labels);
    }
}

/// The name of the runtime frames at the top of a stack that Go's debug=1 text does not
/// list (`runtime.gopark`, `runtime.mallocgc`, …): they are runtime frames, so heap
/// profiles' `drop_frames` (`runtime\..*`) prunes them as it would the real names.
pub const HIDDEN_RUNTIME: &str = "runtime.(hidden)";

/// The memory map after the samples: from the sentinel line at or after `from`.
fn trailing_map(lines: &[&str], from: usize) -> Vec<maps::MapEntry> {
    match lines.iter().skip(from).position(|l| maps::is_sentinel(l)) {
        Some(i) => maps::parse_memory_map(lines[from + i + 1..].iter().copied()),
        None => Vec::new(),
    }
}

/// Finishes a legacy profile: mappings, the `drop_frames`/`keep_frames` pprof gives its
/// kind, and a warning when addresses stay unnamed.
fn finish_legacy(
    sketch: Sketch,
    maps: Vec<maps::MapEntry>,
    frames: frame_info::Frames,
) -> (Profile, Vec<String>) {
    let mut warnings = Vec::new();
    let unnamed = sketch.unnamed_locations();
    if unnamed > 0 {
        warnings.push(format!(
            "{unnamed} location(s) are addresses without names (this text format does not \
             name them; pprofview has no symbolizer)"
        ));
    }
    let (drop, keep) = frames.patterns();
    (sketch.finish(maps, &drop, &keep), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_like_go() {
        assert_eq!(split_lines("a\r\nb\n"), vec!["a", "b"]);
        assert_eq!(split_lines("a\n\nb"), vec!["a", "", "b"]);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn hex_addresses_like_pprof() {
        assert_eq!(hex_addresses(" 0x10 0xff x 0x"), Some(vec![0x10, 0xff]));
        assert_eq!(hex_addresses("0x1ffffffffffffffff"), None);
    }

    #[test]
    fn not_text_is_none() {
        assert!(decode_text(b"\x0a\x04\x08\x01\x10\x02").is_none());
        assert!(decode_text(b"just some words\n").is_none());
    }
}
