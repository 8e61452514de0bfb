//! The Source view's slot in the app's engine context: which request is wanted and where
//! its answer goes (a child of `app_ctx`, so it can send through the app's engine).

use super::Ctx;
use crate::session::{Request, SourceRequest, SourceView};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The Source view's wanted request and answer slot.
#[derive(Clone)]
pub(in crate::ui) struct SourceSlot {
    wanted: Rc<RefCell<Option<SourceRequest>>>,
    view: UseStateSetter<Option<Rc<SourceView>>>,
}

impl SourceSlot {
    /// The slot of the app's view data (its wanted request lives as long as the app).
    pub fn new(data: &super::ViewData) -> Self {
        SourceSlot {
            wanted: Rc::clone(&data.source_wanted),
            view: data.source.setter(),
        }
    }

    /// Shows `view` if it answers the request still wanted.
    pub fn answer(&self, view: Box<SourceView>) {
        if self.wanted.borrow().as_ref() == Some(&view.request) {
            self.view.set(Some(Rc::from(view)));
        }
    }

    /// Forgets the wanted request and the answer (a new load).
    pub fn reset(&self) {
        self.wanted.borrow_mut().take();
        self.view.set(None);
    }
}

impl Ctx {
    /// Asks for the Source view; the shown one stays until the answer comes (text arriving
    /// for one file must not blank the others).
    pub fn ask_source(&self, request: SourceRequest) {
        if self.source.wanted.borrow().as_ref() == Some(&request) {
            return;
        }
        *self.source.wanted.borrow_mut() = Some(request.clone());
        self.send(Request::Source(Box::new(request)));
    }
}
