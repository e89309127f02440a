//! What the generated and runtime types promise at the type level: an address
//! can be shared across tasks and threads, and so can the futures of its
//! requests.

use std::fmt::Debug;
use std::hash::Hash;

use greenroom::prelude::*;
use greenroom::{Ask, Error, Request, Tell};

/// Counts.
#[actor]
#[derive(Debug)]
pub struct Counter {
    count: u64,
}

#[actor]
impl Counter {
    /// Adds `by`.
    #[handler]
    pub fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }
}

fn address<T: Clone + Send + Sync + Debug + Eq + Hash + 'static>() {}
fn shareable<T: Send + Sync + 'static>() {}
fn sendable<T: Send>() {}
fn error<T: std::error::Error + Send + Sync + Clone + Eq + 'static>() {}

#[test]
fn addresses_and_requests_cross_tasks_and_threads() {
    address::<CounterAddr>();
    address::<Addr<Counter>>();
    shareable::<WeakAddr<Counter>>();
    shareable::<CounterMessage>();
    sendable::<Request<'static, Counter, u64>>();
    sendable::<Ask<'static, Counter, u64>>();
    sendable::<Tell<'static, Counter>>();
    error::<Error>();
    shareable::<StopReason>();
    shareable::<Mailbox>();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ask_can_be_awaited_inside_a_spawned_task() {
    let counter = Counter { count: 0 }.spawn();
    let task = tokio::spawn(async move { counter.add(1).await });
    assert_eq!(task.await.unwrap(), Ok(1));
}

#[test]
fn typed_and_untyped_addresses_convert_and_compare() {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let _guard = runtime.enter();
    let counter = Counter { count: 0 }.spawn();
    let other = Counter { count: 0 }.spawn();
    let untyped: Addr<Counter> = counter.clone().into();
    assert_eq!(CounterAddr::from(untyped.clone()), counter);
    assert_ne!(counter, other);
    assert_eq!(untyped.id(), counter.id());
    assert!(format!("{counter:?}").starts_with("CounterAddr { id: #"), "{counter:?}");
}
