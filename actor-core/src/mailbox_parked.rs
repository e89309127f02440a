//! The messages of senders that found a bounded mailbox full, in the order
//! they parked (see the module docs of `mailbox.rs`).
//!
//! Allocated by the first message parked: most mailboxes are never full,
//! and every actor has one. Kept inline, the FIFO, the count of grants
//! and the next id took 48 of the bytes of every actor's cell; boxed, 8.

use std::collections::VecDeque;
use std::task::Waker;

/// The parked messages, oldest first; the first [`granted`](Self::granted)
/// of them have been granted room.
#[derive(Debug)]
pub(super) struct ParkedSenders<M> {
    lot: Option<Box<Lot<M>>>,
}

#[derive(Debug)]
struct Lot<M> {
    parked: VecDeque<Parked<M>>,
    /// How many parked messages, from the front, have been granted room.
    /// They count against the bound, and enter the queue when the first of
    /// their senders runs again.
    granted: usize,
    next_id: u64,
}

#[derive(Debug)]
struct Parked<M> {
    id: u64,
    message: M,
    /// The sender's waker, taken when it is woken with a grant.
    waker: Option<Waker>,
}

impl<M> Default for ParkedSenders<M> {
    fn default() -> ParkedSenders<M> {
        ParkedSenders { lot: None }
    }
}

impl<M> ParkedSenders<M> {
    pub(super) fn is_empty(&self) -> bool {
        self.lot.as_ref().is_none_or(|lot| lot.parked.is_empty())
    }

    /// How many parked messages, from the front, have been granted room.
    pub(super) fn granted(&self) -> usize {
        self.lot.as_ref().map_or(0, |lot| lot.granted)
    }

    /// Whether some parked message has not been granted room yet.
    pub(super) fn any_waiting(&self) -> bool {
        self.lot.as_ref().is_some_and(|lot| lot.parked.len() > lot.granted)
    }

    /// [`granted`](Self::granted), or `None` if some parked message has
    /// not been granted room yet.
    pub(super) fn granted_unless_waiting(&self) -> Option<usize> {
        match &self.lot {
            None => Some(0),
            Some(lot) => (lot.parked.len() == lot.granted).then_some(lot.granted),
        }
    }

    /// Parks `message` last, its sender to be woken by `waker` when granted
    /// room or refused. Returns the id under which to find it again.
    pub(super) fn park(&mut self, message: M, waker: Waker) -> u64 {
        let lot = self.lot.get_or_insert_with(|| Box::new(Lot { parked: VecDeque::new(), granted: 0, next_id: 0 }));
        let id = lot.next_id;
        lot.next_id += 1;
        lot.parked.push_back(Parked { id, message, waker: Some(waker) });
        id
    }

    /// Where the message parked under `id` is in line, if it is still parked.
    pub(super) fn position(&self, id: u64) -> Option<usize> {
        self.lot.as_ref()?.parked.iter().position(|parked| parked.id == id)
    }

    /// The waker stored for the parked message at `index`.
    pub(super) fn waker_mut(&mut self, index: usize) -> &mut Option<Waker> {
        let lot = self.lot.as_mut().expect("a message is parked");
        &mut lot.parked[index].waker
    }

    /// Grants room to the first message not granted any, returning its
    /// sender's waker (unless it was woken already).
    pub(super) fn grant_next(&mut self) -> Option<Waker> {
        let lot = self.lot.as_mut()?;
        let next = lot.parked.get_mut(lot.granted)?;
        lot.granted += 1;
        next.waker.take()
    }

    /// Removes the parked message at `index` (withdrawn or refused),
    /// returning it with its sender's waker, both to be dropped once the
    /// mailbox's lock is released. Room it was granted is given up.
    pub(super) fn remove(&mut self, index: usize) -> Option<(M, Option<Waker>)> {
        let lot = self.lot.as_mut()?;
        let removed = lot.parked.remove(index)?;
        if index < lot.granted {
            lot.granted -= 1;
        }
        Some((removed.message, removed.waker))
    }

    /// Takes out the first `count` messages granted room, in the order
    /// they parked.
    pub(super) fn take_granted(&mut self, count: usize) -> impl Iterator<Item = M> + '_ {
        debug_assert!(count <= self.granted());
        let drained = self.lot.as_mut().map(|lot| {
            lot.granted -= count;
            lot.parked.drain(..count)
        });
        drained.into_iter().flatten().map(|parked| parked.message)
    }

    /// The wakers of the parked senders, to tell them their messages are
    /// refused. (Those granted room have been woken already.)
    pub(super) fn wakers(&self) -> Vec<Waker> {
        self.lot.iter().flat_map(|lot| lot.parked.iter().filter_map(|parked| parked.waker.clone())).collect()
    }
}
