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

#[tokio::main]
async fn main() -> Result<(), greenroom::Error> {
    let counter: CounterAddr = Counter { count: 0 }.spawn();
    println!("spawned {counter:?}");

    let total = counter.add(5).await?;
    println!("ask   add(5)        -> {total}");

    counter.add(1).tell().await?;
    println!("tell  add(1)        -> accepted, no reply awaited");

    counter.add(1).try_tell()?;
    println!("try   add(1)        -> accepted without waiting");

    let total = counter.get().timeout(Duration::from_millis(100)).await?;
    println!("ask   get()         -> {total}");

    counter.reset().await?;
    println!("ask   reset()       -> done; get() -> {}", counter.get().await?);

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
    println!("4 tasks x 1000 tells -> get() = {}", counter.get().await?);

    counter.stop();
    let reason = counter.wait_stopped().await;
    println!("stopped: {reason}");

    match counter.add(1).await {
        Err(error) => println!("ask after stop -> error: {error}"),
        Ok(total) => unreachable!("a stopped actor answered {total}"),
    }
    Ok(())
}
