//! The locks and atomics the mailbox is built on: std's, or loom's when the
//! crate is built with `RUSTFLAGS="--cfg greenroom_loom"`, so that loom can
//! run the mailbox's model tests (`mailbox_model.rs`) under every
//! interleaving of its threads.
//!
//! (Our own cfg rather than the customary `loom`: tokio reads `--cfg loom`
//! as a request to model-check itself, and does not build that way as a
//! dependency.)

#[cfg(greenroom_loom)]
pub(crate) use loom::sync::atomic::{AtomicBool, AtomicUsize};
#[cfg(greenroom_loom)]
pub(crate) use loom::sync::{Mutex, MutexGuard};
#[cfg(not(greenroom_loom))]
pub(crate) use std::sync::atomic::{AtomicBool, AtomicUsize};
#[cfg(not(greenroom_loom))]
pub(crate) use std::sync::{Mutex, MutexGuard};
