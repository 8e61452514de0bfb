//! The `#` lines Go's runtime writes under each sample of a debug=1 text profile: one
//! per frame (`#\t0xPC\tpkg.func+0xOFF\tfile:line`, columns aligned with extra tabs) and,
//! for goroutines with pprof labels, `# labels: {"key":"value", …}`.
//!
//! pprof skips these lines as comments; pprofview reads them to name the sample's
//! addresses, so stacks have function names without the binary. Strings are only
//! unquoted, never interpreted.

use super::build::{FrameLine, TextLabel};

/// What the `#` lines under one sample say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    /// Frames in file order (innermost first): the PC and, when named, its source line.
    pub frames: Vec<(u64, Option<FrameLine>)>,
    /// Labels from a `# labels:` line.
    pub labels: Vec<TextLabel>,
}

impl Annotations {
    /// Reads one comment line (starting with `#`); other comments are ignored.
    pub fn read(&mut self, line: &str) {
        let Some(body) = line.trim_start().strip_prefix('#') else {
            return;
        };
        if let Some(map) = body.trim_start().strip_prefix("labels:") {
            if let Some(labels) = parse_label_map(map.trim()) {
                self.labels = labels;
            }
            return;
        }
        let mut fields = body.split('\t').map(str::trim).filter(|f| !f.is_empty());
        let Some(pc) = fields.next().and_then(parse_hex) else {
            return;
        };
        let name = fields.next().map(|f| match f.rfind("+0x") {
            Some(i) => &f[..i],
            None => f,
        });
        let place = fields.next().unwrap_or("");
        let (file, line) = match place.rsplit_once(':') {
            Some((f, l)) => match l.parse::<i64>() {
                Ok(n) => (f, n),
                Err(_) => (place, 0),
            },
            None => (place, 0),
        };
        let frame = name.map(|n| FrameLine {
            function: n.to_string(),
            file: file.to_string(),
            line,
        });
        self.frames.push((pc, frame));
    }

    /// The source lines the frames give for `pc`, innermost first (several when inlined).
    pub fn lines_of(&self, pc: u64) -> Vec<FrameLine> {
        self.frames
            .iter()
            .filter(|(p, _)| *p == pc)
            .filter_map(|(_, f)| f.clone())
            .collect()
    }
}

fn parse_hex(s: &str) -> Option<u64> {
    let digits = s.strip_prefix("0x")?;
    u64::from_str_radix(digits, 16).ok()
}

/// `{"k":"v", "k2":"v2"}` (Go's `%q` quoting) → labels; `None` when malformed.
pub fn parse_label_map(s: &str) -> Option<Vec<TextLabel>> {
    let mut rest = s.strip_prefix('{')?.trim_start();
    let mut out = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix('}') {
            return after.trim().is_empty().then_some(out);
        }
        let (key, after) = unquote(rest)?;
        let after = after.trim_start().strip_prefix(':')?.trim_start();
        let (value, after) = unquote(after)?;
        out.push(TextLabel::Str(key, value));
        rest = after.trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start();
        }
    }
}

/// Reads one Go double-quoted string literal at the start of `s`; returns it and the rest.
pub fn unquote(s: &str) -> Option<(String, &str)> {
    let mut chars = s.strip_prefix('"')?.char_indices();
    let body_start = 1;
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &s[body_start + i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                let simple = match e {
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    'n' => Some('\n'),
                    'r' => Some('\r'),
                    't' => Some('\t'),
                    'v' => Some('\u{b}'),
                    '\\' | '"' | '\'' => Some(e),
                    _ => None,
                };
                if let Some(c) = simple {
                    out.push(c);
                    continue;
                }
                let (digits, radix) = match e {
                    'x' => (2, 16),
                    'u' => (4, 16),
                    'U' => (8, 16),
                    '0'..='7' => (2, 8),
                    _ => return None,
                };
                let mut code = if radix == 8 { e.to_digit(8)? } else { 0 };
                for _ in 0..digits {
                    let (_, d) = chars.next()?;
                    code = code.checked_mul(radix)?.checked_add(d.to_digit(radix)?)?;
                }
                // `\x` escapes are bytes; a label value is shown as text, so a byte that
                // is not ASCII becomes U+FFFD.
                let c = if e == 'x' && code > 0x7f {
                    char::REPLACEMENT_CHARACTER
                } else {
                    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                };
                out.push(c);
            }
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_frames_and_labels() {
        let mut a = Annotations::default();
        a.read("# labels: {\"role\":\"consumer\", \"x\":\"a\\\"b\\n\"}");
        a.read("#\t0x4bbd5a\tmain.dumpReceive+0x1a\t\tgoprof/dumps.go:121");
        a.read("#\t0x4bbd5a\tmain.inlined+0x1a\tgoprof/dumps.go:7");
        a.read("#\t0x1234");
        assert_eq!(
            a.labels,
            vec![
                TextLabel::Str("role".into(), "consumer".into()),
                TextLabel::Str("x".into(), "a\"b\n".into())
            ]
        );
        let lines = a.lines_of(0x4bbd5a);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].function, "main.dumpReceive");
        assert_eq!(lines[0].file, "goprof/dumps.go");
        assert_eq!(lines[0].line, 121);
        assert!(a.lines_of(0x1234).is_empty());
        assert_eq!(a.frames.len(), 3);
    }

    #[test]
    fn bad_quoting_is_ignored() {
        assert_eq!(parse_label_map("{\"a\":\"b"), None);
        assert_eq!(parse_label_map("{\"a\" \"b\"}"), None);
        assert_eq!(unquote("\"\\u00e9\\x41\"").map(|p| p.0), Some("éA".into()));
    }
}
