//! The messages between the page and the engine worker, and how they cross `postMessage`.
//!
//! Consumes nothing; defines [`ToWorker`] and [`FromWorker`] (the session's `Request` and
//! `Response` plus what only a browser needs: local `File`s and URLs to fetch) and packs
//! them as `{ m: Uint8Array (bincode), files: File[] }`, transferring the buffer instead of
//! copying it. `File` objects go as they are: the worker reads them, so a profile's bytes
//! never pass through the page's thread. Decoding never panics: a message that does not
//! decode is an error value.

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
}

/// A message with the sequence number of the request it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// The request's number (replies carry their request's).
    pub seq: u64,
    /// The message.
    pub body: T,
}

/// Packs `envelope` (and `files`) for `postMessage`; returns the message and the transfer
/// list.
pub fn pack<T: Serialize>(
    envelope: &Envelope<T>,
    files: &[File],
) -> Result<(JsValue, Array), String> {
    let bytes =
        bincode::serialize(envelope).map_err(|e| format!("cannot encode a message: {e}"))?;
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

/// Unpacks a message made by [`pack`]: the envelope and the attached files.
pub fn unpack<T: for<'de> Deserialize<'de>>(
    data: &JsValue,
) -> Result<(Envelope<T>, Vec<File>), String> {
    let m = Reflect::get(data, &JsValue::from_str("m"))
        .ok()
        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        .ok_or_else(|| "a message without a body".to_string())?;
    let envelope = bincode::deserialize(&m.to_vec())
        .map_err(|e| format!("a message that does not decode: {e}"))?;
    let files = Reflect::get(data, &JsValue::from_str("files"))
        .ok()
        .and_then(|v| v.dyn_into::<Array>().ok())
        .map(|a| a.iter().filter_map(|f| f.dyn_into::<File>().ok()).collect())
        .unwrap_or_default();
    Ok((envelope, files))
}
