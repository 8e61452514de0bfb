//! Frame names as pprof shows them: the shortened function name
//! (`graph.ShortenFunctionName`), the flame graph's list of ever shorter labels
//! (`report/shortnames.go`) and the package a frame is coloured by (`report/package.go`).
//!
//! Consumes names as `&str`; produces owned strings or sub-slices of the input. Follows
//! pprof HEAD (not Go 1.19's vendored copy, whose Go rule differs). Must not use the
//! `regex` crate (this ships in the page's wasm) nor panic on any input: every pprof
//! regex is matched by hand, with RE2's rules: `\w` and `\d` are ASCII, `.` is any
//! character but `\n`, alternatives and repetitions are tried leftmost-first.

use std::borrow::Cow;

/// RE2's `\w`: ASCII letters, digits and `_`.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `[_a-zA-Z]`.
fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// How many bytes from `from` on satisfy `class`.
fn run(b: &[u8], from: usize, class: impl Fn(u8) -> bool) -> usize {
    b.get(from..)
        .map_or(0, |tail| tail.iter().take_while(|&&c| class(c)).count())
}

/// pprof's `graph.ShortenFunctionName` at HEAD: drops a leading
/// `(anonymous namespace)::`, the first Go module major version (`/v2`, `/v10`, not
/// `/v0`, `/v1`) followed by `.` or `/`, then keeps only what the first matching rule
/// captures: Go (`import/path/pkg.Func` → `pkg.Func`), Java
/// (`pkg.Class.method(args)` → `Class.method`) or C++ (`ns::Class::method<T>()` →
/// `Class::method<T>`). A name no rule matches is returned as it is.
pub fn shorten_function_name(name: &str) -> String {
    let name = name.strip_prefix("(anonymous namespace)::").unwrap_or(name);
    let name = strip_go_major_version(name);
    let name: &str = &name;
    go_rule(name)
        .or_else(|| java_rule(name))
        .or_else(|| cpp_rule(name))
        .unwrap_or(name)
        .to_string()
}

/// pprof's `graph.ShortenFunctionName` as Go 1.19 vendors it (what `go tool pprof -dot`
/// prints): [`shorten_function_name`] with the older Go rule `^(?:[\w\-\.]+\/)+(.+)`,
/// which keeps everything after the last path segment (`a/b.c.d` → `b.c.d`).
pub fn shorten_function_name_go119(name: &str) -> String {
    let name = name.strip_prefix("(anonymous namespace)::").unwrap_or(name);
    let name = strip_go_major_version(name);
    let name: &str = &name;
    go119_rule(name)
        .or_else(|| java_rule(name))
        .or_else(|| cpp_rule(name))
        .unwrap_or(name)
        .to_string()
}

/// The end of the longest run of `[\w\-\.]+/` path segments at the start of `b`: every
/// '/' before it closes a segment (0 when `b` starts with none).
fn path_segments_end(b: &[u8]) -> usize {
    let is_seg = |c: u8| is_word(c) || c == b'-' || c == b'.';
    let mut prefix = 0;
    loop {
        let n = run(b, prefix, is_seg);
        if n == 0 || b.get(prefix + n) != Some(&b'/') {
            break;
        }
        prefix += n + 1;
    }
    prefix
}

/// `^(?:[\w\-\.]+\/)+(.+)`: the longest run of path segments that leaves at least one
/// character before the line's end; captures the rest of the line.
fn go119_rule(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let prefix = path_segments_end(b);
    let slashes = b[..prefix].iter().enumerate().filter(|&(_, &c)| c == b'/');
    for (slash, _) in slashes.rev() {
        let start = slash + 1;
        let tail = run(b, start, |c| c != b'\n');
        if tail >= 1 {
            return s.get(start..start + tail);
        }
    }
    None
}

/// `^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$` replaced by `${1}${2}`: the first `/vN`
/// whose digits are followed by `.` or `/` is removed, provided the name has no newline
/// (neither `.*` may cross one and `$` is the end of the text).
fn strip_go_major_version(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    if b.contains(&b'\n') {
        return Cow::Borrowed(s);
    }
    for i in 0..b.len() {
        if b[i] != b'/' || b.get(i + 1) != Some(&b'v') {
            continue;
        }
        let digits = i + 2;
        let n = run(b, digits, |c| c.is_ascii_digit());
        let valid = match n {
            1 => (b'2'..=b'9').contains(&b[digits]),
            0 => false,
            _ => b[digits] != b'0',
        };
        if valid && matches!(b.get(digits + n), Some(b'.' | b'/')) {
            // Both cuts are next to ASCII bytes, so they are character boundaries.
            return Cow::Owned(format!("{}{}", &s[..i], &s[digits + n..]));
        }
    }
    Cow::Borrowed(s)
}

/// `^(?:[\w\-\.]+\/)+([^.]+\..+)`: one or more path segments, then a run of non-dots,
/// a dot and at least one character; captures from there to the first newline. The
/// greedy segments are tried longest first.
fn go_rule(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let prefix = path_segments_end(b);
    let slashes = b[..prefix].iter().enumerate().filter(|&(_, &c)| c == b'/');
    for (slash, _) in slashes.rev() {
        let start = slash + 1;
        let rest = &b[start..];
        let Some(dot) = rest.iter().position(|&c| c == b'.') else {
            continue;
        };
        let tail = run(rest, dot + 1, |c| c != b'\n');
        if dot >= 1 && tail >= 1 {
            return s.get(start..start + dot + 1 + tail);
        }
    }
    None
}

/// `^(?:[a-z]\w*\.)*([A-Z][\w\$]*\.(?:<init>|[a-z][\w\$]*(?:\$\d+)?))(?:(?:\()|$)`:
/// lower-case package segments, then `Class.method` followed by `(` or the end.
fn java_rule(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let is_java = |c: u8| is_word(c) || c == b'$';
    let mut start = 0;
    while b.get(start).is_some_and(u8::is_ascii_lowercase) {
        let end = start + 1 + run(b, start + 1, is_word);
        if b.get(end) != Some(&b'.') {
            break;
        }
        start = end + 1;
    }
    if !b.get(start).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let dot = start + 1 + run(b, start + 1, is_java);
    if b.get(dot) != Some(&b'.') {
        return None;
    }
    let method = dot + 1;
    let ends_here = |at: usize| at == b.len() || b[at] == b'(';
    let end = if b[method..].starts_with(b"<init>") && ends_here(method + 6) {
        method + 6
    } else if b.get(method).is_some_and(u8::is_ascii_lowercase) {
        // `(?:\$\d+)?` adds nothing: `[\w\$]*` already took every such byte.
        let end = method + 1 + run(b, method + 1, is_java);
        if !ends_here(end) {
            return None;
        }
        end
    } else {
        return None;
    };
    s.get(start..end)
}

/// `^(?:[_a-zA-Z]\w*::)+(_*[A-Z]\w*::~?[_a-zA-Z]\w*(?:<.*>)?)`: namespaces, then
/// `Class::method` (class capitalised after leading underscores), with a template
/// argument list up to the last `>` of the line. The namespaces are tried longest first.
fn cpp_rule(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    // Where each `ident::` segment starts, and where the text after the last one starts.
    let mut starts = vec![0];
    let mut at = 0;
    while b.get(at).copied().is_some_and(is_ident_start) {
        let end = at + 1 + run(b, at + 1, is_word);
        if !b[end..].starts_with(b"::") {
            break;
        }
        at = end + 2;
        starts.push(at);
    }
    // With all K segments taken nothing like `Class::` is left (it would be a segment),
    // so the class is segment k for k = K-1 down to 1.
    for k in (1..starts.len().saturating_sub(1)).rev() {
        let class = starts[k];
        let upper = class + run(b, class, |c| c == b'_');
        if !b.get(upper).is_some_and(u8::is_ascii_uppercase) {
            continue;
        }
        let mut method = starts[k + 1];
        if b.get(method) == Some(&b'~') && b.get(method + 1).copied().is_some_and(is_ident_start) {
            method += 1;
        }
        if !b.get(method).copied().is_some_and(is_ident_start) {
            continue;
        }
        let mut end = method + 1 + run(b, method + 1, is_word);
        if b.get(end) == Some(&b'<') {
            let line = run(b, end + 1, |c| c != b'\n');
            if let Some(gt) = b[end + 1..end + 1 + line].iter().rposition(|&c| c == b'>') {
                end += 1 + gt + 1;
            }
        }
        return s.get(class..end);
    }
    None
}

/// The labels the flame graph may show for a frame, longest first, never empty and
/// without duplicates (pprof's `StackSource.Display`).
///
/// For a function (`file_only == false`): the [`shorten_function_name`] of `full_name`,
/// then what follows each `::` or `.` in it, left to right, skipping empty suffixes.
/// Like pprof, separators inside receivers, arguments and templates count too:
/// `crypto/sha256.(*digest).Write` gives `sha256.(*digest).Write`, `(*digest).Write`,
/// `Write`, and `main.foo.func1` gives `main.foo.func1`, `foo.func1`, `func1`.
///
/// For a file-only frame (granularity `files`, the function name is empty): the file
/// path cleaned as Go's `filepath.Clean` does on Unix, then what follows each `/`.
/// An empty name gives `[""]`.
pub fn display_names(full_name: &str, file_only: bool) -> Vec<String> {
    if file_only {
        if full_name.is_empty() {
            return vec![String::new()];
        }
        let clean = clean_path(full_name);
        suffixes(&clean, |b| usize::from(b.first() == Some(&b'/')))
    } else {
        let short = shorten_function_name(full_name);
        suffixes(&short, |b| match b {
            [b':', b':', ..] => 2,
            [b'.', ..] => 1,
            _ => 0,
        })
    }
}

/// `name`, then its non-empty suffixes after each separator; `sep` gives the length of
/// the separator at the start of a byte slice (0: none). Separators are ASCII.
fn suffixes(name: &str, sep: impl Fn(&[u8]) -> usize) -> Vec<String> {
    let b = name.as_bytes();
    let mut out = vec![name.to_string()];
    let mut i = 0;
    while i < b.len() {
        match sep(&b[i..]) {
            0 => i += 1,
            n => {
                i += n;
                if let Some(tail) = name.get(i..).filter(|t| !t.is_empty()) {
                    out.push(tail.to_string());
                }
            }
        }
    }
    out
}

/// Go's `path.Clean` (what `filepath.Clean` does on Unix): no repeated `/`, no `.`
/// elements, `..` applied where possible, no trailing `/`; `""` becomes `"."`.
fn clean_path(path: &str) -> String {
    let b = path.as_bytes();
    let n = b.len();
    let rooted = b.first() == Some(&b'/');
    let mut out: Vec<u8> = Vec::with_capacity(n);
    let (mut r, mut dotdot) = (0, 0);
    if rooted {
        out.push(b'/');
        (r, dotdot) = (1, 1);
    }
    while r < n {
        let elem_end = r + run(b, r, |c| c != b'/');
        match &b[r..elem_end] {
            b"" | b"." => r = elem_end.max(r + 1),
            b".." => {
                r = elem_end;
                if out.len() > dotdot {
                    let mut w = out.len() - 1;
                    while w > dotdot && out[w] != b'/' {
                        w -= 1;
                    }
                    out.truncate(w);
                } else if !rooted {
                    if !out.is_empty() {
                        out.push(b'/');
                    }
                    out.extend_from_slice(b"..");
                    dotdot = out.len();
                }
            }
            elem => {
                if out.len() != usize::from(rooted) {
                    out.push(b'/');
                }
                out.extend_from_slice(elem);
                r = elem_end;
            }
        }
    }
    if out.is_empty() {
        return ".".to_string();
    }
    // Whole elements cut at ASCII '/' keep the text valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Go's `filepath.Dir` on Unix: everything before the last `/`, cleaned (`"."` when
/// there is no `/`). pprof colours file-only frames (granularity `files`) by it.
pub fn file_dir(path: &str) -> String {
    let cut = path.rfind('/').map_or(0, |i| i + 1);
    clean_path(&path[..cut])
}

/// pprof's `packageName` (`report/package.go`), the key a frame's colour is derived
/// from: the regex `^((.*/)?[\w\d_]+)(\.|::)([^/]*)$`'s first group, or `""` when it
/// does not match. That is: everything up to and including the word (`[0-9A-Za-z_]+`)
/// right after the last `/` (or at the start when there is none), provided a `.` or
/// `::` follows it, and no newline comes before that last `/`.
///
/// `std::vector` → `std`, `path/pkg.(*T).m` → `path/pkg`, `pkg.Class.m(a.b)` → `pkg`,
/// `gopkg.in/yaml.v3.(*parser).parse` → `gopkg.in/yaml`, `[libc.so]` → `""`.
pub fn package_name(name: &str) -> &str {
    let b = name.as_bytes();
    let start = match name.rfind('/') {
        Some(slash) if b[..slash].contains(&b'\n') => return "",
        Some(slash) => slash + 1,
        None => 0,
    };
    let word = start + run(b, start, is_word);
    let sep = matches!(b.get(word), Some(b'.')) || b[word..].starts_with(b"::");
    if word > start && sep {
        name.get(..word).unwrap_or("")
    } else {
        ""
    }
}

#[cfg(test)]
mod tests;
