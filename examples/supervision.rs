//! A small supervision tree with a flaky worker, printing restarts as they
//! happen.
//!
//! ```text
//! root (one-for-one)
//! ├── store          keeps the results; never fails
//! └── workers (one-for-one, exponential backoff)
//!     └── worker     fails on every 4th job
//! ```
//!
//! The worker's address, handed out before the tree starts, keeps working
//! across every restart; jobs queued behind a failing one are handled by the
//! next instance. At the end the whole tree shuts down gracefully.
//!
//! Run it with `cargo run --example supervision`. A long-running program
//! would end with `root.shutdown_on_ctrl_c(deadline).await` instead.

use std::future::IntoFuture;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures::stream::{FuturesOrdered, StreamExt};
use futures::FutureExt;

use greenroom::prelude::*;
use greenroom::supervisor::{Backoff, Supervisor, SupervisorAddr};

/// Keeps the results of the jobs that succeeded.
#[actor]
#[derive(Debug, Default)]
pub struct Store {
    results: Vec<u64>,
}

#[actor]
impl Store {
    /// Records one result.
    #[handler]
    pub fn record(&mut self, result: u64) {
        self.results.push(result);
    }

    /// Every result recorded so far.
    #[handler]
    pub fn results(&self) -> Vec<u64> {
        self.results.clone()
    }
}

/// Squares numbers, but fails on every 4th job.
#[actor]
#[derive(Debug)]
pub struct Worker {
    store: StoreAddr,
    /// Which instance this is, counted across restarts.
    instance: u64,
}

#[actor]
impl Worker {
    #[on_start]
    fn started(&mut self) {
        if self.instance > 1 {
            println!("  worker restarted (instance {})", self.instance);
        }
    }

    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        println!("  worker instance {} stopped: {reason}", self.instance);
    }

    /// Which instance is running.
    #[handler]
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// Squares `job`, keeps the result in the store and returns it.
    #[handler]
    pub async fn process(&mut self, job: u64) -> u64 {
        assert!(!job.is_multiple_of(4), "flaky hardware on job {job}");
        let result = job * job;
        // A tell: the store is another actor, and it is not waited for.
        let _ = self.store.record(result).tell().await;
        result
    }
}

/// What the run saw, for the test that runs it.
#[derive(Debug)]
pub struct Outcome {
    /// Jobs answered with a result.
    pub answered: Vec<u64>,
    /// Jobs whose handler failed.
    pub failed: Vec<u64>,
    /// How many times the worker was restarted.
    pub restarts: u64,
    /// The results in the store at the end.
    pub stored: Vec<u64>,
    /// How many actors the shutdown had to kill.
    pub killed: usize,
}

/// Builds the tree, sends `jobs` jobs to the worker, then shuts down.
pub async fn run(jobs: u64) -> Result<Outcome, greenroom::Error> {
    let mut root = Supervisor::one_for_one().max_restarts(10, Duration::from_secs(10));
    let store: StoreAddr = root.child(Store::default);

    let instances = Arc::new(AtomicU64::new(0));
    let mut workers = Supervisor::one_for_one()
        .max_restarts(jobs.try_into().unwrap_or(u32::MAX), Duration::from_secs(10))
        .backoff(Backoff::Exponential { initial: Duration::from_millis(1), max: Duration::from_millis(20) });
    let worker: WorkerAddr = {
        let (store, instances) = (store.clone(), Arc::clone(&instances));
        workers.child(move || Worker { store: store.clone(), instance: instances.fetch_add(1, Ordering::SeqCst) + 1 })
    };
    let _workers: SupervisorAddr = root.supervisor(workers);
    let root = root.spawn();

    // Every job is sent at once, so failures happen with jobs queued
    // behind them; the replies are printed in order as they come.
    let mut replies: FuturesOrdered<_> =
        (1..=jobs).map(|job| worker.process(job).into_future().map(move |reply| (job, reply))).collect();
    let mut outcome = Outcome { answered: Vec::new(), failed: Vec::new(), restarts: 0, stored: Vec::new(), killed: 0 };
    while let Some((job, reply)) = replies.next().await {
        match reply {
            Ok(square) => {
                println!("job {job:>2} -> {square}");
                outcome.answered.push(job);
            }
            Err(error) => {
                println!("job {job:>2} failed: {error}");
                outcome.failed.push(job);
            }
        }
    }
    drop(replies);
    outcome.stored = store.results().await?;
    // Asked after every job: answered by the instance started after the last failure.
    outcome.restarts = worker.instance().await? - 1;

    let report = root.shutdown(Duration::from_secs(5)).await;
    outcome.killed = report.killed().count();
    println!("shut down: {} actors stopped, {} killed", report.actors().len(), outcome.killed);
    Ok(outcome)
}

#[tokio::main]
async fn main() -> Result<(), greenroom::Error> {
    // The failures are the point of the example, and the supervisor handles
    // them: keep the default hook from printing each panic with a backtrace.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = run(12).await?;
    println!(
        "{} jobs answered, {} failed, {} restarts, {} results stored",
        outcome.answered.len(),
        outcome.failed.len(),
        outcome.restarts,
        outcome.stored.len()
    );
    Ok(())
}
