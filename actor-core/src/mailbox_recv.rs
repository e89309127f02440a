//! The actor's side of the mailbox: taking messages in batches and
//! handing them over one by one (see the module docs of `mailbox.rs`).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};

use super::{Batch, Granted, Intake, Queue, Received, State};
use crate::stop::StopReason;

impl<M> Queue<M> {
    /// The next message, or why the actor should stop.
    ///
    /// Hands over the next message of `batch` without the lock, unless a
    /// kill or an interrupt waits; takes a new batch when it is empty.
    ///
    /// Each message handed over spends a unit of tokio's cooperative
    /// budget, as a receive on a tokio channel does: the mailbox is not a
    /// tokio resource, and a busy actor would otherwise never yield to the
    /// other tasks of its thread. With the budget spent, it yields instead.
    ///
    /// The two common cases, the next message of a batch and waiting on
    /// with nothing changed, are kept apart from the rest, which takes the
    /// lock: this part is inlined into the actor's loop.
    #[inline]
    pub(crate) fn poll_recv(&self, cx: &mut Context<'_>, batch: &mut Batch<M>) -> Poll<Received<M>> {
        if batch.messages.is_empty() {
            if self.receiver_idle.load(Ordering::Acquire) {
                return Poll::Pending;
            }
        } else if !self.alert.load(Ordering::Acquire) && !self.parked_waiting.load(Ordering::Acquire) {
            let Poll::Ready(budget) = tokio::task::coop::poll_proceed(cx) else {
                return Poll::Pending;
            };
            let message = self.hand_over(batch).expect("the batch is not empty");
            budget.made_progress();
            return Poll::Ready(Received::Message(message));
        }
        self.poll_recv_slow(cx, batch)
    }

    /// `poll_recv` but for its two common cases.
    #[inline(never)]
    fn poll_recv_slow(&self, cx: &mut Context<'_>, batch: &mut Batch<M>) -> Poll<Received<M>> {
        let Poll::Ready(budget) = tokio::task::coop::poll_proceed(cx) else {
            return Poll::Pending;
        };
        let received = self.poll_next(cx, batch);
        if let Poll::Ready(Received::Message(_)) = received {
            budget.made_progress();
        }
        received
    }

    /// The next message of `batch`, which then counts against the bound
    /// no more.
    #[inline]
    fn hand_over(&self, batch: &mut Batch<M>) -> Option<M> {
        let message = batch.messages.pop_front()?;
        self.taken.store(batch.messages.len(), Ordering::Release);
        Some(message)
    }

    /// `poll_recv`, its budget aside.
    #[inline]
    fn poll_next(&self, cx: &mut Context<'_>, batch: &mut Batch<M>) -> Poll<Received<M>> {
        if !self.alert.load(Ordering::Acquire) {
            if let Some(message) = self.hand_over(batch) {
                if self.parked_waiting.load(Ordering::Acquire) {
                    // That message made room for a parked one.
                    let granted = self.grant_parked(&mut self.lock());
                    granted.wake();
                }
                return Poll::Ready(Received::Message(message));
            }
        }
        loop {
            let mut state = self.lock();
            // A kill or interrupt came mid-batch: what is left goes back
            // first, so that it is dropped or kept exactly as if it had not
            // been taken.
            if !batch.messages.is_empty() {
                self.give_back_locked(&mut state, batch);
            }
            if state.intake == Intake::Killed {
                state.shutdown_taken = true;
                return Poll::Ready(Received::Stop(StopReason::Killed));
            }
            if let Some(reason) = state.interrupt.take() {
                self.update_alert(&state);
                return Poll::Ready(Received::Stop(*reason));
            }
            // Not while stopping: granted messages are not accepted yet,
            // and a stop refuses them.
            if state.intake == Intake::Open && state.messages.is_empty() && state.parked.granted() >= TAKE_GRANTED_FROM
            {
                let all = state.parked.granted();
                state.take_granted(all);
            }
            if state.parked.any_waiting() {
                let (message, granted) = self.take_batch_granting(&mut state, batch);
                if message.is_some() || !granted.is_empty() {
                    drop(state);
                    granted.wake();
                    match message {
                        Some(message) => return Poll::Ready(Received::Message(message)),
                        // Woken with room, they bring their messages; look again.
                        None => continue,
                    }
                }
            }
            if let Some(message) = state.messages.take_into(&mut batch.messages) {
                self.taken.store(batch.messages.len(), Ordering::Release);
                // Only this message, and nothing else to look at: once it
                // is handled, the actor waits, unless something changes.
                // Storing its waker now, under this lock, spares taking the
                // lock again for that.
                let replaced = (batch.messages.is_empty() && self.waits_when_empty(&state))
                    .then(|| self.store_receiver(&mut state, cx.waker()))
                    .flatten();
                drop(state);
                drop(replaced);
                return Poll::Ready(Received::Message(message));
            }
            if state.intake == Intake::Draining {
                state.shutdown_taken = true;
                return Poll::Ready(Received::Stop(StopReason::Normal));
            }
            if self.senders.load(Ordering::Acquire) == 0 {
                // Closed for good, and empty: with no address left, nobody
                // has a message parked either. The close that follows has
                // nothing to take.
                state.intake = Intake::Closed;
                self.closed.store(true, Ordering::Release);
                return Poll::Ready(Received::Stop(StopReason::Unreferenced));
            }
            let replaced = self.store_receiver(&mut state, cx.waker());
            drop(state);
            drop(replaced);
            return Poll::Pending;
        }
    }

    /// `poll_recv` with messages parked and not granted room, apart so that
    /// the common case stays short: grants what the bound allows, both
    /// before taking the batch (a sender that read a stale `taken` may have
    /// parked although there was room) and after (the queue is empty then).
    /// Returns the first message, if any, and the senders to wake.
    #[cold]
    fn take_batch_granting(&self, state: &mut State<M>, batch: &mut Batch<M>) -> (Option<M>, Granted) {
        let mut granted = self.grant_parked(state);
        let Some(message) = state.messages.take_into(&mut batch.messages) else {
            return (None, granted);
        };
        self.taken.store(batch.messages.len(), Ordering::Release);
        granted.append(self.grant_parked(state));
        (Some(message), granted)
    }

    pub(crate) fn recv<'a>(&'a self, batch: &'a mut Batch<M>) -> Recv<'a, M> {
        Recv { queue: self, batch }
    }

    /// Puts what is left of `batch` back at the front of the queue, in order:
    /// the instance that took it has ended, and the next one (or the
    /// mailbox's close) deals with it.
    pub(crate) fn give_back(&self, batch: &mut Batch<M>) {
        if !batch.messages.is_empty() {
            self.give_back_locked(&mut self.lock(), batch);
        }
    }

    fn give_back_locked(&self, state: &mut State<M>, batch: &mut Batch<M>) {
        state.messages.prepend(&mut batch.messages);
        self.taken.store(0, Ordering::Release);
    }
}

/// How many messages granted room, with nothing else queued, the actor
/// takes in itself rather than wait for their senders to run. One is left
/// to its sender: a lone sender flooding an actor then takes turns with it,
/// a mailbox-full each, which tokio runs back to back on one worker (see
/// `Push::poll`); had the actor taken the message in, its turn would have
/// run one message long and the two would drift apart. Several are taken:
/// with several senders, most often on other workers, the actor would
/// otherwise sit idle until each had run (measured on the fan-in bench: a
/// tenth more task polls and 1.18x the baseline's time, against 0.6-0.96x).
const TAKE_GRANTED_FROM: usize = 2;
/// Waits for the next message.
#[derive(Debug)]
pub(crate) struct Recv<'a, M> {
    queue: &'a Queue<M>,
    batch: &'a mut Batch<M>,
}

impl<M> Future for Recv<'_, M> {
    type Output = Received<M>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Received<M>> {
        let this = self.get_mut();
        this.queue.poll_recv(cx, this.batch)
    }
}
