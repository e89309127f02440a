use greenroom::prelude::*;

#[actor]
pub struct Counter { count: u64 }

#[actor]
impl Counter {
    /// Adds `by` and returns the new total.
    #[handler]
    pub fn add(&mut self, by: u64) -> u64 { self.count += by; self.count }

    #[handler]
    pub async fn get(&self) -> u64 { self.count }

    #[handler]
    pub fn reset(&mut self, ctx: &mut Context<Self>) { self.count = 0; let _me = ctx.addr(); }
}

#[tokio::main]
async fn main() -> Result<(), greenroom::Error> {
    let counter: CounterAddr = Counter { count: 0 }.spawn();          // default bounded mailbox
    let other = Counter { count: 0 }.spawn_with(Mailbox::unbounded());  // or Mailbox::bounded(n)
    assert_eq!(counter.add(5).await?, 5);                 // ask: awaits the reply
    counter.add(1).tell().await?;                         // tell: waits only for mailbox room
    counter.add(1).try_tell()?;                           // never waits; full mailbox is an error
    let n = counter.get().timeout(std::time::Duration::from_millis(100)).await?;
    counter.stop();                                       // graceful: handles what is queued, then stops
    let _reason = counter.wait_stopped().await;
    assert!(counter.add(1).await.is_err());               // a stopped actor answers with an error, never a hang
    Ok(())
}
