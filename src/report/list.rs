//! The `list` text report (pprof's `-list REGEX`): a [`Listing`]'s numbers joined with the
//! source text a [`SourceLookup`] finds.
//!
//! The numbers come from `query::list` alone; this module only adds the text. A page can
//! show [`source_rows`] with text it found (a picked folder, a URL), or the listing's
//! numbers without any text.

use super::ValueFormat;
use crate::model::units::percentage;
use crate::query::{ListFile, Listing};
use std::collections::HashMap;

/// Where the source text of a listing comes from: the file system (`cli::FileSources`),
/// a folder the page was given, a URL template...
pub trait SourceLookup {
    /// The lines of `file` (named as the listing names it: cleaned and trimmed), line 1
    /// first; or, when it cannot be read, the message pprof prints after ` Error: `.
    fn lines(&mut self, file: &str) -> Result<Vec<String>, String>;
}

/// A lookup that finds nothing, saying `message` for every file.
#[derive(Clone, Debug, Default)]
pub struct NoSources {
    /// What a listing prints after ` Error: ` for each file.
    pub message: String,
}

impl SourceLookup for NoSources {
    fn lines(&mut self, _file: &str) -> Result<Vec<String>, String> {
        Err(self.message.clone())
    }
}

/// One printed line of a listing: a source line with its values (zero when unsampled).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SourceRow {
    /// The line number.
    pub line: i64,
    /// Flat value of the line (0: pprof prints `.`).
    pub flat: i64,
    /// Cum value of the line (0: pprof prints `.`).
    pub cum: i64,
    /// The source text, as read (tabs kept).
    pub text: String,
}

/// The rows pprof prints for `file` given its source `text` (line 1 first): every line of
/// the file's window ([`ListFile::first`] ..= [`ListFile::last`]) that the text has, with
/// the sampled lines' values; the rows stop where the text ends.
pub fn source_rows(file: &ListFile, text: &[String]) -> Vec<SourceRow> {
    let mut rows = Vec::new();
    for line in file.first..=file.last {
        let Some(src) = usize::try_from(line - 1).ok().and_then(|i| text.get(i)) else {
            break;
        };
        let (flat, cum) = file
            .lines
            .binary_search_by_key(&line, |l| l.line)
            .map_or((0, 0), |i| (file.lines[i].flat, file.lines[i].cum));
        rows.push(SourceRow {
            line,
            flat,
            cum,
            text: src.clone(),
        });
    }
    rows
}

/// Go's `bufio.Scanner` with `ScanLines`, as pprof reads a source file: lines split at
/// `\n`, one trailing `\r` removed from each, no empty last line for a final newline; the
/// scan stops (quietly, as pprof's reader does) at a line too long for its 64 KiB buffer.
/// Invalid UTF-8 is replaced.
pub fn scan_source_lines(bytes: &[u8]) -> Vec<String> {
    const MAX_TOKEN: usize = 64 * 1024;
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let (line, next, newline) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..], true),
            None => (rest, &rest[rest.len()..], false),
        };
        if line.len() + usize::from(newline) > MAX_TOKEN {
            break;
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        out.push(String::from_utf8_lossy(line).into_owned());
        rest = next;
    }
    out
}

/// A line's flat or cum value as `-list` prints it: `.` for zero, else the value in `fmt`.
pub fn list_value(fmt: &ValueFormat, v: i64) -> String {
    if v == 0 {
        ".".to_string()
    } else {
        fmt.format(v)
    }
}

/// The line `-list` prints above each function's part in a file.
pub fn routine_header(function: &str, file: &str) -> String {
    format!("ROUTINE ======================== {function} in {file}")
}

/// The share `-list` prints after a file's flat and cum: `21.05% of Total`.
pub fn routine_share(file: &ListFile, total: i64) -> String {
    format!("{} of Total", percentage(file.cum, total))
}

/// Prints `listing` as `go tool pprof -list` does: `Total:`, then per function and file a
/// `ROUTINE` header, its flat and cum and share of the total, and the source lines of its
/// window with their values, or ` Error: ` and why the file was not found. Values of
/// `sample_unit` are printed in `unit` (`-unit`; each value scaled on its own for
/// `minimum`). Each file is looked up once.
pub fn list_text(
    listing: &Listing,
    sample_unit: &str,
    unit: &str,
    lookup: &mut dyn SourceLookup,
) -> String {
    let fmt = ValueFormat {
        sample_unit: sample_unit.to_string(),
        output_unit: unit.to_string(),
    };
    let or_dot = |v: i64| list_value(&fmt, v);
    let mut cache: HashMap<String, Result<Vec<String>, String>> = HashMap::new();
    let mut out = format!("Total: {}\n", fmt.format(listing.total));
    for function in &listing.functions {
        if function.files.is_empty() {
            out.push_str(&format!("No source information for {}\n", function.name));
            continue;
        }
        for file in &function.files {
            out.push_str(&routine_header(&function.name, &file.file));
            out.push('\n');
            out.push_str(&format!(
                "{:>10} {:>10} (flat, cum) {}\n",
                fmt.format(file.flat),
                fmt.format(file.cum),
                routine_share(file, listing.total)
            ));
            let text = cache
                .entry(file.file.clone())
                .or_insert_with(|| lookup.lines(&file.file));
            match text {
                Err(e) => out.push_str(&format!(" Error: {e}\n")),
                Ok(text) => {
                    for row in source_rows(file, text) {
                        out.push_str(&format!(
                            "{:>10} {:>10} {:>6}:{}\n",
                            or_dot(row.flat),
                            or_dot(row.cum),
                            row.line,
                            row.text
                        ));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_like_go() {
        assert_eq!(scan_source_lines(b"a\r\nb\n\nc"), ["a", "b", "", "c"]);
        assert_eq!(scan_source_lines(b"a\n"), ["a"]);
        assert!(scan_source_lines(b"").is_empty());
        let mut long = vec![b'x'; 70_000];
        long.extend_from_slice(b"\nnext");
        assert!(scan_source_lines(&long).is_empty());
    }

    #[test]
    fn rows_stop_at_the_end_of_the_text() {
        let file = ListFile {
            file: "a.go".into(),
            flat: 1,
            cum: 2,
            first: 1,
            last: 8,
            lines: vec![crate::query::ListLine {
                line: 3,
                flat: 1,
                cum: 2,
                inlined: Vec::new(),
            }],
        };
        let text: Vec<String> = ["l1", "l2", "l3", "l4"].map(String::from).to_vec();
        let rows = source_rows(&file, &text);
        assert_eq!(rows.len(), 4);
        assert_eq!(
            (rows[2].flat, rows[2].cum, rows[2].text.as_str()),
            (1, 2, "l3")
        );
        assert_eq!((rows[0].flat, rows[0].cum), (0, 0));
    }
}
