//! The app's requests for the views that are computed on demand: each records the request
//! it wants (so a late answer to an older one is dropped) and sends it once.

use super::Ctx;
use crate::session::{
    GraphRequest, LabelsRequest, PeekRequest, Request, SandwichRequest, TracesRequest,
};

impl Ctx {
    pub fn ask_sandwich(&self, request: SandwichRequest) {
        let view = self.sandwich.clone();
        let clear = move || view.set(None);
        self.ask(
            |s| &mut s.wanted_sandwich,
            request,
            clear,
            Request::Sandwich,
        );
    }

    pub fn ask_labels(&self, request: LabelsRequest) {
        let view = self.labels.clone();
        self.ask(
            |s| &mut s.wanted_labels,
            request,
            move || view.set(None),
            Request::Labels,
        );
    }

    /// Asks for the Traces view; the shown one stays until the answer comes (typing in
    /// the search box must not blank it).
    pub fn ask_traces(&self, request: TracesRequest) {
        self.ask(|s| &mut s.wanted_traces, request, || (), Request::Traces);
    }

    /// Asks for the Peek view; the shown one stays until the answer comes.
    pub fn ask_peek(&self, request: PeekRequest) {
        self.ask(|s| &mut s.wanted_peek, request, || (), Request::Peek);
    }

    /// Asks for the Details view of load number `load`.
    pub fn ask_details(&self, load: u64) {
        let view = self.details.clone();
        self.ask(
            |s| &mut s.wanted_details,
            load,
            move || view.set(None),
            |_| Request::Details,
        );
    }

    /// Asks for the graph view; the shown graph stays until the answer comes (a new
    /// layout replaces it whole).
    pub fn ask_graph(&self, request: GraphRequest) {
        self.ask(|s| &mut s.wanted_graph, request, || (), Request::Graph);
    }
}
