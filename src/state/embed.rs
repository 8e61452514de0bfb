//! A small profile carried inside a link (`embed=`): its gzipped bytes as base64url (RFC
//! 4648 §5, no padding), so a ticket's link opens with no request for the profile.
//!
//! Consumes bytes or the key's text; produces the other. Hand-written (about 40 lines)
//! rather than a crate: the page's wasm carries it, and its size budget is tight.

/// The most gzipped bytes a link embeds (the link is then about 1.34× as long).
pub const MAX_EMBED_BYTES: usize = 64 * 1024;

/// The name an embedded profile is loaded under.
pub const EMBED_NAME: &str = "embedded profile";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// The bytes of a base64url text (padding and whitespace ignored), or why it is not one.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => {
                return Err(format!(
                    "the embedded profile has a character base64 has not: {:?}",
                    char::from(c)
                ))
            }
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if out.len() > MAX_EMBED_BYTES {
        return Err(format!(
            "the embedded profile is {} bytes; links carry at most {MAX_EMBED_BYTES}",
            out.len()
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_garbage() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(decode(&encode(&bytes)), Ok(bytes), "{n} bytes");
        }
        assert_eq!(encode(b"\x1f\x8b\x08"), "H4sI");
        assert_eq!(decode("H4sI"), Ok(b"\x1f\x8b\x08".to_vec()));
        assert!(decode("ab<c").is_err());
        assert!(decode(&"A".repeat(MAX_EMBED_BYTES * 2)).is_err());
    }
}
