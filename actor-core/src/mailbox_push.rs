//! The senders' side of the mailbox: a message in if there is room, parked
//! until it is granted some otherwise (see the module docs of `mailbox.rs`).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{Intake, Queue};
use crate::error::Error;

/// Puts one message into the queue, waiting for room if it is full.
///
/// Dropping it before it completes withdraws the message: it is then never
/// handled.
#[derive(Debug)]
pub(crate) struct Push<'a, M> {
    queue: &'a Queue<M>,
    step: PushStep<M>,
    /// Whether getting in spends tokio's budget (see `poll`).
    spends_budget: bool,
}

#[derive(Debug)]
enum PushStep<M> {
    Unsent(M),
    Parked(u64),
    Done,
}

// The message is only ever moved, never pinned.
impl<M> Unpin for Push<'_, M> {}

impl<'a, M> Push<'a, M> {
    pub(crate) fn new(queue: &'a Queue<M>, message: M) -> Push<'a, M> {
        Push { queue, step: PushStep::Unsent(message), spends_budget: true }
    }

    /// A push for an ask, which spends no budget getting in: waiting for
    /// the reply spends it (tokio's `oneshot` does), once is enough, and
    /// this keeps a round trip as cheap as a hand-written one.
    pub(crate) fn awaiting_reply(queue: &'a Queue<M>, message: M) -> Push<'a, M> {
        Push { queue, step: PushStep::Unsent(message), spends_budget: false }
    }

    /// A unit of tokio's budget for the message about to go in, if this
    /// push spends one; `Pending` (to be polled again) if it is spent.
    #[inline]
    fn poll_budget(&self, cx: &mut Context<'_>) -> Poll<Option<tokio::task::coop::RestoreOnPending>> {
        if !self.spends_budget {
            return Poll::Ready(None);
        }
        tokio::task::coop::poll_proceed(cx).map(Some)
    }
}

impl<M> Future for Push<'_, M> {
    type Output = Result<(), Error>;

    /// A push (but for an ask's) spends one unit of tokio's cooperative
    /// budget when its message goes in, and yields instead if the budget is
    /// spent, as a send on a tokio channel does. Room is checked first: a
    /// sender that would park anyway parks, rather than yield. This is more
    /// than fairness to the other tasks of its thread: with a sender and an
    /// actor taking turns on one worker, it is what makes tokio run them
    /// back to back instead of waking the other worker for each turn.
    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        let this = self.get_mut();
        match std::mem::replace(&mut this.step, PushStep::Done) {
            PushStep::Unsent(message) => this.poll_unsent(cx, message),
            PushStep::Parked(id) => this.poll_parked(cx, id),
            PushStep::Done => panic!("`Push` polled after it completed"),
        }
    }
}

impl<M> Push<'_, M> {
    /// The first poll: in if there is room, else parked.
    #[inline]
    fn poll_unsent(&mut self, cx: &mut Context<'_>, message: M) -> Poll<Result<(), Error>> {
        let mut state = self.queue.lock();
        if state.intake != Intake::Open {
            drop(state);
            drop(message);
            return Poll::Ready(Err(Error::Stopped));
        }
        if self.queue.has_room(&state) {
            let Poll::Ready(budget) = self.poll_budget(cx) else {
                self.step = PushStep::Unsent(message);
                return Poll::Pending;
            };
            Queue::enqueue(state, message);
            if let Some(budget) = budget {
                budget.made_progress();
            }
            return Poll::Ready(Ok(()));
        }
        let id = state.parked.park(message, cx.waker().clone());
        self.queue.update_parked_waiting(&state);
        self.step = PushStep::Parked(id);
        Poll::Pending
    }

    /// A parked message: in once granted room (and the budget allows).
    #[inline(never)]
    fn poll_parked(&mut self, cx: &mut Context<'_>, id: u64) -> Poll<Result<(), Error>> {
        let mut state = self.queue.lock();
        let Some(index) = state.parked.position(id) else {
            // Moved into the queue by a sender granted room after it.
            return Poll::Ready(Ok(()));
        };
        if state.intake != Intake::Open {
            let (refused, granted) = self.queue.unpark(&mut state, index);
            drop(state);
            drop(refused);
            granted.wake();
            return Poll::Ready(Err(Error::Stopped));
        }
        if index < state.parked.granted() {
            let Poll::Ready(budget) = self.poll_budget(cx) else {
                self.step = PushStep::Parked(id);
                return Poll::Pending;
            };
            // Those granted before it go in first: parked messages
            // enter the queue in the order they parked.
            state.take_granted(index + 1);
            self.queue.update_parked_waiting(&state);
            let receiver = state.receiver.take();
            drop(state);
            if let Some(waker) = receiver {
                waker.wake();
            }
            if let Some(budget) = budget {
                budget.made_progress();
            }
            return Poll::Ready(Ok(()));
        }
        let replaced = match state.parked.waker_mut(index) {
            Some(waker) if waker.will_wake(cx.waker()) => None,
            slot => slot.replace(cx.waker().clone()),
        };
        drop(state);
        drop(replaced);
        self.step = PushStep::Parked(id);
        Poll::Pending
    }

    /// Whether the push waits for room: parked, and not granted any yet. (A
    /// pending push may instead have yielded to spend no more of tokio's
    /// budget.)
    pub(crate) fn waits_for_room(&self) -> bool {
        let PushStep::Parked(id) = self.step else { return false };
        let state = self.queue.lock();
        state.parked.position(id).is_some_and(|index| index >= state.parked.granted())
    }

    /// Gives up on a push that is still waiting: returns `true` if the message
    /// was withdrawn (it will never be handled), `false` if it had already
    /// been accepted. Either way the push is finished.
    pub(crate) fn withdraw(&mut self) -> bool {
        match std::mem::replace(&mut self.step, PushStep::Done) {
            PushStep::Unsent(message) => {
                drop(message);
                true
            }
            PushStep::Parked(id) => {
                let mut state = self.queue.lock();
                // Not found: it was moved into the queue, so accepted.
                let Some(index) = state.parked.position(id) else { return false };
                // The room granted to it, if any, goes to the next in line.
                let (withdrawn, granted) = self.queue.unpark(&mut state, index);
                drop(state);
                drop(withdrawn);
                granted.wake();
                true
            }
            PushStep::Done => false,
        }
    }
}

impl<M> Drop for Push<'_, M> {
    fn drop(&mut self) {
        if let PushStep::Parked(_) = self.step {
            self.withdraw();
        }
    }
}
