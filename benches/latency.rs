//! The spread of single asks: p50 and p99 of 200,000 sequential asks to one
//! actor, each timed on its own, greenroom's next to the hand-written
//! baseline's, on both runtimes. Criterion times batches, not single
//! operations, so this target has its own `main`.
//!
//! The results are printed, and written under `latency/` in criterion's
//! directory for `report.py`. Run with `cargo bench --bench latency`.

mod common;

use std::time::Instant;

use greenroom::prelude::*;

use common::{actors, baseline, Cli, Flavour, Implementation};

const ASKS: usize = 200_000;
/// Asks before the timed ones, so that caches and the runtime are warm.
const WARM_UP_ASKS: usize = 10_000;
/// What `cargo test --benches` asks: enough to see that it runs.
const ASKS_WHEN_TESTING: usize = 1_000;

/// Nanoseconds taken by each of `asks` asks, sorted.
async fn greenroom_asks(asks: usize) -> Vec<u64> {
    let counter = actors::Counter::new(0).spawn();
    for _ in 0..WARM_UP_ASKS {
        counter.add(1).await.expect("the counter answers");
    }
    let mut nanos = Vec::with_capacity(asks);
    let mut count = 0;
    for _ in 0..asks {
        let start = Instant::now();
        count = counter.add(1).await.expect("the counter answers");
        nanos.push(elapsed_nanos(start));
    }
    assert_eq!(count, (WARM_UP_ASKS + asks) as u64);
    nanos.sort_unstable();
    nanos
}

/// As `greenroom_asks`, for the baseline.
async fn baseline_asks(asks: usize) -> Vec<u64> {
    let counter = baseline::Counter::spawn(0);
    for _ in 0..WARM_UP_ASKS {
        counter.add(1).await;
    }
    let mut nanos = Vec::with_capacity(asks);
    let mut count = 0;
    for _ in 0..asks {
        let start = Instant::now();
        count = counter.add(1).await;
        nanos.push(elapsed_nanos(start));
    }
    assert_eq!(count, (WARM_UP_ASKS + asks) as u64);
    nanos.sort_unstable();
    nanos
}

fn elapsed_nanos(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// The `percent`th percentile of `sorted` (nearest rank).
fn percentile(sorted: &[u64], percent: usize) -> u64 {
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn main() {
    let cli = Cli::from_args();
    let asks = if cli.measuring { ASKS } else { ASKS_WHEN_TESTING };
    for flavour in Flavour::ALL {
        for implementation in Implementation::ALL {
            let id = format!("latency/{implementation}/{flavour}");
            if !cli.selects(&id) {
                continue;
            }
            let runtime = flavour.runtime();
            let nanos = common::drive(&runtime, async move {
                match implementation {
                    Implementation::Greenroom => greenroom_asks(asks).await,
                    Implementation::Baseline => baseline_asks(asks).await,
                }
            });
            let (p50, p99, max) = (percentile(&nanos, 50), percentile(&nanos, 99), nanos[nanos.len() - 1]);
            println!("{id:<36} p50 {p50:>6} ns  p99 {p99:>7} ns  max {max:>9} ns");
            if cli.measuring {
                let fields = [("asks", asks.to_string()), ("p50_ns", p50.to_string()), ("p99_ns", p99.to_string())];
                common::write_result(&["latency", &implementation.to_string()], flavour, &fields);
            }
        }
    }
}
