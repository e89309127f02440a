//! The timed workloads of issue 5, for greenroom and for the hand-written
//! baseline (`common/baseline.rs`), each on a multi-thread and a
//! current-thread runtime: tell, ask, spawn, fan-in, ring and skynet.
//!
//! One criterion iteration is one whole workload (a million tells, say), so
//! criterion's time is per workload and its throughput gives the time per
//! message, round trip, actor or hop. Only the workload itself is timed: the
//! actors a workload starts from are spawned before the clock starts, and
//! stopped after it stops. Each workload checks its result.
//!
//! `cargo bench --bench workloads`, or `cargo bench --bench workloads -- ring`
//! for one workload; `benches/README.md` says more.

mod common;

use std::future::Future;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use greenroom::prelude::*;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use common::{actors, baseline, repeat, Flavour, Implementation};

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

/// Benches one workload: greenroom and the baseline, on both runtimes, each
/// on a fresh runtime. `elements` is what the workload counts (messages,
/// round trips, actors, hops); `greenroom` and `baseline` run it a given
/// number of times and return the time it took.
fn workload<G, GF, B, BF>(c: &mut Criterion, name: &str, elements: u64, greenroom: G, baseline: B)
where
    G: Fn(u64) -> GF,
    GF: Future<Output = Duration> + Send + 'static,
    B: Fn(u64) -> BF,
    BF: Future<Output = Duration> + Send + 'static,
{
    let mut group = c.benchmark_group(name);
    // Each iteration takes from a tenth of a second to seconds: the same
    // number of iterations per sample keeps the number of runs low.
    group.sampling_mode(SamplingMode::Flat).throughput(Throughput::Elements(elements));
    for flavour in Flavour::ALL {
        for implementation in Implementation::ALL {
            let runtime = flavour.runtime();
            group.bench_function(BenchmarkId::new(implementation.to_string(), flavour), |b| {
                b.iter_custom(|iterations| match implementation {
                    Implementation::Greenroom => common::drive(&runtime, greenroom(iterations)),
                    Implementation::Baseline => common::drive(&runtime, baseline(iterations)),
                });
            });
        }
    }
    group.finish();
}

/// 1 sender, 1,000,000 tells to one actor, closed by one ask.
fn tell(c: &mut Criterion) {
    workload(
        c,
        "tell",
        TELLS,
        |iterations| {
            repeat(iterations, || async {
                let counter = actors::Counter::new(0).spawn();
                let start = Instant::now();
                for _ in 0..TELLS {
                    counter.add(1).tell().await.expect("the counter is running");
                }
                let count = counter.add(0).await.expect("the counter answers");
                let elapsed = start.elapsed();
                assert_eq!(count, TELLS);
                elapsed
            })
        },
        |iterations| {
            repeat(iterations, || async {
                let counter = baseline::Counter::spawn(0);
                let start = Instant::now();
                for _ in 0..TELLS {
                    counter.tell_add(1).await;
                }
                let count = counter.add(0).await;
                let elapsed = start.elapsed();
                assert_eq!(count, TELLS);
                elapsed
            })
        },
    );
}

/// 200,000 sequential asks to one actor.
fn ask(c: &mut Criterion) {
    workload(
        c,
        "ask",
        ASKS,
        |iterations| {
            repeat(iterations, || async {
                let counter = actors::Counter::new(0).spawn();
                let start = Instant::now();
                let mut count = 0;
                for _ in 0..ASKS {
                    count = counter.add(1).await.expect("the counter answers");
                }
                let elapsed = start.elapsed();
                assert_eq!(count, ASKS);
                elapsed
            })
        },
        |iterations| {
            repeat(iterations, || async {
                let counter = baseline::Counter::spawn(0);
                let start = Instant::now();
                let mut count = 0;
                for _ in 0..ASKS {
                    count = counter.add(1).await;
                }
                let elapsed = start.elapsed();
                assert_eq!(count, ASKS);
                elapsed
            })
        },
    );
}

/// 100,000 actors spawned, then each asked once for its number.
fn spawn(c: &mut Criterion) {
    const SUM: u64 = SPAWNS * (SPAWNS - 1) / 2;
    workload(
        c,
        "spawn",
        SPAWNS,
        |iterations| {
            repeat(iterations, || async {
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
            })
        },
        |iterations| {
            repeat(iterations, || async {
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
            })
        },
    );
}

/// 4 concurrent senders, 250,000 tells each, to one actor, closed by one ask.
fn fan_in(c: &mut Criterion) {
    const TOTAL: u64 = FAN_IN_SENDERS * FAN_IN_TELLS;
    workload(
        c,
        "fan-in",
        TOTAL,
        |iterations| {
            repeat(iterations, || async {
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
            })
        },
        |iterations| {
            repeat(iterations, || async {
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
            })
        },
    );
}

/// 1,000 actors in a ring, each holding the next one's address, pass a
/// token 1,000,000 hops; the actor it started from tells the driver.
fn ring(c: &mut Criterion) {
    workload(
        c,
        "ring",
        RING_HOPS,
        |iterations| {
            repeat(iterations, || async {
                let nodes: Vec<actors::RingNodeAddr> =
                    (0..RING_SIZE).map(|_| actors::RingNode::default().spawn()).collect();
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
            })
        },
        |iterations| {
            repeat(iterations, || async {
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
            })
        },
    );
}

/// A tree of 111,111 actors, ten children each, summing the numbers of its
/// 100,000 leaves.
fn skynet(c: &mut Criterion) {
    const SUM: u64 = SKYNET_LEAVES * (SKYNET_LEAVES - 1) / 2;
    workload(
        c,
        "skynet",
        SKYNET_ACTORS,
        |iterations| {
            repeat(iterations, || async {
                let start = Instant::now();
                let root = actors::SkynetNode.spawn();
                let sum = root.sum(0, SKYNET_LEAVES).await.expect("the root answers");
                let elapsed = start.elapsed();
                assert_eq!(sum, SUM);
                elapsed
            })
        },
        |iterations| {
            repeat(iterations, || async {
                let start = Instant::now();
                let root = baseline::SkynetNode::spawn();
                let sum = root.sum(0, SKYNET_LEAVES).await;
                let elapsed = start.elapsed();
                assert_eq!(sum, SUM);
                elapsed
            })
        },
    );
}

criterion_group! {
    name = workloads;
    // Ten samples and these times keep the whole suite near ten minutes on
    // two cores (24 benches of about 25 s, setup and teardown included);
    // command-line options (`--measurement-time`) override them.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(20));
    targets = tell, ask, spawn, fan_in, ring, skynet
}
criterion_main!(workloads);
