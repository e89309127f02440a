//! Tasks that work for one instance of an actor (a timer, a stream, a
//! background future) and send it messages.
//!
//! Such a task holds the actor's cell, never a strong address, so it does
//! not keep the actor alive. It sends as a tell does: waiting for room in a
//! bounded mailbox rather than pushing past the bound, so that a slow actor
//! slows the task down. The instance's context aborts it when the instance
//! stops.
//!
//! Every message goes through a [`Gate`] that the task's handle can close.
//! Aborting a tokio task only takes effect when the runtime next gets to it,
//! and a message waiting for room could be admitted into the mailbox before
//! that; closing the gate withdraws such a message at once, so that after
//! `cancel` returns nothing more is accepted.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context as TaskContext, Poll};

use futures::FutureExt;
use tokio::task::AbortHandle;

use crate::actor::Actor;
use crate::cell::Cell;
use crate::context::Context;
use crate::error::Error;
use crate::mailbox::Push;
use crate::notice;
use crate::panic::panic_message;
use crate::request::Request;
use crate::stop::StopReason;

/// Starts `work` on a tokio task owned by the actor's current instance.
///
/// `work` receives the [`Outbox`] it sends through. A panic in it fails the
/// actor (see [`fail`]).
pub(crate) fn start<A: Actor, F>(ctx: &mut Context<A>, work: impl FnOnce(Outbox<A>) -> F) -> Control
where
    F: Future<Output = ()> + Send + 'static,
{
    let cell = Arc::clone(ctx.cell());
    let gate = Arc::new(Gate::default());
    let body = work(Outbox { cell: Arc::clone(&cell), gate: Arc::clone(&gate) });
    let task = tokio::spawn(async move {
        if let Err(payload) = AssertUnwindSafe(body).catch_unwind().await {
            fail(&cell, panic_message(&*payload));
        }
    })
    .abort_handle();
    let control = Control { gate, task };
    ctx.own_task(control.clone());
    control
}

/// A task working for the actor panicked: the actor fails as if a linked
/// actor had failed (see `Cell::linked_exit`), with the panic's message. It
/// stops before its next message, abandoning a handler that waits at an
/// `.await`. The work was the actor's own, so its failure is too; silently
/// losing it would leave the actor waiting for a message that never comes.
fn fail<M>(cell: &Cell<M>, message: String) {
    cell.queue.interrupt(StopReason::Panicked(message));
    cell.kill.trip();
}

/// What a handle (and the instance's context) keeps of a task: enough to stop it.
#[derive(Clone)]
pub(crate) struct Control {
    gate: Arc<Gate>,
    task: AbortHandle,
}

impl Control {
    /// No message from the task is accepted after this returns, and the
    /// task is aborted (dropping what it owns once the runtime gets to it).
    pub(crate) fn cancel(&self) {
        self.gate.close();
        self.task.abort();
    }

    /// Whether the task has ended: done, cancelled, or stopped with the actor.
    pub(crate) fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

/// How a task sends to the actor it works for.
pub(crate) struct Outbox<A: Actor> {
    cell: Arc<Cell<A::Message>>,
    gate: Arc<Gate>,
}

impl<A: Actor> Outbox<A> {
    /// Builds a message through the actor's typed address, or `None` if the
    /// task was cancelled or the actor no longer accepts messages: the task
    /// should then end.
    pub(crate) fn build<R>(&self, build: impl FnOnce(&A::Addr) -> Request<'_, A, R>) -> Option<A::Message> {
        if self.gate.lock().closed {
            return None;
        }
        notice::build(&self.cell, build)
    }

    /// Sends `message` as a tell, waiting for room in a bounded mailbox.
    /// Returns whether it was accepted; if not (the task was cancelled, the
    /// actor stopped), the task should end.
    pub(crate) async fn send(&self, message: A::Message) -> bool {
        match self.gate.try_send(&self.cell, message) {
            Sent::Accepted => true,
            Sent::Refused => false,
            Sent::Waiting => std::future::poll_fn(|cx| self.gate.poll_waiting(cx)).await,
        }
    }
}

/// Where a task's messages pass; closed by the task's handle.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
}

#[derive(Default)]
struct GateState {
    closed: bool,
    /// A message waiting for room in a full mailbox, kept here rather than in
    /// the task so that closing the gate can withdraw it at once.
    waiting: Option<WaitingPush>,
}

type WaitingPush = Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>;

/// How far [`Gate::try_send`] got.
enum Sent {
    Accepted,
    Refused,
    /// Parked in the gate: poll [`Gate::poll_waiting`].
    Waiting,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, GateState> {
        // No code of ours panics under this lock.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Pushes `message` if the gate is open and the mailbox has room, or
    /// parks it in the gate to wait for room.
    fn try_send<M: Send + 'static>(&self, cell: &Arc<Cell<M>>, message: M) -> Sent {
        let mut state = self.lock();
        let refused = if state.closed {
            message
        } else {
            match cell.queue.try_push(message) {
                Ok(()) => return Sent::Accepted,
                Err((Error::MailboxFull, message)) => {
                    let cell = Arc::clone(cell);
                    // `Push` waits in line with the other senders; it
                    // borrows the queue, so it lives in a block that owns it.
                    state.waiting = Some(Box::pin(async move { Push::new(&cell.queue, message).await }));
                    return Sent::Waiting;
                }
                Err((_stopped, message)) => message,
            }
        };
        // The user's message is dropped outside the lock.
        drop(state);
        drop(refused);
        Sent::Refused
    }

    /// Polls the message waiting for room: `true` once accepted, `false` if
    /// refused or withdrawn by [`close`](Gate::close).
    ///
    /// The push is polled under the lock, so that `close` cannot run while
    /// it is being admitted. A message the actor refuses is dropped by the
    /// push, so under this lock: its `Drop` must not cancel this same task
    /// (which would wait for the lock forever).
    fn poll_waiting(&self, cx: &mut TaskContext<'_>) -> Poll<bool> {
        let mut state = self.lock();
        let Some(waiting) = state.waiting.as_mut() else { return Poll::Ready(false) };
        let Poll::Ready(result) = waiting.as_mut().poll(cx) else { return Poll::Pending };
        let done = state.waiting.take();
        drop(state);
        drop(done);
        Poll::Ready(result.is_ok())
    }

    /// Lets nothing more through, withdrawing a message waiting for room.
    fn close(&self) {
        let withdrawn = {
            let mut state = self.lock();
            state.closed = true;
            state.waiting.take()
        };
        // Dropping the push withdraws its message from the mailbox's line,
        // unless it was admitted already; either way outside our lock.
        drop(withdrawn);
    }
}
