//! Actor identities.

use std::cell::Cell;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// A number that names one actor for the life of the process.
///
/// Ids are never reused. They show in the `Debug` output of addresses, and
/// two addresses are equal when they have the same id.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(u64);

/// How many ids a thread takes from the shared counter at a time.
const BLOCK: u64 = 1024;

impl ActorId {
    /// A new id. Each thread takes ids from the shared counter a block at a
    /// time, so that threads spawning actors at once do not all write the
    /// same cache line for each: ids stay unique, and in order within a
    /// thread, but not across threads.
    pub(crate) fn next() -> ActorId {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        thread_local! {
            /// The ids this thread may still hand out: `next..end`.
            static TAKEN: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
        }
        TAKEN.with(|taken| {
            let (mut next, mut end) = taken.get();
            if next == end {
                next = NEXT.fetch_add(BLOCK, Ordering::Relaxed);
                end = next + BLOCK;
            }
            taken.set((next + 1, end));
            ActorId(next)
        })
    }

    /// The id as a number.
    pub fn as_u64(self) -> u64 {
        self.0
    }
}

impl fmt::Debug for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}
