//! Starting an actor, and the loop that runs it.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};

use futures::FutureExt;

use crate::actor::Actor;
use crate::addr::Addr;
use crate::cell::Cell;
use crate::context::Context;
use crate::current;
use crate::mailbox::{Mailbox, Received};
use crate::panic::panic_message;
use crate::stop::StopReason;

pub(crate) fn spawn<A: Actor>(actor: A, mailbox: Mailbox) -> A::Addr {
    spawn_cell(actor, mailbox).0
}

/// Starts `actor` and returns its typed address and its cell.
pub(crate) fn spawn_cell<A: Actor>(actor: A, mailbox: Mailbox) -> (A::Addr, Arc<Cell<A::Message>>) {
    let runtime = tokio::runtime::Handle::try_current().unwrap_or_else(|_| {
        panic!(
            "`{}` was spawned outside a tokio runtime: spawn actors from async code run by tokio (e.g. under #[tokio::main])",
            std::any::type_name::<A>()
        )
    });
    let cell = Arc::new(Cell::new(std::any::type_name::<A>, mailbox));
    let addr = Addr::<A>::from_counted(Arc::clone(&cell));
    // Made before the task and moved into it: a task that the runtime drops
    // before it first runs still drops its arguments, and so the context,
    // which then publishes the actor's end (see `Context::publish_end`).
    let ctx = Context::new(Arc::clone(&cell), Ending::Final);
    runtime.spawn(run(actor, ctx));
    (A::Addr::from(addr), cell)
}

/// The actor's whole life: one instance, then the end.
///
/// If the runtime drops this task midway, or before it ever ran, the
/// context still closes the mailbox and publishes the stop, so no ask or
/// waiter is left hanging.
///
/// Not an `async fn`: its arguments would then be stored twice in the task
/// (as arguments, and as the locals they are moved into), where an `async`
/// block keeps what it captures once.
#[allow(clippy::manual_async_fn, reason = "an `async fn` would store its arguments twice in the task (see `run`)")]
fn run<A: Actor>(mut actor: A, mut ctx: Context<A>) -> impl Future<Output = ()> + Send {
    async move {
        // Borrowed, not moved: a future that the block awaits keeps what
        // it is given apart from the block's own copy, so an actor moved
        // into it would take its size twice in the task.
        let reason = run_instance(&mut actor, &mut ctx).await;
        let reason = finish(&mut ctx, reason).await;
        let reason = drop_instance(actor, reason);
        ctx.publish_end(reason);
    }
}

/// Whether the mailbox ends with the instance, or is kept for a restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// Unsupervised: whatever is still queued will never be handled.
    Final,
    /// Supervised: the supervisor decides afterwards.
    MayRestart,
}

/// Runs one instance of the actor: `on_start`, messages until it should
/// stop, its children's stop, `on_stop`. Returns why it stopped; the caller
/// then drops the instance with [`drop_instance`].
#[allow(clippy::manual_async_fn, reason = "an `async fn` would store its arguments twice in the task (see `run`)")]
pub(crate) fn run_instance<'a, A: Actor>(
    actor: &'a mut A,
    ctx: &'a mut Context<A>,
) -> impl Future<Output = StopReason> + Send + 'a {
    // An `async` block rather than an `async fn`, as for `run`.
    async move {
        // Its own count of the cell, as `ctx` is lent to the handlers.
        let cell = Arc::clone(ctx.cell());
        ctx.begin_instance();
        ctx.hold_exits();
        // Inline rather than a future of its own, which would keep a second
        // copy of the references above in every actor's task.
        let reason = 'handling: {
            {
                let started = pin!(AssertUnwindSafe(actor.on_start(ctx)).catch_unwind());
                match Killable::new(&cell, started).await {
                    None => break 'handling killed(&cell),
                    Some(Err(payload)) => break 'handling StopReason::Panicked(panic_message(&*payload)),
                    Some(Ok(())) => {}
                }
            }
            ctx.release_exits();
            loop {
                // The batch is the context's, not this block's: kept here, it
                // would take room of its own in every actor's task, beside
                // that of what comes after the messages.
                let message = match cell.queue.recv(ctx.batch()).await {
                    Received::Message(message) => message,
                    Received::Stop(reason) => break 'handling reason,
                };
                {
                    let handled = pin!(AssertUnwindSafe(actor.handle(message, ctx)).catch_unwind());
                    match Killable::new(&cell, handled).await {
                        Some(Ok(())) => {}
                        Some(Err(payload)) => break 'handling StopReason::Panicked(panic_message(&*payload)),
                        None => break 'handling killed(&cell),
                    }
                }
                if let Some(reason) = ctx.take_failure() {
                    break 'handling reason;
                }
            }
        };
        let reason = settle_instance(ctx, &cell, reason);
        if A::HAS_ON_STOP || ctx.has_children() {
            // Boxed, and only when there is something to wait for: the
            // reason, which the waiting keeps, would otherwise take room of
            // its own in every actor's task.
            Box::pin(stop_instance(actor, ctx, &cell, reason)).await
        } else {
            killed_while_stopping(&cell, reason)
        }
    }
}

/// A kill that came after the last message, while the actor waited for its
/// children or ran `on_stop`, cut that short: it is why the actor stops.
fn killed_while_stopping<M>(cell: &Cell<M>, reason: StopReason) -> StopReason {
    if cell.kill.is_tripped() && !reason.is_failure() {
        return StopReason::Killed;
    }
    reason
}

/// The instance has handled its last message: what it took and did not
/// handle is the mailbox's again, its tasks stop, its exits go where they
/// now belong, and an unsupervised actor's queue is dropped. Returns why it
/// stopped, which a panic in dropping a message may change.
fn settle_instance<A: Actor>(ctx: &mut Context<A>, cell: &Cell<A::Message>, mut reason: StopReason) -> StopReason {
    // For the next instance, or to be dropped below.
    cell.queue.give_back(ctx.batch());
    let ending = ctx.ending();
    match ending {
        // Exits held for an `on_start` that never finished have nobody to
        // trap them: they apply now.
        Ending::Final => ctx.release_exits(),
        // The address lives on: exits that come from now until the next
        // instance's `on_start` has run (and those held for an `on_start`
        // that never finished) wait for it, rather than fall on an instance
        // that has ended and be wiped by the restart.
        Ending::MayRestart => ctx.hold_exits(),
    }
    ctx.end_instance();
    if ending == Ending::Final {
        // Dropping what is still queued answers its asks with
        // `Error::Stopped` now rather than after the children stopped.
        if let Err(panic) = drop_unhandled(cell) {
            reason = first_failure(reason, panic);
        }
    }
    reason
}

/// The end of an instance after its last message: waits for its children
/// to stop, then runs `on_stop` (if the actor has one). Returns why it
/// stopped, which a kill while waiting, or a panic in `on_stop`, may change.
#[allow(clippy::manual_async_fn, reason = "an `async fn` would store its arguments twice in the task (see `run`)")]
fn stop_instance<'a, A: Actor>(
    actor: &'a mut A,
    ctx: &'a mut Context<A>,
    cell: &'a Cell<A::Message>,
    mut reason: StopReason,
) -> impl Future<Output = StopReason> + Send + 'a {
    async move {
        ctx.stop_children(&cell.kill).await;
        reason = killed_while_stopping(cell, reason);
        if A::HAS_ON_STOP {
            let on_stop = AssertUnwindSafe(actor.on_stop(&reason, ctx)).catch_unwind();
            if let Err(payload) = on_stop.await {
                reason = first_failure(reason, panic_message(&*payload));
            }
            // Likewise for a kill during `on_stop`, which a supervisor
            // spends waiting for its children.
            reason = killed_while_stopping(cell, reason);
        }
        reason
    }
}

/// Drops an instance that stopped for `reason`; a panic in its `Drop`
/// becomes the reason, unless a failure came first.
pub(crate) fn drop_instance<A>(actor: A, reason: StopReason) -> StopReason {
    match std::panic::catch_unwind(AssertUnwindSafe(move || drop(actor))) {
        Ok(()) => reason,
        Err(payload) => first_failure(reason, panic_message(&*payload)),
    }
}

/// The end of the actor, after its last instance: runs what the context
/// must finish (a supervisor stops its children for good), then closes the
/// mailbox. Returns the reason to publish.
#[allow(clippy::manual_async_fn, reason = "an `async fn` would store its arguments twice in the task (see `run`)")]
pub(crate) fn finish<A: Actor>(
    ctx: &mut Context<A>,
    mut reason: StopReason,
) -> impl Future<Output = StopReason> + Send + '_ {
    async move {
        // Boxed, as the stop phase in `run_instance`, and only when set.
        if ctx.has_finalizer() {
            Box::pin(ctx.finalize()).await;
        }
        if let Err(panic) = drop_unhandled(ctx.cell()) {
            reason = first_failure(reason, panic);
        }
        reason
    }
}

/// The reason to report when a panic follows `reason`: the first failure wins.
pub(crate) fn first_failure(reason: StopReason, panic: String) -> StopReason {
    if reason.is_failure() {
        reason
    } else {
        StopReason::Panicked(panic)
    }
}

/// Closes the mailbox and drops what was never handled, each message on its
/// own so that one whose `Drop` panics does not keep the rest (and their
/// askers) from being dropped. Returns the first such panic's message.
pub(crate) fn drop_unhandled<M>(cell: &Cell<M>) -> Result<(), String> {
    let unhandled = cell.queue.close();
    if unhandled.is_empty() {
        return Ok(());
    }
    drop_each(unhandled)
}

/// Drops messages one by one, returning the first panic of a message's `Drop`.
pub(crate) fn drop_each<M>(messages: impl IntoIterator<Item = M>) -> Result<(), String> {
    let mut first_panic = None;
    for message in messages {
        if let Err(payload) = std::panic::catch_unwind(AssertUnwindSafe(move || drop(message))) {
            first_panic.get_or_insert_with(|| panic_message(&*payload));
        }
    }
    first_panic.map_or(Ok(()), Err)
}

/// Why a handler was abandoned at an `.await`: a kill, or an interrupt that
/// could not wait (a linked actor failed).
fn killed<M>(cell: &Cell<M>) -> StopReason {
    cell.queue.take_kill();
    cell.queue.take_interrupt().unwrap_or(StopReason::Killed)
}

/// Closes the mailbox and publishes the actor's stop, for `reason`.
pub(crate) fn close<M>(cell: &Cell<M>, mut reason: StopReason) {
    if let Err(panic) = close_mailbox(cell) {
        reason = first_failure(reason, panic);
    }
    cell.stopped.publish(reason);
}

/// Closes the mailbox and publishes the actor's stop for
/// [`StopReason::RuntimeShutdown`]: its task was dropped by its runtime
/// before the actor ended. A message that panics when dropped does not
/// change that reason: the runtime shutting down is why the actor stops.
pub(crate) fn close_on_shutdown<M>(cell: &Cell<M>) {
    let _ = close_mailbox(cell);
    cell.stopped.publish(StopReason::RuntimeShutdown);
}

/// The end of the actor's mailbox, and of any children it never launched.
/// Returns the first panic of dropping what was never handled.
fn close_mailbox<M>(cell: &Cell<M>) -> Result<(), String> {
    // Dropped with the runtime before it launched all its children (a
    // nested supervisor whose task never ran): nothing else will close them.
    crate::supervisor::abandon_children(cell);
    drop_unhandled(cell)
}

/// Runs `future` unless the actor is killed while it waits: `None` then, and
/// the future is dropped where it stands. While it is polled, the thread is
/// marked as running this actor (see `current.rs`).
struct Killable<'a, M, F> {
    cell: &'a Cell<M>,
    future: F,
}

impl<'a, M, F> Killable<'a, M, F> {
    fn new(cell: &'a Cell<M>, future: F) -> Self {
        Killable { cell, future }
    }
}

impl<M, F: Future + Unpin> Future for Killable<'_, M, F> {
    type Output = Option<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<F::Output>> {
        let this = self.get_mut();
        // Poll first: a handler (or hook) that has begun always gets to run
        // until it waits; a kill only abandons it at an `.await`.
        let polled = {
            let _running = current::enter(this.cell.id);
            Pin::new(&mut this.future).poll(cx)
        };
        if let Poll::Ready(output) = polled {
            return Poll::Ready(Some(output));
        }
        // Only a handler that waits needs waking for a kill.
        this.cell.kill.poll_tripped(cx).map(|()| None)
    }
}
