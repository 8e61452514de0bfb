//! The session's side of the flame graph: building call trees and answering searches.
//!
//! Consumes the loaded profile and flame requests; produces [`FlameGraph`]s and
//! [`FlameSearch`]es. Keeps the frames of the last tree sent, so a search names frames by
//! the same indexes the page holds.

use super::flame_protocol::{FlameGraph, FlameRequest, FlameSearch, FlameSearchRequest};
use super::protocol::SearchOutcome;
use super::top_view::{regex_message, TopView};
use crate::model::units::percentage;
use crate::model::Profile;
use crate::query::{matched_value, CallTree, CallTreeOptions, Frame, Granularity};
use regex::Regex;

/// Frames of the last tree sent, by (sample index, granularity).
#[derive(Debug, Default)]
pub struct FlameFrames {
    key: Option<(usize, Granularity)>,
    frames: Vec<Frame>,
}

impl FlameFrames {
    /// Builds the tree `request` asks for; `view` is the top view of the same sample type.
    pub fn build(
        &mut self,
        profile: &Profile,
        view: &TopView,
        request: &FlameRequest,
    ) -> FlameGraph {
        let tree = tree_for(profile, view, request.granularity);
        self.key = Some((view.sample_index(), request.granularity));
        self.frames = tree.frames.clone();
        let fmt = view.format();
        FlameGraph {
            request: request.clone(),
            sample_type: view.sample_type().to_string(),
            legend: view.legend().to_vec(),
            total: view.total(),
            sample_unit: fmt.sample_unit.clone(),
            output_unit: fmt.output_unit.clone(),
            tree,
        }
    }

    /// Answers a search over the frames of the tree `request.flame` names.
    pub fn search(
        &mut self,
        profile: &Profile,
        view: &TopView,
        request: &FlameSearchRequest,
    ) -> FlameSearch {
        let key = (view.sample_index(), request.flame.granularity);
        if self.key != Some(key) {
            self.frames = tree_for(profile, view, request.flame.granularity).frames;
            self.key = Some(key);
        }
        let (matches, outcome) = match request.search.as_str() {
            "" => (Vec::new(), SearchOutcome::None),
            text => match Regex::new(text) {
                Ok(re) => {
                    let matches = self
                        .frames
                        .iter()
                        .map(|f| {
                            re.is_match(&f.name) || (!f.file.is_empty() && re.is_match(&f.file))
                        })
                        .collect();
                    let matched = matched_value(profile, view.selector(), &re);
                    let outcome = SearchOutcome::Matched {
                        value: view.format().format(matched),
                        percent: percentage(matched, view.total()).trim().to_string(),
                    };
                    (matches, outcome)
                }
                Err(e) => (Vec::new(), SearchOutcome::Invalid(regex_message(&e))),
            },
        };
        FlameSearch {
            request: request.clone(),
            matches,
            outcome,
        }
    }
}

/// The most call-tree nodes sent to the page. Lighter nodes are summed into stand-ins:
/// at this size a dropped node is far below a pixel until zoomed in thousands of times,
/// and the page stays fast and small on profiles with millions of distinct stacks.
pub const MAX_FLAME_NODES: usize = 250_000;

fn tree_for(profile: &Profile, view: &TopView, granularity: Granularity) -> CallTree {
    CallTree::build_limited(
        profile,
        &CallTreeOptions {
            value: view.selector(),
            granularity,
            noinlines: false,
            keep: None,
        },
        MAX_FLAME_NODES,
    )
}
