//! What `pprofview -http` serves: the viewer's embedded files and the named profiles, looked
//! up by exact path in a fixed table. Nothing is read from the file system while serving, so
//! no request can reach another file: every other path (directories, `..`, encoded
//! traversal, query tricks) is a 404.

use std::sync::Arc;

/// The bytes of a reply.
#[derive(Clone, Debug)]
pub enum Body {
    /// One of the viewer's files, embedded in the binary.
    Static(&'static [u8]),
    /// A profile read or fetched at start-up.
    Shared(Arc<[u8]>),
    /// A short text (errors).
    Text(String),
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        match self {
            Body::Static(b) => b,
            Body::Shared(b) => b,
            Body::Text(t) => t.as_bytes(),
        }
    }
}

/// A reply: status, content type and body.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header's value.
    pub content_type: &'static str,
    /// The body.
    pub body: Body,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Body::Text(format!("{text}\n")),
        }
    }
}

/// A profile the site serves: its path (from the site's root, without the leading `/`)
/// and its bytes.
#[derive(Clone, Debug)]
pub struct Served {
    /// The path, e.g. `profiles/0/heap.pb.gz`.
    pub path: String,
    /// The profile's bytes, as read or fetched.
    pub bytes: Arc<[u8]>,
}

/// The served files: the viewer's and the profiles.
#[derive(Clone, Debug)]
pub struct Site {
    viewer: &'static [(&'static str, &'static [u8])],
    profiles: Vec<Served>,
    loopback_only: bool,
}

impl Site {
    /// A site of `viewer`'s files (paths relative to the root) and `profiles`. With
    /// `loopback_only`, requests must name a loopback host (`Host: 127.0.0.1:…`,
    /// `localhost:…`, `[::1]:…`), so that a web page whose domain is pointed at 127.0.0.1
    /// (DNS rebinding) cannot read the profiles.
    pub fn new(
        viewer: &'static [(&'static str, &'static [u8])],
        profiles: Vec<Served>,
        loopback_only: bool,
    ) -> Site {
        Site {
            viewer,
            profiles,
            loopback_only,
        }
    }

    /// The reply to `method` on `target` (the request line's path and query) with the
    /// `Host` header `host`.
    pub fn reply(&self, method: &str, target: &str, host: Option<&str>) -> Reply {
        if method != "GET" && method != "HEAD" {
            return Reply::text(405, "method not allowed");
        }
        if self.loopback_only && !host.is_some_and(is_loopback_host) {
            return Reply::text(
                403,
                "this server answers only requests for 127.0.0.1 or localhost",
            );
        }
        let path = target.split(['?', '#']).next().unwrap_or("");
        let Some(path) = path.strip_prefix('/') else {
            return Reply::text(404, "not found");
        };
        let path = if path.is_empty() { "index.html" } else { path };
        if let Some(p) = self.profiles.iter().find(|p| p.path == path) {
            return Reply {
                status: 200,
                content_type: "application/octet-stream",
                body: Body::Shared(Arc::clone(&p.bytes)),
            };
        }
        match self.viewer.iter().find(|(name, _)| *name == path) {
            Some((name, bytes)) => Reply {
                status: 200,
                content_type: content_type(name),
                body: Body::Static(bytes),
            },
            None => Reply::text(404, "not found"),
        }
    }
}

/// Whether a `Host` header names this machine's loopback interface.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The content type of a viewer file, by its extension.
fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static VIEWER: [(&str, &[u8]); 2] = [("index.html", b"<html>"), ("app.js", b"x")];

    fn site() -> Site {
        let p = Served {
            path: "profiles/0/cpu.pb.gz".to_string(),
            bytes: Arc::from(&b"pb"[..]),
        };
        Site::new(&VIEWER, vec![p], true)
    }

    fn status(method: &str, target: &str) -> u16 {
        site().reply(method, target, Some("127.0.0.1:8080")).status
    }

    #[test]
    fn serves_only_its_table() {
        assert_eq!(status("GET", "/"), 200);
        assert_eq!(status("GET", "/?x=1"), 200);
        assert_eq!(status("GET", "/app.js?build=1"), 200);
        assert_eq!(status("HEAD", "/profiles/0/cpu.pb.gz"), 200);
        for bad in [
            "/profiles/",
            "/profiles/0",
            "/profiles/1/cpu.pb.gz",
            "/profiles/0/../../index.html",
            "/..%2findex.html",
            "/%2e%2e/etc/passwd",
            "/../Cargo.toml",
            "//index.html",
            "index.html",
            "",
            "/src/",
        ] {
            assert_eq!(status("GET", bad), 404, "{bad}");
        }
        assert_eq!(status("POST", "/"), 405);
        assert_eq!(site().reply("GET", "/app.js", None).status, 403);
        let r = site().reply("GET", "/", Some("evil.example:8080"));
        assert_eq!(r.status, 403);
        for host in ["localhost:1", "[::1]:80", "127.0.0.1"] {
            assert_eq!(site().reply("GET", "/", Some(host)).status, 200, "{host}");
        }
        let open = Site::new(&VIEWER, Vec::new(), false);
        assert_eq!(open.reply("GET", "/", Some("box.lan:80")).status, 200);
        assert_eq!(content_type("a.wasm"), "application/wasm");
    }
}
