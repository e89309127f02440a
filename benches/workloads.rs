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

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};

use common::runs::{self, Workload};
use common::{repeat, Flavour, Implementation};

/// Benches each workload: greenroom and the baseline, on both runtimes,
/// each on a fresh runtime; one criterion iteration is one run.
fn all(c: &mut Criterion) {
    for workload in &runs::ALL {
        bench(c, workload);
    }
}

fn bench(c: &mut Criterion, workload: &'static Workload) {
    let mut group = c.benchmark_group(workload.name);
    // Each iteration takes from a tenth of a second to seconds: the same
    // number of iterations per sample keeps the number of runs low.
    group.sampling_mode(SamplingMode::Flat).throughput(Throughput::Elements(workload.elements));
    for flavour in Flavour::ALL {
        for implementation in Implementation::ALL {
            let runtime = flavour.runtime();
            group.bench_function(BenchmarkId::new(implementation.to_string(), flavour), |b| {
                b.iter_custom(|iterations| {
                    common::drive(&runtime, repeat(iterations, move || workload.run(implementation)))
                });
            });
        }
    }
    group.finish();
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
    targets = all
}
criterion_main!(workloads);
