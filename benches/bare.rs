//! Bare tokio tasks: what tokio alone costs, under any actor library that
//! runs its actors as tokio tasks. (Lower than the baseline of the other
//! targets, the hand-written actor that issue 5 calls the floor: that one
//! has a channel and a reply to pay for.)
//!
//! A ring hop is one task waking the next; an ask is a task waking another
//! and being woken back. Here each task has a one-token slot (an atomic and
//! a waker) instead of a mailbox: no queue, no lock, no message, no reply
//! channel, no allocation. What is left is tokio's: waking a task,
//! scheduling it and polling it. greenroom's ring hop and ask (and the
//! baseline's) do all that and carry a message besides, so they cannot
//! take less than these; `benches/README.md` sets the reach goals
//! against them.
//!
//! `cargo bench --bench bare`; the results are printed, and written under
//! `bare/` in criterion's directory. Each figure is the median of seven
//! runs of the same size as the `ring` and `ask` workloads.

mod common;

use std::future::poll_fn;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::Poll;
use std::time::Instant;

use futures::task::AtomicWaker;

use common::{drive, median, settle, Cli, Flavour};

const RING_SIZE: usize = 1_000;
const RING_HOPS: u64 = 1_000_000;
const ASKS: u64 = 200_000;
const RUNS: usize = 7;

/// One token at a time, from any task to the one task that takes it.
struct Slot {
    token: AtomicU64,
    taker: AtomicWaker,
}

impl Slot {
    /// No token: the values are hop counts and numbers well below it.
    const EMPTY: u64 = u64::MAX;
    /// Passed round the ring after the last hop: its tasks end.
    const STOP: u64 = u64::MAX - 1;

    fn new() -> Arc<Slot> {
        Arc::new(Slot { token: AtomicU64::new(Slot::EMPTY), taker: AtomicWaker::new() })
    }

    /// Puts `token` in the slot, which its taker has emptied, and wakes it.
    fn put(&self, token: u64) {
        self.token.store(token, Ordering::Release);
        self.taker.wake();
    }

    /// Waits for a token and takes it.
    async fn take(&self) -> u64 {
        poll_fn(|cx| {
            let token = self.token.swap(Slot::EMPTY, Ordering::Acquire);
            if token != Slot::EMPTY {
                return Poll::Ready(token);
            }
            self.taker.register(cx.waker());
            // Put in between: the putter may have found no waker to wake.
            match self.token.swap(Slot::EMPTY, Ordering::Acquire) {
                Slot::EMPTY => Poll::Pending,
                token => Poll::Ready(token),
            }
        })
        .await
    }
}

/// Nanoseconds per hop of a token passed `hops` times round a ring of
/// `size` tasks.
async fn ring(size: usize, hops: u64) -> f64 {
    let slots: Vec<Arc<Slot>> = (0..size).map(|_| Slot::new()).collect();
    let done = Slot::new();
    for (index, slot) in slots.iter().enumerate() {
        let (slot, next, done) = (Arc::clone(slot), Arc::clone(&slots[(index + 1) % size]), Arc::clone(&done));
        tokio::spawn(async move {
            loop {
                match slot.take().await {
                    // The last hop: the driver stops its clock, and the
                    // tasks stop one after the other.
                    0 => {
                        done.put(0);
                        next.put(Slot::STOP);
                        return;
                    }
                    Slot::STOP => {
                        next.put(Slot::STOP);
                        return;
                    }
                    remaining => next.put(remaining - 1),
                }
            }
        });
    }
    let start = Instant::now();
    slots[0].put(hops);
    done.take().await;
    let elapsed = start.elapsed();
    elapsed.as_nanos() as f64 / hops as f64
}

/// Nanoseconds per round trip of `asks` sequential asks to one task, which
/// answers each number with the next.
async fn ask(asks: u64) -> f64 {
    let (request, reply) = (Slot::new(), Slot::new());
    let server = {
        let (request, reply) = (Arc::clone(&request), Arc::clone(&reply));
        tokio::spawn(async move {
            for _ in 0..asks {
                let number = request.take().await;
                reply.put(number + 1);
            }
        })
    };
    let start = Instant::now();
    let mut number = 0;
    for _ in 0..asks {
        request.put(number);
        number = reply.take().await;
    }
    let elapsed = start.elapsed();
    assert_eq!(number, asks, "each ask is answered with the next number");
    server.await.expect("the server ends after the last ask");
    elapsed.as_nanos() as f64 / asks as f64
}

fn main() {
    let cli = Cli::from_args();
    let (runs, hops, asks) = if cli.measuring { (RUNS, RING_HOPS, ASKS) } else { (1, 10_000, 1_000) };
    for flavour in Flavour::ALL {
        let id = format!("bare/{flavour}");
        if !cli.selects(&id) {
            continue;
        }
        let runtime = flavour.runtime();
        let (mut ring_hops, mut round_trips) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
        for _ in 0..runs {
            ring_hops.push(drive(&runtime, async move {
                let nanos = ring(RING_SIZE, hops).await;
                settle().await;
                nanos
            }));
            round_trips.push(drive(&runtime, async move {
                let nanos = ask(asks).await;
                settle().await;
                nanos
            }));
        }
        let (ring_hop, round_trip) = (median(&mut ring_hops), median(&mut round_trips));
        println!(
            "{id:<28} ring {ring_hop:>6.1} ns per hop  ask {round_trip:>6.1} ns per round trip  (medians of {runs})"
        );
        if cli.measuring {
            let fields = [("ring_ns", format!("{ring_hop:.1}")), ("ask_ns", format!("{round_trip:.1}"))];
            common::write_result(&["bare"], flavour, &fields);
        }
    }
}
