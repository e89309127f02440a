//! The workloads of `workloads.rs`, greenroom and the baseline timed in
//! turns on the same runtime: the ratio of each pair, taken a second apart,
//! is steady even when the machine's speed is not (a shared virtual machine
//! can drift by a fifth between criterion's blocks of twenty seconds, which
//! time one implementation after the other).
//!
//! Prints, and writes for `report.py`, the median time of each
//! implementation and the median of the pairs' ratios. Which implementation
//! goes first alternates from pair to pair, so that neither always inherits
//! the heap the other has just grown; a first pair warms up and is not
//! counted.
//!
//! `cargo bench --bench paired`, or `cargo bench --bench paired -- ring`;
//! `cargo bench --bench paired -- --test` runs one pair of each, unrecorded.

mod common;

use common::runs::{self, Workload};
use common::{drive, median, settle, Cli, Flavour, Implementation};

/// Pairs counted per workload and runtime.
const PAIRS: usize = 10;

fn main() {
    let cli = Cli::from_args();
    let pairs = if cli.measuring { PAIRS } else { 1 };
    for workload in &runs::ALL {
        for flavour in Flavour::ALL {
            let id = format!("paired/{}/{flavour}", workload.name);
            if cli.selects(&id) {
                measure(&id, workload, flavour, pairs, cli.measuring);
            }
        }
    }
}

fn measure(id: &str, workload: &'static Workload, flavour: Flavour, pairs: usize, record: bool) {
    let runtime = flavour.runtime();
    let mut greenroom = Vec::with_capacity(pairs);
    let mut baseline = Vec::with_capacity(pairs);
    // The warm-up pair is number 0.
    for pair in 0..=pairs {
        let order = if pair % 2 == 0 {
            [Implementation::Greenroom, Implementation::Baseline]
        } else {
            [Implementation::Baseline, Implementation::Greenroom]
        };
        for implementation in order {
            let elapsed = drive(&runtime, async move {
                let elapsed = workload.run(implementation).await;
                settle().await;
                elapsed
            });
            if pair > 0 {
                let per_element = elapsed.as_nanos() as f64 / workload.elements as f64;
                match implementation {
                    Implementation::Greenroom => greenroom.push(per_element),
                    Implementation::Baseline => baseline.push(per_element),
                }
            }
        }
    }
    let mut ratios: Vec<f64> = greenroom.iter().zip(&baseline).map(|(g, b)| g / b).collect();
    let (ratio, low, high) = (median(&mut ratios), ratios[0], ratios[ratios.len() - 1]);
    let (greenroom, baseline) = (median(&mut greenroom), median(&mut baseline));
    println!(
        "{id:<32} greenroom {greenroom:>9.1} ns  baseline {baseline:>9.1} ns  ratio {ratio:.2} \
         (pairs from {low:.2} to {high:.2}; medians of {pairs})"
    );
    if record {
        let fields = [
            ("greenroom_ns", format!("{greenroom:.2}")),
            ("baseline_ns", format!("{baseline:.2}")),
            ("ratio", format!("{ratio:.4}")),
            ("ratio_low", format!("{low:.4}")),
            ("ratio_high", format!("{high:.4}")),
            ("pairs", pairs.to_string()),
        ];
        common::write_result(&["paired", workload.name], flavour, &fields);
    }
}
