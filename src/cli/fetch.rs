//! Profiles named by `http://` and `https://` sources, fetched as `go tool pprof` fetches
//! them: `-seconds=N` sets the URL's `seconds` parameter (pprof's `adjustURL`), `-timeout`
//! bounds the request (default: 1.5 × the duration, or 60 s), progress goes to stderr and
//! every error names the URL.

use std::time::Duration;

/// Whether a source names a URL rather than a file.
pub fn is_url(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The URL to request for `source` and its timeout, as pprof's `adjustURL` computes them:
/// `seconds > 0` replaces (or adds) the `seconds` query parameter; otherwise a `seconds`
/// already in the URL sets the duration. The timeout is `timeout` when positive, else
/// 1.5 × the duration, else 60 s.
pub fn adjust_url(source: &str, seconds: i64, timeout: i64) -> (String, Duration) {
    let (before_fragment, fragment) = match source.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (source, None),
    };
    let (path, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    let is_seconds = |p: &String| p.split('=').next() == Some("seconds");
    let mut duration = 0i64;
    if seconds > 0 {
        params.retain(|p| !is_seconds(p));
        params.push(format!("seconds={seconds}"));
        duration = seconds;
    } else if let Some(p) = params.iter().find(|p| is_seconds(p)) {
        duration = p
            .split_once('=')
            .and_then(|(_, v)| v.parse::<i32>().ok())
            .map_or(0, i64::from);
    }
    let timeout = if timeout > 0 {
        Duration::from_secs(timeout.unsigned_abs())
    } else if duration > 0 {
        Duration::from_millis(duration.unsigned_abs().saturating_mul(1500))
    } else {
        Duration::from_secs(60)
    };
    let mut url = path.to_string();
    if !params.is_empty() {
        url.push('?');
        url.push_str(&params.join("&"));
    }
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(f);
    }
    (url, timeout)
}

/// How [`fetch`] requests a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    /// pprof's `-seconds` (0: as the URL says).
    pub seconds: i64,
    /// pprof's `-timeout` in seconds (0: pprof's default).
    pub timeout: i64,
    /// The largest body accepted, in bytes.
    pub limit: u64,
}

/// Fetches the profile at `source` (an `http(s)://` URL). Prints pprof's progress lines on
/// stderr. The error is one line that starts with the requested URL: the HTTP status (with
/// the body of a `net/http/pprof` error, as pprof shows it), a connection failure, a
/// timeout, an oversized body, or an HTML page where a profile was expected.
pub fn fetch(source: &str, options: &FetchOptions) -> Result<Vec<u8>, String> {
    let (url, timeout) = adjust_url(source, options.seconds, options.timeout);
    eprintln!("Fetching profile over HTTP from {url}");
    if let Some(wait) = url
        .split_once("seconds=")
        .and_then(|(_, v)| v.split(['&', '#']).next())
        .filter(|v| v.parse::<u32>().is_ok_and(|n| n > 0))
    {
        eprintln!("Please wait... ({wait}s)");
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!("pprofview/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent
        .get(&url)
        .call()
        .map_err(|e| format!("{url}: {}", request_error(&e, timeout)))?;
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let content_type = header("content-type");
    let from_pprof = !header("x-go-pprof").is_empty();
    let reason = status.canonical_reason().unwrap_or("");
    let body = response
        .body_mut()
        .with_config()
        .limit(options.limit)
        .read_to_vec();
    if !status.is_success() {
        let mut message = format!("{url}: server response: {} {reason}", status.as_u16());
        if let (true, true, Ok(body)) = (from_pprof, content_type.contains("text/plain"), &body) {
            let text = String::from_utf8_lossy(body);
            message.push_str(" - ");
            message.push_str(text.trim().lines().next().unwrap_or(""));
        }
        return Err(message);
    }
    let body = body.map_err(|e| match e {
        ureq::Error::BodyExceedsLimit(n) => format!(
            "{url}: the response is larger than the {n}-byte limit (raise it with -max_inflated)"
        ),
        e => format!("{url}: {}", request_error(&e, timeout)),
    })?;
    if content_type.starts_with("text/html") || looks_like_html(&body) {
        return Err(format!(
            "{url}: the server sent an HTML page, not a profile (is this the profile's URL? \
             Go serves profiles under /debug/pprof/)"
        ));
    }
    Ok(body)
}

/// Whether a body starts like an HTML document.
fn looks_like_html(body: &[u8]) -> bool {
    let start: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
}

/// A request's failure in words.
fn request_error(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                "connection refused (is the server running, and on this port?)".to_string()
            }
            std::io::ErrorKind::ConnectionReset => "the server closed the connection".to_string(),
            std::io::ErrorKind::TimedOut => format!("no answer within {}s", timeout.as_secs()),
            _ => format!("request failed: {io}"),
        },
        ureq::Error::Timeout(_) => format!(
            "no complete answer within {}s (raise it with -timeout)",
            timeout.as_secs()
        ),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "could not connect".to_string(),
        ureq::Error::BadUri(u) => format!("bad URL: {u}"),
        e => format!("request failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjusts_as_pprof() {
        let (u, t) = adjust_url("http://h:6060/debug/pprof/profile", 5, 0);
        assert_eq!(u, "http://h:6060/debug/pprof/profile?seconds=5");
        assert_eq!(t, Duration::from_millis(7500));
        let (u, t) = adjust_url("http://h/debug/pprof/profile?seconds=2&x=1", 0, 0);
        assert_eq!(u, "http://h/debug/pprof/profile?seconds=2&x=1");
        assert_eq!(t, Duration::from_secs(3));
        let (u, _) = adjust_url("http://h/p?seconds=2&x=1", 9, 4);
        assert_eq!(u, "http://h/p?x=1&seconds=9");
        let (u, t) = adjust_url("http://h/debug/pprof/heap", 0, 0);
        assert_eq!(u, "http://h/debug/pprof/heap");
        assert_eq!(t, Duration::from_secs(60));
        assert_eq!(adjust_url("https://h/x", 0, 7).1, Duration::from_secs(7));
    }

    #[test]
    fn urls_and_html() {
        assert!(is_url("HTTP://x"));
        assert!(is_url("https://x/y"));
        assert!(!is_url("heap.pb.gz"));
        assert!(!is_url("ht"));
        assert!(looks_like_html(b"\n <!DOCTYPE html><p>"));
        assert!(!looks_like_html(b"\x1f\x8b"));
    }
}
