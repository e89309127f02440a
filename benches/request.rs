//! Round trips and one-way sends to one actor, next to the same work done by
//! a hand-written tokio actor (an enum over an mpsc channel, a oneshot per
//! reply): the floor greenroom is measured against.
//!
//! Run with `cargo bench --bench request`.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use greenroom::prelude::*;
use tokio::sync::{mpsc, oneshot};

#[actor]
struct Counter {
    count: u64,
}

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }
}

/// The baseline: what a careful user writes by hand with tokio alone.
enum BaselineMessage {
    Add { by: u64, reply: Option<oneshot::Sender<u64>> },
}

fn spawn_baseline(capacity: usize) -> mpsc::Sender<BaselineMessage> {
    let (sender, mut receiver) = mpsc::channel(capacity);
    tokio::spawn(async move {
        let mut count = 0_u64;
        while let Some(message) = receiver.recv().await {
            match message {
                BaselineMessage::Add { by, reply } => {
                    count += by;
                    if let Some(reply) = reply {
                        let _ = reply.send(count);
                    }
                }
            }
        }
    });
    sender
}

async fn baseline_ask(sender: &mpsc::Sender<BaselineMessage>, by: u64) -> u64 {
    let (reply, answer) = oneshot::channel();
    sender.send(BaselineMessage::Add { by, reply: Some(reply) }).await.expect("baseline running");
    answer.await.expect("baseline replies")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().build().expect("a runtime")
}

fn ask(c: &mut Criterion) {
    let mut group = c.benchmark_group("ask (current-thread)");
    group.bench_function("greenroom", |b| {
        b.iter_custom(|iterations| {
            runtime().block_on(async {
                let counter = Counter { count: 0 }.spawn();
                let start = Instant::now();
                for _ in 0..iterations {
                    std::hint::black_box(counter.add(1).await.expect("running"));
                }
                start.elapsed()
            })
        });
    });
    group.bench_function("tokio baseline", |b| {
        b.iter_custom(|iterations| {
            runtime().block_on(async {
                let sender = spawn_baseline(64);
                let start = Instant::now();
                for _ in 0..iterations {
                    std::hint::black_box(baseline_ask(&sender, 1).await);
                }
                start.elapsed()
            })
        });
    });
    group.finish();
}

fn tell(c: &mut Criterion) {
    let mut group = c.benchmark_group("tell then one ask (current-thread)");
    group.bench_function("greenroom", |b| {
        b.iter_custom(|iterations| {
            runtime().block_on(async {
                let counter = Counter { count: 0 }.spawn();
                let start = Instant::now();
                for _ in 0..iterations {
                    counter.add(1).tell().await.expect("running");
                }
                counter.add(0).await.expect("running");
                start.elapsed()
            })
        });
    });
    group.bench_function("tokio baseline", |b| {
        b.iter_custom(|iterations| {
            runtime().block_on(async {
                let sender = spawn_baseline(64);
                let start = Instant::now();
                for _ in 0..iterations {
                    sender.send(BaselineMessage::Add { by: 1, reply: None }).await.expect("running");
                }
                baseline_ask(&sender, 0).await;
                start.elapsed()
            })
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = ask, tell
}
criterion_main!(benches);
