//! How a link writes text: percent-encoding of keys and values, and call paths (`p`) as
//! names joined by `;`. Never fails: bad escapes and bad UTF-8 are kept as they are.

/// The `p` value for a call path: each name encoded (with `;` as `%3B`), joined by `;`.
pub fn path_value(names: &[String]) -> String {
    names
        .iter()
        .map(|n| encode_component(n).replace(';', "%3B"))
        .collect::<Vec<_>>()
        .join(";")
}

/// Reads a raw (still encoded) `p` value back into names.
pub(super) fn parse_path(raw: &str) -> Vec<String> {
    if raw.is_empty() {
        return Vec::new();
    }
    raw.split(';').map(decode_component).collect()
}

/// Percent-decodes a component; `+` is a space; invalid escapes and UTF-8 are kept as
/// they are (lossily), never an error.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes a component, keeping characters that read well in a link and mean
/// nothing to the format (`/:@!$'()*,;?` and unreserved ones).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-_.~/:@!$'()*,;?".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
