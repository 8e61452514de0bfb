//! Recognises files that are not pprof profiles, so errors can name what the user dropped.
//!
//! Consumes the first bytes of a file (after gzip inflation where relevant); produces a
//! short description such as "a PNG image". It must never reject a real profile: every
//! signature here starts with bytes no profile.proto encoder writes first.

/// What `bytes` is, when it is clearly some other kind of file. `None` means "could be a
/// protobuf profile; try decoding it".
pub fn other_format(bytes: &[u8]) -> Option<String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x7fELF", "an ELF executable"),
        (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"),
        (b"BZh", "a bzip2-compressed file"),
        (b"\xfd7zXZ\x00", "an xz-compressed file"),
        (b"RIFF", "a RIFF (WebP/WAV) file"),
        (b"\x00asm", "a WebAssembly module"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some((*what).to_string());
        }
    }
    let text = leading_text(bytes)?;
    let trimmed = text.trim_start();
    const LEGACY: &[&str] = &[
        "heap profile:",
        "--- heapz",
        "--- heap",
        "--- contention",
        "--- mutex",
        "goroutine profile:",
        "threadcreate profile:",
        "--- threadz",
    ];
    if LEGACY.iter().any(|p| trimmed.starts_with(p)) {
        return Some(
            "a legacy text pprof profile of a kind pprofview does not read (convert it with \
             `go tool pprof -proto FILE > out.pb.gz`)"
                .to_string(),
        );
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Some("a JSON file".to_string());
    }
    if trimmed.starts_with('<') {
        return Some("an HTML or XML document".to_string());
    }
    None
}

/// Describes `bytes` as text when they look like text (used when protobuf decoding fails).
pub fn text_description(bytes: &[u8]) -> Option<String> {
    let text = leading_text(bytes)?;
    let first_line: String = text.lines().next().unwrap_or("").chars().take(60).collect();
    Some(format!("a text file (it starts with {first_line:?})"))
}

/// The first up-to-512 bytes as a string when they are printable UTF-8 text.
fn leading_text(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(512)];
    // A multi-byte character may be cut at the end of the window.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    if text.is_empty() {
        return None;
    }
    let printable = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    printable.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_common_formats() {
        assert_eq!(
            other_format(b"\x89PNG\r\n\x1a\nrest").as_deref(),
            Some("a PNG image")
        );
        assert!(other_format(b"heap profile: 1: 2 [3: 4] @ heap/1048576\n")
            .is_some_and(|s| s.contains("legacy")));
        assert_eq!(other_format(b"  {\"a\":1}").as_deref(), Some("a JSON file"));
        // A real profile starts with field 1 (sample_type), length-delimited: 0x0a.
        assert_eq!(other_format(b"\x0a\x04\x08\x01\x10\x02"), None);
    }

    #[test]
    fn describes_text() {
        let d = text_description(b"hello world\nsecond line").expect("text");
        assert!(d.contains("hello world"));
        assert_eq!(text_description(b"\x00\x01\x02"), None);
    }
}
