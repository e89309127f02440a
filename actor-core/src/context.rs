//! What a handler can do besides changing its own state.

use std::fmt;
use std::sync::Arc;
use std::task::Poll;

use futures::future::BoxFuture;

use crate::actor::Actor;
use crate::addr::{Addr, WeakAddr};
use crate::cell::{Cell, ExitTrap, KillSwitch, Lifecycle};
use crate::id::ActorId;
use crate::mailbox::{Batch, Mailbox};
use crate::owned_task::Control;
use crate::spawn::Ending;
use crate::stop::StopReason;

/// The actor's view of itself, handed to handlers and hooks that ask for it
/// with a `ctx: &mut Context<Self>` argument.
///
/// ```
/// use greenroom::prelude::*;
///
/// #[actor]
/// struct Parent {
///     children: Vec<ChildAddr>,
/// }
///
/// #[actor]
/// impl Parent {
///     #[handler]
///     fn adopt(&mut self, ctx: &mut Context<Self>) -> usize {
///         let child = ctx.spawn_child(Child { parent: ctx.weak_addr() });
///         self.children.push(child);
///         self.children.len()
///     }
///
///     #[handler]
///     fn retire(&mut self, ctx: &mut Context<Self>) {
///         ctx.stop(); // after the messages already queued
///     }
/// }
///
/// #[actor]
/// struct Child {
///     parent: WeakAddr<Parent>,
/// }
///
/// #[actor]
/// impl Child {}
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), greenroom::Error> {
/// let parent = Parent { children: Vec::new() }.spawn();
/// assert_eq!(parent.adopt().await?, 1);
/// parent.retire().await?;
/// assert_eq!(parent.wait_stopped().await, StopReason::Normal);
/// # Ok(())
/// # }
/// ```
pub struct Context<A: Actor> {
    cell: Arc<Cell<A::Message>>,
    /// What the actor started and must stop: made on first use, so that an
    /// actor that starts nothing keeps its task small (see `spawn.rs`).
    dependents: Option<Box<Dependents>>,
    /// Cleared when the instance stops: a task started after that (from
    /// `on_stop`) is cancelled at once rather than outlive its instance.
    taking_tasks: bool,
    /// Whether the cell holds linked actors' exits for an `on_start` yet to
    /// run, as a new cell does. Only this task changes that, so it knows
    /// without taking the cell's lock when there is nothing to change.
    holding_exits: bool,
    /// Whether the running instance set an exit trap, to clear at its end.
    traps_exits: bool,
    /// Whether an instance's end is the actor's, or a supervisor may restart it.
    ending: Ending,
    /// The messages the instance took from its mailbox in one go and has
    /// not handled yet (see `mailbox.rs`).
    batch: Batch<A::Message>,
    /// Set until the actor's end is published: if the runtime drops the
    /// actor's task first, dropping the context publishes it (see
    /// [`Drop`]). The context is made before the task is spawned, so this
    /// holds even for a task dropped before it ever ran.
    end_unpublished: bool,
}

/// The actors and tasks an actor started, and what it must finish at its end.
#[derive(Default)]
struct Dependents {
    children: Vec<Arc<dyn Lifecycle>>,
    /// `children.len()` after the last sweep of stopped children.
    swept_at: usize,
    /// Tasks working for this instance (timers, streams, background
    /// futures), aborted when it stops.
    tasks: Vec<Control>,
    /// `tasks.len()` after the last sweep of finished tasks.
    tasks_swept_at: usize,
    /// Runs once when the actor ends for good, after its last instance.
    finalizer: Option<Finalizer>,
    /// Set to end the instance after the current message with this reason.
    failure: Option<StopReason>,
}

/// Work to finish when an actor ends for good (a supervisor stops its
/// children for good, whichever instance started them).
pub(crate) type Finalizer = Box<dyn FnOnce() -> BoxFuture<'static, ()> + Send>;

impl<A: Actor> Context<A> {
    pub(crate) fn new(cell: Arc<Cell<A::Message>>, ending: Ending) -> Context<A> {
        Context {
            cell,
            dependents: None,
            taking_tasks: true,
            holding_exits: true,
            traps_exits: false,
            ending,
            batch: Batch::default(),
            end_unpublished: true,
        }
    }

    /// The messages the instance took from its mailbox and has not handled.
    pub(crate) fn batch(&mut self) -> &mut Batch<A::Message> {
        &mut self.batch
    }

    /// The actor has ended, for `reason`: closes its mailbox and publishes
    /// its stop.
    pub(crate) fn publish_end(&mut self, reason: StopReason) {
        self.end_unpublished = false;
        crate::spawn::close(&self.cell, reason);
    }

    /// Whether an instance's end is the actor's, or a supervisor may restart it.
    pub(crate) fn ending(&self) -> Ending {
        self.ending
    }

    pub(crate) fn cell(&self) -> &Arc<Cell<A::Message>> {
        &self.cell
    }

    /// The actor's id.
    pub fn id(&self) -> ActorId {
        self.cell.id
    }

    /// A strong address of this actor, to hand to others.
    ///
    /// Keeping it in the actor's own state keeps the actor alive until it is
    /// stopped explicitly; keep [`weak_addr`](Context::weak_addr) instead if
    /// the actor should stop once everybody else lets go of it.
    pub fn addr(&self) -> A::Addr {
        self.cell.queue.add_sender();
        A::Addr::from(Addr::from_counted(Arc::clone(&self.cell)))
    }

    /// A weak address of this actor.
    pub fn weak_addr(&self) -> WeakAddr<A> {
        WeakAddr::from_cell(Arc::clone(&self.cell))
    }

    /// Stops the actor gracefully once the current message is handled: it
    /// refuses new messages, handles those already accepted, then stops
    /// with [`StopReason::Normal`](crate::StopReason::Normal).
    pub fn stop(&mut self) {
        self.cell.stop();
    }

    /// Starts a child actor with a default mailbox and returns its address.
    ///
    /// When this actor stops, it stops its children (youngest first) and
    /// waits for them before its `#[on_stop]` hook runs. A child is not
    /// restarted: for that, start it under a
    /// [`Supervisor`](crate::Supervisor).
    pub fn spawn_child<C: Actor>(&mut self, child: C) -> C::Addr {
        self.spawn_child_with(child, Mailbox::default())
    }

    /// Like [`spawn_child`](Context::spawn_child), with the mailbox of your choice.
    pub fn spawn_child_with<C: Actor>(&mut self, child: C, mailbox: Mailbox) -> C::Addr {
        let (addr, cell) = crate::spawn::spawn_cell(child, mailbox);
        self.adopt(cell);
        addr
    }

    fn dependents(&mut self) -> &mut Dependents {
        self.dependents.get_or_insert_with(Box::default)
    }

    fn adopt(&mut self, child: Arc<dyn Lifecycle>) {
        let dependents = self.dependents();
        // Forget stopped children now and then, so that a long-lived parent
        // of many short-lived children does not grow without bound; sweeping
        // only when the list has doubled keeps this O(1) amortised.
        if dependents.children.len() >= 2 * dependents.swept_at.max(8) {
            dependents.children.retain(|child| !child.has_stopped());
            dependents.swept_at = dependents.children.len();
        }
        dependents.children.push(child);
    }

    /// Keeps `task` for this instance: it is aborted when the instance stops.
    pub(crate) fn own_task(&mut self, task: Control) {
        if !self.taking_tasks {
            task.cancel();
            return;
        }
        let dependents = self.dependents();
        // As with children: forget finished tasks when the list has doubled.
        if dependents.tasks.len() >= 2 * dependents.tasks_swept_at.max(8) {
            dependents.tasks.retain(|task| !task.is_finished());
            dependents.tasks_swept_at = dependents.tasks.len();
        }
        dependents.tasks.push(task);
    }

    /// Ends the instance after the current message, with `reason`, without
    /// handling what is queued (a supervisor giving up).
    pub(crate) fn fail(&mut self, reason: StopReason) {
        self.dependents().failure.get_or_insert(reason);
    }

    pub(crate) fn take_failure(&mut self) -> Option<StopReason> {
        self.dependents.as_mut().and_then(|dependents| dependents.failure.take())
    }

    /// Sets the work to finish when the actor ends for good, replacing any
    /// set before.
    pub(crate) fn set_finalizer(&mut self, finalizer: Finalizer) {
        self.dependents().finalizer = Some(finalizer);
    }

    /// The instance has handled its last message: its tasks stop now, before
    /// its children and its `on_stop` hook.
    pub(crate) fn end_instance(&mut self) {
        // Cancelled, not just aborted: a message such a task has waiting for
        // room is withdrawn now, so that it cannot reach the next instance
        // of a restarted actor.
        if let Some(dependents) = &mut self.dependents {
            for task in dependents.tasks.drain(..) {
                task.cancel();
            }
            dependents.tasks_swept_at = 0;
        }
        self.taking_tasks = false;
        if std::mem::take(&mut self.traps_exits) {
            self.cell.clear_exit_trap();
        }
    }

    /// Linked actors' exits wait until the next instance's `on_start` has run.
    pub(crate) fn hold_exits(&mut self) {
        if !std::mem::replace(&mut self.holding_exits, true) {
            self.cell.hold_exits();
        }
    }

    /// `on_start` has run, or the instance ended: exits held meanwhile are
    /// taken now.
    pub(crate) fn release_exits(&mut self) {
        if std::mem::take(&mut self.holding_exits) {
            self.cell.release_exits();
        }
    }

    /// Turns linked actors' exits into messages built by `trap`.
    pub(crate) fn set_exit_trap(&mut self, trap: ExitTrap<A::Message>) {
        self.traps_exits = true;
        self.cell.set_exit_trap(trap);
    }

    /// A new instance starts (the first, or one after a restart).
    pub(crate) fn begin_instance(&mut self) {
        self.taking_tasks = true;
    }

    /// Whether a finalizer is set.
    pub(crate) fn has_finalizer(&self) -> bool {
        self.dependents.as_ref().is_some_and(|dependents| dependents.finalizer.is_some())
    }

    /// Whether the actor started children that may still run.
    pub(crate) fn has_children(&self) -> bool {
        self.dependents.as_ref().is_some_and(|dependents| !dependents.children.is_empty())
    }

    /// Runs the finalizer, if one was set.
    pub(crate) async fn finalize(&mut self) {
        if let Some(finalizer) = self.dependents.as_mut().and_then(|dependents| dependents.finalizer.take()) {
            finalizer().await;
        }
    }

    /// Stops the children, youngest first, and waits for each. Once the
    /// parent is killed (before or during the wait), the children still
    /// running are killed instead.
    pub(crate) async fn stop_children(&mut self, kill: &KillSwitch) {
        while let Some(child) = self.dependents.as_mut().and_then(|dependents| dependents.children.pop()) {
            let mut killed = kill.is_tripped();
            if killed {
                child.kill();
            } else {
                child.request_stop();
            }
            let mut stopped = child.stopped();
            std::future::poll_fn(|cx| {
                if stopped.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(());
                }
                if !killed && kill.poll_tripped(cx).is_ready() {
                    killed = true;
                    // The child's stop wakes `stopped`, registered above.
                    child.kill();
                }
                Poll::Pending
            })
            .await;
        }
    }
}

impl<A: Actor> Drop for Context<A> {
    /// The actor's task dropped by its runtime before the actor ended
    /// (midway, or before it ever ran): nobody else is left to close the
    /// mailbox and publish the stop, and askers and waiters would wait
    /// forever. A batch taken midway goes back to the queue first, so that
    /// its messages are dropped with the rest, each on its own.
    fn drop(&mut self) {
        if self.end_unpublished {
            self.cell.queue.give_back(&mut self.batch);
            crate::spawn::close_on_shutdown(&self.cell);
        }
    }
}

impl<A: Actor> fmt::Debug for Context<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("actor", &self.cell.name())
            .field("id", &self.cell.id)
            .field("children", &self.dependents.as_ref().map_or(0, |dependents| dependents.children.len()))
            .field("tasks", &self.dependents.as_ref().map_or(0, |dependents| dependents.tasks.len()))
            .finish()
    }
}
