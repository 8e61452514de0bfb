//! Bounded gzip inflation: every member of a multi-member stream, never past a limit.
//!
//! Consumes the file's bytes; produces the inflated protobuf bytes. It must not allocate
//! more than the limit allows: an input that would inflate past it (a decompression bomb)
//! is an error, not an out-of-memory crash.

use crate::error::DecodeError;
use flate2::read::MultiGzDecoder;
use std::io::{ErrorKind, Read};

/// Whether `bytes` start with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// The largest ratio a deflate stream can reach (about 1032:1); any size hint above it is
/// impossible and ignored.
const MAX_DEFLATE_RATIO: u64 = 1032;

/// Inflates all gzip members of `bytes`, failing once the output would exceed `limit`.
/// `progress(consumed_input_bytes)` is called every few megabytes of output.
pub fn inflate(
    bytes: &[u8],
    limit: u64,
    progress: &mut dyn FnMut(u64),
) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(size_hint(bytes, limit));
    let mut input = CountingReader {
        inner: bytes,
        read: 0,
    };
    let mut decoder = MultiGzDecoder::new(&mut input);
    let mut chunk = vec![0u8; 1 << 20];
    let mut since_report = 0usize;
    loop {
        let n = match decoder.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(gzip_error(&e)),
        };
        if out.len() as u64 + n as u64 > limit {
            return Err(DecodeError::TooLarge { limit });
        }
        out.extend_from_slice(&chunk[..n]);
        since_report += n;
        if since_report >= 4 << 20 {
            since_report = 0;
            progress(decoder.get_ref().read);
        }
    }
    progress(bytes.len() as u64);
    Ok(out)
}

fn gzip_error(e: &std::io::Error) -> DecodeError {
    let text = e.to_string();
    let detail = match e.kind() {
        ErrorKind::UnexpectedEof => "the data ends early (the file is truncated)".to_string(),
        _ if text.contains("invalid gzip header") => {
            "invalid gzip header (the file may be truncated or have trailing garbage)".to_string()
        }
        _ if text.contains("corrupt deflate stream") => {
            "corrupt deflate stream (the file is damaged)".to_string()
        }
        _ if text.contains("checksum") || text.contains("crc") => {
            "checksum mismatch (the file is damaged)".to_string()
        }
        _ => text,
    };
    DecodeError::Gzip(detail)
}

/// Capacity to reserve: the last member's ISIZE trailer (inflated size mod 2^32), when it
/// is plausible for a single-member file; else a small multiple of the input.
fn size_hint(bytes: &[u8], limit: u64) -> usize {
    let fallback = bytes
        .len()
        .saturating_mul(4)
        .min(limit as usize)
        .min(64 << 20);
    let Some(tail) = bytes.len().checked_sub(4).map(|i| &bytes[i..]) else {
        return fallback;
    };
    let isize = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    let max = (bytes.len() as u64).saturating_mul(MAX_DEFLATE_RATIO);
    if isize > 0 && isize <= limit && isize <= max && isize >= bytes.len() as u64 / 2 {
        isize as usize
    } else {
        fallback
    }
}

struct CountingReader<'a> {
    inner: &'a [u8],
    read: u64,
}

impl Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).expect("write to vec");
        e.finish().expect("finish gzip")
    }

    #[test]
    fn reads_every_member() {
        let mut both = gz(b"hello ");
        both.extend(gz(b"world"));
        let out = inflate(&both, 1 << 20, &mut |_| {}).expect("inflates");
        assert_eq!(out, b"hello world");
    }

    #[test]
    fn truncation_and_limits_are_errors() {
        let data = gz(&vec![7u8; 100_000]);
        let cut = &data[..data.len() / 2];
        let err = inflate(cut, 1 << 30, &mut |_| {}).expect_err("truncated");
        assert!(err.to_string().contains("truncated"), "{err}");
        let err = inflate(&data, 1000, &mut |_| {}).expect_err("over limit");
        assert_eq!(err, DecodeError::TooLarge { limit: 1000 });
    }
}
