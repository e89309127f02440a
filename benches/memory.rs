//! Heap bytes per idle actor, greenroom's next to the hand-written
//! baseline's, counted by this binary's global allocator (not RSS).
//!
//! For each implementation and runtime: spawn 10,000 actors with the default
//! mailbox (greenroom's `Mailbox::default()`, a bound of 64; the baseline's
//! `mpsc::channel(64)`), ask each one once so that all have started and
//! handled a message, and divide the growth of the live heap by the number
//! of actors. A first round, not reported, lets the runtime reach its steady
//! size. The results are printed, and written under `memory/` in criterion's
//! directory for `report.py`.
//!
//! A count, not a time, so not criterion: `cargo bench --bench memory`.
//! The allocator counts for the whole binary, which is why this workload is
//! a target of its own.

// The counting allocator has to implement `GlobalAlloc`, an unsafe trait;
// it only forwards to `System`.
#![allow(unsafe_code)]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use greenroom::prelude::*;

use common::{actors, baseline, settle, Cli, Flavour, Implementation};

const ACTORS: u64 = 10_000;
/// What `cargo test --benches` spawns: enough to see that it runs.
const ACTORS_WHEN_TESTING: u64 = 100;

/// `System`, counting the bytes and blocks it has handed out and not yet
/// had back.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE_BLOCKS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: each method calls the same method of `System` with the arguments
// it was given and returns its result unchanged, so it keeps every promise
// `System` keeps; the counting touches only two atomics, never the memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: our caller upholds `GlobalAlloc::alloc`'s contract, which
        // is the one `System.alloc` asks for.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
            LIVE_BLOCKS.fetch_add(1, Ordering::Relaxed);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
            LIVE_BLOCKS.fetch_add(1, Ordering::Relaxed);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: our caller passes a block this allocator, and so `System`,
        // gave out with this layout, as `GlobalAlloc::dealloc` requires.
        unsafe { System.dealloc(block, layout) };
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        LIVE_BLOCKS.fetch_sub(1, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: our caller upholds `GlobalAlloc::realloc`'s contract for a
        // block `System` gave out, which is the one `System.realloc` asks for.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
            LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The live heap at one moment.
#[derive(Debug, Clone, Copy)]
struct Heap {
    bytes: usize,
    blocks: usize,
}

impl Heap {
    fn now() -> Heap {
        Heap { bytes: LIVE_BYTES.load(Ordering::Relaxed), blocks: LIVE_BLOCKS.load(Ordering::Relaxed) }
    }
}

/// The heap's growth per actor.
#[derive(Debug, Clone, Copy)]
struct PerActor {
    bytes: f64,
    blocks: f64,
}

impl PerActor {
    #[allow(clippy::cast_precision_loss, reason = "heap sizes and actor counts are far below 2^52")]
    fn between(before: Heap, after: Heap, actors: u64) -> PerActor {
        let grown = |before: usize, after: usize| (after as f64 - before as f64) / actors as f64;
        PerActor { bytes: grown(before.bytes, after.bytes), blocks: grown(before.blocks, after.blocks) }
    }
}

/// Spawns `actors` idle greenroom counters, asks each once, and measures.
async fn greenroom_idle(actors: u64) -> PerActor {
    let mut counters = Vec::with_capacity(actors as usize);
    let before = Heap::now();
    counters.extend((0..actors).map(|number| actors::Counter::new(number).spawn()));
    let mut sum = 0;
    for counter in &counters {
        sum += counter.add(0).await.expect("the counter answers");
    }
    let after = Heap::now();
    assert_eq!(sum, actors * (actors - 1) / 2);
    drop(counters);
    settle().await;
    PerActor::between(before, after, actors)
}

/// As `greenroom_idle`, for the baseline.
async fn baseline_idle(actors: u64) -> PerActor {
    let mut counters = Vec::with_capacity(actors as usize);
    let before = Heap::now();
    counters.extend((0..actors).map(baseline::Counter::spawn));
    let mut sum = 0;
    for counter in &counters {
        sum += counter.add(0).await;
    }
    let after = Heap::now();
    assert_eq!(sum, actors * (actors - 1) / 2);
    drop(counters);
    settle().await;
    PerActor::between(before, after, actors)
}

fn main() {
    let cli = Cli::from_args();
    let actors = if cli.measuring { ACTORS } else { ACTORS_WHEN_TESTING };
    for flavour in Flavour::ALL {
        for implementation in Implementation::ALL {
            let id = format!("memory/{implementation}/{flavour}");
            if !cli.selects(&id) {
                continue;
            }
            let runtime = flavour.runtime();
            let per_actor = common::drive(&runtime, async move {
                let measure = || async move {
                    match implementation {
                        Implementation::Greenroom => greenroom_idle(actors).await,
                        Implementation::Baseline => baseline_idle(actors).await,
                    }
                };
                // The first round grows the runtime's own structures.
                measure().await;
                measure().await
            });
            println!(
                "{id:<36} {:>7.1} bytes per idle actor  {:>5.2} heap blocks per idle actor",
                per_actor.bytes, per_actor.blocks
            );
            if cli.measuring {
                let fields = [
                    ("actors", actors.to_string()),
                    ("bytes_per_actor", format!("{:.1}", per_actor.bytes)),
                    ("blocks_per_actor", format!("{:.2}", per_actor.blocks)),
                ];
                common::write_result(&["memory", &implementation.to_string()], flavour, &fields);
            }
        }
    }
}
