//! Which addresses the viewer may fetch a profile from.
//!
//! Consumes a URL as a link spells it (`url=`, `base=`, `diff_base=`), or as the browser
//! resolved it against the page; produces `Ok` or a [`RefusedUrl`] naming the scheme. Only
//! `http:`, `https:` and relative URLs are fetched: `javascript:`, `data:`, `file:`, `blob:`
//! and every other scheme are refused, so a link can never make the page run code, read a
//! local file or a blob of another page, or smuggle bytes past the fetch limits. Pure: the
//! web app calls [`check_profile_url`] on the link's text and again on the absolute URL it is
//! about to request (a relative URL takes the page's scheme), and native tests pin the rules.
//!
//! The scheme is found as a browser's URL parser finds it (WHATWG URL §4.4): leading and
//! trailing spaces and control characters are ignored, tabs and newlines anywhere are
//! removed, a scheme is an ASCII letter then letters, digits, `+`, `-` or `.` up to the first
//! `:`, compared case-insensitively; anything else is a relative URL.

use std::fmt;

/// Why a URL names a profile; the schemes allowed depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlRole {
    /// A profile or base fetched from the network: the link's `url=`, `base=`, `diff_base=`.
    /// Only `http:`, `https:` and relative URLs.
    Fetched,
    /// A profile carried inside the link itself (the planned `embed` key): `data:` URLs too.
    /// Nothing uses it yet; it is the one place that allows `data:`.
    Embedded,
}

impl UrlRole {
    /// Whether a URL with `scheme` (lower-case, without `:`) may be used in this role.
    fn allows(self, scheme: &str) -> bool {
        // The hook for embedded profiles: `data:` is allowed only in that role.
        matches!(
            (self, scheme),
            (_, "http" | "https") | (UrlRole::Embedded, "data")
        )
    }
}

/// A URL the viewer will not fetch a profile from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedUrl {
    /// The URL as given (shortened for display when long).
    pub url: String,
    /// Its scheme, lower-case, without the `:` (empty for an empty URL).
    pub scheme: String,
}

impl fmt::Display for RefusedUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scheme.is_empty() {
            return write!(f, "the profile URL is empty");
        }
        write!(
            f,
            "{}: profiles are not loaded from {}: URLs; only http:, https: and relative URLs \
             are allowed",
            self.url, self.scheme
        )
    }
}

impl std::error::Error for RefusedUrl {}

/// The scheme of `url` (lower-case, without `:`) as a browser's URL parser reads it, or
/// `None` when `url` is relative.
pub fn scheme_of(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut chars = trimmed
        .chars()
        .filter(|&c| !matches!(c, '\t' | '\n' | '\r'));
    let first = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut scheme = String::from(first.to_ascii_lowercase());
    for c in chars {
        match c {
            ':' => return Some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase());
            }
            _ => return None,
        }
    }
    None
}

/// Whether a profile may be fetched from `url` in `role`: `Ok` for `http:`, `https:` and
/// relative URLs (and `data:` for [`UrlRole::Embedded`]); otherwise the scheme it names.
pub fn check_profile_url(url: &str, role: UrlRole) -> Result<(), RefusedUrl> {
    let refused = |scheme: String| RefusedUrl {
        url: shorten(url),
        scheme,
    };
    if url.trim_matches(|c: char| c <= ' ').is_empty() {
        return Err(refused(String::new()));
    }
    match scheme_of(url) {
        None => Ok(()),
        Some(s) if role.allows(&s) => Ok(()),
        Some(s) => Err(refused(s)),
    }
}

/// `url` cut to 80 characters (a `data:` URL can be megabytes long).
fn shorten(url: &str) -> String {
    const MAX: usize = 80;
    match url.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &url[..end]),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetched(url: &str) -> Result<(), String> {
        check_profile_url(url, UrlRole::Fetched).map_err(|e| e.scheme)
    }

    #[test]
    fn http_https_and_relative_are_fetched() {
        for ok in [
            "https://store.internal/p/cpu.pb.gz?a=1&b=2",
            "http://127.0.0.1:8080/debug/pprof/profile?seconds=5",
            "HTTPS://EXAMPLE.COM/x",
            "  https://example.com/leading-space",
            "cpu.pb.gz",
            "./profiles/cpu.pb.gz",
            "../cpu.pb.gz",
            "/abs/path/heap.pb.gz",
            "//other.host/cpu.pb.gz",
            "?name=cpu",
            "dir/with:colon",
            // '%' cannot be in a scheme: a browser reads this as a relative path.
            "jav%61script:alert(1)",
            "1http:x",
        ] {
            assert_eq!(fetched(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn other_schemes_are_refused_by_name() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JavaScript:alert(1)", "javascript"),
            (" \u{1}javascript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("java\nscript:alert(1)", "javascript"),
            ("data:application/octet-stream;base64,AAAA", "data"),
            ("file:///etc/passwd", "file"),
            ("blob:https://example.com/0b8e", "blob"),
            ("ftp://example.com/cpu.pb.gz", "ftp"),
            ("ws://example.com/", "ws"),
            ("about:blank", "about"),
            ("vbscript:msgbox", "vbscript"),
            ("chrome-extension://abc/x", "chrome-extension"),
            ("a:b/c", "a"),
        ] {
            assert_eq!(fetched(url), Err(scheme.to_string()), "{url:?}");
        }
    }

    #[test]
    fn empty_is_refused() {
        let e = check_profile_url(" \t", UrlRole::Fetched).expect_err("empty");
        assert_eq!(e.to_string(), "the profile URL is empty");
    }

    #[test]
    fn the_message_names_the_scheme_and_what_is_allowed() {
        let e = check_profile_url("javascript:alert(1)", UrlRole::Fetched).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "javascript:alert(1): profiles are not loaded from javascript: URLs; only http:, \
             https: and relative URLs are allowed"
        );
        let long = format!("data:,{}", "A".repeat(10_000));
        let e = check_profile_url(&long, UrlRole::Fetched).expect_err("refused");
        assert!(e.url.chars().count() <= 81, "{}", e.url);
    }

    #[test]
    fn data_only_when_embedded() {
        let data = "data:application/gzip;base64,H4sI";
        assert!(check_profile_url(data, UrlRole::Fetched).is_err());
        assert_eq!(check_profile_url(data, UrlRole::Embedded), Ok(()));
        assert!(check_profile_url("javascript:1", UrlRole::Embedded).is_err());
        assert!(check_profile_url("blob:x", UrlRole::Embedded).is_err());
    }
}
