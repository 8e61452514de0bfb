//! The versioned header of every message between the web page and its engine worker.
//!
//! Consumes a message's bytes; produces its [`Header`] (protocol version, sequence number)
//! and the body's bytes, or an [`EnvelopeError`]: not a message at all, or a message of
//! another protocol version. The header is fixed and never changes with the protocol:
//!
//! ```text
//! offset 0       4                 8                                16
//!        │ "PPVW" │ version (u32 LE) │ sequence number (u64 LE)        │ body (bincode) …
//! ```
//!
//! so each side can read the other's version before trying to decode a body it may not
//! understand, and answer a page or worker of another build with "the viewer was updated:
//! reload the page" instead of garbage or silence. Pure bytes: the body's encoding (bincode
//! of `web::messages`) is the web layer's business; this module is tested natively.

use std::fmt;

/// The page ⇄ worker protocol version. Bump it whenever a message type or its encoding
/// changes (a field, a variant, their order): a page and a worker of different versions then
/// refuse each other's messages by the header instead of misreading them.
pub const PROTOCOL_VERSION: u32 = 1;

/// The first bytes of every message.
pub const MAGIC: [u8; 4] = *b"PPVW";

/// Bytes before the body.
pub const HEADER_LEN: usize = 16;

/// What the page shows when its engine speaks another protocol version.
pub const RELOAD_MESSAGE: &str = "the viewer was updated: reload the page";

/// The fixed part of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The sender's protocol version.
    pub version: u32,
    /// The request's sequence number (a reply carries its request's; 0 for none).
    pub seq: u64,
}

impl Header {
    /// The header of a message of this build's protocol.
    pub fn new(seq: u64) -> Self {
        Header {
            version: PROTOCOL_VERSION,
            seq,
        }
    }

    /// The header's bytes.
    pub fn to_bytes(self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..4].copy_from_slice(&MAGIC);
        out[4..8].copy_from_slice(&self.version.to_le_bytes());
        out[8..].copy_from_slice(&self.seq.to_le_bytes());
        out
    }
}

/// Why a message's body must not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Too short, or not starting with [`MAGIC`]: not a message of any version.
    NotAMessage {
        /// The message's length in bytes.
        len: usize,
    },
    /// A message of another protocol version (a page or worker of another build).
    OtherVersion {
        /// The header of the message (its version and sequence number).
        header: Header,
    },
}

impl EnvelopeError {
    /// Whether the other side is of another build (then only a reload helps).
    pub fn is_other_version(&self) -> bool {
        matches!(self, EnvelopeError::OtherVersion { .. })
    }

    /// The sequence number to answer with, when the header could be read.
    pub fn seq(&self) -> Option<u64> {
        match self {
            EnvelopeError::NotAMessage { .. } => None,
            EnvelopeError::OtherVersion { header } => Some(header.seq),
        }
    }
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::NotAMessage { len } => write!(
                f,
                "a message that is not one of pprofview's ({len} bytes, no protocol header)"
            ),
            EnvelopeError::OtherVersion { header } => write!(
                f,
                "{RELOAD_MESSAGE} (a message of protocol version {} reached a build of \
                 version {PROTOCOL_VERSION})",
                header.version
            ),
        }
    }
}

impl std::error::Error for EnvelopeError {}

/// Reads the header of `bytes`; returns it and the body's bytes when the message is of this
/// build's protocol version.
pub fn open(bytes: &[u8]) -> Result<(Header, &[u8]), EnvelopeError> {
    let header = read_header(bytes).ok_or(EnvelopeError::NotAMessage { len: bytes.len() })?;
    if header.version != PROTOCOL_VERSION {
        return Err(EnvelopeError::OtherVersion { header });
    }
    Ok((header, &bytes[HEADER_LEN..]))
}

/// The header of `bytes`, whatever its version; `None` when it has none.
pub fn read_header(bytes: &[u8]) -> Option<Header> {
    let head = bytes.get(..HEADER_LEN)?;
    if head[..4] != MAGIC {
        return None;
    }
    let version = u32::from_le_bytes(head[4..8].try_into().ok()?);
    let seq = u64::from_le_bytes(head[8..].try_into().ok()?);
    Some(Header { version, seq })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(version: u32, seq: u64, body: &[u8]) -> Vec<u8> {
        let mut m = Header { version, seq }.to_bytes().to_vec();
        m.extend_from_slice(body);
        m
    }

    #[test]
    fn round_trip() {
        let m = message(PROTOCOL_VERSION, 42, b"body");
        assert_eq!(&m[..4], b"PPVW");
        assert_eq!(open(&m), Ok((Header::new(42), &b"body"[..])));
        let empty = Header::new(0).to_bytes();
        assert_eq!(open(&empty), Ok((Header::new(0), &b""[..])));
    }

    #[test]
    fn another_version_is_refused_with_its_sequence_number() {
        for version in [0, PROTOCOL_VERSION + 1, u32::MAX] {
            let m = message(version, 7, b"whatever the other build encodes");
            let e = open(&m).expect_err("another version");
            assert!(e.is_other_version());
            assert_eq!(e.seq(), Some(7));
            assert_eq!(
                e.to_string(),
                format!(
                    "the viewer was updated: reload the page (a message of protocol \
                     version {version} reached a build of version {PROTOCOL_VERSION})"
                )
            );
        }
    }

    #[test]
    fn no_header_is_not_a_message() {
        for bad in [
            &b""[..],
            b"PPVW",
            b"PPVW\x01\0\0\0\0\0\0",
            b"\x00\x00\x00\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00",
            b"ppvw\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00",
        ] {
            let e = open(bad).expect_err("not a message");
            assert_eq!(e, EnvelopeError::NotAMessage { len: bad.len() });
            assert!(!e.is_other_version());
            assert_eq!(e.seq(), None);
        }
    }
}
