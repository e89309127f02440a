//! Addresses: the only way to reach an actor.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::sync::Arc;

use crate::actor::Actor;
use crate::cell::Cell;
use crate::id::ActorId;
use crate::reply::{Reply, ReplyReceiver};
use crate::request::Request;
use crate::stop::StopReason;

/// A strong address of an actor of type `A`.
///
/// `#[actor]` wraps it in a typed address (`CounterAddr`) that adds one
/// method per handler and dereferences to this type, so the lifecycle methods
/// here are available on every typed address.
///
/// Cloning is cheap. While at least one strong address exists, the actor
/// keeps running (unless stopped, killed or panicking); when the last one is
/// dropped and its mailbox is empty, it stops with
/// [`StopReason::Unreferenced`]. A [`WeakAddr`] reaches the actor without
/// keeping it alive.
pub struct Addr<A: Actor> {
    cell: Arc<Cell<A::Message>>,
    actor: PhantomData<fn() -> A>,
}

impl<A: Actor> Addr<A> {
    /// Wraps a cell whose sender count already includes this address.
    pub(crate) fn from_counted(cell: Arc<Cell<A::Message>>) -> Addr<A> {
        Addr { cell, actor: PhantomData }
    }

    pub(crate) fn cell(&self) -> &Arc<Cell<A::Message>> {
        &self.cell
    }

    /// The actor's id.
    pub fn id(&self) -> ActorId {
        self.cell.id
    }

    /// Asks the actor to stop gracefully: it refuses new messages, handles
    /// every message it has already accepted, runs its `#[on_stop]` hook and
    /// stops with [`StopReason::Normal`]. Returns at once; await
    /// [`wait_stopped`](Addr::wait_stopped) to know when it is done.
    pub fn stop(&self) {
        self.cell.stop();
    }

    /// Stops the actor without handling what is queued: queued asks get
    /// [`Error::Stopped`](crate::Error::Stopped). A handler that is waiting
    /// at an `.await` is abandoned there; a handler that never awaits runs to
    /// its end first. The `#[on_stop]` hook still runs, with
    /// [`StopReason::Killed`].
    pub fn kill(&self) {
        self.cell.kill();
    }

    /// Waits until the actor has stopped (its `#[on_stop]` hook has run) and
    /// returns why. Returns at once if it already has.
    ///
    /// By then, everything the stop causes has happened: its monitors'
    /// notices are queued, the actors linked to it are told, and its names
    /// are out of the registry.
    pub async fn wait_stopped(&self) -> StopReason {
        self.cell.stopped.wait().await
    }

    /// Whether the actor has not yet stopped. A stopping actor is still
    /// alive but refuses new messages.
    pub fn is_alive(&self) -> bool {
        self.cell.is_alive()
    }

    /// How many messages wait in the mailbox, accepted but not yet handed to
    /// a handler. Senders waiting for room in a full mailbox are not counted,
    /// nor those granted room whose message is not in yet (it goes in when
    /// the sender's task next runs).
    pub fn mailbox_len(&self) -> usize {
        self.cell.queue.len()
    }

    /// The mailbox bound, or `None` if it is unbounded.
    pub fn mailbox_capacity(&self) -> Option<usize> {
        self.cell.queue.capacity()
    }

    /// A weak address: it reaches the same actor but does not keep it alive.
    pub fn downgrade(&self) -> WeakAddr<A> {
        WeakAddr { cell: Arc::clone(&self.cell), actor: PhantomData }
    }
}

/// A request carrying `message`, whose reply slot `reply_slot` finds: what
/// the generated address methods return.
#[doc(hidden)]
pub fn request<A: Actor, R>(
    addr: &Addr<A>,
    message: A::Message,
    reply_slot: fn(&mut A::Message) -> &mut Reply<R>,
) -> Request<'_, A, R> {
    Request::new(addr, message, reply_slot)
}

/// Writes a typed address as `CounterAddr { id: #1, alive: true }`.
#[doc(hidden)]
pub fn fmt_typed_addr<A: Actor>(name: &str, addr: &Addr<A>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.debug_struct(name).field("id", &addr.cell.id).field("alive", &addr.is_alive()).finish()
}

/// Attaches a reply channel to a message through its slot accessor.
pub(crate) fn attach<M, R>(message: &mut M, reply_slot: fn(&mut M) -> &mut Reply<R>) -> ReplyReceiver<R> {
    reply_slot(message).attach()
}

impl<A: Actor> Clone for Addr<A> {
    fn clone(&self) -> Addr<A> {
        self.cell.queue.add_sender();
        Addr { cell: Arc::clone(&self.cell), actor: PhantomData }
    }
}

impl<A: Actor> Drop for Addr<A> {
    fn drop(&mut self) {
        self.cell.queue.remove_sender();
    }
}

impl<A: Actor> fmt::Debug for Addr<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Addr")
            .field("actor", &self.cell.name())
            .field("id", &self.cell.id)
            .field("alive", &self.is_alive())
            .finish()
    }
}

impl<A: Actor> PartialEq for Addr<A> {
    fn eq(&self, other: &Addr<A>) -> bool {
        self.cell.id == other.cell.id
    }
}

impl<A: Actor> Eq for Addr<A> {}

impl<A: Actor> Hash for Addr<A> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.cell.id.hash(state);
    }
}

/// An address that does not keep its actor alive.
///
/// ```
/// use greenroom::prelude::*;
///
/// #[actor]
/// struct Echo;
///
/// #[actor]
/// impl Echo {
///     #[handler]
///     fn echo(&self, text: String) -> String {
///         text
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let echo = Echo.spawn();
/// let weak = echo.downgrade();
/// let strong: EchoAddr = weak.upgrade().expect("still running");
/// assert_eq!(strong.echo("hi".into()).await.unwrap(), "hi");
///
/// drop((echo, strong)); // the last strong addresses: the actor stops
/// weak.wait_stopped().await;
/// assert!(weak.upgrade().is_none());
/// # }
/// ```
pub struct WeakAddr<A: Actor> {
    cell: Arc<Cell<A::Message>>,
    actor: PhantomData<fn() -> A>,
}

impl<A: Actor> WeakAddr<A> {
    pub(crate) fn from_cell(cell: Arc<Cell<A::Message>>) -> WeakAddr<A> {
        WeakAddr { cell, actor: PhantomData }
    }

    /// A strong, typed address, or `None` if the actor no longer accepts
    /// messages (it stopped, or is stopping).
    pub fn upgrade(&self) -> Option<A::Addr> {
        if self.cell.queue.try_add_sender() {
            Some(A::Addr::from(Addr::from_counted(Arc::clone(&self.cell))))
        } else {
            None
        }
    }

    /// The actor's id.
    pub fn id(&self) -> ActorId {
        self.cell.id
    }

    /// Whether the actor has not yet stopped.
    pub fn is_alive(&self) -> bool {
        self.cell.is_alive()
    }

    /// Waits until the actor has stopped and returns why.
    pub async fn wait_stopped(&self) -> StopReason {
        self.cell.stopped.wait().await
    }
}

impl<A: Actor> Clone for WeakAddr<A> {
    fn clone(&self) -> WeakAddr<A> {
        WeakAddr { cell: Arc::clone(&self.cell), actor: PhantomData }
    }
}

impl<A: Actor> fmt::Debug for WeakAddr<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WeakAddr")
            .field("actor", &self.cell.name())
            .field("id", &self.cell.id)
            .field("alive", &self.is_alive())
            .finish()
    }
}
