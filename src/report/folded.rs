//! Brendan Gregg's folded (collapsed) stacks: one line per distinct call path, frames root
//! first joined by `;`, a space, and the value of the samples ending there.
//!
//! Consumes a [`CallTree`] (built at the wanted granularity from a prepared query, so every
//! filter, the sample type and `-noinlines` are already applied); produces text. Rules:
//!
//! - a line per call path whose own value (the samples ending exactly there) is not zero;
//!   a comparison's values are signed (after − before);
//! - frames are the tree's frames: names as the flame graph shows them, an inlined call its
//!   own frame, recursion repeated, label frames of `-tagroot`/`-tagleaf` included; labels
//!   are not written;
//! - in a frame's name, `;` becomes `:` and line breaks become spaces, so that every line
//!   splits back into the same frames;
//! - paths whose text is equal (equal names of different files at `filefunctions`) are one
//!   line with the sum; lines are sorted by their text (byte order), so the output is
//!   deterministic and diffs well.
//!
//! Computes nothing but the sums of equal lines.

use crate::query::CallTree;
use std::collections::BTreeMap;

/// The folded stacks of `tree` (see the module documentation), each line ending in `\n`.
/// Stand-ins of a limited tree would appear as frames: pass an unlimited tree.
pub fn folded_text(tree: &CallTree) -> String {
    let names: Vec<String> = tree.frames.iter().map(|f| clean(&f.name)).collect();
    // The path text of every node, built parent first (parents always come first).
    let mut paths: Vec<String> = Vec::with_capacity(tree.len());
    let mut lines: BTreeMap<String, i64> = BTreeMap::new();
    for n in 0..tree.len() {
        let parent = tree.parent[n];
        let name = names.get(tree.frame[n] as usize).map_or("", String::as_str);
        let path = match paths.get(parent as usize) {
            Some(p) if !p.is_empty() => format!("{p};{name}"),
            _ => name.to_string(),
        };
        let own = tree.self_value[n];
        if n != 0 && own != 0 {
            let sum = lines.entry(path.clone()).or_insert(0);
            *sum = sum.wrapping_add(own);
        }
        paths.push(path);
    }
    let mut out = String::new();
    for (path, value) in lines {
        if value != 0 {
            out.push_str(&path);
            out.push(' ');
            out.push_str(&value.to_string());
            out.push('\n');
        }
    }
    out
}

/// A frame name that cannot break the format: `;` → `:`, line breaks → spaces.
fn clean(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            ';' => ':',
            '\n' | '\r' => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::folded_for_tests as profile;
    use crate::query::{Granularity, Prepared};
    use std::sync::Arc;

    fn folded(text: &str) -> String {
        let p = Prepared::unfiltered(&Arc::new(profile(text))).expect("prepared");
        folded_text(&CallTree::build(&p, Granularity::Functions))
    }

    #[test]
    fn one_sorted_line_per_stack() {
        let text = "main;b 2\nmain;a;x 5\nmain 1\nmain;a;x 3\nmain;a 4\n";
        assert_eq!(folded(text), "main 1\nmain;a 4\nmain;a;x 8\nmain;b 2\n");
    }

    #[test]
    fn recursion_and_inlining_stay_frames() {
        assert_eq!(folded("main;f;f;f 7\n"), "main;f;f;f 7\n");
        // `a+b`: b inlined into a, one location, two frames.
        assert_eq!(folded("main;a+b 3\n"), "main;a;b 3\n");
    }

    #[test]
    fn names_never_break_lines() {
        assert_eq!(clean("a;b\nc"), "a:b c");
    }
}
