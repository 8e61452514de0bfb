//! Source file names as pprof cleans and trims them (Go's `path/filepath` on Unix, and
//! pprof's `trimPath` with `-trim_path` and `-source_path`).
//!
//! Pure string work: no file is ever opened here. Finding a file on disk (or in a picked
//! folder, or behind a URL) is a [`SourceLookup`](crate::report::SourceLookup)'s job.

/// pprof's `-trim_path` and `-source_path`: how file names written in a profile are
/// trimmed before they are shown and looked up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PathTrim {
    /// `-trim_path`: `:`-separated prefixes to remove (each taken as a directory).
    pub trim_path: String,
    /// `-source_path`: `:`-separated directories searched for sources; when `trim_path`
    /// is empty, their base names also guess a prefix to remove.
    pub source_path: String,
}

impl PathTrim {
    /// pprof's `trimPath(path, trim_path, source_path)`: the file name with the first
    /// matching prefix removed (see [`trim_path`]).
    pub fn apply<'a>(&self, path: &'a str) -> &'a str {
        trim_path(path, &self.trim_path, &self.source_path)
    }
}

/// Go's `filepath.SplitList` on Unix: `:`-separated, and no element at all for `""`.
pub fn split_list(list: &str) -> Vec<&str> {
    if list.is_empty() {
        Vec::new()
    } else {
        list.split(':').collect()
    }
}

/// pprof's `trimPath` (Go 1.19): with no `trim` given, the part after the first
/// `/BASE/` where BASE is the base name of a `search` directory; otherwise (or when none
/// is found) the path without the first of the `trim` prefixes, `/proc/self/cwd/./` or
/// `/proc/self/cwd/` it starts with.
pub fn trim_path<'a>(path: &'a str, trim: &str, search: &str) -> &'a str {
    if trim.is_empty() {
        for dir in split_list(search) {
            let want = format!("/{}/", go_base(dir));
            if let Some(found) = path.find(&want) {
                return &path[found + want.len()..];
            }
        }
    }
    let configured = split_list(trim);
    let defaults = ["/proc/self/cwd/./", "/proc/self/cwd/"];
    for prefix in configured.into_iter().chain(defaults) {
        let with_slash;
        let prefix = if prefix.ends_with('/') {
            prefix
        } else {
            with_slash = format!("{prefix}/");
            &with_slash
        };
        if let Some(rest) = path.strip_prefix(prefix) {
            return rest;
        }
    }
    path
}

/// Go's `path/filepath.Clean` on Unix: the shortest lexically equivalent path.
pub fn go_clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Go's `path/filepath.Base` on Unix: the last element, trailing slashes ignored.
pub fn go_base(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// Go's `path/filepath.Dir` on Unix: all but the last element, cleaned (`.` when none).
pub fn go_dir(path: &str) -> String {
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "",
    };
    go_clean(dir)
}

/// Go's `path/filepath.Join` of two elements on Unix: joined with `/` and cleaned; an
/// empty element is left out.
pub fn go_join(dir: &str, file: &str) -> String {
    match (dir.is_empty(), file.is_empty()) {
        (true, true) => String::new(),
        (true, false) => go_clean(file),
        (false, true) => go_clean(dir),
        (false, false) => go_clean(&format!("{dir}/{file}")),
    }
}

/// Which of `candidates` (paths of files the user supplied, e.g. relative paths inside a
/// picked folder) holds the source file a profile names `wanted`: the one sharing the
/// longest run of trailing path segments with it, at least the base name. `wanted` is
/// first cleaned and trimmed as pprof trims with no `-trim_path`/`-source_path`
/// (`/proc/self/cwd/` prefixes); `trim` adds pprof's configured rules. Ties go to the
/// shortest candidate path, then to the first. `None` when no base name matches.
pub fn best_suffix_match<S: AsRef<str>>(
    wanted: &str,
    trim: &PathTrim,
    candidates: &[S],
) -> Option<usize> {
    let cleaned = go_clean(wanted);
    let wanted: Vec<&str> = segments(trim.apply(&cleaned));
    let mut best: Option<(usize, usize, usize)> = None; // (common, path length, index)
    for (i, candidate) in candidates.iter().enumerate() {
        let candidate = go_clean(candidate.as_ref());
        let have = segments(&candidate);
        let common = wanted
            .iter()
            .rev()
            .zip(have.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        if common == 0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((c, len, _)) => common > c || (common == c && candidate.len() < len),
        };
        if better {
            best = Some((common, candidate.len(), i));
        }
    }
    best.map(|(_, _, i)| i)
}

/// The non-empty, non-`.` segments of a cleaned path.
fn segments(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_go() {
        for (input, want) in [
            ("", "."),
            ("a/b/../c", "a/c"),
            ("/../x", "/x"),
            ("../../x/./y//", "../../x/y"),
            ("/", "/"),
            ("./", "."),
            ("testdata/file1000.src", "testdata/file1000.src"),
        ] {
            assert_eq!(go_clean(input), want, "{input}");
        }
    }

    #[test]
    fn base_dir_join_match_go() {
        assert_eq!(go_base("/usr/lib/libc.so.6"), "libc.so.6");
        assert_eq!(go_base("dir/"), "dir");
        assert_eq!(go_base("///"), "/");
        assert_eq!(go_base(""), ".");
        assert_eq!(go_base("plain"), "plain");
        assert_eq!(go_dir(".."), ".");
        assert_eq!(go_dir("."), ".");
        assert_eq!(go_dir("/a/b"), "/a");
        assert_eq!(go_dir("/a"), "/");
        assert_eq!(go_dir("/"), "/");
        assert_eq!(go_dir("a/b"), "a");
        assert_eq!(go_join("..", "goprof/main.go"), "../goprof/main.go");
        assert_eq!(go_join(".", "x.go"), "x.go");
    }

    #[test]
    fn trim_matches_pprof() {
        let t = |p, trim, search| trim_path(p, trim, search).to_string();
        assert_eq!(t("/proc/self/cwd/./a.go", "", ""), "a.go");
        assert_eq!(t("/build/src/a.go", "/build", ""), "src/a.go");
        assert_eq!(t("/build/src/a.go", "/x:/build/", ""), "src/a.go");
        assert_eq!(t("/remote/proj/foo/a.c", "", "/local/proj"), "foo/a.c");
        // A configured trim path turns the guess off.
        assert_eq!(
            t("/remote/proj/foo/a.c", "/none", "/local/proj"),
            "/remote/proj/foo/a.c"
        );
        assert_eq!(t("goprof/main.go", "", ".."), "goprof/main.go");
        // An empty element of the list is `/`.
        assert_eq!(t("/abs/a.go", "x::y", ""), "abs/a.go");
    }

    #[test]
    fn suffix_match_prefers_the_longest_common_tail() {
        let none = PathTrim::default();
        let picked = [
            "other/main.go",
            "repo/tests/fixtures/goprof/main.go",
            "repo/goprof/main.go",
            "repo/goprof/util.go",
        ];
        assert_eq!(best_suffix_match("goprof/main.go", &none, &picked), Some(2));
        assert_eq!(
            best_suffix_match("/build/x/fixtures/goprof/main.go", &none, &picked),
            Some(1)
        );
        // Only the base name in common: the shortest candidate.
        assert_eq!(
            best_suffix_match("/elsewhere/main.go", &none, &picked),
            Some(0)
        );
        assert_eq!(best_suffix_match("goprof/missing.go", &none, &picked), None);
        assert_eq!(best_suffix_match("main.go", &none, &[] as &[&str]), None);
        // Equal tails and lengths: the first.
        assert_eq!(
            best_suffix_match("a/x.go", &none, &["b/x.go", "c/x.go"]),
            Some(0)
        );
    }

    #[test]
    fn suffix_match_trims_and_cleans_first() {
        let none = PathTrim::default();
        let picked = ["src/a.go", "proj/src/a.go"];
        assert_eq!(
            best_suffix_match("/proc/self/cwd/./src//a.go", &none, &picked),
            Some(0)
        );
        let trim = PathTrim {
            trim_path: "/remote/proj".to_string(),
            source_path: String::new(),
        };
        // Trimmed to src/a.go: "proj" is not compared any more.
        assert_eq!(
            best_suffix_match("/remote/proj/src/a.go", &trim, &picked),
            Some(0)
        );
        assert_eq!(
            best_suffix_match("/remote/proj/src/a.go", &none, &picked),
            Some(1)
        );
        assert_eq!(
            best_suffix_match("x/../src/a.go", &none, &["./src/a.go"]),
            Some(0)
        );
    }
}
