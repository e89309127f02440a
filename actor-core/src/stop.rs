//! Why an actor stopped, and the one-shot signal that announces it.

use std::fmt;
use std::future::Future;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::cell::Lifecycle;
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
    /// Set once, when the actor stops: from then on, a new watcher runs at
    /// once rather than join the list.
    reason: OnceLock<StoredReason>,
    /// Made by the first watcher or waiter: most actors are watched by
    /// nobody, and every actor has a stop signal. Once the reason is set,
    /// it is kept until every watcher has run, and dropped then: the stop
    /// is *announced* once the reason is set and the list is gone. Waiters
    /// wait for that rather than for the reason, so that whoever learns of
    /// the stop from `wait_stopped` also sees all it causes: monitors'
    /// notices queued, linked actors told, the actor's names released.
    /// (Two flags for "closed" and "announced" took 8 bytes more of every
    /// actor's cell, and had to agree with the reason and the list.)
    watchers: Mutex<Option<Box<WatchList>>>,
}

/// A published reason. Most actors end for a reason without data (they
/// were stopped, or nobody could reach them any more), which points at a
/// static; the others are boxed. Every actor has a stop signal, and
/// `StopReason` inline took 16 bytes more of its cell.
enum StoredReason {
    Static(&'static StopReason),
    Boxed(Box<StopReason>),
}

impl StoredReason {
    fn new(reason: StopReason) -> StoredReason {
        static NORMAL: StopReason = StopReason::Normal;
        static UNREFERENCED: StopReason = StopReason::Unreferenced;
        static KILLED: StopReason = StopReason::Killed;
        static RUNTIME_SHUTDOWN: StopReason = StopReason::RuntimeShutdown;
        static SHUTDOWN: StopReason = StopReason::Shutdown;
        match reason {
            StopReason::Normal => StoredReason::Static(&NORMAL),
            StopReason::Unreferenced => StoredReason::Static(&UNREFERENCED),
            StopReason::Killed => StoredReason::Static(&KILLED),
            StopReason::RuntimeShutdown => StoredReason::Static(&RUNTIME_SHUTDOWN),
            StopReason::Shutdown => StoredReason::Static(&SHUTDOWN),
            StopReason::Panicked(_) | StopReason::LinkFailed { .. } | StopReason::RestartLimit { .. } => {
                StoredReason::Boxed(Box::new(reason))
            }
        }
    }

    fn get(&self) -> &StopReason {
        match self {
            StoredReason::Static(reason) => reason,
            StoredReason::Boxed(reason) => reason,
        }
    }
}

#[derive(Default)]
struct WatchList {
    next_key: u64,
    pending: Vec<Pending>,
    /// `pending.len()` after the last sweep of watchers whose owner stopped.
    swept_at: usize,
    /// The tasks waiting in [`StopSignal::wait`], each under its key.
    waiting: Vec<(u64, Waker)>,
}

impl WatchList {
    fn next_key(&mut self) -> u64 {
        let key = self.next_key;
        self.next_key += 1;
        key
    }
}

struct Pending {
    key: u64,
    watcher: Watcher,
    /// The actor the watcher reports to, if any. Once that actor has stopped
    /// for good there is nobody left to tell, and the watcher may be dropped
    /// without being called.
    owner: Option<Arc<dyn Lifecycle>>,
}

impl StopSignal {
    /// Publishes the reason, calls every watcher with it, then wakes the
    /// waiters. Only the first call counts.
    pub(crate) fn publish(&self, reason: StopReason) {
        if self.reason.set(StoredReason::new(reason)).is_err() {
            return;
        }
        // The reason is set: no watcher joins the list any more. Taking
        // those it has under the lock; calling them outside it, as they may
        // touch other actors (and through them this one). With no watcher
        // to call, the list goes, and so the stop is announced, under the
        // same lock.
        //
        // Otherwise the list stays until the watchers have run: a wait that
        // starts meanwhile takes its key from it, so that no two waits
        // share a key (dropping one would unregister the other).
        let (pending, mut waiting, announced) = {
            let mut watchers = self.lock_watchers();
            let (pending, waiting) = watchers.as_mut().map_or_else(Default::default, |list| {
                (std::mem::take(&mut list.pending), std::mem::take(&mut list.waiting))
            });
            let announced = pending.is_empty();
            if announced {
                *watchers = None;
            }
            (pending, waiting, announced)
        };
        let reason = self.get().expect("just set");
        // A watcher may run user code (the closure that builds a monitor's
        // message). If it panics, the other watchers must still run and the
        // waiters still wake, or they would wait forever; the panic goes on
        // afterwards.
        let mut first_panic = None;
        for pending in pending {
            let watcher = pending.watcher;
            if let Err(payload) = catch_unwind(AssertUnwindSafe(move || watcher(reason))) {
                first_panic.get_or_insert(payload);
            }
        }
        if !announced {
            // Dropping the list announces the stop: no key is taken from
            // here on. Those that started waiting while the watchers ran
            // are woken with the others.
            let list = self.lock_watchers().take();
            if let Some(list) = list {
                waiting.extend(list.waiting);
            }
        }
        waiting.into_iter().for_each(|(_, waker)| waker.wake());
        if let Some(payload) = first_panic {
            // Unwinding already (a guard dropped by a panicking task): a
            // second panic would abort the process.
            if !std::thread::panicking() {
                resume_unwind(payload);
            }
        }
    }

    /// Calls `watcher` with the reason once the actor has stopped, or at once
    /// if it already has. The key removes it with [`unwatch`](Self::unwatch).
    pub(crate) fn watch(&self, watcher: Watcher) -> u64 {
        self.add(None, watcher)
    }

    /// [`watch`](Self::watch) for a watcher that reports to `owner`: once
    /// `owner` has stopped for good, the watcher may be dropped uncalled.
    /// This keeps a long-lived actor watched by many short-lived ones (that
    /// monitor it, or link to it) from keeping their dead watchers.
    pub(crate) fn watch_for(&self, owner: Arc<dyn Lifecycle>, watcher: Watcher) -> u64 {
        self.add(Some(owner), watcher)
    }

    fn add(&self, owner: Option<Arc<dyn Lifecycle>>, watcher: Watcher) -> u64 {
        let mut watchers = self.lock_watchers();
        // Looked at under the lock: `publish` sets the reason, then takes
        // the list's watchers under it, so a watcher that finds no reason
        // here is one of those.
        if let Some(reason) = self.get() {
            drop(watchers);
            // The key matches no watcher: this one is done.
            watcher(reason);
            return u64::MAX;
        }
        let list = watchers.get_or_insert_with(Box::default);
        let key = list.next_key();
        // Forget the watchers of stopped owners now and then; sweeping only
        // when the list has doubled since the last sweep keeps this O(1)
        // amortised (as `Context::adopt` does for children).
        let mut dead = Vec::new();
        if list.pending.len() >= 2 * list.swept_at.max(8) {
            let (live, stale) = std::mem::take(&mut list.pending).into_iter().partition(Pending::is_live);
            list.pending = live;
            list.swept_at = list.pending.len();
            dead = stale;
        }
        list.pending.push(Pending { key, watcher, owner });
        drop(watchers);
        // Dropped outside the lock: they own addresses and user closures.
        drop(dead);
        key
    }

    /// Removes a watcher that has not run yet.
    pub(crate) fn unwatch(&self, key: u64) {
        let removed = {
            let mut watchers = self.lock_watchers();
            watchers.as_mut().and_then(|list| {
                let index = list.pending.iter().position(|pending| pending.key == key)?;
                Some(list.pending.swap_remove(index))
            })
        };
        // Dropped outside the lock: it may own addresses.
        drop(removed);
    }

    fn lock_watchers(&self) -> std::sync::MutexGuard<'_, Option<Box<WatchList>>> {
        // No user code runs under this lock.
        self.watchers.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The reason, once published: the actor counts as stopped from here,
    /// even while its watchers still run.
    pub(crate) fn get(&self) -> Option<&StopReason> {
        self.reason.get().map(StoredReason::get)
    }

    /// Waits until the reason is published and every watcher has run.
    pub(crate) fn wait(&self) -> Wait<'_> {
        Wait { signal: self, key: None }
    }

    #[cfg(test)]
    fn pending(&self) -> usize {
        self.lock_watchers().as_ref().map_or(0, |list| list.pending.len())
    }
}

/// The future of [`StopSignal::wait`]. Its waker is kept with the
/// watchers until the stop is announced, and taken out if it is dropped
/// first.
pub(crate) struct Wait<'a> {
    signal: &'a StopSignal,
    /// Under which its waker is kept, once it waits.
    key: Option<u64>,
}

impl Future for Wait<'_> {
    type Output = StopReason;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<StopReason> {
        let signal = self.signal;
        let mut watchers = signal.lock_watchers();
        // Announced: the reason is set, and the list gone with its watchers.
        if let (Some(reason), None) = (signal.get(), watchers.as_ref()) {
            drop(watchers);
            self.key = None;
            return Poll::Ready(reason.clone());
        }
        let list = watchers.get_or_insert_with(Box::default);
        let replaced = match self.key.and_then(|key| list.waiting.iter_mut().find(|(waiting, _)| *waiting == key)) {
            Some((_, waker)) if waker.will_wake(cx.waker()) => None,
            Some((_, waker)) => Some(std::mem::replace(waker, cx.waker().clone())),
            None => {
                let key = list.next_key();
                list.waiting.push((key, cx.waker().clone()));
                self.key = Some(key);
                None
            }
        };
        drop(watchers);
        // Dropped outside the lock, as any waker.
        drop(replaced);
        Poll::Pending
    }
}

impl Drop for Wait<'_> {
    fn drop(&mut self) {
        let Some(key) = self.key else { return };
        let removed = {
            let mut watchers = self.signal.lock_watchers();
            watchers.as_mut().and_then(|list| {
                let index = list.waiting.iter().position(|(waiting, _)| *waiting == key)?;
                Some(list.waiting.swap_remove(index))
            })
        };
        drop(removed);
    }
}

impl fmt::Debug for Wait<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait").field("signal", self.signal).finish_non_exhaustive()
    }
}

impl Pending {
    fn is_live(&self) -> bool {
        match &self.owner {
            Some(owner) => !owner.has_stopped(),
            None => true,
        }
    }
}

impl fmt::Debug for StopSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StopSignal").field("reason", &self.get()).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Wake;

    use super::*;
    use crate::cell::Cell;
    use crate::mailbox::Mailbox;

    fn actor() -> Arc<Cell<()>> {
        Arc::new(Cell::new(|| "test", Mailbox::default()))
    }

    /// A long-lived actor watched by a stream of short-lived ones keeps only
    /// the watchers of those still running, and still calls each of them.
    #[test]
    fn watchers_of_stopped_owners_are_swept() {
        let watched = StopSignal::default();
        let called = Arc::new(AtomicUsize::new(0));
        let count = |called: &Arc<AtomicUsize>| -> Watcher {
            let called = Arc::clone(called);
            Box::new(move |_| {
                called.fetch_add(1, Ordering::Relaxed);
            })
        };
        let live: Vec<_> = (0..3).map(|_| actor()).collect();
        for owner in &live {
            watched.watch_for(owner.clone(), count(&called));
        }
        // Without an owner, a watcher is never swept.
        watched.watch(count(&called));
        // Enough rounds for many sweeps; fewer under miri, which is slow.
        let rounds = if cfg!(miri) { 100 } else { 10_000 };
        for _ in 0..rounds {
            let owner = actor();
            watched.watch_for(owner.clone(), Box::new(|_| {}));
            owner.stopped.publish(StopReason::Normal);
            // At most twice what was live at the last sweep (or 8), plus one.
            assert!(watched.pending() <= 2 * 8 + 1, "{} watchers kept", watched.pending());
        }
        watched.publish(StopReason::Normal);
        assert_eq!(called.load(Ordering::Relaxed), live.len() + 1, "every live watcher was called");
    }

    /// Counts its wake-ups.
    #[derive(Default)]
    struct CountingWaker(AtomicUsize);

    impl Wake for CountingWaker {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn poll_once(wait: &mut Wait<'_>, counter: &Arc<CountingWaker>) -> Poll<StopReason> {
        let waker = Waker::from(Arc::clone(counter));
        Pin::new(wait).poll(&mut Context::from_waker(&waker))
    }

    /// Waits given up before the stop leave nothing behind, however many.
    #[test]
    fn a_wait_dropped_before_the_stop_leaves_no_waker_behind() {
        let signal = StopSignal::default();
        let counter = Arc::new(CountingWaker::default());
        for _ in 0..100 {
            let mut wait = signal.wait();
            assert!(poll_once(&mut wait, &counter).is_pending());
            assert!(poll_once(&mut wait, &counter).is_pending(), "polled again, it waits under the same key");
        }
        let waiting = signal.lock_watchers().as_ref().map_or(0, |list| list.waiting.len());
        assert_eq!(waiting, 0);
        signal.publish(StopReason::Normal);
        assert_eq!(counter.0.load(Ordering::Relaxed), 0);
    }

    /// A wait that starts while the watchers run (from one of them) is
    /// woken once they all have, and sees the reason.
    #[test]
    fn a_wait_that_starts_while_watchers_run_is_woken_after_them() {
        let signal = Arc::new(StopSignal::default());
        let counter = Arc::new(CountingWaker::default());
        let early = Arc::new(CountingWaker::default());
        let mut waiting_early = signal.wait();
        assert!(poll_once(&mut waiting_early, &early).is_pending());
        let (inner, seen) = (Arc::clone(&signal), Arc::clone(&counter));
        signal.watch(Box::new(move |_| {
            let mut wait = inner.wait();
            assert!(poll_once(&mut wait, &seen).is_pending(), "not announced while watchers run");
            // Kept waiting past this watcher, as a task would.
            std::mem::forget(wait);
        }));
        signal.publish(StopReason::Killed);
        assert_eq!(counter.0.load(Ordering::Relaxed), 1, "the late waiter is woken");
        assert_eq!(early.0.load(Ordering::Relaxed), 1, "and so is the early one");
        assert_eq!(poll_once(&mut waiting_early, &early), Poll::Ready(StopReason::Killed));
        assert_eq!(poll_once(&mut signal.wait(), &counter), Poll::Ready(StopReason::Killed));
    }

    /// A wait given up while the watchers run takes out its own waker, not
    /// that of a wait that started meanwhile.
    #[test]
    fn a_wait_given_up_while_watchers_run_leaves_the_others_waiting() {
        // A static, so that waits on it may move into a watcher.
        static SIGNAL: std::sync::LazyLock<StopSignal> = std::sync::LazyLock::new(StopSignal::default);
        let signal: &'static StopSignal = &SIGNAL;
        let (early, late) = (Arc::new(CountingWaker::default()), Arc::new(CountingWaker::default()));
        let mut waiting_early = signal.wait();
        assert!(poll_once(&mut waiting_early, &early).is_pending());
        let late_in_watcher = Arc::clone(&late);
        signal.watch(Box::new(move |_| {
            let mut waiting_late = signal.wait();
            assert!(poll_once(&mut waiting_late, &late_in_watcher).is_pending());
            drop(waiting_early);
            // Kept waiting past this watcher, as a task would.
            std::mem::forget(waiting_late);
        }));
        signal.publish(StopReason::Normal);
        assert_eq!(late.0.load(Ordering::Relaxed), 1, "the wait that started while the watchers ran is woken");
    }
}
