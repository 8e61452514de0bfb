//! Memory maps of legacy text profiles, and how addresses get their mappings.
//!
//! Consumes the lines after a `--- Memory map: ---` (or `MAPPED_LIBRARIES:`) sentinel,
//! in `/proc/self/maps` form or the brief `start-end: file` form, with `name=value`
//! lines defining `$name` for later lines; produces [`MapEntry`]s. Then, as pprof does for
//! every legacy profile, merges split mappings, moves the likely main binary first and
//! gives every location with an address a mapping, a catch-all one when none holds it.

use crate::model::{Location, Mapping, MappingFlags, MappingId, StringInterner};
use regex::Regex;
use std::sync::OnceLock;

/// One mapping as a memory map describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapEntry {
    /// First address.
    pub start: u64,
    /// First address past the end.
    pub limit: u64,
    /// File offset of `start`.
    pub offset: u64,
    /// Mapped file.
    pub file: String,
    /// Build id, empty when not given.
    pub build_id: String,
}

/// Whether `line` starts the memory-map section.
pub fn is_sentinel(line: &str) -> bool {
    line.contains("--- Memory map: ---") || line.contains("MAPPED_LIBRARIES:")
}

struct MapRegexes {
    proc_maps: Regex,
    brief: Regex,
    log_prefix: Regex,
    shared_lib: Regex,
}

fn regexes() -> &'static MapRegexes {
    static RE: OnceLock<MapRegexes> = OnceLock::new();
    RE.get_or_init(|| {
        // Go's `\s` is ASCII: tab, newline, form feed, carriage return, space.
        const SP: &str = r"[\t\n\x0C\r ]";
        const NSP: &str = r"[^\t\n\x0C\r ]";
        const X: &str = "[0-9A-Fa-f]";
        let range = format!(r"^{SP}*(?:0x)?({X}+)(?:{SP}|-)?{SP}*(?:0x)?({X}+):?");
        let perm = format!(r"(?:{SP}+([-rwxp]+))?");
        let opt_hex = format!(r"(?:{SP}+({X}+))?");
        let opt_string = format!(r"(?:{SP}+({NSP}+))?");
        let proc_maps = format!(r"{range}{perm}{opt_hex}{SP}+{X}+:{X}+{SP}+[0-9]+{opt_string}");
        let brief = format!(r"{range}{perm}{opt_string}(?:{SP}+\(@({X}+)\))?{opt_hex}");
        let build = |p: &str| Regex::new(p).expect("memory map pattern compiles");
        MapRegexes {
            proc_maps: build(&proc_maps),
            brief: build(&brief),
            log_prefix: build(&format!(r"^[^\[\]]+:[0-9]+\]{SP}")),
            shared_lib: build(r"(\.so$|\.so[._][0-9]+)"),
        }
    })
}

/// Reads the memory map from `lines` (the lines after the sentinel).
pub fn parse_memory_map<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<MapEntry> {
    let re = regexes();
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for raw in lines {
        let line = match re.log_prefix.find(raw) {
            Some(m) => &raw[m.end()..],
            None => raw,
        };
        let line = substitute(line, &vars);
        match mapping_entry(&line) {
            Some(Some(m)) => out.push(m),
            Some(None) => {}
            None => {
                if let Some((k, v)) = line.split_once('=') {
                    vars.push((format!("${}", k.trim()), v.trim().to_string()));
                }
            }
        }
    }
    out
}

/// Replaces `$name` references, earlier definitions first at each position.
fn substitute(line: &str, vars: &[(String, String)]) -> String {
    if vars.is_empty() {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    'next: while let Some(c) = rest.chars().next() {
        for (name, value) in vars {
            if rest.starts_with(name.as_str()) {
                out.push_str(value);
                rest = &rest[name.len()..];
                continue 'next;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `None`: not a mapping line; `Some(None)`: a mapping that is not executable.
fn mapping_entry(line: &str) -> Option<Option<MapEntry>> {
    let re = regexes();
    let (start, end, perm, offset, file, build_id) = if let Some(c) = re.proc_maps.captures(line) {
        let g = |i| c.get(i).map_or("", |m| m.as_str());
        (g(1), g(2), g(3), g(4), g(5), "")
    } else {
        let c = re.brief.captures(line)?;
        let g = |i| c.get(i).map_or("", |m| m.as_str());
        (g(1), g(2), g(3), g(5), g(4), g(6))
    };
    if !perm.is_empty() && !perm.contains('x') {
        return Some(None);
    }
    let hex = |s: &str| u64::from_str_radix(s, 16).ok();
    let offset = if offset.is_empty() { 0 } else { hex(offset)? };
    Some(Some(MapEntry {
        start: hex(start)?,
        limit: hex(end)?,
        offset,
        file: file.to_string(),
        build_id: build_id.to_string(),
    }))
}

fn adjacent(a: &MapEntry, b: &MapEntry) -> bool {
    if !a.file.is_empty() && !b.file.is_empty() && a.file != b.file {
        return false;
    }
    if !a.build_id.is_empty() && !b.build_id.is_empty() && a.build_id != b.build_id {
        return false;
    }
    if a.limit != b.start {
        return false;
    }
    if a.offset != 0 && b.offset != 0 {
        let next = a.offset.wrapping_add(a.limit.wrapping_sub(a.start));
        if next != b.offset {
            return false;
        }
    }
    true
}

/// Merges mappings split in two and moves the likely main binary to the front.
fn massage(maps: Vec<MapEntry>) -> Vec<MapEntry> {
    let mut merged: Vec<MapEntry> = Vec::with_capacity(maps.len());
    for m in maps {
        match merged.last_mut() {
            Some(last) if adjacent(last, &m) => {
                last.limit = m.limit;
                if !m.file.is_empty() {
                    last.file = m.file;
                }
                if !m.build_id.is_empty() {
                    last.build_id = m.build_id;
                }
            }
            _ => merged.push(m),
        }
    }
    let main = merged.iter().position(|m| {
        let file = m.file.replace("(deleted)", "");
        let file = file.trim();
        !file.is_empty() && !regexes().shared_lib.is_match(file) && !file.starts_with('[')
    });
    if let Some(i) = main {
        merged.swap(0, i);
    }
    merged
}

/// Gives each location with an address a mapping (see the module docs) and fills `out`.
pub fn assign_mappings(
    maps: Vec<MapEntry>,
    locations: &mut [Location],
    out: &mut Vec<Mapping>,
    strings: &mut StringInterner,
) {
    let mut maps = massage(maps);
    if maps.len() > 1
        && maps[0].file.starts_with("/anon_hugepage")
        && maps[0].limit == maps[1].start
    {
        maps.remove(0);
    }
    if let Some(m) = maps.first_mut() {
        if m.start.wrapping_sub(m.offset) == 0x400000 {
            m.start = 0x400000;
            m.offset = 0;
        }
    }
    let mut fake = None;
    for l in locations.iter_mut() {
        let a = l.address;
        if l.mapping.is_some() || a == 0 {
            continue;
        }
        let found = maps
            .iter()
            .position(|m| m.start <= a && a < m.limit)
            .or_else(|| {
                let i = maps.iter().position(|m| {
                    m.offset != 0 && m.start.wrapping_sub(m.offset) <= a && a < m.start
                })?;
                let m = &mut maps[i];
                m.start = m.start.wrapping_sub(m.offset);
                m.offset = 0;
                Some(i)
            });
        let index = found.unwrap_or_else(|| {
            *fake.get_or_insert_with(|| {
                maps.push(MapEntry {
                    limit: u64::MAX,
                    ..MapEntry::default()
                });
                maps.len() - 1
            })
        });
        l.mapping = Some(MappingId::from_index(index));
    }
    for m in maps {
        out.push(Mapping {
            start: m.start,
            limit: m.limit,
            offset: m.offset,
            file: strings.intern(&m.file),
            build_id: strings.intern(&m.build_id),
            flags: MappingFlags::default(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms_and_variables() {
        let text = "source=/home\n  00400000-00fcb000: $source/server\n\
                    7f00-7f80 r-xp 00001000 08:01 123 /lib/libc-2.15.so\n\
                    7f80-7f90 rw-p 00000000 08:01 123 /lib/libc-2.15.so\n";
        let maps = parse_memory_map(text.lines());
        assert_eq!(maps.len(), 2);
        assert_eq!(maps[0].file, "/home/server");
        assert_eq!((maps[0].start, maps[0].limit), (0x400000, 0xfcb000));
        assert_eq!(maps[1].file, "/lib/libc-2.15.so");
        assert_eq!(maps[1].offset, 0x1000);
    }

    #[test]
    fn main_binary_goes_first() {
        let maps = vec![
            MapEntry {
                start: 0,
                limit: 10,
                file: "/lib/libc.so.6".into(),
                ..MapEntry::default()
            },
            MapEntry {
                start: 20,
                limit: 30,
                file: "/bin/app".into(),
                ..MapEntry::default()
            },
        ];
        assert_eq!(massage(maps)[0].file, "/bin/app");
    }
}
