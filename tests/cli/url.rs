//! URL sources of the `pprofview` binary: fetched as pprof fetches them (`-seconds`),
//! through a canned server on 127.0.0.1; failures name the URL.

use super::{cpu, pprofview, text};

/// Serves one canned HTTP response per connection on 127.0.0.1 (for `responses.len()`
/// connections); returns the base URL and a handle that yields every request line.
fn canned_server(responses: Vec<Vec<u8>>) -> (String, std::thread::JoinHandle<Vec<String>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for response in responses {
            let Ok((stream, _)) = listener.accept() else {
                break;
            };
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            seen.push(line.trim_end().to_string());
            // Skip the headers up to the blank line.
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).map_or(true, |n| n == 0) || h == "\r\n" {
                    break;
                }
            }
            let mut stream = reader.into_inner();
            let _ = stream.write_all(&response);
        }
        seen
    });
    (url, handle)
}

fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

#[test]
fn reports_take_urls_as_pprof_fetches_them() {
    let f = cpu("url");
    let bytes = std::fs::read(&f).expect("read");
    let ok = http_response("200 OK", "application/octet-stream", &bytes);
    let (base, server) = canned_server(vec![ok]);
    let url = format!("{base}/debug/pprof/profile");
    let out = pprofview(&["top", "-seconds=2", &url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let from_file = pprofview(&["top", f.to_str().expect("utf8 path")]);
    assert_eq!(text(&out.stdout), text(&from_file.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("Fetching profile over HTTP from {url}?seconds=2")),
        "{err}"
    );
    assert!(err.contains("Please wait... (2s)"), "{err}");
    let seen = server.join().expect("server");
    assert_eq!(seen, vec!["GET /debug/pprof/profile?seconds=2 HTTP/1.1"]);
}

#[test]
fn url_errors_name_the_url() {
    let (base, server) = canned_server(vec![
        http_response("404 Not Found", "text/plain", b"404 page not found\n"),
        http_response("200 OK", "text/html; charset=utf-8", b"<html></html>"),
        http_response("200 OK", "application/octet-stream", b"not a profile"),
    ]);
    let cases = [
        ("/missing", "server response: 404 Not Found"),
        (
            "/debug/pprof/",
            "the server sent an HTML page, not a profile",
        ),
        ("/garbage", ""),
    ];
    for (path, want) in cases {
        let url = format!("{base}{path}");
        let out = pprofview(&["top", &url]);
        assert_eq!(out.status.code(), Some(1), "{url}");
        let err = text(&out.stderr);
        assert!(err.contains(&format!("pprofview: {url}: {want}")), "{err}");
    }
    server.join().expect("server");
}
