//! Getting a profile's bytes inside the engine worker: local `File`s and profile URLs.
//!
//! Consumes `File` objects (read with `FileReaderSync` in slices) or absolute URLs (fetched
//! as a stream); produces [`SourceBytes`], reporting [`Progress`] as bytes arrive, or an
//! [`ErrorReport`] that names the file or URL and says what to do. It runs only in the
//! worker (`FileReaderSync` exists only there) and must never hold more than the input's
//! own bytes.

use crate::session::intake::Intake;
use crate::session::{ErrorReport, LoadStage, Progress, SourceBytes};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileReaderSync, ReadableStreamDefaultReader, Response, WorkerGlobalScope};

/// The largest input the viewer reads (compressed size): beyond it a tab's wasm memory
/// (4 GiB at most) could not hold the inflated profile and its model.
pub const MAX_INPUT: u64 = 1 << 30;

/// How much of a local file is read at a time (between progress reports).
const SLICE: f64 = 8.0 * 1024.0 * 1024.0;

fn too_large(name: &str, size: u64) -> ErrorReport {
    ErrorReport {
        file: Some(name.to_string()),
        message: format!(
            "the file is {} MB; this viewer reads profiles up to {} MB in a browser tab \
             (use the pprofview command for larger ones)",
            size >> 20,
            MAX_INPUT >> 20
        ),
    }
}

/// Reads a local file in slices, calling `emit` after each.
pub fn read_file(file: &File, emit: &mut dyn FnMut(Progress)) -> Result<SourceBytes, ErrorReport> {
    let name = file.name();
    let fail = |what: &str| ErrorReport {
        file: Some(name.clone()),
        message: format!("the browser could not read the file ({what})"),
    };
    let size = file.size();
    if size > MAX_INPUT as f64 {
        return Err(too_large(&name, size as u64));
    }
    let reader = FileReaderSync::new().map_err(|_| fail("no FileReaderSync"))?;
    let mut bytes = vec![0u8; size as usize];
    let mut at = 0f64;
    while at < size {
        let end = (at + SLICE).min(size);
        let blob = file
            .slice_with_f64_and_f64(at, end)
            .map_err(|_| fail("slice"))?;
        let buffer = reader
            .read_as_array_buffer(&blob)
            .map_err(|e| fail(&describe(&e)))?;
        let chunk = Uint8Array::new(&buffer);
        let (from, to) = (at as usize, end as usize);
        if chunk.length() as usize != to - from {
            return Err(fail("the file changed while it was read"));
        }
        chunk.copy_to(&mut bytes[from..to]);
        at = end;
        emit(Progress {
            stage: LoadStage::Reading,
            file: name.clone(),
            done: at as u64,
            total: size as u64,
        });
    }
    Ok(SourceBytes { name, bytes })
}

/// Fetches `url` (absolute) as a stream, calling `emit` as chunks arrive. A server's
/// `Content-Length` over [`MAX_INPUT`] is refused before the body; a body that passes it
/// is refused, and its download cancelled, at the chunk that does: never buffered whole.
pub async fn fetch_url(
    scope: &WorkerGlobalScope,
    url: &str,
    emit: &mut dyn FnMut(Progress),
) -> Result<SourceBytes, ErrorReport> {
    let fail = |message: String| ErrorReport {
        file: Some(url.to_string()),
        message,
    };
    emit(Progress {
        stage: LoadStage::Fetching,
        file: url.to_string(),
        done: 0,
        total: 0,
    });
    let response = JsFuture::from(scope.fetch_with_str(url))
        .await
        .map_err(|e| fail(network_failure(&e)))?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| fail("the browser returned no response".to_string()))?;
    if !response.ok() {
        return Err(fail(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    // A hint for progress and capacity, never an allocation (see `session::intake`).
    let announced = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok());
    let body = response
        .body()
        .ok_or_else(|| fail("the response has no body".to_string()))?;
    let reader: ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| fail("the response cannot be read as a stream".to_string()))?;
    let mut intake = match Intake::new(MAX_INPUT, announced) {
        Ok(i) => i,
        Err(e) => return Err(stop(&reader, too_large(url, e.size))),
    };
    let step = (announced.unwrap_or(0) / 100).max(1 << 16);
    let mut reported = 0u64;
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| fail(format!("the download broke off: {}", describe(&e))))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let Some(value) = Reflect::get(&chunk, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        else {
            return Err(stop(
                &reader,
                fail("the download sent something that is not bytes".to_string()),
            ));
        };
        // Checked before anything is copied or allocated: the download stops at the limit.
        let len = value.length() as usize;
        if intake.push(len, |into| value.copy_to(into)).is_err() {
            let message = format!(
                "the download passed {} MB, the most this viewer reads in a browser tab (use \
                 the pprofview command for larger profiles)",
                MAX_INPUT >> 20
            );
            return Err(stop(&reader, fail(message)));
        }
        let got = intake.len();
        // About every 1 % (at least 64 KiB apart), so small downloads show progress too.
        if got >= reported + step {
            reported = got;
            emit(Progress {
                stage: LoadStage::Fetching,
                file: url.to_string(),
                done: got,
                total: intake.expected(),
            });
        }
    }
    Ok(SourceBytes {
        name: url.to_string(),
        bytes: intake.finish(),
    })
}

/// Cancels the rest of a download (the browser stops receiving it) and returns `error`.
fn stop(reader: &ReadableStreamDefaultReader, error: ErrorReport) -> ErrorReport {
    // The promise only says when the stream is closed; nothing waits for it.
    let _ = reader.cancel();
    error
}

/// Why a fetch rejected, with what the profile's host must allow.
fn network_failure(error: &JsValue) -> String {
    format!(
        "the download failed before any response ({}). Check that the URL is reachable from \
         this browser; a profile on another host must be served with the header \
         Access-Control-Allow-Origin naming this page's origin (or *), or the browser will \
         not let the page read it",
        describe(error)
    )
}

/// A JS error's message.
pub fn describe(error: &JsValue) -> String {
    if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    error
        .as_string()
        .unwrap_or_else(|| "unknown error".to_string())
}
