//! The link's `src=` key: a URL template the Source view fetches source files from.
//!
//! Consumes a template as the link spells it (`https://git.example/raw/main/{file}`) and a
//! file name as the listing names it; produces the URL to fetch, or why the template cannot
//! be used. The template must hold `{file}` and be an http(s) or relative URL (the one rule
//! of [`profile_url`](super::profile_url)). Pure: the page fetches.

use super::profile_url::{check_profile_url, UrlRole};

/// The placeholder a template must hold.
pub const FILE_PLACEHOLDER: &str = "{file}";

/// Why `template` cannot be a `src=` value, if it cannot.
pub fn check_source_template(template: &str) -> Result<(), String> {
    if !template.contains(FILE_PLACEHOLDER) {
        return Err(format!("the template has no {FILE_PLACEHOLDER}"));
    }
    check_profile_url(&template.replace(FILE_PLACEHOLDER, "f"), UrlRole::Fetched)
        .map_err(|e| e.to_string().replace("profiles are", "sources are"))
}

/// The URL of `file` under `template`: every `{file}` replaced by the file's path, each
/// segment percent-encoded and `/` kept. A leading `/` and `.`/`..` segments are left out,
/// so a file name from a profile cannot climb out of the template's folder.
pub fn source_url(template: &str, file: &str) -> String {
    let path: Vec<String> = file
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .map(encode_segment)
        .collect();
    template.replace(FILE_PLACEHOLDER, &path.join("/"))
}

/// A path segment percent-encoded: RFC 3986's unreserved characters kept, every other byte
/// of its UTF-8 as `%XX`.
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_encoded_per_segment() {
        let t = "https://git.example/raw/main/{file}";
        assert_eq!(
            source_url(t, "goprof/main.go"),
            "https://git.example/raw/main/goprof/main.go"
        );
        assert_eq!(
            source_url(t, "/usr/include/c++/a b#?.h"),
            "https://git.example/raw/main/usr/include/c%2B%2B/a%20b%23%3F.h"
        );
        assert_eq!(
            source_url(t, "../../etc/./x.go"),
            "https://git.example/raw/main/etc/x.go"
        );
        assert_eq!(
            source_url("src/{file}?raw=1", "é.go"),
            "src/%C3%A9.go?raw=1"
        );
    }

    #[test]
    fn templates_follow_the_url_rule() {
        assert!(check_source_template("https://h/{file}").is_ok());
        assert!(check_source_template("raw/{file}").is_ok());
        assert!(check_source_template("https://h/main.go").is_err());
        let refused = check_source_template("javascript:alert(1)//{file}");
        assert!(refused.is_err_and(|e| e.contains("javascript")));
        assert!(check_source_template("file:///home/{file}").is_err());
    }
}
