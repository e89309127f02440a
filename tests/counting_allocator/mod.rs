//! A global allocator that counts the live heap, for the test binaries
//! that measure it (`backpressure.rs`, `no_leaks.rs`): `mod
//! counting_allocator;` makes it the allocator of that whole binary. That is
//! why each of those is a test binary of its own, and why its tests take
//! turns ([`exclusive`]).
//!
//! It forwards to `System` and keeps two numbers: the bytes allocated and
//! not yet freed, and the highest that number has been since the last
//! [`reset_peak`].

// `GlobalAlloc` is an unsafe trait; this only forwards to `System`.
#![allow(unsafe_code)]
#![allow(dead_code, reason = "each binary that includes this module uses only some of it")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grown(by: usize) {
    let live = LIVE.fetch_add(by, Ordering::SeqCst) + by;
    PEAK.fetch_max(live, Ordering::SeqCst);
}

fn shrunk(by: usize) {
    LIVE.fetch_sub(by, Ordering::SeqCst);
}

// SAFETY: each method calls the same method of `System` with the arguments
// it was given and returns its result unchanged, so it keeps every promise
// `System` keeps; the counting touches only two atomics, never the memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: our caller upholds `GlobalAlloc::alloc`'s contract, which
        // is the one `System.alloc` asks for.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            grown(layout.size());
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            grown(layout.size());
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: our caller passes a block this allocator, and so `System`,
        // gave out with this layout, as `GlobalAlloc::dealloc` requires.
        unsafe { System.dealloc(block, layout) };
        shrunk(layout.size());
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: our caller upholds `GlobalAlloc::realloc`'s contract for a
        // block `System` gave out, which is the one `System.realloc` asks for.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            // Counted as the new block arriving before the old one leaves,
            // which is the most both could have taken at once.
            grown(new_size);
            shrunk(layout.size());
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated and not yet freed, by the whole process.
pub(crate) fn live_bytes() -> usize {
    LIVE.load(Ordering::SeqCst)
}

/// Starts a new peak from the live heap now, and returns that value.
pub(crate) fn reset_peak() -> usize {
    let live = live_bytes();
    PEAK.store(live, Ordering::SeqCst);
    live
}

/// The highest the live heap has been since the last [`reset_peak`].
pub(crate) fn peak_bytes() -> usize {
    PEAK.load(Ordering::SeqCst)
}

/// Held by each test of a binary that measures the heap: the count is the
/// whole process's, so a test running alongside would be counted too.
pub(crate) fn exclusive() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    // A test that failed holding it leaves nothing to clean up.
    TURN.lock().unwrap_or_else(PoisonError::into_inner)
}
