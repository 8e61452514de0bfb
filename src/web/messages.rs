//! The messages between the page and the engine worker, and how they cross `postMessage`.
//!
//! Consumes nothing; defines [`ToWorker`] and [`FromWorker`] (the session's `Request` and
//! `Response` plus what only a browser needs: local `File`s and URLs to fetch) and packs
//! them as `{ m: Uint8Array, files: File[] }`, transferring the buffer instead of copying
//! it. `m` is the versioned header of `session::envelope` (protocol version, sequence number)
//! followed by the body in bincode: each side reads the other's version before the body, so
//! a page and a worker of different builds refuse each other clearly. `File` objects go as
//! they are: the worker reads them, so a profile's bytes never pass through the page's
//! thread. Decoding never panics: a message that does not decode is an [`UnpackError`].

use crate::session::envelope::{self, EnvelopeError, Header};
use crate::session::{Request, Response};
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::File;

/// What the page asks the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Who are you, and does the core work here? Answered by [`FromWorker::Hello`].
    Hello,
    /// A session request.
    Session(Request),
    /// Read `sources` and `bases` and load them (a comparison when `bases` is not empty);
    /// with no `sources`, only the bases are replaced and the loaded profile stays.
    Load {
        /// The profiles, merged.
        sources: Vec<InputRef>,
        /// The base profiles, merged.
        bases: Vec<InputRef>,
    },
}

/// One profile for the worker to read, and the name the session knows it by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputRef {
    /// The message's attached file at `index`.
    File {
        /// Position among the attached files.
        index: u32,
        /// The name the query uses for it.
        name: String,
    },
    /// An absolute URL to fetch.
    Url {
        /// The address fetched.
        url: String,
        /// The name the query uses for it (the link's spelling).
        name: String,
    },
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker is listening (messages sent before this would be lost).
    Started,
    /// The answer to [`ToWorker::Hello`].
    Hello {
        /// The core's version.
        version: String,
        /// The core self-test's summary, or what went wrong.
        self_test: Result<String, String>,
    },
    /// A session response.
    Session(Response),
    /// The worker could not read a message from the page: it has no protocol header, is of
    /// another protocol version (`outdated`: the page and the worker are of different
    /// builds) or its body does not decode. Carries the request's number when it was legible.
    Refused {
        /// Whether the page's message was of another protocol version.
        outdated: bool,
        /// What was wrong, in words.
        reason: String,
    },
}

/// A message with the sequence number of the request it belongs to. On the wire the
/// sequence number is in the versioned header (`session::envelope`), before the body.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope<T> {
    /// The request's number (replies carry their request's).
    pub seq: u64,
    /// The message.
    pub body: T,
}

/// Why a message could not be unpacked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnpackError {
    /// No readable header, or one of another protocol version (see [`EnvelopeError`]).
    Envelope(EnvelopeError),
    /// This version's header, but a body that does not decode.
    Body {
        /// The sequence number from the header.
        seq: u64,
        /// The decoder's complaint.
        detail: String,
    },
}

impl UnpackError {
    /// Whether the message came from another build (only a reload helps).
    pub fn is_other_version(&self) -> bool {
        matches!(self, UnpackError::Envelope(e) if e.is_other_version())
    }

    /// The sequence number of the message, when its header was legible.
    pub fn seq(&self) -> Option<u64> {
        match self {
            UnpackError::Envelope(e) => e.seq(),
            UnpackError::Body { seq, .. } => Some(*seq),
        }
    }
}

impl std::fmt::Display for UnpackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnpackError::Envelope(e) => write!(f, "{e}"),
            UnpackError::Body { seq, detail } => {
                write!(f, "message {seq} does not decode ({detail})")
            }
        }
    }
}

/// Packs `envelope` (and `files`) for `postMessage` under this build's protocol version;
/// returns the message and the transfer list.
pub fn pack<T: Serialize>(
    envelope: &Envelope<T>,
    files: &[File],
) -> Result<(JsValue, Array), String> {
    let mut bytes = Header::new(envelope.seq).to_bytes().to_vec();
    bincode::serialize_into(&mut bytes, &envelope.body)
        .map_err(|e| format!("cannot encode a message: {e}"))?;
    let buffer = Uint8Array::from(bytes.as_slice());
    let message = Object::new();
    let set = |k: &str, v: &JsValue| {
        Reflect::set(&message, &JsValue::from_str(k), v)
            .map(|_| ())
            .map_err(|_| "cannot build a message".to_string())
    };
    set("m", &buffer)?;
    let list = Array::new();
    for f in files {
        list.push(f);
    }
    set("files", &list)?;
    let transfer = Array::of1(&buffer.buffer());
    Ok((message.into(), transfer))
}

/// Unpacks a message made by [`pack`]: the envelope and the attached files. The header is
/// checked first: a message of another protocol version is refused before its body is read.
pub fn unpack<T: for<'de> Deserialize<'de>>(
    data: &JsValue,
) -> Result<(Envelope<T>, Vec<File>), UnpackError> {
    let bytes = Reflect::get(data, &JsValue::from_str("m"))
        .ok()
        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        .map(|m| m.to_vec())
        .unwrap_or_default();
    let (header, body) = envelope::open(&bytes).map_err(UnpackError::Envelope)?;
    let body = bincode::deserialize(body).map_err(|e| UnpackError::Body {
        seq: header.seq,
        detail: e.to_string(),
    })?;
    let files = Reflect::get(data, &JsValue::from_str("files"))
        .ok()
        .and_then(|v| v.dyn_into::<Array>().ok())
        .map(|a| a.iter().filter_map(|f| f.dyn_into::<File>().ok()).collect())
        .unwrap_or_default();
    Ok((
        Envelope {
            seq: header.seq,
            body,
        },
        files,
    ))
}
