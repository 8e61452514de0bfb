//! Goroutine dumps (`/debug/pprof/goroutine?debug=2`) and the tracebacks of a panic,
//! a fatal error or SIGQUIT: blocks of
//!
//! ```text
//! goroutine 12 [chan receive, 15 minutes]:
//! main.worker(0xc000010000)
//!         /src/main.go:40 +0x25
//! created by main.start
//!         /src/main.go:30 +0x5e
//! ```
//!
//! Each goroutine is one sample of `goroutine/count`, value 1 (goroutines with the same
//! frames and labels are summed into one sample); its frames (innermost first) become
//! address-less locations with function, file and line. Labels: `state` (the first part
//! of the brackets: `chan receive`, `select`, `semacquire`, `IO wait`, `running`, …),
//! `wait` (`< 1 min`, `1–10 min`, `10–60 min` or `> 1 h`; Go prints minutes only after
//! one minute, so no wait part is `< 1 min`) and `created_by` (the function of the
//! `created by` line). The creating frame is a label, not a frame: it ran in another
//! goroutine, and Go's other goroutine profiles (debug=0 and 1) end the stack without it.
//! `...additional frames elided...` is skipped (the stack keeps the frames shown).
//! Text before the first block (a panic message) becomes the profile's comments.

use super::build::{FrameLine, Sketch, TextLabel};
use super::{Failure, Parsed};

/// Lines of leading text kept as comments.
const MAX_COMMENT_LINES: usize = 20;

/// The bracket text of a `goroutine N [...]:` header line.
fn header(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("goroutine ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let body = rest.trim_end().strip_suffix("]:")?;
    let open = body.find(" [")?;
    Some(&body[open + 2..])
}

/// `(state, wait bucket)` of a header's bracket text.
fn state_and_wait(brackets: &str) -> (String, &'static str) {
    let mut parts = brackets.split(", ");
    let state = parts.next().unwrap_or("").to_string();
    let mut wait = "< 1 min";
    for p in parts {
        if let Some(m) = p
            .strip_suffix(" minutes")
            .and_then(|m| m.parse::<u64>().ok())
        {
            wait = match m {
                0 => "< 1 min",
                1..=9 => "1–10 min",
                10..=59 => "10–60 min",
                _ => "> 1 h",
            };
        }
    }
    (state, wait)
}

/// The function name of a frame line `pkg.func(args)`: the line without its final
/// parenthesised argument list.
fn function_name(line: &str) -> &str {
    let line = line.trim_end();
    if !line.ends_with(')') {
        return line;
    }
    let mut depth = 0i32;
    for (i, c) in line.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return if i == 0 { line } else { &line[..i] };
                }
            }
            _ => {}
        }
    }
    line
}

/// `(file, line)` of a tab-indented `\t/path/file.go:123 +0x1d fp=… sp=… pc=…` line.
fn place(line: &str) -> (String, i64) {
    let mut text = line.trim();
    while let Some((head, last)) = text.rsplit_once(' ') {
        if ["+0x", "fp=", "sp=", "pc="]
            .iter()
            .any(|p| last.starts_with(p))
        {
            text = head.trim_end();
        } else {
            break;
        }
    }
    match text.rsplit_once(':') {
        Some((f, l)) => match l.parse() {
            Ok(n) => (f.to_string(), n),
            Err(_) => (text.to_string(), 0),
        },
        None => (text.to_string(), 0),
    }
}

/// One goroutine being read.
struct Goroutine {
    state: String,
    wait: &'static str,
    frames: Vec<FrameLine>,
    created_by: Option<String>,
}

impl Goroutine {
    fn add(self, sketch: &mut Sketch) {
        let locs: Vec<_> = self
            .frames
            .iter()
            .map(|f| sketch.frame_location(f))
            .collect();
        let mut labels = vec![
            TextLabel::Str("state".into(), self.state),
            TextLabel::Str("wait".into(), self.wait.into()),
        ];
        if let Some(c) = self.created_by {
            labels.push(TextLabel::Str("created_by".into(), c));
        }
        sketch.sample(&locs, &[1], &labels);
    }
}

/// Reads a dump; `Unrecognized` when no line is a `goroutine N [...]:` header.
pub(super) fn parse(lines: &[&str]) -> Parsed {
    let first = lines
        .iter()
        .position(|l| header(l).is_some())
        .ok_or(Failure::Unrecognized)?;
    let mut sketch = Sketch::new(&[("goroutine", "count")], ("goroutine", "count"), 1);
    sketch.merge_equal_samples();
    for l in lines[..first]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(MAX_COMMENT_LINES)
    {
        sketch.comment(l);
    }
    let mut current: Option<Goroutine> = None;
    let mut i = first;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some(brackets) = header(line) {
            if let Some(g) = current.take() {
                g.add(&mut sketch);
            }
            let (state, wait) = state_and_wait(brackets);
            current = Some(Goroutine {
                state,
                wait,
                frames: Vec::new(),
                created_by: None,
            });
            continue;
        }
        let Some(g) = &mut current else { continue };
        if line.trim().is_empty() {
            // A blank line ends the block; text up to the next header is not ours.
            if let Some(g) = current.take() {
                g.add(&mut sketch);
            }
            continue;
        }
        if line.starts_with([' ', '\t']) || line.starts_with("...") {
            continue;
        }
        let (file, line_no) = match lines.get(i) {
            Some(next) if next.starts_with('\t') => {
                i += 1;
                place(next)
            }
            _ => (String::new(), 0),
        };
        if let Some(creator) = line.strip_prefix("created by ") {
            let name = creator.split(" in goroutine ").next().unwrap_or(creator);
            g.created_by = Some(name.trim().to_string());
            continue;
        }
        if line.contains(' ') && !line.trim_end().ends_with(')') {
            // Not a frame (e.g. "goroutine running on other thread; stack unavailable").
            continue;
        }
        g.frames.push(FrameLine {
            function: function_name(line).to_string(),
            file,
            line: line_no,
        });
    }
    if let Some(g) = current.take() {
        g.add(&mut sketch);
    }
    Ok((sketch.finish(Vec::new(), "", ""), Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LabelValue;

    const DUMP: &str = "panic: boom\n\n\
        goroutine 1 [running]:\n\
        main.main()\n\t/src/main.go:12 +0x1d\n\n\
        goroutine 7 [chan receive, 15 minutes, locked to thread]:\n\
        main.(*T).wait(0xc000010000, {0x1, 0x2})\n\t/src/main.go:40 +0x25 fp=0x1 sp=0x2 pc=0x3\n\
        main.f(...)\n\t/src/f.go:3\n\
        ...additional frames elided...\n\
        created by main.start in goroutine 1\n\t/src/main.go:30 +0x5e\n\n\
        goroutine 9 [select, 90 minutes]:\n\
        goroutine running on other thread; stack unavailable\n";

    fn label<'a>(p: &'a crate::model::Profile, i: usize, key: &str) -> Option<&'a str> {
        p.label_sets
            .get(p.samples.labels(i))
            .iter()
            .find(|l| p.str(l.key) == key)
            .and_then(|l| match l.value {
                LabelValue::Str(v) => Some(p.str(v)),
                LabelValue::Num { .. } => None,
            })
    }

    #[test]
    fn reads_blocks() {
        let (p, _) = parse(&super::super::split_lines(DUMP)).expect("parses");
        assert_eq!(p.samples.len(), 3);
        assert_eq!(p.str(p.comments[0]), "panic: boom");
        assert_eq!(label(&p, 1, "state"), Some("chan receive"));
        assert_eq!(label(&p, 1, "wait"), Some("10–60 min"));
        assert_eq!(label(&p, 1, "created_by"), Some("main.start"));
        assert_eq!(label(&p, 2, "wait"), Some("> 1 h"));
        assert_eq!(label(&p, 0, "wait"), Some("< 1 min"));
        let leaf = p.stacks.loc(p.samples.stack(1).expect("stack"));
        let line = p.lines_of(leaf)[0];
        assert_eq!(p.str(p.function(line.function).name), "main.(*T).wait");
        assert_eq!(line.line, 40);
        assert_eq!(p.str(p.function(line.function).filename), "/src/main.go");
        assert!(p.samples.stack(2).is_none());
    }

    #[test]
    fn names_and_places() {
        assert_eq!(function_name("main.f(...)"), "main.f");
        assert_eq!(function_name("main.Map[...](0x1)"), "main.Map[...]");
        assert_eq!(
            place("\tC:/Go Files/x.go:7 +0x1"),
            ("C:/Go Files/x.go".into(), 7)
        );
        assert_eq!(header("goroutine 12 [IO wait]:"), Some("IO wait"));
        assert_eq!(header("goroutine x [IO wait]:"), None);
    }
}
