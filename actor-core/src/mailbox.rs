//! The mailbox: a FIFO queue of messages with an optional bound, one receiver
//! (the actor) and any number of senders (its addresses).
//!
//! Everything is kept under one short mutex. No user code runs while it is
//! held, and anything the user owns (a message, and through it a reply
//! channel or an address) is dropped only after it is released, so that a
//! `Drop` impl may touch this same mailbox again. The one exception is
//! cloning a task's waker to store it, which executors implement as a
//! reference count; a replaced waker is dropped after the lock is released.
//!
//! The actor takes what is queued in batches: under one lock it takes the
//! whole queue, then hands the messages to the actor one by one without the
//! lock (see [`Batch`]). The queue keeps its oldest message inline (see
//! `queued.rs`), so that an actor that gets one message at a time never
//! allocates a buffer for it. Senders and the actor then meet at
//! the lock once per batch instead of once per message, which is what a
//! busy actor on a multi-thread runtime pays for. A batch still counts
//! against the bound until each of its messages is handed over, and a kill
//! or an interrupt still comes before the next message.
//!
//! A sender that finds a bounded mailbox full *parks* its message here, in a
//! FIFO of its own. Room is *granted* to the parked messages in order, and
//! the sender, woken, moves its message into the queue itself (with those
//! granted before it, so that they keep their order), unless the actor runs
//! out of other messages first with several granted, and takes them in. So
//! a full mailbox is fair, a parked sender is never overtaken by a later one,
//! and the actor
//! never handles in its current turn a message that its own progress let
//! in, which keeps the two tasks taking turns as tokio's channels do (see
//! `Push`). A parked message, granted or not, has not been accepted:
//! dropping the send future takes it back out, and stopping the actor
//! refuses it.

use std::collections::VecDeque;
use std::num::NonZeroU32;
use std::sync::atomic::Ordering;
use std::sync::PoisonError;
use std::task::Waker;

use crate::error::Error;
use crate::queued::Queued;
use crate::stop::StopReason;
use crate::sync::{AtomicBool, AtomicUsize, Mutex, MutexGuard};
use parked::ParkedSenders;

/// How an actor's mailbox is sized, given to
/// [`Actor::spawn_with`](crate::Actor::spawn_with).
///
/// A bounded mailbox gives backpressure: once it holds `capacity` messages,
/// `tell().await` and asks wait for room, and `try_tell` fails with
/// [`Error::MailboxFull`]. An unbounded mailbox never makes a sender wait, and
/// so can grow without limit if the actor falls behind.
///
/// ```
/// use greenroom::Mailbox;
///
/// assert_eq!(Mailbox::default().capacity(), Some(Mailbox::DEFAULT_CAPACITY));
/// assert_eq!(Mailbox::bounded(8).capacity(), Some(8));
/// assert_eq!(Mailbox::unbounded().capacity(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mailbox {
    /// As each actor's mailbox keeps it (see `State::bound`): checked and
    /// narrowed once, here.
    bound: Option<NonZeroU32>,
}

impl Mailbox {
    /// The capacity of [`Mailbox::default`], used by `spawn()`.
    pub const DEFAULT_CAPACITY: usize = 64;

    /// The largest bound, `u32::MAX` messages: the bound is kept in 4 bytes
    /// of every actor's mailbox, where 8 would make every actor bigger.
    pub const MAX_CAPACITY: usize = u32::MAX as usize;

    /// A mailbox that holds at most `capacity` messages. A capacity above
    /// [`Mailbox::MAX_CAPACITY`] (about 4.3 billion) is taken as that.
    ///
    /// ```
    /// use greenroom::Mailbox;
    ///
    /// assert_eq!(Mailbox::bounded(usize::MAX).capacity(), Some(Mailbox::MAX_CAPACITY));
    /// ```
    ///
    /// # Panics
    ///
    /// If `capacity` is zero: such a mailbox could never accept a message.
    pub fn bounded(capacity: usize) -> Mailbox {
        let bound = u32::try_from(capacity).unwrap_or(u32::MAX);
        let bound = NonZeroU32::new(bound).expect("a bounded mailbox needs a capacity of at least 1");
        Mailbox { bound: Some(bound) }
    }

    /// A mailbox without a bound.
    pub fn unbounded() -> Mailbox {
        Mailbox { bound: None }
    }

    /// The bound, or `None` for an unbounded mailbox.
    pub fn capacity(&self) -> Option<usize> {
        self.bound.map(|bound| bound.get() as usize)
    }
}

impl Default for Mailbox {
    /// A bounded mailbox of [`Mailbox::DEFAULT_CAPACITY`] messages.
    fn default() -> Mailbox {
        Mailbox::bounded(Mailbox::DEFAULT_CAPACITY)
    }
}

/// What the actor's loop gets from its mailbox.
#[derive(Debug)]
pub(crate) enum Received<M> {
    Message(M),
    Stop(StopReason),
}

/// The shared queue behind an actor's addresses.
#[derive(Debug)]
pub(crate) struct Queue<M> {
    state: Mutex<State<M>>,
    /// Strong addresses alive. When it reaches zero and the queue is empty,
    /// nobody can send the actor anything and it stops.
    senders: AtomicUsize,
    /// How many messages the actor's current batch still holds. They count
    /// against the bound. Written only by the actor, so a sender may read a
    /// value that is too high, never one too low: it then parks when there
    /// was room, and is granted room at the actor's next look at the parked.
    taken: AtomicUsize,
    /// Set while a kill or an interrupt waits to be taken: the actor must
    /// look under the lock before its next message, even mid-batch.
    alert: AtomicBool,
    /// Set while some parked message has not been granted room: the actor
    /// grants it as soon as a message it hands over makes room, rather than
    /// at its next batch.
    parked_waiting: AtomicBool,
    /// Set by the actor, under the lock, when it stores its waker with
    /// nothing left to take; cleared by anyone else taking the lock. While
    /// it is set, nothing has changed since the actor last looked, and the
    /// actor, out of messages, may wait again without taking the lock: an
    /// actor woken for one message then takes the lock once, not twice (see
    /// `poll_recv`). Read stale, it is still safe: whoever cleared it and
    /// changed something that needs the actor took its waker to wake it.
    receiver_idle: AtomicBool,
    /// Set by the first [`close`](Queue::close): the mailbox is closed for
    /// good and was emptied, so a later close (the actor's end takes two or
    /// three, one for each way it may end) has nothing to do.
    closed: AtomicBool,
}

/// The messages the actor took from its queue in one go and has not yet
/// handled, in order. Kept in the actor's `Context`; whatever is left in it
/// when an instance ends goes back to the front of the queue
/// ([`Queue::give_back`]).
#[derive(Debug)]
pub(crate) struct Batch<M> {
    messages: VecDeque<M>,
}

impl<M> Default for Batch<M> {
    fn default() -> Batch<M> {
        Batch { messages: VecDeque::new() }
    }
}

#[derive(Debug)]
struct State<M> {
    messages: Queued<M>,
    parked: ParkedSenders<M>,
    intake: Intake,
    /// Set to end the running instance before its next message without
    /// closing the mailbox (a supervisor restarting it, a linked failure).
    /// Boxed: it is rare, and every actor has a mailbox.
    interrupt: Option<Box<StopReason>>,
    /// Whether an instance has stopped because of the current `stop()` or
    /// `kill()`. One that none has (the actor was between instances) is
    /// still owed to the actor: see [`Queue::unanswered_shutdown`].
    shutdown_taken: bool,
    /// The bound, or `None` if there is none. Read under the lock, as what
    /// it bounds, and in 4 bytes that fit beside the flags above: as a field
    /// of the queue, it took 8 bytes more of every actor's cell.
    bound: Option<NonZeroU32>,
    receiver: Option<Waker>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intake {
    /// Accepting messages.
    Open,
    /// `stop()`: refusing new messages, handling the queued ones.
    Draining,
    /// `kill()`: refusing new messages, dropping the queued ones.
    Killed,
    /// The actor loop has ended.
    Closed,
}

impl<M> Queue<M> {
    /// A queue with one strong sender, the address `spawn` returns.
    pub(crate) fn new(mailbox: Mailbox) -> Queue<M> {
        Queue {
            state: Mutex::new(State {
                messages: Queued::default(),
                parked: ParkedSenders::default(),
                intake: Intake::Open,
                interrupt: None,
                shutdown_taken: false,
                bound: mailbox.bound,
                receiver: None,
            }),
            senders: AtomicUsize::new(1),
            taken: AtomicUsize::new(0),
            alert: AtomicBool::new(false),
            parked_waiting: AtomicBool::new(false),
            receiver_idle: AtomicBool::new(false),
            closed: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<M>> {
        // Nothing panics while the lock is held, so a poisoned lock still
        // guards a consistent state.
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        self.receiver_idle.store(false, Ordering::Relaxed);
        state
    }

    /// Whether the actor, with nothing queued, would wait: the mailbox is
    /// open, with an address left, no parked message and no interrupt.
    fn waits_when_empty(&self, state: &State<M>) -> bool {
        state.intake == Intake::Open
            && state.parked.is_empty()
            && state.interrupt.is_none()
            && self.senders.load(Ordering::Acquire) > 0
    }

    /// Stores the actor's waker (under the lock), for when it has nothing
    /// left to take. Returns the waker it replaces, to drop after the lock
    /// is released.
    fn store_receiver(&self, state: &mut State<M>, waker: &Waker) -> Option<Waker> {
        let replaced = match &mut state.receiver {
            Some(stored) if stored.will_wake(waker) => None,
            slot => slot.replace(waker.clone()),
        };
        self.receiver_idle.store(true, Ordering::Release);
        replaced
    }

    /// Messages accepted and not yet handed to the actor.
    pub(crate) fn len(&self) -> usize {
        self.lock().messages.len() + self.taken.load(Ordering::Acquire)
    }

    /// Whether a sender may add a message now: the bound has room, and no
    /// parked message still waits for room. (Parked messages granted room
    /// hold it already: the bound counts them, and what is left is free.
    /// Making senders wait behind them too would let each of several
    /// flooding senders in with one message per turn of the actor.)
    fn has_room(&self, state: &State<M>) -> bool {
        // One look at the parked for both questions: this is on every send.
        state.parked.granted_unless_waiting().is_some_and(|granted| self.below_bound_with(state, granted))
    }

    /// Whether the messages accepted and not yet handed over (queued, and in
    /// the actor's batch) and those granted room leave room for one more.
    fn below_bound(&self, state: &State<M>) -> bool {
        self.below_bound_with(state, state.parked.granted())
    }

    /// [`below_bound`](Self::below_bound), with `granted` already looked up.
    #[inline]
    fn below_bound_with(&self, state: &State<M>, granted: usize) -> bool {
        state.bound.is_none_or(|bound| {
            state.messages.len() + granted + self.taken.load(Ordering::Acquire) < bound.get() as usize
        })
    }

    /// Publishes whether a kill or interrupt waits (under the lock).
    fn update_alert(&self, state: &State<M>) {
        self.alert.store(state.intake == Intake::Killed || state.interrupt.is_some(), Ordering::Release);
    }

    /// Publishes whether parked messages wait for room (under the lock).
    fn update_parked_waiting(&self, state: &State<M>) {
        self.parked_waiting.store(state.parked.any_waiting(), Ordering::Release);
    }

    /// Grants room to parked messages, in order, while the bound has room
    /// (and the mailbox is open). Under the lock; their senders are to be
    /// woken after it is released.
    fn grant_parked(&self, state: &mut State<M>) -> Granted {
        let mut granted = Granted::default();
        while state.intake == Intake::Open && state.parked.any_waiting() && self.below_bound(state) {
            if let Some(waker) = state.parked.grant_next() {
                granted.push(waker);
            }
        }
        self.update_parked_waiting(state);
        granted
    }

    /// Removes the parked message at `index`, which is no longer waiting
    /// (withdrawn or refused), returning it and the senders granted the
    /// room it held.
    fn unpark(&self, state: &mut State<M>, index: usize) -> (Option<(M, Option<Waker>)>, Granted) {
        let removed = state.parked.remove(index);
        let granted = self.grant_parked(state);
        (removed, granted)
    }

    pub(crate) fn capacity(&self) -> Option<usize> {
        self.lock().bound.map(|bound| bound.get() as usize)
    }

    /// Counts one more strong address. Only call with one already alive, or
    /// from the actor itself.
    pub(crate) fn add_sender(&self) {
        self.senders.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one more strong address unless the actor stopped accepting
    /// messages, for upgrading a weak address.
    pub(crate) fn try_add_sender(&self) -> bool {
        let state = self.lock();
        // Under the lock, so this cannot interleave with the receiver deciding
        // that the last sender is gone.
        if state.intake != Intake::Open {
            return false;
        }
        self.senders.fetch_add(1, Ordering::Relaxed);
        true
    }

    pub(crate) fn remove_sender(&self) {
        if self.senders.fetch_sub(1, Ordering::AcqRel) == 1 {
            let waker = self.lock().receiver.take();
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    }

    /// Whether the actor still accepts messages: neither stopping nor stopped.
    pub(crate) fn is_open(&self) -> bool {
        self.lock().intake == Intake::Open
    }

    /// Appends `message` under the lock, then wakes the actor after the lock
    /// is released.
    fn enqueue(mut state: MutexGuard<'_, State<M>>, message: M) {
        state.messages.push_back(message);
        let receiver = state.receiver.take();
        drop(state);
        if let Some(waker) = receiver {
            waker.wake();
        }
    }

    /// Enqueues `message` if the mailbox is open and has room.
    pub(crate) fn try_push(&self, message: M) -> Result<(), (Error, M)> {
        let state = self.lock();
        if state.intake != Intake::Open {
            return Err((Error::Stopped, message));
        }
        if !self.has_room(&state) {
            return Err((Error::MailboxFull, message));
        }
        Self::enqueue(state, message);
        Ok(())
    }

    /// Enqueues `message` even if a bounded mailbox is full, for notices the
    /// runtime owes the actor (a monitored or linked actor stopped), which
    /// must neither be lost nor make the runtime wait. (Timers, streams and
    /// background work send as tells do, waiting for room.)
    pub(crate) fn push_notice(&self, message: M) -> Result<(), M> {
        let state = self.lock();
        if state.intake != Intake::Open {
            return Err(message);
        }
        Self::enqueue(state, message);
        Ok(())
    }

    /// Ends the running instance before its next message, with `reason`,
    /// leaving the mailbox open and its messages queued. The first reason
    /// set wins until the loop takes it.
    pub(crate) fn interrupt(&self, reason: StopReason) {
        let mut state = self.lock();
        if state.intake == Intake::Closed {
            return;
        }
        state.interrupt.get_or_insert_with(|| Box::new(reason));
        self.update_alert(&state);
        let receiver = state.receiver.take();
        drop(state);
        if let Some(waker) = receiver {
            waker.wake();
        }
    }

    /// The interrupt reason set and not yet taken, if any.
    pub(crate) fn take_interrupt(&self) -> Option<StopReason> {
        let mut state = self.lock();
        let reason = state.interrupt.take();
        self.update_alert(&state);
        reason.map(|reason| *reason)
    }

    /// Opens the mailbox again for a restarted instance. After a kill, what
    /// was queued is returned, for the caller to drop (a kill drops the
    /// queue); after a stop, nothing was left; otherwise the queue is kept.
    pub(crate) fn reopen(&self) -> VecDeque<M> {
        let mut state = self.lock();
        let dropped = match state.intake {
            Intake::Killed => state.messages.take_all(),
            _ => VecDeque::new(),
        };
        if state.intake != Intake::Closed {
            state.intake = Intake::Open;
        }
        state.interrupt = None;
        state.shutdown_taken = false;
        self.update_alert(&state);
        dropped
    }

    /// An instance was abandoned at an `.await`: if by a `kill()`, it has
    /// stopped because of it.
    pub(crate) fn take_kill(&self) {
        let mut state = self.lock();
        if state.intake == Intake::Killed {
            state.shutdown_taken = true;
        }
    }

    /// A `stop()` (`Normal`) or `kill()` (`Killed`) that came while no
    /// instance ran, so that none stopped because of it: a supervisor must
    /// not undo it by starting a new instance, unless the child's restart
    /// policy restarts it after such a stop anyway.
    pub(crate) fn unanswered_shutdown(&self) -> Option<StopReason> {
        let state = self.lock();
        match state.intake {
            Intake::Draining if !state.shutdown_taken => Some(StopReason::Normal),
            Intake::Killed if !state.shutdown_taken => Some(StopReason::Killed),
            _ => None,
        }
    }

    /// `stop()`: refuse new messages and let the actor handle the queued ones.
    pub(crate) fn drain(&self) {
        self.shut(Intake::Draining);
    }

    /// `kill()`: refuse new messages, and stop before the queued ones.
    pub(crate) fn kill(&self) {
        self.shut(Intake::Killed);
    }

    fn shut(&self, intake: Intake) {
        let mut state = self.lock();
        if state.intake != Intake::Open && !(intake == Intake::Killed && state.intake == Intake::Draining) {
            return;
        }
        state.intake = intake;
        state.shutdown_taken = false;
        self.update_alert(&state);
        let wakers = state.refuse_parked();
        let receiver = state.receiver.take();
        drop(state);
        wakers.into_iter().chain(receiver).for_each(Waker::wake);
    }

    /// Closes the mailbox for good and returns what was never handled, for
    /// the caller to drop (which answers pending asks with an error).
    pub(crate) fn close(&self) -> VecDeque<M> {
        // Closed is final: nothing gets in afterwards, so the first close
        // took all there will ever be.
        if self.closed.load(Ordering::Acquire) {
            return VecDeque::new();
        }
        let mut state = self.lock();
        state.intake = Intake::Closed;
        self.closed.store(true, Ordering::Release);
        let wakers = state.refuse_parked();
        let unhandled = state.messages.take_all();
        drop(state);
        wakers.into_iter().for_each(Waker::wake);
        unhandled
    }
}

impl<M> State<M> {
    /// Moves the first `count` messages granted room into the queue, in the
    /// order they parked. Their senders, woken when granted, find them
    /// accepted.
    fn take_granted(&mut self, count: usize) {
        let State { parked, messages, .. } = self;
        messages.extend(parked.take_granted(count));
    }

    /// The wakers of the parked senders, to tell them their messages are refused.
    /// Each takes its message back itself, so that it is dropped outside the lock.
    /// (Those granted room have been woken already.)
    fn refuse_parked(&self) -> Vec<Waker> {
        self.parked.wakers()
    }
}

/// The senders of parked messages just granted room, to wake once the lock
/// is released. Usually one (a handed-over message makes room for one), kept
/// without allocating.
#[derive(Default)]
struct Granted {
    first: Option<Waker>,
    rest: Vec<Waker>,
}

impl Granted {
    fn push(&mut self, waker: Waker) {
        match self.first {
            None => self.first = Some(waker),
            Some(_) => self.rest.push(waker),
        }
    }

    fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    fn append(&mut self, other: Granted) {
        other.first.into_iter().chain(other.rest).for_each(|waker| self.push(waker));
    }

    fn wake(self) {
        if let Some(first) = self.first {
            first.wake();
            self.rest.into_iter().for_each(Waker::wake);
        }
    }
}

#[path = "mailbox_parked.rs"]
mod parked;
#[path = "mailbox_push.rs"]
mod push;
#[path = "mailbox_recv.rs"]
mod recv;

pub(crate) use push::Push;

#[cfg(test)]
#[path = "mailbox_model.rs"]
mod model;
