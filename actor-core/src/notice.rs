//! Messages the runtime sends an actor on its own behalf: a linked or
//! monitored actor stopped, a timer fired, a stream yielded an item.
//!
//! The user says which handler gets them with a closure over the actor's
//! typed address (`|me, exit| me.worker_stopped(exit)`), so the message is
//! built by the same generated method as any other and type-checked the
//! same way.

use std::sync::Arc;

use crate::actor::Actor;
use crate::addr::Addr;
use crate::cell::Cell;
use crate::request::Request;

/// Builds one message for the actor in `cell` through its typed address, or
/// `None` if the actor no longer accepts messages.
pub(crate) fn build<A: Actor, R>(
    cell: &Arc<Cell<A::Message>>,
    build: impl FnOnce(&A::Addr) -> Request<'_, A, R>,
) -> Option<A::Message> {
    if !cell.queue.try_add_sender() {
        return None;
    }
    let addr = A::Addr::from(Addr::from_counted(Arc::clone(cell)));
    let message = build(&addr).into_message();
    Some(message)
}

/// Builds a message as [`build`] does and queues it, even in a full bounded
/// mailbox: a notice must not be lost, nor make the runtime wait. An actor
/// that no longer accepts messages gets nothing.
pub(crate) fn deliver<A: Actor, R>(
    cell: &Arc<Cell<A::Message>>,
    build_message: impl FnOnce(&A::Addr) -> Request<'_, A, R>,
) {
    if let Some(message) = build(cell, build_message) {
        // Refused only by an actor that has stopped meanwhile.
        drop(cell.queue.push_notice(message));
    }
}
