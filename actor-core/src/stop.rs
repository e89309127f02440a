//! Why an actor stopped, and the one-shot signal that announces it.

use std::fmt;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;

use crate::id::ActorId;

/// Why an actor stopped: what [`Addr::wait_stopped`](crate::Addr::wait_stopped)
/// returns and what an `#[on_stop]` hook receives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// `stop()` was called on its address or its context; the actor handled
    /// every message it had accepted first.
    Normal,
    /// Every strong address was dropped and its mailbox was empty: nobody could
    /// send it anything any more.
    Unreferenced,
    /// `kill()` was called: the actor stopped without handling what was queued.
    Killed,
    /// A handler or lifecycle hook panicked, or a task working for the actor
    /// (a timer's or stream's closure, a stream, background work), with
    /// this message.
    Panicked(String),
    /// The tokio runtime that ran the actor shut down before it stopped.
    RuntimeShutdown,
    /// Its supervisor stopped it: to restart it together with a failed
    /// sibling (one-for-all, rest-for-one), or because the supervisor itself
    /// stopped after a failure. What it had queued was kept for the next
    /// instance, or, if there is none, dropped.
    Shutdown,
    /// An actor it was linked to failed, and it did not trap exits.
    LinkFailed {
        /// The linked actor that failed.
        actor: ActorId,
        /// Why that actor stopped.
        reason: Box<StopReason>,
    },
    /// A supervisor gave up: its children needed more restarts than its
    /// restart intensity allows.
    RestartLimit {
        /// How many restarts the supervisor allows...
        restarts: u32,
        /// ...within this period.
        within: Duration,
        /// The failure that went past the limit.
        last: Box<StopReason>,
    },
}

impl StopReason {
    /// Whether the actor stopped because something went wrong (a panic), as
    /// opposed to being asked to stop or running out of callers.
    ///
    /// Failures are what links propagate and what a `transient` child is
    /// restarted after: a panic, a failed linked actor, a supervisor that
    /// gave up. Being stopped, killed, or shut down by a supervisor is not.
    pub fn is_failure(&self) -> bool {
        matches!(self, StopReason::Panicked(_) | StopReason::LinkFailed { .. } | StopReason::RestartLimit { .. })
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StopReason::Normal => f.write_str("stopped on request"),
            StopReason::Unreferenced => f.write_str("stopped because all its addresses were dropped"),
            StopReason::Killed => f.write_str("killed"),
            StopReason::Panicked(message) => write!(f, "panicked: {message}"),
            StopReason::RuntimeShutdown => f.write_str("stopped because its runtime shut down"),
            StopReason::Shutdown => f.write_str("shut down by its supervisor"),
            StopReason::LinkFailed { actor, reason } => write!(f, "linked actor {actor} failed ({reason})"),
            StopReason::RestartLimit { restarts, within, last } => {
                write!(f, "gave up after more than {restarts} restarts within {within:?} (last: {last})")
            }
        }
    }
}

/// Something to do once, with the reason, when an actor stops for good:
/// tell a monitor, fail a linked actor, leave the registry.
pub(crate) type Watcher = Box<dyn FnOnce(&StopReason) + Send>;

/// Set once when the actor has fully stopped; any number of tasks may wait
/// for it, and any number of watchers are called with it.
#[derive(Default)]
pub(crate) struct StopSignal {
    reason: OnceLock<StopReason>,
    notify: Notify,
    watchers: Mutex<Watchers>,
}

#[derive(Default)]
struct Watchers {
    next_key: u64,
    pending: Vec<(u64, Watcher)>,
    /// Set when the signal is published: later watchers run at once.
    closed: bool,
}

impl StopSignal {
    /// Publishes the reason, then calls every watcher with it. Only the
    /// first call counts.
    pub(crate) fn publish(&self, reason: StopReason) {
        if self.reason.set(reason).is_err() {
            return;
        }
        self.notify.notify_waiters();
        // Closing the list under the lock; calling the watchers outside it,
        // as they may touch other actors (and through them this one).
        let watchers = {
            let mut watchers = self.lock_watchers();
            watchers.closed = true;
            std::mem::take(&mut watchers.pending)
        };
        let reason = self.reason.get().expect("just set");
        for (_, watcher) in watchers {
            watcher(reason);
        }
    }

    /// Calls `watcher` with the reason once the actor has stopped, or at once
    /// if it already has. The key removes it with [`unwatch`](Self::unwatch).
    pub(crate) fn watch(&self, watcher: Watcher) -> u64 {
        let mut watchers = self.lock_watchers();
        let key = watchers.next_key;
        watchers.next_key += 1;
        if !watchers.closed {
            watchers.pending.push((key, watcher));
            return key;
        }
        drop(watchers);
        // `publish` sets the reason before closing the list.
        watcher(self.reason.get().expect("published before closed"));
        key
    }

    /// Removes a watcher that has not run yet.
    pub(crate) fn unwatch(&self, key: u64) {
        let removed = {
            let mut watchers = self.lock_watchers();
            let index = watchers.pending.iter().position(|(k, _)| *k == key);
            index.map(|index| watchers.pending.swap_remove(index))
        };
        // Dropped outside the lock: it may own addresses.
        drop(removed);
    }

    fn lock_watchers(&self) -> std::sync::MutexGuard<'_, Watchers> {
        // No user code runs under this lock.
        self.watchers.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn get(&self) -> Option<&StopReason> {
        self.reason.get()
    }

    pub(crate) async fn wait(&self) -> StopReason {
        loop {
            let notified = self.notify.notified();
            let mut notified = std::pin::pin!(notified);
            // Registering before the check closes the window in which `publish`
            // could run between the check and the await.
            notified.as_mut().enable();
            if let Some(reason) = self.reason.get() {
                return reason.clone();
            }
            notified.await;
        }
    }
}

impl fmt::Debug for StopSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StopSignal").field("reason", &self.reason.get()).finish_non_exhaustive()
    }
}
