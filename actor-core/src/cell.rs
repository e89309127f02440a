//! What an actor's addresses, its context and its task share.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};

use futures::task::AtomicWaker;

use crate::id::ActorId;
use crate::mailbox::{Mailbox, Queue};
use crate::stop::{StopReason, StopSignal};

#[derive(Debug)]
pub(crate) struct Cell<M> {
    pub(crate) id: ActorId,
    /// The actor's type name, for `Debug` output.
    pub(crate) name: &'static str,
    pub(crate) queue: Queue<M>,
    pub(crate) kill: KillSwitch,
    pub(crate) stopped: StopSignal,
}

impl<M> Cell<M> {
    pub(crate) fn new(name: &'static str, mailbox: Mailbox) -> Cell<M> {
        Cell {
            id: ActorId::next(),
            name,
            queue: Queue::new(mailbox),
            kill: KillSwitch::default(),
            stopped: StopSignal::default(),
        }
    }

    pub(crate) fn stop(&self) {
        self.queue.drain();
    }

    pub(crate) fn kill(&self) {
        self.queue.kill();
        self.kill.trip();
    }

    pub(crate) fn is_alive(&self) -> bool {
        self.stopped.get().is_none()
    }
}

/// Interrupts a handler that is waiting at an `.await` when the actor is killed.
#[derive(Debug, Default)]
pub(crate) struct KillSwitch {
    tripped: AtomicBool,
    waker: AtomicWaker,
}

impl KillSwitch {
    fn trip(&self) {
        self.tripped.store(true, Ordering::Release);
        self.waker.wake();
    }

    pub(crate) fn is_tripped(&self) -> bool {
        self.tripped.load(Ordering::Acquire)
    }

    pub(crate) fn register(&self, waker: &std::task::Waker) {
        self.waker.register(waker);
    }
}

/// An actor of any type, as its parent sees it: something to stop and wait for.
pub(crate) trait Lifecycle: Send + Sync {
    fn request_stop(&self);
    fn kill(&self);
    fn has_stopped(&self) -> bool;
    fn stopped(&self) -> Pin<Box<dyn Future<Output = StopReason> + Send + '_>>;
}

impl<M: Send> Lifecycle for Cell<M> {
    fn request_stop(&self) {
        self.stop();
    }

    fn kill(&self) {
        Cell::kill(self);
    }

    fn has_stopped(&self) -> bool {
        !self.is_alive()
    }

    fn stopped(&self) -> Pin<Box<dyn Future<Output = StopReason> + Send + '_>> {
        Box::pin(self.stopped.wait())
    }
}
