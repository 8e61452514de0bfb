//! Go count profiles in text (debug=1): `goroutine profile: total N` or
//! `threadcreate profile: total N`, then per distinct stack `COUNT @ 0xPC 0xPC …`
//! followed by Go's `#` lines (labels and one line per frame).
//!
//! As pprof reads it: one sample type and period type `NAME/count`, period 1, one sample
//! per `@` line, addresses minus one, the catch-all mapping, `drop_frames` of a CPU
//! profile. Beyond pprof: `#` frame lines name the addresses, `# labels:` become labels.

use super::build::Sketch;
use super::frame_info::Frames;
use super::{
    finish_legacy, is_space_or_comment, malformed, trailing_map, Failure, Parsed, Pending,
};

const FORMAT: &str = "count profile (debug=1 text)";

/// `NAME` of a `NAME profile: total N` line.
fn header_name(line: &str) -> Option<&str> {
    let (name, total) = line.split_once(" profile: total ")?;
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r');
    let name_ok = !name.is_empty() && !name.contains(is_space);
    let total_ok = !total.is_empty() && total.bytes().all(|b| b.is_ascii_digit());
    (name_ok && total_ok).then_some(name)
}

/// `COUNT` and the addresses of a `COUNT @ 0x… 0x…` line.
fn sample_line(line: &str) -> Option<(Option<i64>, Vec<Option<u64>>)> {
    let (count, stack) = line.split_once(" @")?;
    if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) || stack.is_empty() {
        return None;
    }
    let mut addresses = Vec::new();
    for (i, part) in stack.split(' ').enumerate() {
        // The text after "@" is " 0x…" repeated: an empty first part, then addresses.
        if i == 0 {
            if !part.is_empty() {
                return None;
            }
            continue;
        }
        let digits = part.strip_prefix("0x")?;
        if digits.is_empty()
            || !digits
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return None;
        }
        addresses.push(u64::from_str_radix(digits, 16).ok());
    }
    Some((count.parse().ok(), addresses))
}

/// Reads a count profile; `Unrecognized` unless its first line (after blank and comment
/// lines) is a `NAME profile: total N` header.
pub(super) fn parse(lines: &[&str]) -> Parsed {
    let Some(head) = lines.iter().position(|l| !is_space_or_comment(l)) else {
        return Err(Failure::Unrecognized);
    };
    let name = header_name(lines[head]).ok_or(Failure::Unrecognized)?;
    let mut sketch = Sketch::new(&[(name, "count")], (name, "count"), 1);
    let mut pending: Option<Pending> = None;
    let mut end = lines.len();
    for (i, &line) in lines.iter().enumerate().skip(head + 1) {
        if is_space_or_comment(line) {
            if let Some(p) = &mut pending {
                p.notes.read(line);
            }
            continue;
        }
        if let Some(p) = pending.take() {
            p.flush(&mut sketch);
        }
        if line.starts_with("---") {
            end = i;
            break;
        }
        let Some((count, addresses)) = sample_line(line) else {
            return Err(malformed(FORMAT, i, "expected `COUNT @ 0xADDRESS …`"));
        };
        let count = count.ok_or_else(|| malformed(FORMAT, i, "the count is too large"))?;
        let addresses: Option<Vec<u64>> = addresses.into_iter().collect();
        let addresses = addresses.ok_or_else(|| malformed(FORMAT, i, "an address is too large"))?;
        pending = Some(Pending::new(vec![count], addresses, Vec::new()));
    }
    if let Some(p) = pending.take() {
        p.flush(&mut sketch);
    }
    let maps = trailing_map(lines, end);
    Ok(finish_legacy(sketch, maps, Frames::Other))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LabelValue, LocId};

    const DUMP: &str = "goroutine profile: total 3\n\
        2 @ 0x437d16 0x4bbd5b 0x4640e1\n\
        # labels: {\"role\":\"consumer\"}\n\
        #\t0x4bbd5a\tmain.dumpReceive+0x1a\tgoprof/dumps.go:121\n\
        \n\
        1 @ 0x437d16 0x4640e1\n";

    #[test]
    fn reads_goroutine_debug1() {
        let lines = super::super::split_lines(DUMP);
        let (p, warnings) = parse(&lines).expect("parses");
        assert_eq!(p.sample_type_names(), vec!["goroutine"]);
        assert_eq!(p.str(p.period_type.ty), "goroutine");
        assert_eq!(p.period, 1);
        assert_eq!(p.samples.len(), 2);
        assert_eq!(p.samples.values(0), &[2]);
        assert_eq!(p.locations.len(), 3);
        assert_eq!(p.locations[0].address, 0x437d15);
        let named = p.lines_of(LocId(1));
        assert_eq!(
            p.str(p.function(named[0].function).name),
            "main.dumpReceive"
        );
        assert_eq!(named[0].line, 121);
        let labels = p.label_sets.get(p.samples.labels(0));
        assert_eq!(p.str(labels[0].key), "role");
        assert!(matches!(labels[0].value, LabelValue::Str(v) if p.str(v) == "consumer"));
        assert_eq!(p.mappings.len(), 1);
        assert_eq!(p.mappings[0].limit, u64::MAX);
        assert!(p.str(p.drop_frames).contains("ProfileData::Add"));
        // The addresses the `#` lines skip are Go's hidden runtime frames and goexit.
        assert!(warnings.is_empty(), "{warnings:?}");
        let name = |l: u32| p.str(p.function(p.lines_of(LocId(l))[0].function).name);
        assert_eq!(name(0), super::super::HIDDEN_RUNTIME);
        assert_eq!(name(2), "runtime.goexit");
    }

    #[test]
    fn bad_lines_name_their_number() {
        let lines = ["threadcreate profile: total 1", "1 @ 0xzz"];
        let Err(Failure::Malformed(e)) = parse(&lines) else {
            panic!("malformed expected")
        };
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(matches!(parse(&["hello"]), Err(Failure::Unrecognized)));
        let huge = ["goroutine profile: total 1", "99999999999999999999 @ 0x1"];
        assert!(matches!(parse(&huge), Err(Failure::Malformed(_))));
    }
}
