//! Legacy contention profiles in text: Go's debug=1 mutex and block profiles
//! (`--- mutex:` / `--- contention:`, `cycles/second=…`, `sampling period=…`, then
//! `CYCLES COUNT @ 0x…` with Go's `#` frame lines) and C++ `--- contentionz` profiles.
//!
//! As pprof reads them: sample types `contentions/count`, `delay/nanoseconds`, period
//! type `contentions/count`; values scaled by the sampling period, delays converted from
//! cycles with `cycles/second`; `ms since reset` becomes the duration; addresses minus one;
//! contention `drop_frames`. Java contention profiles (`format = java`) are not read.
//! Beyond pprof: Go's `#` lines name the addresses.

use super::build::Sketch;
use super::frame_info::Frames;
use super::{finish_legacy, is_space_or_comment, malformed, Failure, Parsed, Pending};

const FORMAT: &str = "contention profile (legacy text)";

/// Go's `strconv.ParseInt(s, 0, 64)`: decimal, `0x`/`0o`/`0b` or leading-`0` octal.
fn parse_int_auto(s: &str) -> Option<i64> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let lower = body.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d.to_string(), 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d.to_string(), 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d.to_string(), 2)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower, 10)
    };
    let digits = digits.replace('_', "");
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    let v = i64::from_str_radix(&digits, radix).ok()?;
    Some(if negative { -v } else { v })
}

/// `(cycles, count, rest after @)` of a `CYCLES COUNT @ 0x…` line (pprof's pattern
/// `(\d+) *(\d+) @([ x0-9a-f]*)`, found anywhere in the line).
fn sample_fields(line: &str) -> Option<(&str, &str, &str)> {
    let b = line.as_bytes();
    let digit_run = |from: usize| {
        let mut e = from;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        e
    };
    for start in 0..b.len() {
        if !b[start].is_ascii_digit() || (start > 0 && b[start - 1].is_ascii_digit()) {
            continue;
        }
        let end1 = digit_run(start);
        // Leftmost-first: the first number is as long as possible, but may give back
        // digits to the second when no space separates them.
        for split in (start + 1..=end1).rev() {
            let mut j = split;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            let end2 = if j == split && split == end1 {
                continue;
            } else if j == split {
                end1
            } else {
                digit_run(j)
            };
            if end2 == j || !line[end2..].starts_with(" @") {
                continue;
            }
            let rest = &line[end2 + 2..];
            let tail = rest
                .find(|c: char| !matches!(c, ' ' | 'x' | '0'..='9' | 'a'..='f'))
                .map_or(rest, |e| &rest[..e]);
            return Some((&line[start..split], &line[j..end2], tail));
        }
    }
    None
}

/// Reads a contention profile; `Unrecognized` unless the first line starts it (and, as
/// in pprof, for attributes it does not know, such as a Java profile's `format`).
pub(super) fn parse(lines: &[&str]) -> Parsed {
    let first = lines.first().ok_or(Failure::Unrecognized)?;
    if !["--- contentionz ", "--- mutex:", "--- contention:"]
        .iter()
        .any(|p| first.starts_with(p))
    {
        return Err(Failure::Unrecognized);
    }
    let mut sketch = Sketch::new(
        &[("contentions", "count"), ("delay", "nanoseconds")],
        ("contentions", "count"),
        1,
    );
    let mut period: i64 = 1;
    let mut cpu_hz: i64 = 0;
    let mut i = 1;
    while i < lines.len() {
        let line = lines[i].trim();
        if is_space_or_comment(line) {
            i += 1;
            continue;
        }
        if line.starts_with("---") {
            break;
        }
        let Some((key, value)) = line.split_once('=') else {
            break;
        };
        let value = value.trim();
        match key.trim() {
            "cycles/second" => cpu_hz = parse_int_auto(value).ok_or(Failure::Unrecognized)?,
            "sampling period" => period = parse_int_auto(value).ok_or(Failure::Unrecognized)?,
            "ms since reset" => {
                let ms = parse_int_auto(value).ok_or(Failure::Unrecognized)?;
                sketch.duration_nanos = ms.wrapping_mul(1_000_000);
            }
            "discarded samples" => {}
            _ => return Err(Failure::Unrecognized),
        }
        i += 1;
    }
    sketch.set_period(period);
    let mut pending: Option<Pending> = None;
    let mut end = lines.len();
    while i < lines.len() {
        let line = lines[i].trim();
        if line.starts_with("---") {
            end = i;
            break;
        }
        if is_space_or_comment(line) {
            if let Some(p) = &mut pending {
                p.notes.read(line);
            }
            i += 1;
            continue;
        }
        if let Some(p) = pending.take() {
            p.flush(&mut sketch);
        }
        let (cycles, count, stack) = sample_fields(line).ok_or(Failure::Unrecognized)?;
        let too_large = |what| malformed(FORMAT, i, format!("the {what} is too large"));
        let mut delay: i64 = cycles.parse().map_err(|_| too_large("delay"))?;
        let mut count: i64 = count.parse().map_err(|_| too_large("count"))?;
        if period > 0 {
            if cpu_hz > 0 {
                let ghz = cpu_hz as f64 / 1e9;
                delay = (delay as f64 * period as f64 / ghz) as i64;
            }
            count = count.wrapping_mul(period);
        }
        let addresses = super::hex_addresses(stack).ok_or_else(|| too_large("address"))?;
        pending = Some(Pending::new(vec![count, delay], addresses, Vec::new()));
        i += 1;
    }
    if let Some(p) = pending.take() {
        p.flush(&mut sketch);
    }
    let maps = super::trailing_map(lines, end);
    Ok(finish_legacy(sketch, maps, Frames::Contention))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_mutex_debug1() {
        let text = "--- mutex:\ncycles/second=2000000000\nsampling period=1\n\
                    4000 3 @ 0x4bf449 0x4640e1\n\
                    #\t0x4bf448\tsync.(*Mutex).Unlock+0x68\tsync/mutex.go:223\n";
        let (p, _) = parse(&super::super::split_lines(text)).expect("parses");
        assert_eq!(p.samples.values(0), &[3, 2000]);
        assert!(p.str(p.drop_frames).contains("SpinLock"));
    }

    #[test]
    fn sample_lines_like_pprof() {
        assert_eq!(
            sample_fields("12 3 @ 0x1 0x2"),
            Some(("12", "3", " 0x1 0x2"))
        );
        assert_eq!(sample_fields("123 @ 0x1"), Some(("12", "3", " 0x1")));
        assert_eq!(sample_fields("x 5  7 @ 0xa"), Some(("5", "7", " 0xa")));
        assert_eq!(sample_fields("12 @"), Some(("1", "2", "")));
        assert_eq!(sample_fields("@ 0x1"), None);
        assert_eq!(parse_int_auto("0x10"), Some(16));
        assert_eq!(parse_int_auto("010"), Some(8));
        assert_eq!(parse_int_auto("abc"), None);
        let java = ["--- contentionz 1 ---", "format = java"];
        assert!(matches!(parse(&java), Err(Failure::Unrecognized)));
    }
}
