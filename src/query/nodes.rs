//! How frames become report nodes at a granularity, and what the nodes are called.
//!
//! Consumes a profile and a granularity; produces a [`NodeTable`]: one node per distinct
//! [`NodeInfo`] (pprof's `graph.NodeInfo`), each location's frames as node ids, and each
//! node's printable name. Mirrors pprof's `Profile.Aggregate` + `graph.CreateNodes` +
//! `NodeInfo.NameComponents` (Go 1.19), including its quirks (see PPROF-SEMANTICS §2.4).

use super::paths::{go_base, go_clean, PathTrim};
use super::prepared::Prepared;
use crate::model::{LocId, Profile, StrId};
use rustc_hash::FxHashMap;

/// How frames are grouped into nodes (pprof's `-functions`, `-files`, ...).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Granularity {
    /// One node per function name (pprof's default for text reports).
    #[default]
    Functions,
    /// One node per function name and file (the flame graph's default).
    FileFunctions,
    /// One node per source file.
    Files,
    /// One node per source line.
    Lines,
    /// One node per instruction address (and inlined line).
    Addresses,
}

impl Granularity {
    /// Every granularity, in the order of pprof's flags.
    pub const ALL: [Granularity; 5] = [
        Self::Functions,
        Self::FileFunctions,
        Self::Files,
        Self::Lines,
        Self::Addresses,
    ];

    /// pprof's name for it (`functions`, `filefunctions`, `files`, `lines`, `addresses`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Functions => "functions",
            Self::FileFunctions => "filefunctions",
            Self::Files => "files",
            Self::Lines => "lines",
            Self::Addresses => "addresses",
        }
    }

    /// The granularity called `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.name() == name)
    }
}

/// A node of the report graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The index as `usize`.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The identity of a node (pprof's `graph.NodeInfo`, Go 1.19 layout).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NodeInfo {
    /// Function name (empty when the granularity drops it).
    pub name: StrId,
    /// Address (0 unless the granularity is `addresses`).
    pub address: u64,
    /// Cleaned source file, an index into the table's file names (0 = none); see [`NodeTable::file`].
    pub file: u32,
    /// Function start line; only set when the name is empty, or in the listing's table
    /// ([`NodeTable::for_listing`]).
    pub start_line: i64,
    /// Line number (0 unless `lines` or `addresses`).
    pub lineno: i64,
    /// Mapping file; only set when the name is empty, or in the listing's table.
    pub objfile: StrId,
}

/// Nodes of one granularity, and the frames of every location as nodes.
#[derive(Clone, Debug)]
pub struct NodeTable {
    infos: Vec<NodeInfo>,
    names: Vec<String>,
    files: Vec<String>,
    frames_start: Vec<u32>,
    frames: Vec<NodeId>,
    inlined: Vec<bool>,
}

impl NodeTable {
    /// Builds the table for `granularity` (and `noinlines`) over the locations of the
    /// filtered profile (a location the filters removed has no frames). File names are
    /// cleaned and lose their `/proc/self/cwd/` prefix, as in pprof's graph reports.
    pub fn new(prepared: &Prepared, granularity: Granularity, noinlines: bool) -> Self {
        Self::build(
            prepared,
            granularity,
            noinlines,
            Some(&PathTrim::default()),
            false,
        )
    }

    /// The table of pprof's source listing (`-list`): one node per function, file and
    /// line, file names trimmed by `trim` (`-trim_path`, `-source_path`), and each node also
    /// told apart by its mapping file and function start line (pprof's `ObjNames`), so
    /// [`NodeInfo::start_line`] is set on every node.
    pub fn for_listing(prepared: &Prepared, noinlines: bool, trim: &PathTrim) -> Self {
        Self::build(prepared, Granularity::Lines, noinlines, Some(trim), true)
    }

    /// The table as pprof's `-traces` report names frames: file names cleaned but not
    /// trimmed (that report builds its nodes without the graph's `trimPath` step).
    pub(crate) fn untrimmed(
        prepared: &Prepared,
        granularity: Granularity,
        noinlines: bool,
    ) -> Self {
        Self::build(prepared, granularity, noinlines, None, false)
    }

    fn build(
        prepared: &Prepared,
        granularity: Granularity,
        noinlines: bool,
        trim: Option<&PathTrim>,
        obj_names: bool,
    ) -> Self {
        let profile = prepared.profile();
        let inlines = !noinlines;
        let (function, filename, linenumber, address) = match granularity {
            Granularity::Addresses => (true, true, true, true),
            Granularity::Lines => (true, true, true, false),
            Granularity::Files => (false, true, false, false),
            Granularity::Functions => (true, false, false, false),
            Granularity::FileFunctions => (true, true, false, false),
        };
        // With inlines every line is a frame (and `addresses` then aggregates nothing at
        // all); -noinlines keeps only the outermost line, the function owning the address.
        let keep_all_lines = inlines;

        let mut files = vec![String::new()];
        let mut file_index: FxHashMap<String, u32> = FxHashMap::default();
        let func_file: Vec<u32> = profile
            .functions
            .iter()
            .map(|f| {
                let raw = profile.str(f.filename);
                if !filename || raw.is_empty() {
                    return 0;
                }
                let clean = go_clean(trim.map_or(raw, |t| t.apply(raw)));
                *file_index.entry(clean.clone()).or_insert_with(|| {
                    files.push(clean);
                    (files.len() - 1) as u32
                })
            })
            .collect();

        let mut table = Self {
            infos: Vec::new(),
            names: Vec::new(),
            files,
            frames_start: Vec::with_capacity(profile.locations.len() + 1),
            frames: Vec::with_capacity(profile.lines.len()),
            inlined: Vec::new(),
        };
        let mut index: FxHashMap<NodeInfo, NodeId> = FxHashMap::default();
        table.frames_start.push(0);
        for (li, loc) in profile.locations.iter().enumerate() {
            let Some(lines) = prepared.lines(LocId::from_index(li)) else {
                table.frames_start.push(table.frames.len() as u32);
                continue;
            };
            let addr = if address { loc.address } else { 0 };
            let objfile = loc
                .mapping
                .map_or(StrId::EMPTY, |m| profile.mapping(m).file);
            let lines = if !keep_all_lines && lines.len() > 1 {
                &lines[lines.len() - 1..]
            } else {
                lines
            };
            if lines.is_empty() {
                let info = NodeInfo {
                    name: StrId::EMPTY,
                    address: addr,
                    file: 0,
                    start_line: 0,
                    lineno: 0,
                    objfile,
                };
                let id = table.intern(&mut index, info, profile);
                table.frames.push(id);
            }
            for line in lines.iter().rev() {
                let f = profile.function(line.function);
                let name = if function { f.name } else { StrId::EMPTY };
                let nameless = name.is_empty() || obj_names;
                let info = NodeInfo {
                    name,
                    address: addr,
                    file: func_file[line.function.index()],
                    start_line: if nameless { f.start_line } else { 0 },
                    lineno: if linenumber { line.line } else { 0 },
                    objfile: if nameless { objfile } else { StrId::EMPTY },
                };
                let id = table.intern(&mut index, info, profile);
                table.frames.push(id);
            }
            table.frames_start.push(table.frames.len() as u32);
        }
        table.inlined = vec![false; table.infos.len()];
        for w in table.frames_start.windows(2) {
            // A location the filters removed has no frames at all.
            let inner = table.frames.get(w[0] as usize + 1..w[1] as usize);
            for &n in inner.unwrap_or(&[]) {
                table.inlined[n.index()] = true;
            }
        }
        table
    }

    /// Whether the node appears as an inlined frame somewhere (not as the first frame of
    /// a location); only such nodes can be reached through inlined calls.
    pub fn maybe_inlined(&self, n: NodeId) -> bool {
        self.inlined[n.index()]
    }

    fn intern(
        &mut self,
        index: &mut FxHashMap<NodeInfo, NodeId>,
        info: NodeInfo,
        profile: &Profile,
    ) -> NodeId {
        if let Some(&id) = index.get(&info) {
            return id;
        }
        let id = NodeId(self.infos.len() as u32);
        self.names.push(printable_name(&info, profile, &self.files));
        self.infos.push(info);
        index.insert(info, id);
        id
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.infos.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.infos.is_empty()
    }

    /// The frames of location `loc` as nodes, outermost (caller) first. The first frame is
    /// the function owning the address; the others were inlined into it.
    #[inline]
    pub fn frames(&self, loc: LocId) -> &[NodeId] {
        let i = loc.index();
        &self.frames[self.frames_start[i] as usize..self.frames_start[i + 1] as usize]
    }

    /// A node's identity.
    pub fn info(&self, n: NodeId) -> &NodeInfo {
        &self.infos[n.index()]
    }

    /// A node's printable name, as pprof prints it in text reports.
    pub fn name(&self, n: NodeId) -> &str {
        &self.names[n.index()]
    }

    /// The cleaned file name of a node (empty when none).
    pub fn file(&self, n: NodeId) -> &str {
        &self.files[self.infos[n.index()].file as usize]
    }

    /// Go's `fmt.Sprint(NodeInfo)`, pprof's last-resort tie-breaker when sorting.
    pub fn go_sprint(&self, n: NodeId, profile: &Profile) -> String {
        let i = &self.infos[n.index()];
        format!(
            "{{{}  {} {} {} {} {}}}",
            profile.str(i.name),
            i.address,
            self.files[i.file as usize],
            i.start_line,
            i.lineno,
            profile.str(i.objfile)
        )
    }
}

/// pprof's `NodeInfo.PrintableName` (Go 1.19): address, name, then `file:line`, `file`,
/// `[objfile]` or `<unknown>`.
fn printable_name(info: &NodeInfo, profile: &Profile, files: &[String]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(3);
    if info.address != 0 {
        parts.push(format!("{:016x}", info.address));
    }
    let name = profile.str(info.name);
    if !name.is_empty() {
        parts.push(name.to_string());
    }
    let file = &files[info.file as usize];
    let objfile = profile.str(info.objfile);
    if info.lineno != 0 {
        parts.push(format!("{file}:{}", info.lineno));
    } else if !file.is_empty() {
        parts.push(file.clone());
    } else if !name.is_empty() {
        // The name alone.
    } else if !objfile.is_empty() {
        parts.push(format!("[{}]", go_base(objfile)));
    } else {
        parts.push("<unknown>".to_string());
    }
    parts.join(" ")
}
