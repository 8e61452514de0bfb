//! Go's regexp syntax (RE2, what pprof compiles its options with) on the `regex` crate.
//!
//! Consumes a pattern as a user types it for `go tool pprof`; produces a [`Regex`] that
//! matches the same strings, or a one-line reason why it does not compile. The two syntaxes
//! mostly agree; where they differ this rewrites the pattern before compiling:
//!
//! * `\d \s \w \b` (and negations) are ASCII in Go, Unicode in `regex`: they become explicit
//!   ASCII classes (`\s` is Go's `[\t\n\f\r ]`, without `\v`) and `(?-u:\b)`.
//! * `\Q…\E` quotes literally in Go; `regex` has no such escape.
//! * A `{` that does not start a valid `{n}`, `{n,}` or `{n,m}` is a literal in Go, an error in
//!   `regex`; `\<` and `\>` are literals in Go, word boundaries in `regex`.
//! * Inside a class, `[` (unless it opens `[:name:]`), `&` and `~` are literals in Go, nested
//!   classes and set operators in `regex`.
//! * Go accepts octal escapes such as `\12`.
//!
//! * Go refuses `\1`–`\7` not followed by an octal digit (backreferences) and one-letter
//!   Unicode classes other than its general categories (`\pz`); so does this.
//!
//! Left as they are: patterns Go rejects but `regex` accepts (nested repetitions such as `a**`,
//! counts over 1000, `(?<name>…)`), which are compiled rather than refused.

use regex::{Regex, RegexBuilder};

/// Compiles `pattern` with Go's meaning. The error is the compiler's reason, one line.
pub fn compile_go_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(&translate(pattern)?)
        .octal(true)
        .build()
        .map_err(|e| reason(&e.to_string()))
}

/// Go's `regexp.QuoteMeta`: `text` with every regexp metacharacter escaped, so the pattern
/// matches exactly that text (what the page's "Focus on" puts between `^` and `$`).
pub fn quote_meta(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The `error: …` line of `regex`'s multi-line message (the others draw carets under the
/// rewritten pattern, which the user never typed).
fn reason(message: &str) -> String {
    message
        .lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .unwrap_or(message.trim())
        .to_string()
}

/// Rewrites Go syntax into `regex` syntax with the same meaning (see the module doc).
fn translate(go: &str) -> Result<String, String> {
    let chars: Vec<char> = go.chars().collect();
    let mut out = String::with_capacity(go.len() + 8);
    let mut i = 0;
    // Inside a class: the index where it started (to allow a leading `]`).
    let mut class_start: Option<usize> = None;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            let e = chars[i + 1];
            let inside = class_start.is_some();
            i += 2;
            match e {
                'Q' if !inside => {
                    let end = find_seq(&chars, i, &['\\', 'E']).unwrap_or(chars.len());
                    let literal: String = chars[i..end].iter().collect();
                    out.push_str(&regex::escape(&literal));
                    i = (end + 2).min(chars.len());
                }
                'd' => out.push_str("[0-9]"),
                'D' => out.push_str("[^0-9]"),
                's' => out.push_str(r"[\t\n\f\r ]"),
                'S' => out.push_str(r"[^\t\n\f\r ]"),
                'w' => out.push_str("[0-9A-Za-z_]"),
                'W' => out.push_str("[^0-9A-Za-z_]"),
                'b' if !inside => out.push_str(r"(?-u:\b)"),
                'B' if !inside => out.push_str(r"(?-u:\B)"),
                '<' | '>' => out.push(e),
                // Go reads `\1`–`\7` as octal only when another octal digit follows (a lone
                // digit would be a backreference, which RE2 does not have).
                '1'..='7' if !chars.get(i).is_some_and(|c| ('0'..='7').contains(c)) => {
                    return Err(format!("invalid escape sequence: `\\{e}`"));
                }
                // One-letter Unicode classes are Go's general categories only.
                'p' | 'P' if chars.get(i).is_some_and(|c| *c != '{') => {
                    let class = chars[i];
                    if !"CLMNPSZ".contains(class) {
                        return Err(format!("invalid character class range: `\\{e}{class}`"));
                    }
                    out.push('\\');
                    out.push(e);
                    out.push(class);
                    i += 1;
                }
                'p' | 'P' | 'x' if chars.get(i) == Some(&'{') => {
                    let end = chars[i..]
                        .iter()
                        .position(|&c| c == '}')
                        .map_or(chars.len(), |p| i + p + 1);
                    out.push('\\');
                    out.push(e);
                    out.extend(&chars[i..end]);
                    i = end;
                }
                _ => {
                    out.push('\\');
                    out.push(e);
                }
            }
            continue;
        }
        match class_start {
            None => match c {
                '[' => {
                    out.push('[');
                    i += 1;
                    if chars.get(i) == Some(&'^') {
                        out.push('^');
                        i += 1;
                    }
                    class_start = Some(i);
                    continue;
                }
                '{' if repeat_len(&chars[i..]).is_none() => out.push_str(r"\{"),
                _ => out.push(c),
            },
            Some(start) => match c {
                ']' if i > start => {
                    out.push(']');
                    class_start = None;
                }
                ']' => out.push_str(r"\]"),
                '[' => match posix_class_len(&chars[i..]) {
                    Some(n) => {
                        out.extend(&chars[i..i + n]);
                        i += n;
                        continue;
                    }
                    None => out.push_str(r"\["),
                },
                '&' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            },
        }
        i += 1;
    }
    Ok(out)
}

/// Where `seq` next occurs in `chars` at or after `from`.
fn find_seq(chars: &[char], from: usize, seq: &[char]) -> Option<usize> {
    (from..chars.len().saturating_sub(seq.len() - 1)).find(|&i| chars[i..].starts_with(seq))
}

/// Length of a Go repetition `{n}`, `{n,}` or `{n,m}` at the start of `s`, if it is one.
fn repeat_len(s: &[char]) -> Option<usize> {
    let mut i = 1;
    let digits = |i: &mut usize| {
        let from = *i;
        while s.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    if !digits(&mut i) {
        return None;
    }
    if s.get(i) == Some(&',') {
        i += 1;
        digits(&mut i);
    }
    (s.get(i) == Some(&'}')).then_some(i + 1)
}

/// Length of `[:name:]` or `[:^name:]` at the start of `s`, if it is one.
fn posix_class_len(s: &[char]) -> Option<usize> {
    if s.get(1) != Some(&':') {
        return None;
    }
    find_seq(s, 2, &[':', ']']).map(|end| end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        compile_go_regex(pattern)
            .unwrap_or_else(|e| panic!("{pattern}: {e}"))
            .is_match(text)
    }

    #[test]
    fn perl_classes_are_ascii() {
        assert!(!matches(r"^\w+$", "runtime·main"));
        assert!(matches(r"^\w+$", "runtime_main2"));
        assert!(!matches(r"\d", "٣"));
        assert!(!matches(r"\s", "\u{b}"));
        assert!(matches(r"[\d.]+x", "1.5x"));
        assert!(matches(r"a\bb|a\b", "a·"));
        assert!(matches(r"\W", "·"));
    }

    #[test]
    fn go_literals() {
        assert!(matches(r"\Qa.b\E.", "a.bc"));
        assert!(!matches(r"\Qa.b\E", "axb"));
        assert!(matches(r"\Q(unclosed", "x(unclosed"));
        assert!(matches(r"{{closure}}", "main::{{closure}}"));
        assert!(matches(r"a{,3}", "a{,3}"));
        assert!(matches(r"a{2", "a{2"));
        assert!(matches(r"^a{2}$", "aa"));
        assert!(matches(r"^a{1,}$", "aaa"));
        assert!(matches(r"^a{1,2}b$", "aab"));
        assert!(matches(r"\<x\>", "<x>"));
        assert!(matches(r"[a[]", "["));
        assert!(matches(r"[]a]", "]"));
        assert!(matches(r"[^]a]", "b"));
        assert!(matches(r"[a&&b]", "&"));
        assert!(matches(r"[~]", "~"));
        assert!(matches(r"[[:upper:]]", "A"));
        assert!(matches(r"\p{Greek}\pL", "αb"));
        assert!(matches(r"\x{41}\x41", "AA"));
        assert!(matches(r"\12", "\n"));
        assert!(matches(r"\\d", r"\d"));
    }

    #[test]
    fn quoted_text_matches_itself_only() {
        for text in [
            "main.(*T).m",
            "a+b|c",
            "x[0]{1}^$\\",
            "std::vector<int>::at",
            "ü?",
        ] {
            let re = format!("^{}$", quote_meta(text));
            assert!(matches(&re, text), "{re}");
            assert!(!matches(&re, &format!("{text}x")), "{re}");
        }
        assert_eq!(quote_meta("a.b"), "a\\.b");
    }

    #[test]
    fn errors_are_one_line() {
        let e = compile_go_regex("(").expect_err("unclosed");
        assert_eq!(e, "unclosed group");
        assert!(compile_go_regex("[a").is_err());
        assert!(compile_go_regex(r"\8").is_err());
        // Go refuses a lone \1–\7 (no backreferences) and unknown one-letter classes.
        assert!(compile_go_regex(r"a\1").is_err());
        assert!(compile_go_regex(r"\Pz").is_err());
        assert!(compile_go_regex(r"\pL\PN\12").is_ok());
    }
}
