//! The channel an ask's reply comes back on: one value, sent at most once,
//! from the actor that handles the message to the task that asked.
//!
//! tokio's `oneshot` would do, and did until callgrind put a quarter of an
//! ask's instructions under its send and receive (the wake-ups they make
//! included). It also lets the sender wait for the receiver to go away,
//! which keeps a waker slot for each side and a state machine to match. An
//! ask needs less. The sender never waits: it writes the value, or drops
//! without one (the actor stopped first), and wakes the receiver; a
//! receiver that has gone away only means the value is dropped with the
//! channel. So this one is a flag, a value and one `AtomicWaker`.
//!
//! The one module with `unsafe` code: the value's cell, whose two sides take
//! turns as `sent` orders them. `oneshot_model.rs` checks it under loom
//! (every interleaving) and under miri.

#![allow(unsafe_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};

use crate::sync::{self, Arc, AtomicBool, AtomicWaker, UnsafeCell};

/// What sender and receiver share.
struct Channel<T> {
    /// Set once the sender is done: it wrote its value, or dropped without.
    sent: AtomicBool,
    /// Written by the sender before it sets `sent`, taken by the receiver
    /// after it has seen it set, and by nobody else.
    value: UnsafeCell<Option<T>>,
    /// The receiver's waker, taken by the sender when it is done.
    receiver: AtomicWaker,
    /// Unused: it keeps the channel's heap block out of glibc malloc's
    /// "fastbins" (blocks of up to 128 bytes, its 8-byte header included),
    /// whose freed blocks it does not merge with their freed neighbours.
    /// Reply channels live for one ask, between the blocks of actors that
    /// live longer; in fastbins they kept the memory of stopped actors from
    /// merging, and a program that spawns and stops many actors reused it
    /// scattered: on one thread, the skynet bench took from 1.4 to 3.5 µs
    /// per actor from one run to the next, and 1.7 µs every time with these
    /// 40 bytes. They cost 40 bytes per ask in flight, nothing else.
    _room: [u64; 5],
}

/// The smallest channel, for a reply of `()`, asks malloc for more than
/// 120 bytes (`Arc` adds two counters of 8 bytes), which glibc serves
/// from a block of 144.
#[cfg(not(greenroom_loom))]
const _: () = assert!(std::mem::size_of::<Channel<Result<(), crate::error::Error>>>() + 16 > 120);

// SAFETY: the value is moved from the sender's thread to the receiver's
// (so `T: Send`), and never shared: `value` is accessed by one side at a
// time, as `Channel::value` says, with `sent` ordering the two (written
// with `Release`, read with `Acquire`).
unsafe impl<T: Send> Sync for Channel<T> {}

/// A new channel: the actor's end, and the asker's.
pub(crate) fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let channel = Arc::new(Channel {
        sent: AtomicBool::new(false),
        value: UnsafeCell::new(None),
        receiver: AtomicWaker::new(),
        _room: [0; 5],
    });
    (Sender { channel: Arc::clone(&channel) }, Receiver { channel })
}

/// The actor's end: [`send`](Sender::send) a value, or drop it to tell the
/// receiver none will come.
pub(crate) struct Sender<T> {
    channel: Arc<Channel<T>>,
}

impl<T> Sender<T> {
    /// Sends `value`. If the receiver has gone, it is dropped with the
    /// channel.
    pub(crate) fn send(self, value: T) {
        // SAFETY: the sender is the only one to touch `value` before `sent`
        // is set, which happens when `self` drops, below.
        self.channel.value.with_mut(|slot| unsafe { *slot = Some(value) });
    }
}

impl<T> Drop for Sender<T> {
    /// Done, with the value written or without: wakes the receiver.
    fn drop(&mut self) {
        self.channel.sent.store(true, Ordering::Release);
        self.channel.receiver.wake();
    }
}

/// The asker's end: resolves to the value, or to `None` if the sender was
/// dropped without one.
pub(crate) struct Receiver<T> {
    channel: Arc<Channel<T>>,
}

impl<T> Future for Receiver<T> {
    type Output = Option<T>;

    /// Spends a unit of tokio's cooperative budget, as tokio's channels do,
    /// once the value is there; with the budget spent, yields instead (and
    /// tokio wakes the task again). The budget is looked at only then: a
    /// poll that waits spends none, and need not look.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let channel = &*self.channel;
        if !channel.sent.load(Ordering::Acquire) {
            sync::register(&channel.receiver, cx.waker());
            // Sent in between: the sender may have found no waker to wake.
            if !channel.sent.load(Ordering::Acquire) {
                return Poll::Pending;
            }
        }
        let Poll::Ready(budget) = tokio::task::coop::poll_proceed(cx) else {
            return Poll::Pending;
        };
        budget.made_progress();
        // SAFETY: `sent` is set (seen with `Acquire`, after the sender's
        // `Release`), so the sender has written and will not touch `value`
        // again; the receiver is the only other side, and `&mut self` is
        // not shared.
        Poll::Ready(channel.value.with_mut(|slot| unsafe { (*slot).take() }))
    }
}

#[cfg(test)]
#[path = "oneshot_model.rs"]
mod model;
