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
