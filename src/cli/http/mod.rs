//! `pprofview -http=[host]:port [flags] SOURCE...`: the viewer on one local origin, as
//! `go tool pprof -http` serves its web UI.
//!
//! The sources (files or URLs) are read once at start-up; the viewer's files are the
//! `dist/` this binary was built with (embedded by `build.rs`). The printed address opens
//! the view the flags describe: the link's `url=` names the served profiles (relative, so the
//! page fetches them from the same origin and no CORS is needed), `base=`/`diff_base=` the
//! served bases, and the query flags become the link's query keys.

mod browser;
mod site;

pub use browser::open_browser;
pub use site::{Body, Reply, Served, Site};

use super::Invocation;
use crate::state::url::UrlState;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs};
use std::sync::Arc;

/// The viewer's files (path relative to `dist/`, bytes), embedded at build time; empty when
/// `dist/` was absent then.
pub static VIEWER_FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/viewer_files.rs"));

/// How to get a binary that can serve the viewer, for the message when it cannot.
pub const NO_VIEWER: &str = "this pprofview was built without the viewer (dist/ was missing \
    when it was compiled): build the web app with `make dist`, then the binary with `make cli` \
    (which does both)";

/// The addresses `-http`'s value names: `:port`, `host:port`, `[v6]:port`; an empty host
/// is 127.0.0.1 (only this machine), an empty port or 0 a free one.
pub fn listen_addrs(spec: &str) -> Result<Vec<SocketAddr>, String> {
    let (host, port) = spec
        .rsplit_once(':')
        .ok_or_else(|| format!("-http={spec}: expected [host]:port, e.g. -http=:8080"))?;
    let port: u16 = if port.is_empty() {
        0
    } else {
        port.parse()
            .map_err(|_| format!("-http={spec}: the port must be a number from 0 to 65535"))?
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Ok(vec![SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)]);
    }
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("-http={spec}: cannot resolve {host}: {e}"))?
        .collect();
    if addrs.is_empty() {
        return Err(format!("-http={spec}: {host} has no address"));
    }
    Ok(addrs)
}

/// The path a profile is served under: `profiles/INDEX/NAME`, NAME the source's last path
/// segment reduced to safe characters (the page shows it as the file's name).
pub fn served_path(index: usize, source: &str) -> String {
    let without_query = source.split(['?', '#']).next().unwrap_or(source);
    let last = without_query
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("");
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.trim_matches('.').is_empty() {
        name = "profile".to_string();
    }
    format!("profiles/{index}/{name}")
}

/// The link fragment (without `#`) that opens `inv`'s view of the served profiles:
/// `sources` and `bases` are the served paths of `inv.profiles` and of the query's bases.
pub fn view_fragment(inv: &Invocation, sources: &[String], bases: &[String]) -> String {
    let mut query = inv.query.clone();
    if !query.diff_base.is_empty() {
        query.diff_base = bases.to_vec();
    } else if !query.base.is_empty() {
        query.base = bases.to_vec();
    }
    let state = UrlState {
        urls: sources.to_vec(),
        query,
        ..UrlState::default()
    };
    state.to_fragment()
}

/// A running server: where it listens and the address that opens the view.
pub struct Running {
    server: Arc<tiny_http::Server>,
    /// The bound address (the real port when 0 was asked).
    pub addr: SocketAddr,
}

/// Binds `addrs` (the first that works) and starts answering with `site` on a few threads.
pub fn start(addrs: &[SocketAddr], site: Site) -> Result<Running, String> {
    let mut last = String::from("no address to listen on");
    for addr in addrs {
        match tiny_http::Server::http(addr) {
            Ok(server) => {
                let bound = server.server_addr().to_ip().unwrap_or(*addr);
                let server = Arc::new(server);
                let site = Arc::new(site);
                for _ in 0..4 {
                    let server = Arc::clone(&server);
                    let site = Arc::clone(&site);
                    std::thread::spawn(move || answer(&server, &site));
                }
                return Ok(Running {
                    server,
                    addr: bound,
                });
            }
            Err(e) => last = format!("cannot listen on {addr}: {e}"),
        }
    }
    Err(last)
}

impl Running {
    /// The viewer's address with `fragment`: `http://HOST:PORT/#FRAGMENT`.
    pub fn url(&self, fragment: &str) -> String {
        let host = match self.addr.ip() {
            ip if ip.is_unspecified() => "localhost".to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        format!("http://{host}:{}/#{fragment}", self.addr.port())
    }

    /// Blocks while the server runs: until the process is interrupted (Ctrl-C), which
    /// ends it at once (there is nothing to flush: the server writes no file).
    pub fn wait(self) -> ! {
        let _keep = self.server;
        loop {
            std::thread::park();
        }
    }
}

/// Answers requests until the server stops; a failed reply (a client gone) is ignored.
fn answer(server: &tiny_http::Server, site: &Site) {
    while let Ok(request) = server.recv() {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        let reply = site.reply(request.method().as_str(), request.url(), host.as_deref());
        let mut headers = Vec::new();
        for (name, value) in [
            ("Content-Type", reply.content_type),
            ("Cache-Control", "no-cache"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
        ] {
            if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                headers.push(h);
            }
        }
        let len = reply.body.as_ref().len();
        let response = tiny_http::Response::new(
            tiny_http::StatusCode(reply.status),
            headers,
            std::io::Cursor::new(reply.body),
            Some(len),
            None,
        );
        let _ = request.respond(response);
    }
}

#[cfg(test)]
mod tests;

/// `pprofview -http=ADDR [flags] SOURCE...` (`inv.argument` is ADDR): reads the sources,
/// serves the viewer and them, prints the address and opens it in a browser unless
/// `-no_browser`; then serves until interrupted. Returns only on an error.
pub fn run(inv: &Invocation) -> Result<(), String> {
    run_with(inv, VIEWER_FILES)
}

/// [`run`] with the viewer's files given: none means this binary has no viewer to serve.
pub fn run_with(
    inv: &Invocation,
    viewer: &'static [(&'static str, &'static [u8])],
) -> Result<(), String> {
    if viewer.is_empty() {
        return Err(NO_VIEWER.to_string());
    }
    let addrs = listen_addrs(&inv.argument)?;
    let loopback_only = addrs.iter().all(|a| a.ip().is_loopback());
    let (sources, bases) = super::input::read_all(inv)?;
    let mut served = Vec::new();
    let mut paths = |list: Vec<crate::load::OwnedSource>| -> Vec<String> {
        list.into_iter()
            .map(|s| {
                let path = served_path(served.len(), &s.name);
                served.push(Served {
                    path: path.clone(),
                    bytes: Arc::from(s.bytes),
                });
                path
            })
            .collect()
    };
    let source_paths = paths(sources);
    let base_paths = paths(bases);
    let fragment = view_fragment(inv, &source_paths, &base_paths);
    let running = start(&addrs, Site::new(viewer, served, loopback_only))?;
    let url = running.url(&fragment);
    println!("Serving web UI on {url}");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    if !inv.no_browser && !open_browser(&url) {
        eprintln!("pprofview: could not start a browser; open the address above");
    }
    running.wait()
}
