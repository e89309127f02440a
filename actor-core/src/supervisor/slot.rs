//! One supervised child: its mailbox, which outlives every instance, and
//! the task that runs instance after instance on it as the supervisor says.
//!
//! The task and the supervisor share two small channels: commands from the
//! supervisor (run a new instance, finish for good) and the child's status
//! (running, exited with a reason, finished). The task only ever waits for
//! the next command; every decision is the supervisor's.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::future::BoxFuture;
use tokio::sync::watch;

use super::spec::{Child, Restart};
use crate::actor::Actor;
use crate::addr::Addr;
use crate::cell::Cell;
use crate::context::Context;
use crate::link::Exit;
use crate::panic::panic_message;
use crate::spawn::{drop_each, drop_instance, drop_unhandled, finish, run_instance, Ending};
use crate::stop::StopReason;

/// What the supervisor tells the child's task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    /// Wait for the next command.
    Hold,
    /// Run a new instance, numbered so.
    Run(u64),
    /// End for good: close the mailbox and publish the stop.
    Finish,
}

/// Where the child is, as the supervisor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Status {
    /// Not started yet.
    Idle,
    /// Instance number `0` is running.
    Running(u64),
    /// Instance number `0` stopped with this reason; the task waits for a
    /// command.
    Exited(u64, StopReason),
    /// Ended for good.
    Finished,
}

/// Tells the supervisor that instance number `generation` of the child has
/// exited.
pub(crate) type ExitNotifier = Arc<dyn Fn(u64) + Send + Sync>;

/// A supervised child of any actor type.
pub(crate) trait Slot: Send + Sync {
    fn restart(&self) -> Restart;
    fn status(&self) -> Status;
    /// Starts the child's task, once; later calls do nothing.
    fn launch(&self, notifier: ExitNotifier);
    /// Starts a new instance and returns its number.
    fn run(&self) -> u64;
    /// Ends the running instance before its next message, keeping the
    /// mailbox and what is queued (a sibling's restart).
    fn halt(&self);
    /// Ends the running instance after what is queued, refusing new messages.
    fn stop(&self);
    /// Abandons the running instance at its next `.await`, keeping the mailbox.
    fn kill_instance(&self);
    /// Kills the running instance and drops what is queued.
    fn kill(&self);
    /// A `stop()` or `kill()` that came while no instance ran, and so is
    /// still owed to the child (see `Queue::unanswered_shutdown`).
    fn unanswered_stop(&self) -> Option<StopReason>;
    /// Waits until no instance runs.
    fn instance_ended(&self) -> BoxFuture<'_, ()>;
    /// How long the child may take to stop before it is killed.
    fn shutdown_deadline(&self) -> Option<Duration>;
    /// Ends the child for good and waits until it has stopped.
    fn finish(&self) -> BoxFuture<'_, ()>;
    /// The child's final stop, once it has one, and its own children's.
    fn report(&self, into: &mut Vec<Exit>, killed: bool);
    /// Whoever would have launched the child is gone (its supervisor's task
    /// was dropped with the runtime): if it never started, close it now.
    fn abandon(&self);
}

/// A supervised child of type `A`.
pub(crate) struct ChildSlot<A: Actor> {
    cell: Arc<Cell<A::Message>>,
    /// Keeps the child alive as long as it is supervised: dropping every
    /// address users hold must not stop it.
    _keep_alive: Addr<A>,
    factory: Arc<dyn Fn() -> A + Send + Sync>,
    restart: Restart,
    shutdown: Option<Duration>,
    commands: watch::Sender<Command>,
    status: Arc<watch::Sender<Status>>,
    next_generation: AtomicU64,
    /// The task's end of the commands, until it is launched.
    unlaunched: Mutex<Option<watch::Receiver<Command>>>,
}

impl<A: Actor> ChildSlot<A> {
    /// A slot for `child`, and the address users get. Nothing runs until
    /// the supervisor launches it.
    pub(crate) fn new(child: Child<A>) -> (ChildSlot<A>, A::Addr) {
        let cell = Arc::new(Cell::new(std::any::type_name::<A>, child.mailbox));
        // The queue counts one sender from the start: the address kept here.
        let keep_alive = Addr::<A>::from_counted(Arc::clone(&cell));
        cell.queue.add_sender();
        let addr = A::Addr::from(Addr::from_counted(Arc::clone(&cell)));
        if let Some(children) = &child.supervised {
            cell.supervise(children);
        }
        let (commands, receiver) = watch::channel(Command::Hold);
        let slot = ChildSlot {
            cell,
            _keep_alive: keep_alive,
            factory: child.factory,
            restart: child.restart,
            shutdown: child.shutdown,
            commands,
            status: Arc::new(watch::channel(Status::Idle).0),
            next_generation: AtomicU64::new(1),
            unlaunched: Mutex::new(Some(receiver)),
        };
        (slot, addr)
    }
}

impl<A: Actor> Slot for ChildSlot<A> {
    fn restart(&self) -> Restart {
        self.restart
    }

    fn status(&self) -> Status {
        self.status.borrow().clone()
    }

    fn launch(&self, notifier: ExitNotifier) {
        let Some(commands) = self.unlaunched.lock().unwrap_or_else(PoisonError::into_inner).take() else {
            return;
        };
        let task = ChildTask {
            cell: Arc::clone(&self.cell),
            factory: Arc::clone(&self.factory),
            commands,
            status: Arc::clone(&self.status),
            notifier,
            last_generation: 0,
        };
        // Made before the task, as in `spawn`: a task the runtime drops
        // unpolled still drops the context, which closes the mailbox.
        let ctx = Context::new(Arc::clone(&self.cell), Ending::MayRestart);
        tokio::spawn(task.run(ctx));
    }

    fn run(&self) -> u64 {
        // The mailbox stays; the instance is new. This is done here, by the
        // supervisor, rather than by the child's task when it gets to it, so
        // that a stop or kill that comes in between is not undone.
        self.cell.kill.reset();
        // After a kill, what was queued goes, as a kill promises. A panic in
        // a message's `Drop` has nobody to be reported to here: the instance
        // it would fail has not started.
        let _ = drop_each(self.cell.queue.reopen());
        let generation = self.next_generation.fetch_add(1, Ordering::Relaxed);
        // Marked running now, so that a wait for the instance's end cannot
        // see the previous exit.
        self.status.send_replace(Status::Running(generation));
        self.commands.send_replace(Command::Run(generation));
        generation
    }

    fn halt(&self) {
        self.cell.queue.interrupt(StopReason::Shutdown);
    }

    fn stop(&self) {
        self.cell.stop();
    }

    fn kill_instance(&self) {
        self.cell.kill.trip();
    }

    fn kill(&self) {
        self.cell.kill();
    }

    fn unanswered_stop(&self) -> Option<StopReason> {
        self.cell.queue.unanswered_shutdown()
    }

    fn instance_ended(&self) -> BoxFuture<'_, ()> {
        let mut status = self.status.subscribe();
        Box::pin(async move {
            // The sender lives in `self`, so the wait cannot fail.
            let _ = status.wait_for(|status| !matches!(status, Status::Running(_))).await;
        })
    }

    fn shutdown_deadline(&self) -> Option<Duration> {
        self.shutdown
    }

    fn finish(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            // Never started: nothing runs it, so close it here.
            self.abandon();
            self.commands.send_replace(Command::Finish);
            self.cell.stopped.wait().await;
        })
    }

    fn report(&self, into: &mut Vec<Exit>, killed: bool) {
        report(&self.cell, into, killed);
    }

    fn abandon(&self) {
        if self.unlaunched.lock().unwrap_or_else(PoisonError::into_inner).take().is_some() {
            close_unstarted(&self.cell);
            self.status.send_replace(Status::Finished);
        }
    }
}

impl<A: Actor> Drop for ChildSlot<A> {
    fn drop(&mut self) {
        // A supervisor dropped without being spawned: nothing will ever run
        // this child, so its address must say so rather than wait forever.
        self.abandon();
    }
}

/// Adds the actor in `cell` to `into`, after its children if it is a
/// supervisor. One that has not stopped yet is reported killed if `killed`
/// (the tree's deadline passed and it was killed), and left out otherwise.
pub(crate) fn report<M>(cell: &Cell<M>, into: &mut Vec<Exit>, killed: bool) {
    for (_, child) in cell.supervised().map(|children| children.all()).unwrap_or_default() {
        child.report(into, killed);
    }
    match cell.stopped.get() {
        Some(reason) => into.push(Exit::new(cell, reason)),
        None if killed => into.push(Exit::new(cell, &StopReason::Killed)),
        None => {}
    }
}

fn close_unstarted<M>(cell: &Cell<M>) {
    // A supervisor that never started never starts its children either.
    abandon_children(cell);
    let reason = match drop_unhandled(cell) {
        Ok(()) => StopReason::Shutdown,
        Err(panic) => StopReason::Panicked(panic),
    };
    cell.stopped.publish(reason);
}

/// The child's task: instance after instance, as commanded.
struct ChildTask<A: Actor> {
    cell: Arc<Cell<A::Message>>,
    factory: Arc<dyn Fn() -> A + Send + Sync>,
    commands: watch::Receiver<Command>,
    status: Arc<watch::Sender<Status>>,
    notifier: ExitNotifier,
    /// The number of the last instance run: a `Run` is acted on once.
    last_generation: u64,
}

impl<A: Actor> ChildTask<A> {
    /// Not an `async fn`, which would keep its arguments twice (see
    /// `spawn::run`).
    #[allow(clippy::manual_async_fn, reason = "an `async fn` would store its arguments twice in the task")]
    fn run(mut self, mut ctx: Context<A>) -> impl Future<Output = ()> + Send {
        async move {
            let mut last_reason = StopReason::Shutdown;
            while let Some(generation) = self.next_run().await {
                last_reason = self.run_instance(&mut ctx).await;
                self.status.send_replace(Status::Exited(generation, last_reason.clone()));
                (self.notifier)(generation);
            }
            // Stopped or killed while between instances: that is how it ended.
            let last_reason = self.cell.queue.unanswered_shutdown().unwrap_or(last_reason);
            let reason = finish(&mut ctx, last_reason).await;
            self.status.send_replace(Status::Finished);
            ctx.publish_end(reason);
        }
    }

    /// The number of the next instance to run, or `None` to finish.
    async fn next_run(&mut self) -> Option<u64> {
        loop {
            match *self.commands.borrow_and_update() {
                Command::Run(generation) if generation > self.last_generation => {
                    self.last_generation = generation;
                    return Some(generation);
                }
                Command::Finish => return None,
                Command::Run(_) | Command::Hold => {}
            }
            // Every sender gone: the supervisor and its spec were dropped.
            if self.commands.changed().await.is_err() {
                return None;
            }
        }
    }

    async fn run_instance(&mut self, ctx: &mut Context<A>) -> StopReason {
        match std::panic::catch_unwind(AssertUnwindSafe(|| (self.factory)())) {
            Ok(mut actor) => {
                let reason = run_instance(&mut actor, ctx).await;
                drop_instance(actor, reason)
            }
            Err(payload) => StopReason::Panicked(panic_message(&*payload)),
        }
    }
}

/// Resolves when `future` does or `deadline` passes (`false` then).
pub(crate) async fn within(deadline: Option<Duration>, future: impl Future<Output = ()>) -> bool {
    match deadline {
        Some(deadline) => tokio::time::timeout(deadline, future).await.is_ok(),
        None => {
            future.await;
            true
        }
    }
}

/// Closes the children of the supervisor in `cell` that were never started.
pub(crate) fn abandon_children<M>(cell: &Cell<M>) {
    // Most actors supervise nothing: they get here without a list.
    let Some(children) = cell.supervised() else { return };
    for (_, child) in children.all() {
        child.abandon();
    }
}
