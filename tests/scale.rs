//! Actors are cheap, and a blocked one never stalls the others.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use greenroom::prelude::*;
use tokio::sync::oneshot;

#[actor]
struct Cell {
    value: u64,
}

#[actor]
impl Cell {
    #[handler]
    fn value(&self) -> u64 {
        self.value
    }

    #[handler]
    async fn wait_forever(&self) {
        std::future::pending::<()>().await;
    }

    #[handler]
    fn spin_until(&self, started: oneshot::Sender<()>, stop: Arc<AtomicBool>) {
        started.send(()).unwrap();
        // Blocks its worker thread outright, as a careless handler might.
        while !stop.load(Ordering::Acquire) {
            std::hint::spin_loop();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_thousand_actors_each_answer() {
    const ACTORS: u64 = 100_000;
    let cells: Vec<CellAddr> = (0..ACTORS).map(|value| Cell { value }.spawn()).collect();
    let mut sum = 0;
    for cell in &cells {
        sum += cell.value().await.unwrap();
    }
    assert_eq!(sum, ACTORS * (ACTORS - 1) / 2);
    let weak: Vec<_> = cells.iter().map(|cell| cell.downgrade()).collect();
    drop(cells);
    for cell in weak {
        assert_eq!(cell.wait_stopped().await, StopReason::Unreferenced);
    }
}

#[tokio::test(flavor = "current_thread")]
async fn an_actor_waiting_in_a_handler_does_not_stall_the_others() {
    let stuck = Cell { value: 0 }.spawn();
    stuck.wait_forever().tell().await.unwrap();
    let others: Vec<_> = (1..=100).map(|value| Cell { value }.spawn()).collect();
    for (expected, other) in (1..).zip(&others) {
        assert_eq!(other.value().await.unwrap(), expected);
    }
    assert!(stuck.is_alive());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_actor_blocking_its_thread_does_not_stall_actors_on_the_other_worker() {
    let stop = Arc::new(AtomicBool::new(false));
    let spinner = Cell { value: 0 }.spawn();
    let (started, spinning) = oneshot::channel();
    spinner.spin_until(started, Arc::clone(&stop)).tell().await.unwrap();
    spinning.await.unwrap();
    let others: Vec<_> = (1..=100).map(|value| Cell { value }.spawn()).collect();
    for (expected, other) in (1..).zip(&others) {
        assert_eq!(other.value().await.unwrap(), expected);
    }
    stop.store(true, Ordering::Release);
    spinner.value().await.unwrap();
}

/// A busy actor whose mailbox never empties must still let other tasks of
/// its thread run: the actor loop yields to tokio's scheduler between
/// batches of messages.
#[tokio::test(flavor = "current_thread")]
async fn a_busy_actor_yields_to_other_tasks_on_its_thread() {
    let busy = Cell { value: 1 }.spawn_with(Mailbox::unbounded());
    for _ in 0..100_000 {
        busy.value().try_tell().unwrap();
    }
    // This task runs only when the actor's task yields; with no yield it
    // would run after all 100,000 messages.
    let witness = tokio::spawn({
        let busy = busy.clone();
        async move { busy.mailbox_len() }
    });
    let left_when_witness_ran = witness.await.unwrap();
    assert!(left_when_witness_ran > 0, "the actor handled its whole mailbox without yielding once");
}

/// A task that sends in a loop lets the other tasks of its thread run, the
/// actor among them: each send that gets in spends tokio's budget, and a
/// send yields once it is spent, as a send on a tokio channel does.
#[tokio::test(flavor = "current_thread")]
async fn a_task_sending_in_a_loop_yields_to_other_tasks_on_its_thread() {
    let actor = Cell { value: 1 }.spawn_with(Mailbox::unbounded());
    let mut most_waiting = 0;
    for _ in 0..100_000 {
        actor.value().tell().await.unwrap();
        most_waiting = most_waiting.max(actor.mailbox_len());
    }
    // The actor runs only when this task yields; with no yield it would have
    // run after all 100,000 messages.
    assert!(most_waiting < 100_000, "the sender queued everything without yielding once");
    assert!(actor.mailbox_len() < 100_000, "the actor handled nothing while the sender ran");
}
