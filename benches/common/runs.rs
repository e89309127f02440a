//! The workloads of issue 5, one run each, for greenroom and for the
//! hand-written baseline: what `workloads.rs` (criterion) and `paired.rs`
//! (greenroom and baseline in turns) time. Each run spawns what it starts
//! from before its clock starts, times only the workload, checks its
//! result, and returns the time it took.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use greenroom::prelude::*;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::{actors, baseline, Implementation};

const TELLS: u64 = 1_000_000;
const ASKS: u64 = 200_000;
const SPAWNS: u64 = 100_000;
const FAN_IN_SENDERS: u64 = 4;
const FAN_IN_TELLS: u64 = 250_000;
const RING_SIZE: usize = 1_000;
const RING_HOPS: u64 = 1_000_000;
/// Leaves of the skynet tree; with ten children per node the tree has
/// 100,000 + 10,000 + ... + 1 = 111,111 actors.
const SKYNET_LEAVES: u64 = 100_000;
const SKYNET_ACTORS: u64 = 111_111;

// The token ends at the actor it started from, which holds the driver's
// `done`.
const _: () = assert!(RING_HOPS.is_multiple_of(RING_SIZE as u64));

/// One run of a workload, as a boxed future (one box per run of up to a
/// million messages).
pub(crate) type Run = fn() -> Pin<Box<dyn Future<Output = Duration> + Send>>;

/// A workload: its name, what it counts, and a run of each implementation.
pub(crate) struct Workload {
    pub(crate) name: &'static str,
    /// Messages, round trips, actors or hops in one run.
    pub(crate) elements: u64,
    greenroom: Run,
    baseline: Run,
}

impl Workload {
    pub(crate) fn run(&self, implementation: Implementation) -> Pin<Box<dyn Future<Output = Duration> + Send>> {
        match implementation {
            Implementation::Greenroom => (self.greenroom)(),
            Implementation::Baseline => (self.baseline)(),
        }
    }
}

/// Every workload timed per operation, in the order of issue 5 (memory and
/// latency have targets of their own).
pub(crate) const ALL: [Workload; 6] = [
    Workload {
        name: "tell",
        elements: TELLS,
        greenroom: || Box::pin(tell_greenroom()),
        baseline: || Box::pin(tell_baseline()),
    },
    Workload {
        name: "ask",
        elements: ASKS,
        greenroom: || Box::pin(ask_greenroom()),
        baseline: || Box::pin(ask_baseline()),
    },
    Workload {
        name: "spawn",
        elements: SPAWNS,
        greenroom: || Box::pin(spawn_greenroom()),
        baseline: || Box::pin(spawn_baseline()),
    },
    Workload {
        name: "fan-in",
        elements: FAN_IN_SENDERS * FAN_IN_TELLS,
        greenroom: || Box::pin(fan_in_greenroom()),
        baseline: || Box::pin(fan_in_baseline()),
    },
    Workload {
        name: "ring",
        elements: RING_HOPS,
        greenroom: || Box::pin(ring_greenroom()),
        baseline: || Box::pin(ring_baseline()),
    },
    Workload {
        name: "skynet",
        elements: SKYNET_ACTORS,
        greenroom: || Box::pin(skynet_greenroom()),
        baseline: || Box::pin(skynet_baseline()),
    },
];

/// 1 sender, 1,000,000 tells to one actor, closed by one ask.
async fn tell_greenroom() -> Duration {
    let counter = actors::Counter::new(0).spawn();
    let start = Instant::now();
    for _ in 0..TELLS {
        counter.add(1).tell().await.expect("the counter is running");
    }
    let count = counter.add(0).await.expect("the counter answers");
    let elapsed = start.elapsed();
    assert_eq!(count, TELLS);
    elapsed
}

/// 1 sender, 1,000,000 tells to one actor, closed by one ask.
async fn tell_baseline() -> Duration {
    let counter = baseline::Counter::spawn(0);
    let start = Instant::now();
    for _ in 0..TELLS {
        counter.tell_add(1).await;
    }
    let count = counter.add(0).await;
    let elapsed = start.elapsed();
    assert_eq!(count, TELLS);
    elapsed
}

/// 200,000 sequential asks to one actor.
async fn ask_greenroom() -> Duration {
    let counter = actors::Counter::new(0).spawn();
    let start = Instant::now();
    let mut count = 0;
    for _ in 0..ASKS {
        count = counter.add(1).await.expect("the counter answers");
    }
    let elapsed = start.elapsed();
    assert_eq!(count, ASKS);
    elapsed
}

/// 200,000 sequential asks to one actor.
async fn ask_baseline() -> Duration {
    let counter = baseline::Counter::spawn(0);
    let start = Instant::now();
    let mut count = 0;
    for _ in 0..ASKS {
        count = counter.add(1).await;
    }
    let elapsed = start.elapsed();
    assert_eq!(count, ASKS);
    elapsed
}

/// 100,000 actors spawned, then each asked once for its number.
async fn spawn_greenroom() -> Duration {
    const SUM: u64 = SPAWNS * (SPAWNS - 1) / 2;
    let mut counters = Vec::with_capacity(SPAWNS as usize);
    let start = Instant::now();
    counters.extend((0..SPAWNS).map(|number| actors::Counter::new(number).spawn()));
    let mut sum = 0;
    for counter in &counters {
        sum += counter.add(0).await.expect("the counter answers");
    }
    let elapsed = start.elapsed();
    assert_eq!(sum, SUM);
    elapsed
}

/// 100,000 actors spawned, then each asked once for its number.
async fn spawn_baseline() -> Duration {
    const SUM: u64 = SPAWNS * (SPAWNS - 1) / 2;
    let mut counters = Vec::with_capacity(SPAWNS as usize);
    let start = Instant::now();
    counters.extend((0..SPAWNS).map(baseline::Counter::spawn));
    let mut sum = 0;
    for counter in &counters {
        sum += counter.add(0).await;
    }
    let elapsed = start.elapsed();
    assert_eq!(sum, SUM);
    elapsed
}

/// 4 concurrent senders, 250,000 tells each, to one actor, closed by one ask.
async fn fan_in_greenroom() -> Duration {
    const TOTAL: u64 = FAN_IN_SENDERS * FAN_IN_TELLS;
    let counter = actors::Counter::new(0).spawn();
    let start = Instant::now();
    let senders: Vec<JoinHandle<()>> = (0..FAN_IN_SENDERS)
        .map(|_| {
            let counter = counter.clone();
            tokio::spawn(async move {
                for _ in 0..FAN_IN_TELLS {
                    counter.add(1).tell().await.expect("the counter is running");
                }
            })
        })
        .collect();
    for sender in senders {
        sender.await.expect("a sender finishes");
    }
    let count = counter.add(0).await.expect("the counter answers");
    let elapsed = start.elapsed();
    assert_eq!(count, TOTAL);
    elapsed
}

/// 4 concurrent senders, 250,000 tells each, to one actor, closed by one ask.
async fn fan_in_baseline() -> Duration {
    const TOTAL: u64 = FAN_IN_SENDERS * FAN_IN_TELLS;
    let counter = baseline::Counter::spawn(0);
    let start = Instant::now();
    let senders: Vec<JoinHandle<()>> = (0..FAN_IN_SENDERS)
        .map(|_| {
            let counter = counter.clone();
            tokio::spawn(async move {
                for _ in 0..FAN_IN_TELLS {
                    counter.tell_add(1).await;
                }
            })
        })
        .collect();
    for sender in senders {
        sender.await.expect("a sender finishes");
    }
    let count = counter.add(0).await;
    let elapsed = start.elapsed();
    assert_eq!(count, TOTAL);
    elapsed
}

/// 1,000 actors in a ring, each holding the next one's address, pass a
/// token 1,000,000 hops; the actor it started from tells the driver.
async fn ring_greenroom() -> Duration {
    let nodes: Vec<actors::RingNodeAddr> = (0..RING_SIZE).map(|_| actors::RingNode::default().spawn()).collect();
    for (node, next) in nodes.iter().zip(nodes.iter().cycle().skip(1)) {
        node.link(next.clone()).await.expect("the ring node is running");
    }
    let (done, back) = oneshot::channel();
    let start = Instant::now();
    nodes[0].start(RING_HOPS, done).tell().await.expect("the ring node is running");
    back.await.expect("the token comes back");
    let elapsed = start.elapsed();
    let mut passes = 0;
    for node in &nodes {
        passes += node.unlink().await.expect("the ring node answers");
    }
    assert_eq!(passes, RING_HOPS);
    elapsed
}

/// 1,000 actors in a ring, each holding the next one's address, pass a
/// token 1,000,000 hops; the actor it started from tells the driver.
async fn ring_baseline() -> Duration {
    let nodes: Vec<baseline::RingNode> = (0..RING_SIZE).map(|_| baseline::RingNode::spawn()).collect();
    for (node, next) in nodes.iter().zip(nodes.iter().cycle().skip(1)) {
        node.link(next.clone()).await;
    }
    let (done, back) = oneshot::channel();
    let start = Instant::now();
    nodes[0].start(RING_HOPS, done).await;
    back.await.expect("the token comes back");
    let elapsed = start.elapsed();
    let mut passes = 0;
    for node in &nodes {
        passes += node.unlink().await;
    }
    assert_eq!(passes, RING_HOPS);
    elapsed
}

/// A tree of 111,111 actors, ten children each, summing the numbers of its
/// 100,000 leaves.
async fn skynet_greenroom() -> Duration {
    const SUM: u64 = SKYNET_LEAVES * (SKYNET_LEAVES - 1) / 2;
    let start = Instant::now();
    let root = actors::SkynetNode.spawn();
    let sum = root.sum(0, SKYNET_LEAVES).await.expect("the root answers");
    let elapsed = start.elapsed();
    assert_eq!(sum, SUM);
    elapsed
}

/// A tree of 111,111 actors, ten children each, summing the numbers of its
/// 100,000 leaves.
async fn skynet_baseline() -> Duration {
    const SUM: u64 = SKYNET_LEAVES * (SKYNET_LEAVES - 1) / 2;
    let start = Instant::now();
    let root = baseline::SkynetNode::spawn();
    let sum = root.sum(0, SKYNET_LEAVES).await;
    let elapsed = start.elapsed();
    assert_eq!(sum, SUM);
    elapsed
}
