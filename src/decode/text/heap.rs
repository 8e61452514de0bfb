//! Legacy heap profiles in text: Go's debug=1 heap/allocs profile
//! (`heap profile: … @ heap/RATE`, then `INUSE_N: INUSE_B [ALLOC_N: ALLOC_B] @ 0x…` with
//! Go's `#` frame lines and a `# runtime.MemStats` trailer), and the C++ variants pprof
//! reads (`@ heapz_v2/RATE`, `@ heap_v2/RATE`, `@ heapprofile`, `@ growthz`,
//! `@ fragmentationz`, with a memory map).
//!
//! As pprof reads them: sample types `alloc_objects`, `alloc_space`, `inuse_objects`,
//! `inuse_space` when the header's two pairs differ (else `objects`, `space`), period
//! type `space/bytes`, values unsampled for the v2 formats (Go's `heap/R` is v2 with rate
//! R/2), a numeric label `bytes` with the block size, addresses minus one, heap
//! `drop_frames`. Beyond pprof: Go's `#` lines name the addresses.

use super::build::{Sketch, TextLabel};
use super::frame_info::Frames;
use super::{finish_legacy, is_space_or_comment, malformed, maps, Failure, Parsed, Pending};
use regex::Regex;
use std::sync::OnceLock;

const FORMAT: &str = "heap profile (legacy text)";

struct HeapRegexes {
    header: Regex,
    growth: Regex,
    fragmentation: Regex,
    sample: Regex,
}

fn regexes() -> &'static HeapRegexes {
    static RE: OnceLock<HeapRegexes> = OnceLock::new();
    RE.get_or_init(|| {
        let counts = r"heap profile: *([0-9]+): *([0-9]+) *\[ *([0-9]+): *([0-9]+) *\]";
        let build = |p: &str| Regex::new(p).expect("heap pattern compiles");
        HeapRegexes {
            header: build(&format!(r"{counts} *@ *(heap[_a-z0-9]*)/?([0-9]*)")),
            growth: build(&format!(r"{counts} @ growthz?")),
            fragmentation: build(&format!(r"{counts} @ fragmentationz?")),
            sample: build(r"(-?[0-9]+): *(-?[0-9]+) *\[ *([0-9]+): *([0-9]+) *\] @([ x0-9a-f]*)"),
        }
    })
}

/// How the header says values were sampled.
struct Header {
    /// Values are scaled by the inverse of the probability of being sampled.
    v2: bool,
    period: i64,
    has_alloc: bool,
}

fn header(line: &str) -> Option<Header> {
    let re = regexes();
    if let Some(c) = re.header.captures(line) {
        let g = |i| c.get(i).map_or("", |m| m.as_str());
        let rate: i64 = match g(6) {
            "" => 0,
            r => r.parse().ok()?,
        };
        let has_alloc = (g(3) != g(1) && g(3) != "0") || (g(4) != g(2) && g(4) != "0");
        let (v2, period) = match g(5) {
            "heapz_v2" | "heap_v2" => (true, rate),
            "heapprofile" => (false, 1),
            "heap" => (true, rate / 2),
            _ => return None,
        };
        return Some(Header {
            v2,
            period,
            has_alloc,
        });
    }
    (re.growth.is_match(line) || re.fragmentation.is_match(line)).then_some(Header {
        v2: false,
        period: 1,
        has_alloc: false,
    })
}

/// The estimated true count and size of a sampled heap entry (sampling at average
/// interval `rate` bytes makes a block of size S appear with probability 1 - e^(-S/rate)).
fn unsample(count: i64, size: i64, rate: i64) -> (i64, i64) {
    if count == 0 || size == 0 {
        return (0, 0);
    }
    if rate <= 1 {
        return (count, size);
    }
    let average = size as f64 / count as f64;
    let scale = 1.0 / (1.0 - (-average / rate as f64).exp());
    ((count as f64 * scale) as i64, (size as f64 * scale) as i64)
}

/// Values, block size and addresses of one sample line.
fn sample(line: &str, h: &Header) -> Result<(Vec<i64>, i64, Vec<u64>), String> {
    let c = regexes()
        .sample
        .captures(line)
        .ok_or("expected `N: BYTES [N: BYTES] @ 0xADDRESS …`")?;
    let g = |i| c.get(i).map_or("", |m| m.as_str());
    let mut values = Vec::with_capacity(4);
    let mut block = 0;
    let mut add = |count: &str, size: &str, what: &str| -> Result<(), String> {
        let count: i64 = count
            .parse()
            .map_err(|_| format!("{what} count too large"))?;
        let size: i64 = size
            .parse()
            .map_err(|_| format!("{what} bytes too large"))?;
        if count == 0 && size != 0 {
            return Err(format!("{what} count was 0 but {what} bytes was {size}"));
        }
        let (mut count, mut size) = (count, size);
        if count != 0 {
            block = size / count;
            if h.v2 {
                (count, size) = unsample(count, size, h.period);
            }
        }
        values.extend([count, size]);
        Ok(())
    };
    if h.has_alloc {
        add(g(3), g(4), "allocation")?;
    }
    add(g(1), g(2), "inuse")?;
    let addresses = super::hex_addresses(g(5)).ok_or("an address is too large")?;
    Ok((values, block, addresses))
}

/// Reads a heap profile; `Unrecognized` unless the first line is a heap header.
pub(super) fn parse(lines: &[&str]) -> Parsed {
    let first = lines.first().ok_or(Failure::Unrecognized)?;
    let h = header(first).ok_or(Failure::Unrecognized)?;
    let types: &[(&str, &str)] = if h.has_alloc {
        &[
            ("alloc_objects", "count"),
            ("alloc_space", "bytes"),
            ("inuse_objects", "count"),
            ("inuse_space", "bytes"),
        ]
    } else {
        &[("objects", "count"), ("space", "bytes")]
    };
    let mut sketch = Sketch::new(types, ("space", "bytes"), h.period);
    let mut pending: Option<Pending> = None;
    let mut end = lines.len();
    for (i, raw) in lines.iter().enumerate().skip(1) {
        let line = raw.trim();
        if is_space_or_comment(line) {
            if let Some(p) = &mut pending {
                p.notes.read(line);
            }
            continue;
        }
        if let Some(p) = pending.take() {
            p.flush(&mut sketch);
        }
        if maps::is_sentinel(line) {
            end = i;
            break;
        }
        let (values, block, addresses) = sample(line, &h).map_err(|e| malformed(FORMAT, i, e))?;
        let labels = vec![TextLabel::Num("bytes".to_string(), block)];
        pending = Some(Pending::new(values, addresses, labels));
    }
    if let Some(p) = pending.take() {
        p.flush(&mut sketch);
    }
    let maps = super::trailing_map(lines, end);
    let types: Vec<&str> = types.iter().map(|t| t.0).collect();
    Ok(finish_legacy(sketch, maps, Frames::of_types(&types)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_heap_debug1() {
        let text = "heap profile: 2: 64 [5: 160] @ heap/2\n\
                    2: 64 [5: 160] @ 0x4be891 0x4640e1\n\
                    #\t0x4be890\tmain.allocBuffers+0x50\tgoprof/main.go:435\n\
                    \n# runtime.MemStats\n# Alloc = 1\n";
        let (p, _) = parse(&super::super::split_lines(text)).expect("parses");
        assert_eq!(p.sample_types.len(), 4);
        assert_eq!(p.period, 1);
        assert_eq!(p.samples.values(0), &[5, 160, 2, 64]);
        assert!(p.str(p.keep_frames).contains("reflectcall"));
        let f = p.lines_of(crate::model::LocId(0))[0].function;
        assert_eq!(p.str(p.function(f).name), "main.allocBuffers");
    }

    #[test]
    fn v2_values_are_unsampled() {
        assert_eq!(unsample(1, 1, 1), (1, 1));
        let (n, b) = unsample(1, 512 * 1024, 512 * 1024);
        assert_eq!((n, b), (1, 829_411));
        let lines = ["heap profile: 1: 2 [1: 2] @ heapfoo/1"];
        assert!(matches!(parse(&lines), Err(Failure::Unrecognized)));
        let lines = ["heap profile: 1: 2 [1: 2] @ growthz", "0: 5 [0: 5] @ 0x1"];
        assert!(matches!(parse(&lines), Err(Failure::Malformed(_))));
    }
}
