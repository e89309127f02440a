//! What the bench targets share: the runtimes, the driver harness, the
//! command line of the targets that do without criterion, and the actors
//! under test (`actors`) next to their hand-written twins (`baseline`).

#![allow(dead_code, reason = "each bench target uses part of this module")]

pub(crate) mod actors;
pub(crate) mod baseline;
pub(crate) mod runs;

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::runtime::{Builder, Handle, Runtime};

/// The two tokio runtimes every workload runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// One worker thread per core (tokio's default).
    MultiThread,
    /// Everything on the bench's thread.
    CurrentThread,
}

impl Flavour {
    pub(crate) const ALL: [Flavour; 2] = [Flavour::MultiThread, Flavour::CurrentThread];

    pub(crate) fn runtime(self) -> Runtime {
        let mut builder = match self {
            Flavour::MultiThread => Builder::new_multi_thread(),
            Flavour::CurrentThread => Builder::new_current_thread(),
        };
        builder.enable_all().build().expect("a tokio runtime")
    }
}

impl fmt::Display for Flavour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Flavour::MultiThread => "multi-thread",
            Flavour::CurrentThread => "current-thread",
        })
    }
}

/// The two implementations every workload is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Implementation {
    Greenroom,
    /// A tokio task looping over an mpsc channel of an enum, a oneshot per reply.
    Baseline,
}

impl Implementation {
    pub(crate) const ALL: [Implementation; 2] = [Implementation::Greenroom, Implementation::Baseline];
}

impl fmt::Display for Implementation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Implementation::Greenroom => "greenroom",
            Implementation::Baseline => "baseline",
        })
    }
}

/// Runs `driver` to completion as a task of `runtime`, so that on the
/// multi-thread runtime it is scheduled on a worker like the actors it
/// drives, not polled from the bench's own thread.
pub(crate) fn drive<F>(runtime: &Runtime, driver: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    runtime.block_on(async {
        match tokio::spawn(driver).await {
            Ok(output) => output,
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    })
}

/// Runs one workload `iterations` times and adds up the time each run
/// reports (its setup and teardown are not timed). After each run, waits
/// until the run's tasks are gone, so that no run overlaps the next.
pub(crate) async fn repeat<F, Fut>(iterations: u64, mut run: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Duration>,
{
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        total += run().await;
        settle().await;
    }
    total
}

/// Waits until the driver is the runtime's only task left: every actor and
/// sender task of the last run has ended.
///
/// # Panics
///
/// If some are still alive after ten seconds: an actor that does not stop
/// once its addresses are gone is a bug, not something to measure.
pub(crate) async fn settle() {
    let metrics = Handle::current().metrics();
    let deadline = Instant::now() + Duration::from_secs(10);
    while metrics.num_alive_tasks() > 1 {
        assert!(Instant::now() < deadline, "{} tasks still alive after a run", metrics.num_alive_tasks() - 1);
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// The command line of a bench target without criterion (`harness = false`
/// with its own `main`), read the way criterion reads it so that
/// `cargo bench -- FILTER` works across all targets.
#[derive(Debug)]
pub(crate) struct Cli {
    /// `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    /// then (or with `--test`, as criterion has it) a target only checks
    /// that it runs, on a small workload, and writes nothing.
    pub(crate) measuring: bool,
    filter: Option<String>,
}

impl Cli {
    /// criterion's options that take a value, which is then not a filter.
    const OPTIONS_WITH_VALUE: [&'static str; 17] = [
        "--color",
        "--save-baseline",
        "--baseline",
        "--baseline-lenient",
        "--format",
        "--profile-time",
        "--load-baseline",
        "--sample-size",
        "--warm-up-time",
        "--measurement-time",
        "--nresamples",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--plotting-backend",
        "--output-format",
        "--logfile",
    ];

    pub(crate) fn from_args() -> Cli {
        let mut cli = Cli { measuring: false, filter: None };
        let (mut bench, mut test) = (false, false);
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            if arg == "--bench" {
                bench = true;
            } else if arg == "--test" {
                test = true;
            } else if Cli::OPTIONS_WITH_VALUE.contains(&arg.as_str()) {
                let _value = args.next();
            } else if !arg.starts_with('-') {
                cli.filter = Some(arg);
            }
        }
        cli.measuring = bench && !test;
        cli
    }

    /// Whether the measurement named `id` (`memory/greenroom/multi-thread`)
    /// was asked for: every one, or those containing the filter.
    pub(crate) fn selects(&self, id: &str) -> bool {
        self.filter.as_deref().is_none_or(|filter| id.contains(filter))
    }
}

/// Where criterion writes its results, found the way criterion finds it:
/// `$CRITERION_HOME`, else `criterion` in cargo's target directory.
pub(crate) fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).or_else(target_dir_from_cargo);
    target.unwrap_or_else(|| PathBuf::from("target")).join("criterion")
}

/// The target directory cargo reports, for one set in a cargo config file.
fn target_dir_from_cargo() -> Option<PathBuf> {
    let cargo = std::env::var_os("CARGO")?;
    let output =
        std::process::Command::new(cargo).args(["metadata", "--format-version", "1", "--no-deps"]).output().ok()?;
    let metadata = String::from_utf8(output.stdout).ok()?;
    let key = "\"target_directory\":\"";
    let start = metadata.find(key)? + key.len();
    let mut path = String::new();
    let mut chars = metadata[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(PathBuf::from(path)),
            '\\' => path.push(chars.next()?),
            c => path.push(c),
        }
    }
    None
}

/// Writes one measurement of a target without criterion to
/// `PATH/FLAVOUR.json` in criterion's directory (`path` is
/// `["latency", "greenroom"]`, say), where `report.py` looks for it; one
/// file each, so that a filtered run replaces only what it measured.
/// `fields` are JSON numbers.
pub(crate) fn write_result(path: &[&str], flavour: Flavour, fields: &[(&str, String)]) {
    let dir = path.iter().fold(criterion_dir(), |dir, part| dir.join(part));
    let path = dir.join(format!("{flavour}.json"));
    let mut json = format!("{{\"flavour\": \"{flavour}\"");
    for (name, value) in fields {
        json.push_str(&format!(", \"{name}\": {value}"));
    }
    json.push_str("}\n");
    if let Err(error) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, json)) {
        eprintln!("could not write {}: {error}", path.display());
    }
}

/// Sorts `values` and returns their median.
pub(crate) fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    }
}
