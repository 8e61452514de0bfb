//! What the frames of a prepared query depend on, so that tables derived from them can be kept
//! from one query to the next.
//!
//! Consumes a [`Prepared`]; produces a [`FrameKey`]: the profile it reads and the query fields
//! that decide which frames each stack-tree node shows and where each sample's stack ends
//! (`-hide`, `-show`, `-show_from`, `-prune_from`, and `-tagroot`/`-tagleaf`, which make a new
//! profile). A change of sample type, `-focus`, `-ignore`, `-tagfocus` or any other field
//! keeps the key: such a query reuses what the last one derived from the frames.

use super::prepared::Prepared;
use crate::model::Profile;
use std::sync::{Arc, Weak};

/// The identity of a prepared query's frames (see the module documentation).
#[derive(Clone, Debug)]
pub(crate) struct FrameKey {
    /// The profile read. A weak reference keeps its allocation, so no other profile can
    /// come to live at the same address while the key exists.
    profile: Weak<Profile>,
    fields: [String; 6],
}

impl PartialEq for FrameKey {
    fn eq(&self, other: &Self) -> bool {
        Weak::ptr_eq(&self.profile, &other.profile) && self.fields == other.fields
    }
}

impl FrameKey {
    /// The key of `prepared`.
    pub(crate) fn of(prepared: &Prepared) -> Self {
        let q = prepared.query();
        Self {
            profile: Arc::downgrade(prepared.profile_arc()),
            fields: [
                q.hide.clone(),
                q.show.clone(),
                q.show_from.clone(),
                q.prune_from.clone(),
                q.tagroot.clone(),
                q.tagleaf.clone(),
            ],
        }
    }
}
