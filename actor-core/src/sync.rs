//! The locks and atomics the mailbox and the kill switch are built on:
//! std's, or loom's when the crate is built with
//! `RUSTFLAGS="--cfg greenroom_loom"`, so that loom can run their model tests
//! (`mailbox_model.rs`, and `model` in `cell.rs`) under every interleaving of
//! their threads.
//!
//! (Our own cfg rather than the customary `loom`: tokio reads `--cfg loom`
//! as a request to model-check itself, and does not build that way as a
//! dependency.)

#[cfg(greenroom_loom)]
pub(crate) use loom::future::AtomicWaker;
#[cfg(greenroom_loom)]
pub(crate) use loom::sync::atomic::{AtomicBool, AtomicUsize};
#[cfg(greenroom_loom)]
pub(crate) use loom::sync::{Mutex, MutexGuard};
#[cfg(not(greenroom_loom))]
pub(crate) use std::sync::atomic::{AtomicBool, AtomicUsize};
#[cfg(not(greenroom_loom))]
pub(crate) use std::sync::{Mutex, MutexGuard};

#[cfg(not(greenroom_loom))]
pub(crate) use futures::task::AtomicWaker;

/// Stores `waker` in `slot`, to be woken: futures' `AtomicWaker` calls
/// this `register`, loom's `register_by_ref`.
#[inline]
pub(crate) fn register(slot: &AtomicWaker, waker: &std::task::Waker) {
    #[cfg(not(greenroom_loom))]
    slot.register(waker);
    #[cfg(greenroom_loom)]
    slot.register_by_ref(waker);
}

#[cfg(greenroom_loom)]
pub(crate) use loom::cell::UnsafeCell;
#[cfg(greenroom_loom)]
pub(crate) use loom::sync::Arc;
#[cfg(not(greenroom_loom))]
pub(crate) use std::sync::Arc;

/// std's `UnsafeCell` with loom's interface (`with_mut` rather than `get`),
/// through which loom checks that no two threads touch the value at once.
#[cfg(not(greenroom_loom))]
#[derive(Debug)]
pub(crate) struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

#[cfg(not(greenroom_loom))]
impl<T> UnsafeCell<T> {
    pub(crate) const fn new(value: T) -> UnsafeCell<T> {
        UnsafeCell(std::cell::UnsafeCell::new(value))
    }

    /// Calls `f` with a pointer to the value; the caller's `unsafe` block
    /// answers for what it does with it.
    #[inline]
    pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }
}

/// What the model tests share: threads and `block_on` from loom or from
/// std and futures, and how a scenario is run.
#[cfg(test)]
pub(crate) mod model {
    #[cfg(greenroom_loom)]
    pub(crate) use loom::{future::block_on, thread};
    #[cfg(not(greenroom_loom))]
    pub(crate) use {futures::executor::block_on, std::thread};

    /// Runs `scenario` under every interleaving loom can find, or many times
    /// on real threads (a few under miri, which is slow).
    pub(crate) fn check(scenario: impl Fn() + Sync + Send + 'static) {
        #[cfg(greenroom_loom)]
        {
            let mut builder = loom::model::Builder::new();
            // Two preemptions cover the races these scenarios are about, and
            // keep each test to seconds.
            builder.preemption_bound.get_or_insert(2);
            builder.check(scenario);
        }
        #[cfg(not(greenroom_loom))]
        for _ in 0..if cfg!(miri) { 4 } else { 200 } {
            scenario();
        }
    }
}
