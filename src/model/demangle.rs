//! pprof's symbolization step, as far as it works without binaries: name demangling.
//!
//! Consumes a [`Profile`] and a `-symbolize` mode; produces the profile with function names
//! rewritten as `go tool pprof` rewrites them by default (`symbolizer.Demangle`): a function
//! whose name equals its system name (or is empty) gets its system name, and names that look
//! like demangled C++ (`::`, `<>`, `[]`) lose argument lists and template arguments —
//! `std::vector<int>::push_back(int const&)` becomes `std::vector::push_back`, and so do the
//! Rust names written by pprof-rs. Symbols that are still mangled (`_Z…`, `_R…`) are left
//! as they are and reported, since pprofview has no demangler yet. Looking up addresses in
//! binaries is impossible here and is skipped, like `go tool pprof` without the binary.

use super::{Profile, StrId};
use rustc_hash::FxHashMap;

/// How names are simplified (`-symbolize=demangle=…`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DemangleMode {
    /// Drop argument lists and template arguments (pprof's default).
    #[default]
    Simplified,
    /// Drop argument lists only (`demangle=templates`).
    Templates,
    /// Keep names whole (`demangle=full`).
    Full,
    /// No simplification (`demangle=none`).
    Off,
}

/// The parsed `-symbolize` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbolize {
    /// False for `-symbolize=none`: names stay exactly as in the file.
    pub enabled: bool,
    /// Replace names by system names first (`force`, and any explicit `demangle=` mode).
    pub force: bool,
    /// Simplification mode.
    pub demangle: DemangleMode,
}

impl Default for Symbolize {
    /// `go tool pprof`'s default (no `-symbolize` flag).
    fn default() -> Self {
        Self {
            enabled: true,
            force: false,
            demangle: DemangleMode::Simplified,
        }
    }
}

impl Symbolize {
    /// Parses a `-symbolize` value the way pprof does; unknown parts give warnings.
    pub fn parse(mode: &str) -> (Self, Vec<String>) {
        let mut s = Self::default();
        let mut warnings = Vec::new();
        for part in mode.to_lowercase().split(':') {
            match part {
                "" | "local" | "fastlocal" | "remote" => {}
                "none" | "no" => {
                    s.enabled = false;
                    return (s, warnings);
                }
                "force" => s.force = true,
                other => match other.strip_prefix("demangle=").unwrap_or(other) {
                    "default" => {}
                    d @ ("full" | "none" | "templates") => {
                        s.force = true;
                        s.demangle = match d {
                            "full" => DemangleMode::Full,
                            "none" => DemangleMode::Off,
                            _ => DemangleMode::Templates,
                        };
                    }
                    _ => warnings.push(format!(
                        "ignoring unrecognized symbolization option: {mode}"
                    )),
                },
            }
        }
        (s, warnings)
    }
}

/// Applies the demangling step to every function. Returns how many names are still
/// mangled (pprof would have demangled them).
pub fn demangle_functions(profile: &mut Profile, options: Symbolize) -> usize {
    if !options.enabled {
        return 0;
    }
    let mut cache: FxHashMap<StrId, StrId> = FxHashMap::default();
    let mut mangled = 0;
    for i in 0..profile.functions.len() {
        let f = profile.functions[i];
        let mut name = f.name;
        if options.force && !name.is_empty() && !f.system_name.is_empty() {
            name = f.system_name;
        }
        if !name.is_empty()
            && name != f.system_name
            && profile.str(name) != profile.str(f.system_name)
        {
            profile.functions[i].name = name;
            continue; // Already demangled.
        }
        let system = f.system_name;
        if looks_mangled(profile.str(system)) {
            mangled += 1;
        }
        let new = *cache.entry(system).or_insert_with(|| {
            let text = profile.str(system);
            let simplified = simplify(text, options.demangle);
            if simplified == text {
                system
            } else {
                profile.strings.push(&simplified)
            }
        });
        profile.functions[i].name = new;
    }
    mangled
}

fn looks_mangled(s: &str) -> bool {
    s.starts_with("_Z") || s.starts_with("__Z") || s.starts_with("_R")
}

/// pprof's heuristics for names that are already demangled.
fn simplify(name: &str, mode: DemangleMode) -> String {
    if !looks_like_demangled_cplusplus(name) {
        return name.to_string();
    }
    match mode {
        DemangleMode::Simplified => remove_matching(&remove_matching(name, b'(', b')'), b'<', b'>'),
        DemangleMode::Templates => remove_matching(name, b'(', b')'),
        DemangleMode::Full | DemangleMode::Off => name.to_string(),
    }
}

/// pprof's `looksLikeDemangledCPlusPlus`.
fn looks_like_demangled_cplusplus(name: &str) -> bool {
    if name.contains(".<") || name.contains("]).") {
        return false;
    }
    name.contains(['<', '>', '[', ']']) || name.contains("::")
}

/// pprof's `removeMatching`: removes every outermost `start…end` group; an unmatched `end`
/// leaves the name as it is at that point.
fn remove_matching(name: &str, start: u8, end: u8) -> String {
    let mut name = name.as_bytes().to_vec();
    let (mut nesting, mut first, mut current) = (0i64, 0usize, 0usize);
    while let Some(idx) = name[current..].iter().position(|&b| b == start || b == end) {
        current += idx;
        if name[current] == start {
            nesting += 1;
            if nesting == 1 {
                first = current;
            }
        } else {
            nesting -= 1;
            if nesting < 0 {
                break;
            }
            if nesting == 0 {
                name.drain(first..=current);
                current = first;
                continue;
            }
        }
        current += 1;
    }
    String::from_utf8_lossy(&name).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplifies_like_pprof() {
        let s = |n| simplify(n, DemangleMode::Simplified);
        assert_eq!(
            s("std::vector<int>::push_back(int const&)"),
            "std::vector::push_back"
        );
        assert_eq!(s("<T as core::fmt::Debug>::fmt"), "::fmt");
        assert_eq!(s("main.(*T).m"), "main.(*T).m");
        assert_eq!(s("com.x.Foo.<init>"), "com.x.Foo.<init>");
        assert_eq!(s("main.(*List[...]).Push"), "main.(*List[...]).Push");
        assert_eq!(s("a::b)c(d)"), "a::b)c(d)");
        assert_eq!(simplify("f<a>(x)::g", DemangleMode::Templates), "f<a>::g");
    }

    #[test]
    fn parses_modes() {
        assert!(!Symbolize::parse("none").0.enabled);
        assert_eq!(Symbolize::parse("").0, Symbolize::default());
        let (s, w) = Symbolize::parse("local:demangle=templates");
        assert!(s.force && s.demangle == DemangleMode::Templates && w.is_empty());
        assert_eq!(Symbolize::parse("bogus").1.len(), 1);
    }
}
