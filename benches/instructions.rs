//! One run of each workload per implementation on the current-thread
//! runtime, for counting the instructions it takes with callgrind: a
//! measure that, unlike time on a shared virtual machine, comes out the same
//! from one run to the next. `benches/instructions.py` runs it under
//! valgrind and prints the table.
//!
//! Each workload runs once to warm up (the allocator's and the runtime's
//! caches), then once inside [`counted_run`], the function callgrind is told
//! to count (`--toggle-collect`). Everything the run does happens on this
//! thread, inside that function, on a current-thread runtime; the
//! multi-thread runtime's workers would be other threads, so it is left out.
//!
//! `cargo bench --bench instructions -- ring` runs (without valgrind, so
//! uncounted) the runs whose name (`instructions/ring/greenroom`) contains
//! the filter; `-- --test` runs each once.

mod common;

use common::runs::{self, Workload};
use tokio::runtime::Runtime;

use common::{drive, settle, Cli, Flavour, Implementation};

fn main() {
    let cli = Cli::from_args();
    for workload in &runs::ALL {
        for implementation in Implementation::ALL {
            let id = format!("instructions/{}/{implementation}", workload.name);
            if !cli.selects(&id) {
                continue;
            }
            let runtime = Flavour::CurrentThread.runtime();
            if cli.measuring {
                once(&runtime, workload, implementation);
            }
            counted_run(&runtime, workload, implementation);
            drive(&runtime, settle());
            // For instructions.py, which divides the count by the elements.
            println!("{id} elements {}", workload.elements);
        }
    }
}

/// The run callgrind counts. Not inlined, so that it stays a function that
/// `--toggle-collect` can name.
/// The run's teardown (its actors stopping) is left out, as the bench's
/// clock leaves it out.
#[inline(never)]
fn counted_run(runtime: &Runtime, workload: &'static Workload, implementation: Implementation) {
    drive(runtime, workload.run(implementation));
}

/// Runs the workload, then waits until its actors are gone.
fn once(runtime: &Runtime, workload: &'static Workload, implementation: Implementation) {
    drive(runtime, workload.run(implementation));
    drive(runtime, settle());
}
