//! Files and folders dropped onto the Source view: the dropped items' entries are taken
//! while the drop event lasts, then folders are walked (`webkitGetAsEntry`, the File and
//! Directory Entries API) into files with their paths inside what was dropped.
//!
//! Consumes a drop's `DataTransfer`; produces `(File, path)` pairs, handed to a callback
//! once the walk is done. Nothing is read here: the files stay `File` handles.

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File};

/// At most this many files are taken from a dropped folder (a whole disk is not a checkout).
const MAX_FILES: usize = 200_000;

/// The entries of a drop's items (files and folders), read now: they are gone once the
/// drop event's handler returns.
pub fn dropped_entries(transfer: &DataTransfer) -> Vec<JsValue> {
    let Ok(items) = Reflect::get(transfer, &"items".into()) else {
        return Vec::new();
    };
    let length = Reflect::get(&items, &"length".into())
        .ok()
        .and_then(|l| l.as_f64())
        .unwrap_or(0.0) as u32;
    (0..length)
        .filter_map(|i| {
            let item = Reflect::get_u32(&items, i).ok()?;
            call0(&item, "webkitGetAsEntry").filter(|e| !e.is_null() && !e.is_undefined())
        })
        .collect()
}

/// Walks `entries` (files, and folders with everything inside them but `.git`) into files
/// and their paths (`dir/sub/file.go`, from the dropped item down).
pub async fn walk_entries(entries: Vec<JsValue>) -> (Vec<File>, Vec<String>) {
    let (mut files, mut paths) = (Vec::new(), Vec::new());
    let mut stack = entries;
    while let Some(entry) = stack.pop() {
        if files.len() >= MAX_FILES {
            break;
        }
        let flag = |name: &str| {
            Reflect::get(&entry, &name.into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
        };
        let path = Reflect::get(&entry, &"fullPath".into())
            .ok()
            .and_then(|p| p.as_string())
            .unwrap_or_default();
        if flag("isFile") {
            let file = with_callbacks(&entry, "file", &[]).await;
            if let Some(file) = file.and_then(|f| f.dyn_into::<File>().ok()) {
                paths.push(path.trim_start_matches('/').to_string());
                files.push(file);
            }
        } else if flag("isDirectory") && !path.ends_with("/.git") {
            let Some(reader) = call0(&entry, "createReader") else {
                continue;
            };
            // readEntries gives a batch at a time, an empty one at the end.
            while let Some(batch) = with_callbacks(&reader, "readEntries", &[]).await {
                let batch = Array::from(&batch);
                if batch.length() == 0 {
                    break;
                }
                stack.extend(batch.iter());
            }
        }
    }
    (files, paths)
}

/// `target.method()`, if it is a function and returns.
fn call0(target: &JsValue, method: &str) -> Option<JsValue> {
    let f: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    f.call0(target).ok()
}

/// `target.method(...args, success, failure)` as a future: the value `success` got, or
/// `None` when `failure` was called or the call threw.
async fn with_callbacks(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    let promise = Promise::new(&mut |resolve, reject| {
        let all: Array = args.iter().cloned().collect();
        all.push(&resolve);
        all.push(&reject);
        if let Err(e) = f.apply(target, &all) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    JsFuture::from(promise).await.ok()
}
