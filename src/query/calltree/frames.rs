//! The frames of a call tree as the best-first expansion (`expand.rs`) reads them: numbered
//! as the full build numbers them, and per location as one code.
//!
//! Consumes a prepared query and a granularity; produces [`Frames`]: the frames in order of
//! first use along the stack tree's pre-order (each report node, inlined or not, once — what
//! `build.rs` creates as it walks), each location's frames as a code (one frame's index, or
//! several), and the frames' order by name for sorting siblings. Depends only on the frames
//! of the query, so a scratch keeps it while they stay the same.

use super::{Frame, NONE};
use crate::model::{LocId, Profile, StackId};
use crate::query::{Granularity, NodeTable, Prepared};

/// The code of a location, or a stack node, that shows no frame (a stack node's children
/// then pass through to its parent).
pub(super) const NO_FRAME: u32 = u32::MAX;
/// The code of a location no stack node shows.
const UNSEEN: u32 = u32::MAX - 1;
/// The code of a location with several frames: the rest is an index into `Frames::multi`.
const MULTI: u32 = 1 << 31;

/// The frames of a tree, numbered as the full build numbers them: in order of first use
/// along the stack tree's pre-order, each (report node, inlined) once.
#[derive(Debug)]
pub(super) struct Frames {
    pub(super) frames: Vec<Frame>,
    /// Frame of each (report node × 2 + inlined), `NONE` when unused.
    of_key: Vec<u32>,
    /// The code of each location: [`NO_FRAME`], one frame's index, or [`MULTI`] | an index
    /// into `multi` ([`UNSEEN`] if no stack node shows it).
    pub(super) of_loc: Vec<u32>,
    /// The frames of the locations with several: (start, len) into `multi_frames`.
    multi: Vec<(u32, u32)>,
    multi_frames: Vec<u32>,
    /// Each frame's place in the order of their names (equal names, equal places).
    pub(super) name_rank: Vec<u32>,
}

impl Frames {
    /// Numbers the frames of `prepared` at `granularity` (with `-noinlines` from the query).
    pub(super) fn new(prepared: &Prepared, granularity: Granularity) -> Self {
        let profile = prepared.profile();
        let nodes = NodeTable::new(prepared, granularity, prepared.query().noinlines);
        let mut frames = Frames {
            frames: Vec::new(),
            of_key: vec![NONE; nodes.len() * 2],
            of_loc: vec![UNSEEN; profile.locations.len()],
            multi: Vec::new(),
            multi_frames: Vec::new(),
            name_rank: Vec::new(),
        };
        let all_visible = !prepared.filtered().hides_nodes();
        for (s, &loc) in profile.stacks.locs().iter().enumerate() {
            if frames.of_loc[loc.index()] == UNSEEN
                && (all_visible || prepared.node_visible(StackId::from_index(s)))
            {
                frames.number(profile, &nodes, loc);
            }
        }
        let names = &frames.frames;
        let mut by_name: Vec<u32> = (0..names.len() as u32).collect();
        by_name.sort_by(|&a, &b| names[a as usize].name.cmp(&names[b as usize].name));
        frames.name_rank = vec![0; names.len()];
        for k in 1..by_name.len() {
            let (prev, this) = (by_name[k - 1] as usize, by_name[k] as usize);
            frames.name_rank[this] = if names[prev].name == names[this].name {
                frames.name_rank[prev]
            } else {
                k as u32
            };
        }
        frames
    }

    /// Numbers the frames of `loc`, met for the first time.
    fn number(&mut self, profile: &Profile, nodes: &NodeTable, loc: LocId) {
        let ids: Vec<u32> = nodes
            .frames(loc)
            .iter()
            .enumerate()
            .map(|(pos, &n)| {
                let key = n.index() * 2 + usize::from(pos > 0);
                if self.of_key[key] == NONE {
                    let frame = super::build::frame_info(profile, nodes, n, pos > 0);
                    self.frames.push(frame);
                    self.of_key[key] = (self.frames.len() - 1) as u32;
                }
                self.of_key[key]
            })
            .collect();
        let code = match ids.as_slice() {
            [] => NO_FRAME,
            [one] => *one,
            many => {
                let start = self.multi_frames.len() as u32;
                self.multi_frames.extend_from_slice(many);
                self.multi.push((start, many.len() as u32));
                MULTI | (self.multi.len() - 1) as u32
            }
        };
        self.of_loc[loc.index()] = code;
    }

    /// The frame at position `pos` of a code, if it has that many.
    #[inline]
    pub(super) fn at(&self, code: u32, pos: u32) -> Option<u32> {
        if code == NO_FRAME {
            None
        } else if code & MULTI == 0 {
            (pos == 0).then_some(code)
        } else {
            let (start, len) = self.multi[(code & !MULTI) as usize];
            (pos < len).then(|| self.multi_frames[(start + pos) as usize])
        }
    }
}
