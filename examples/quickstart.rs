//! The counter from the README: spawn an actor, ask, tell, stop.
//!
//! Run it with `cargo run --release --example quickstart`.

use std::time::Duration;

use greenroom::prelude::*;

/// A counter: its state is owned by its task and reached only by messages.
#[actor]
#[derive(Debug)]
pub struct Counter {
    count: u64,
}

#[actor]
impl Counter {
    /// Adds `by` and returns the new total.
    #[handler]
    pub fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }

    /// The current total.
    #[handler]
    pub async fn get(&self) -> u64 {
        self.count
    }

    /// Sets the total back to zero.
    #[handler]
    pub fn reset(&mut self, ctx: &mut Context<Self>) {
        self.count = 0;
        println!("  (reset by actor {})", ctx.id());
    }

    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        println!("  (counter {reason} with a total of {})", self.count);
    }
}

/// What the walk-through saw, for the test that runs it.
#[derive(Debug, PartialEq, Eq)]
pub struct Seen {
    /// The totals read along the way: after `add(5)`, after two more adds,
    /// after `reset()`, and after 4 tasks told 1,000 `add(1)` each.
    pub totals: Vec<u64>,
    /// Why the counter stopped.
    pub stopped: StopReason,
    /// What an ask after the stop got.
    pub after_stop: Result<u64, greenroom::Error>,
}

#[tokio::main]
async fn main() -> Result<(), greenroom::Error> {
    run().await?;
    Ok(())
}

/// The walk-through: spawn, ask, tell, try_tell, timeout, reset, many
/// senders, stop.
///
/// # Errors
///
/// If the counter refuses a message, which it does not while running.
pub async fn run() -> Result<Seen, greenroom::Error> {
    let mut totals = Vec::new();
    let counter: CounterAddr = Counter { count: 0 }.spawn();
    println!("spawned {counter:?}");

    let total = counter.add(5).await?;
    println!("ask   add(5)        -> {total}");
    totals.push(total);

    counter.add(1).tell().await?;
    println!("tell  add(1)        -> accepted, no reply awaited");

    counter.add(1).try_tell()?;
    println!("try   add(1)        -> accepted without waiting");

    let total = counter.get().timeout(Duration::from_millis(100)).await?;
    println!("ask   get()         -> {total}");
    totals.push(total);

    counter.reset().await?;
    let total = counter.get().await?;
    println!("ask   reset()       -> done; get() -> {total}");
    totals.push(total);

    // Many messages from many tasks: each is handled alone, in order per sender.
    let senders: Vec<_> = (0..4)
        .map(|_| {
            let counter = counter.clone();
            tokio::spawn(async move {
                for _ in 0..1_000 {
                    counter.add(1).tell().await?;
                }
                Ok::<_, greenroom::Error>(())
            })
        })
        .collect();
    for sender in senders {
        sender.await.expect("sender task")?;
    }
    let total = counter.get().await?;
    println!("4 tasks x 1000 tells -> get() = {total}");
    totals.push(total);

    counter.stop();
    let stopped = counter.wait_stopped().await;
    println!("stopped: {stopped}");

    let after_stop = counter.add(1).await;
    match &after_stop {
        Err(error) => println!("ask after stop -> error: {error}"),
        Ok(total) => println!("ask after stop -> {total}?! (a stopped actor must not answer)"),
    }
    Ok(Seen { totals, stopped, after_stop })
}
