//! Supervision trees: supervisors that own children and restart them when
//! they fail, keeping their addresses.
//!
//! A [`Supervisor`] is declared in a few lines: a strategy, a restart
//! intensity, and its children, each built by a factory. Adding a child
//! returns its typed address at once; it stays valid across every restart,
//! because a restarted child keeps its mailbox: messages queued when an
//! instance failed are handled by the next one, in order. The message whose
//! handler panicked is answered with [`Error::Panicked`](crate::Error::Panicked)
//! and not retried.
//!
//! ```
//! use std::time::Duration;
//! use greenroom::prelude::*;
//! use greenroom::supervisor::Supervisor;
//!
//! #[actor]
//! #[derive(Default)]
//! struct Counter {
//!     count: u64,
//! }
//!
//! #[actor]
//! impl Counter {
//!     #[handler]
//!     fn add(&mut self, by: u64) -> u64 {
//!         assert!(by < 100, "too much");
//!         self.count += by;
//!         self.count
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), greenroom::Error> {
//! let mut supervisor = Supervisor::one_for_one().max_restarts(3, Duration::from_secs(5));
//! let counter: CounterAddr = supervisor.child(Counter::default);
//! let supervisor = supervisor.spawn();
//!
//! assert_eq!(counter.add(2).await?, 2);
//! assert!(counter.add(100).await.is_err()); // panics: the counter restarts
//! assert_eq!(counter.add(5).await?, 5); // same address, new instance
//!
//! let report = supervisor.shutdown(Duration::from_secs(1)).await;
//! assert!(report.killed().next().is_none());
//! # Ok(())
//! # }
//! ```

mod addr;
mod children;
mod intensity;
mod shutdown;
mod slot;
mod spec;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;

pub(crate) use self::children::Children;
use self::children::Key;
use self::intensity::RestartWindow;
pub(crate) use self::slot::{abandon_children, Slot};
use self::slot::{within, ChildSlot, ExitNotifier, Status};
use crate::actor::Actor;
use crate::cell::Cell;
use crate::context::Context;
use crate::stop::StopReason;

pub use self::addr::SupervisorAddr;
pub use self::shutdown::ShutdownReport;
pub use self::spec::{Backoff, Child, Restart, Strategy};

/// An actor that starts children, restarts them by its [`Strategy`] when
/// they stop, and stops them (youngest first) when it stops.
///
/// Build one with [`one_for_one`](Supervisor::one_for_one),
/// [`one_for_all`](Supervisor::one_for_all) or
/// [`rest_for_one`](Supervisor::rest_for_one), add children, then
/// [`spawn`](Actor::spawn) it (or add it to another supervisor with
/// [`supervisor`](Supervisor::supervisor)). The children start, in the
/// order they were added, when the supervisor starts; more can be started
/// while it runs with [`SupervisorAddr::start_child`].
///
/// **Restart intensity.** If restarts come more often than
/// [`max_restarts`](Supervisor::max_restarts) allows (by default more than
/// 3 within 5 seconds), the supervisor gives up: it stops with
/// [`StopReason::RestartLimit`], which its own supervisor sees as a failure.
///
/// **Lifetime.** A supervisor runs until it is stopped, killed, gives up, or
/// its runtime shuts down; dropping its address does not stop it (nor do
/// its children stop when the addresses users hold are dropped). Stop a
/// whole tree with [`SupervisorAddr::shutdown`].
pub struct Supervisor {
    strategy: Strategy,
    max_restarts: u32,
    within: Duration,
    backoff: Backoff,
    children: Arc<Children>,
    running: Option<Running>,
}

/// What one instance of a supervisor keeps track of.
struct Running {
    /// For each running child, the instance the supervisor started and has
    /// not yet seen exit.
    expected: HashMap<Key, u64>,
    window: RestartWindow,
    /// A supervisor keeps itself alive until it is stopped.
    _myself: SupervisorAddr,
}

impl Supervisor {
    /// A supervisor with `strategy`, the default intensity (3 restarts
    /// within 5 seconds) and no backoff.
    pub fn new(strategy: Strategy) -> Supervisor {
        Supervisor {
            strategy,
            max_restarts: 3,
            within: Duration::from_secs(5),
            backoff: Backoff::None,
            children: Arc::default(),
            running: None,
        }
    }

    /// A supervisor that restarts only the child that stopped.
    pub fn one_for_one() -> Supervisor {
        Supervisor::new(Strategy::OneForOne)
    }

    /// A supervisor that restarts every child when one stops.
    pub fn one_for_all() -> Supervisor {
        Supervisor::new(Strategy::OneForAll)
    }

    /// A supervisor that restarts the child that stopped and those added after it.
    pub fn rest_for_one() -> Supervisor {
        Supervisor::new(Strategy::RestForOne)
    }

    /// Allows at most `restarts` restarts within `within`; one more and the
    /// supervisor gives up (OTP's intensity and period).
    pub fn max_restarts(mut self, restarts: u32, within: Duration) -> Self {
        self.max_restarts = restarts;
        self.within = within;
        self
    }

    /// Waits before restarting; see [`Backoff`].
    pub fn backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Adds a permanent child built by `factory` (a closure, or
    /// `Type::default`) and returns its address, valid across restarts.
    pub fn child<A: Actor>(&mut self, factory: impl Fn() -> A + Send + Sync + 'static) -> A::Addr {
        self.add(Child::new(factory))
    }

    /// Adds a child described by `child` and returns its address.
    pub fn add<A: Actor>(&mut self, child: Child<A>) -> A::Addr {
        let (slot, addr) = ChildSlot::new(child);
        self.children.push(Arc::new(slot));
        addr
    }

    /// Adds `supervisor` as a permanent child of this one: a subtree. If it
    /// gives up, this supervisor restarts it (and its children, which keep
    /// their addresses) as for any failed child.
    pub fn supervisor(&mut self, supervisor: Supervisor) -> SupervisorAddr {
        self.add(supervisor.into_child())
    }

    /// `supervisor` as a child description, to set its restart policy or
    /// mailbox before adding it with [`add`](Supervisor::add). It has no
    /// shutdown deadline of its own: its children's deadlines bound it.
    pub fn into_child(self) -> Child<Supervisor> {
        let children = Arc::clone(&self.children);
        let template = self;
        let mut child = Child::new(move || template.fresh());
        child.shutdown = None;
        child.supervised = Some(children);
        child
    }

    /// A new instance with the same configuration and children.
    fn fresh(&self) -> Supervisor {
        Supervisor {
            strategy: self.strategy,
            max_restarts: self.max_restarts,
            within: self.within,
            backoff: self.backoff,
            children: Arc::clone(&self.children),
            running: None,
        }
    }

    fn running(&mut self) -> &mut Running {
        self.running.as_mut().expect("a supervisor handles messages only after on_start")
    }

    /// Starts every child not yet finished, in order.
    async fn start_children(&mut self, ctx: &mut Context<Self>) {
        let myself = ctx.addr();
        // Every instance has the same children; the first records them.
        ctx.cell().supervise(&self.children);
        let children = Arc::clone(&self.children);
        // When the supervisor ends for good, so do its children, whichever
        // instance started them: youngest first.
        ctx.set_finalizer(Box::new(move || {
            Box::pin(async move {
                for (_, child) in children.all().into_iter().rev() {
                    child.finish().await;
                }
            })
        }));
        self.running = Some(Running {
            expected: HashMap::new(),
            window: RestartWindow::new(self.max_restarts, self.within),
            _myself: myself,
        });
        for (key, child) in self.children.all() {
            child.launch(exit_notifier(ctx.cell(), key));
            if child.status() != Status::Finished {
                self.start(key, child.as_ref()).await;
            }
        }
    }

    /// Starts a new instance of child `key`, unless a `stop()` or `kill()`
    /// came while it was between instances and its restart policy says that
    /// ends it: it is then finished, with that reason, and forgotten.
    async fn start(&mut self, key: Key, child: &dyn Slot) {
        match child.unanswered_stop() {
            Some(reason) if !child.restart().restarts_after(&reason) => self.finish(key, child).await,
            _ => {
                let generation = child.run();
                self.running().expected.insert(key, generation);
            }
        }
    }

    /// Ends child `key` for good and forgets it.
    async fn finish(&mut self, key: Key, child: &dyn Slot) {
        child.finish().await;
        self.children.remove(key);
    }

    /// Adds a child to the running supervisor, after the others, and starts it.
    async fn start_child(&mut self, slot: Arc<dyn Slot>, ctx: &mut Context<Self>) {
        let key = self.children.push(Arc::clone(&slot));
        slot.launch(exit_notifier(ctx.cell(), key));
        self.start(key, slot.as_ref()).await;
    }

    /// Child `key` exited from instance `generation`: restart it (and its
    /// siblings, by strategy), finish it, or give up.
    async fn child_exited(&mut self, key: Key, generation: u64, ctx: &mut Context<Self>) {
        let Some(child) = self.children.get(key) else { return };
        let running = self.running();
        // A notice of an instance already dealt with (halted with a sibling,
        // or started by an earlier instance of this supervisor).
        if running.expected.get(&key) != Some(&generation) {
            return;
        }
        let Status::Exited(_, reason) = child.status() else { return };
        running.expected.remove(&key);

        if !child.restart().restarts_after(&reason) {
            self.finish(key, child.as_ref()).await;
            return;
        }
        let Some(nth) = running.window.record(tokio::time::Instant::now()) else {
            ctx.fail(StopReason::RestartLimit {
                restarts: self.max_restarts,
                within: self.within,
                last: Box::new(reason),
            });
            return;
        };
        // The child, and the running siblings the strategy restarts with it
        // (one-for-one looks at no sibling: a supervisor of very many
        // children pays nothing per restart for them).
        let strategy = self.strategy;
        let running = &self.running.as_ref().expect("running").expected;
        let group: Vec<(Key, Arc<dyn Slot>)> = match strategy {
            Strategy::OneForOne => vec![(key, child)],
            Strategy::OneForAll | Strategy::RestForOne => self
                .children
                .all()
                .into_iter()
                .filter(|(other, _)| {
                    *other == key || (running.contains_key(other) && (strategy == Strategy::OneForAll || *other > key))
                })
                .collect(),
        };
        // The siblings go first, youngest first, as on shutdown.
        for (sibling, slot) in group.iter().rev().filter(|(other, _)| *other != key) {
            slot.halt();
            if !within(slot.shutdown_deadline(), slot.instance_ended()).await {
                slot.kill_instance();
                slot.instance_ended().await;
            }
            self.running().expected.remove(sibling);
            // A temporary sibling shut down with the group is never
            // restarted (as in OTP): it ends for good now.
            if slot.restart() == Restart::Temporary {
                self.finish(*sibling, slot.as_ref()).await;
            }
        }
        let delay = self.backoff.delay(nth);
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        for (restarted, slot) in &group {
            if *restarted == key || slot.restart() != Restart::Temporary {
                self.start(*restarted, slot.as_ref()).await;
            }
        }
    }

    /// Stops the running children, youngest first, each within its deadline:
    /// gracefully if the supervisor stops normally, keeping their mailboxes
    /// if it stops after a failure (it may be restarted), at once if killed.
    async fn stop_children(&mut self, reason: &StopReason, ctx: &mut Context<Self>) {
        let Some(running) = self.running.take() else { return };
        // A linked failure trips the kill switch to end the instance at once;
        // it is a failure, not a kill, and must not cost the children what
        // they had queued. Re-armed, the switch tells of a kill from now on.
        // (A `kill()` closes the mailbox: then it was a kill.)
        if reason.is_failure() && ctx.cell().queue.is_open() {
            ctx.cell().kill.reset();
        }
        // After a failure the subtree may be restarted: its mailboxes stay.
        let keep_mailbox = reason.is_failure() || *reason == StopReason::Shutdown;
        for (key, child) in self.children.all().into_iter().rev() {
            let killed = ctx.cell().kill.is_tripped() || *reason == StopReason::Killed;
            if !running.expected.contains_key(&key) {
                // Not running (waiting for a restart, or finished): only a
                // kill reaches it, so that it ends killed, its queue dropped.
                if killed && child.status() != Status::Finished {
                    child.kill();
                }
                continue;
            }
            if killed {
                child.kill();
            } else if keep_mailbox {
                child.halt();
            } else {
                child.stop();
            }
            let stopped = within(child.shutdown_deadline(), until_killed(ctx.cell(), child.instance_ended())).await;
            if !stopped || ctx.cell().kill.is_tripped() {
                if keep_mailbox && !ctx.cell().kill.is_tripped() {
                    child.kill_instance();
                } else {
                    child.kill();
                }
                child.instance_ended().await;
            }
        }
    }
}

/// Resolves when `future` does, or when the actor in `cell` is killed.
async fn until_killed<M>(cell: &Cell<M>, future: impl Future<Output = ()>) {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(|cx| {
        if future.as_mut().poll(cx).is_ready() {
            return std::task::Poll::Ready(());
        }
        cell.kill.poll_tripped(cx)
    })
    .await;
}

/// Tells the supervisor in `cell` that child `key` exited, even if its
/// mailbox is full; if it no longer accepts messages, it is stopping and
/// stops the child itself.
fn exit_notifier(cell: &Arc<Cell<SupervisorMessage>>, key: Key) -> ExitNotifier {
    let cell = Arc::clone(cell);
    Arc::new(move |generation| {
        let _ = cell.queue.push_notice(SupervisorMessage(Event::ChildExited { key, generation }));
    })
}

/// A supervisor's messages; only the runtime sends them.
#[doc(hidden)]
pub struct SupervisorMessage(Event);

enum Event {
    ChildExited { key: Key, generation: u64 },
    StartChild { slot: Arc<dyn Slot>, started: oneshot::Sender<()> },
}

impl fmt::Debug for SupervisorMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Event::ChildExited { key, generation } => {
                f.debug_struct("ChildExited").field("key", key).field("generation", generation).finish()
            }
            Event::StartChild { .. } => f.debug_struct("StartChild").finish_non_exhaustive(),
        }
    }
}

// Not offered as an example of an actor when a user's type lacks `#[actor]`.
#[diagnostic::do_not_recommend]
impl Actor for Supervisor {
    type Message = SupervisorMessage;
    type Addr = SupervisorAddr;

    async fn handle(&mut self, message: SupervisorMessage, ctx: &mut Context<Self>) {
        match message.0 {
            Event::ChildExited { key, generation } => self.child_exited(key, generation, ctx).await,
            Event::StartChild { slot, started } => {
                self.start_child(slot, ctx).await;
                let _ = started.send(());
            }
        }
    }

    async fn on_start(&mut self, ctx: &mut Context<Self>) {
        self.start_children(ctx).await;
    }

    async fn on_stop(&mut self, reason: &StopReason, ctx: &mut Context<Self>) {
        self.stop_children(reason, ctx).await;
    }
}

impl fmt::Debug for Supervisor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Supervisor")
            .field("strategy", &self.strategy)
            .field("max_restarts", &self.max_restarts)
            .field("within", &self.within)
            .field("backoff", &self.backoff)
            .field("children", &self.children.len())
            .finish()
    }
}
