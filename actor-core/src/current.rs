//! Which actor's handler is running on this thread, so that an actor asking
//! itself gets an error instead of waiting forever for its own reply.

use std::cell::Cell;

use crate::id::ActorId;

thread_local! {
    /// The actor whose handler (or `on_start`) this thread is polling.
    static RUNNING: Cell<Option<ActorId>> = const { Cell::new(None) };
}

/// Marks `id` as running on this thread until the guard drops.
pub(crate) fn enter(id: ActorId) -> Running {
    Running { previous: RUNNING.with(|running| running.replace(Some(id))) }
}

/// The actor whose handler the code calling this runs in, if any.
pub(crate) fn running() -> Option<ActorId> {
    RUNNING.with(Cell::get)
}

/// Whether the code calling this runs inside a handler of actor `id`.
pub(crate) fn is_running(id: ActorId) -> bool {
    RUNNING.with(|running| running.get() == Some(id))
}

pub(crate) struct Running {
    previous: Option<ActorId>,
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.with(|running| running.set(self.previous));
    }
}
