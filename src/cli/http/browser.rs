//! Opening the viewer in the user's browser, best effort, as `go tool pprof -http` does.

use std::process::{Command, Stdio};

/// Asks the system to open `url` in the default browser (`open` on macOS, `cmd /c start` on
/// Windows, `xdg-open` elsewhere, after `$BROWSER` when set). Returns whether a command was
/// started; a missing opener is never an error (the address is printed anyway).
pub fn open_browser(url: &str) -> bool {
    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    if let Some(b) = std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        commands.push((b.to_string_lossy().into_owned(), vec![url.to_string()]));
    }
    if cfg!(target_os = "macos") {
        commands.push(("open".into(), vec![url.into()]));
    } else if cfg!(windows) {
        // cmd reads `&` as a command separator: escape it.
        let escaped = url.replace('&', "^&");
        commands.push((
            "cmd".into(),
            vec!["/c".into(), "start".into(), "".into(), escaped],
        ));
    } else {
        commands.push(("xdg-open".into(), vec![url.into()]));
    }
    commands.into_iter().any(|(program, args)| {
        Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .is_ok()
    })
}
