//! Background work: `ctx.spawn` runs a future beside the actor and sends its
//! output back as a message; the actor keeps answering meanwhile, and the
//! work dies with it.
//!
//! The tests run on paused time, where `settle()` (a short sleep) returns
//! only once every other task waits. Nothing depends on how long anything
//! takes.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::{Error, TaskHandle};
use tokio::sync::oneshot;

/// Work to hand to a handler: a boxed future of a number.
type Work = Pin<Box<dyn Future<Output = u32> + Send>>;

#[actor]
struct Fetcher {
    log: Arc<Mutex<Vec<String>>>,
}

#[actor]
impl Fetcher {
    #[handler]
    fn fetch(&mut self, work: Work, ctx: &mut Context<Self>) -> TaskHandle {
        ctx.spawn(work, |me, n| me.fetched(n))
    }

    #[handler]
    fn fetched(&mut self, n: u32) {
        self.log.lock().unwrap().push(format!("fetched {n}"));
    }

    #[handler]
    fn ping(&mut self, n: u32) -> u32 {
        self.log.lock().unwrap().push(format!("ping {n}"));
        n
    }

    #[handler]
    async fn hold(&mut self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }

    /// Waits for `release`, then cancels `task`: the actor takes its next
    /// message right after, before the runtime gets to the aborted task.
    #[handler]
    async fn hold_then_cancel(&mut self, release: oneshot::Receiver<()>, task: TaskHandle) {
        let _ = release.await;
        task.cancel();
    }
}

fn fetcher() -> (FetcherAddr, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    (Fetcher { log: Arc::clone(&log) }.spawn(), log)
}

fn entries(log: &Arc<Mutex<Vec<String>>>) -> Vec<String> {
    log.lock().unwrap().clone()
}

/// Returns once every other task on this paused runtime waits.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// Work that finishes when the test sends it a number, and records when it
/// is dropped.
fn awaiting() -> (oneshot::Sender<u32>, Work, Arc<AtomicBool>) {
    let (send, receive) = oneshot::channel();
    let dropped = Arc::new(AtomicBool::new(false));
    let work = OnDrop { inner: Box::pin(async move { receive.await.unwrap_or(0) }), dropped: Arc::clone(&dropped) };
    (send, Box::pin(work), dropped)
}

struct OnDrop<F> {
    inner: F,
    dropped: Arc<AtomicBool>,
}

impl<F: Future + Unpin> Future for OnDrop<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<F::Output> {
        Pin::new(&mut self.inner).poll(cx)
    }
}

impl<F> Drop for OnDrop<F> {
    fn drop(&mut self) {
        self.dropped.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(start_paused = true)]
async fn the_output_comes_back_as_a_message() {
    let (fetcher, log) = fetcher();
    let handle = fetcher.fetch(Box::pin(async { 42 })).await.unwrap();
    settle().await;
    assert!(handle.is_finished());
    assert_eq!(entries(&log), ["fetched 42"]);
}

#[tokio::test(start_paused = true)]
async fn the_actor_answers_while_the_work_is_pending() {
    let (fetcher, log) = fetcher();
    let (finish, work, _dropped) = awaiting();
    fetcher.fetch(work).await.unwrap();
    for n in 1..=3 {
        assert_eq!(fetcher.ping(n).await.unwrap(), n);
    }

    finish.send(7).unwrap();
    settle().await;
    assert_eq!(entries(&log), ["ping 1", "ping 2", "ping 3", "fetched 7"]);
}

#[tokio::test(start_paused = true)]
async fn the_work_is_dropped_when_the_actor_stops_and_nothing_is_sent() {
    let (fetcher, log) = fetcher();
    let (finish, work, dropped) = awaiting();
    let handle = fetcher.fetch(work).await.unwrap();

    fetcher.stop();
    assert_eq!(fetcher.wait_stopped().await, StopReason::Normal);
    settle().await;
    assert!(dropped.load(Ordering::SeqCst));
    assert!(handle.is_finished());
    assert!(finish.send(7).is_err(), "the future, and its receiver, are gone");
    assert_eq!(entries(&log), [] as [String; 0]);
}

#[tokio::test(start_paused = true)]
async fn pending_work_does_not_keep_the_actor_alive() {
    let (fetcher, _log) = fetcher();
    let (_finish, work, dropped) = awaiting();
    fetcher.fetch(work).await.unwrap();

    let weak = fetcher.downgrade();
    drop(fetcher);
    assert_eq!(weak.wait_stopped().await, StopReason::Unreferenced);
    settle().await;
    assert!(dropped.load(Ordering::SeqCst));
}

#[tokio::test(start_paused = true)]
async fn cancel_drops_the_work_and_sends_nothing() {
    let (fetcher, log) = fetcher();
    let (finish, work, dropped) = awaiting();
    let handle = fetcher.fetch(work).await.unwrap();

    handle.cancel();
    settle().await;
    assert!(dropped.load(Ordering::SeqCst));
    assert!(finish.send(7).is_err());
    assert_eq!(fetcher.ping(1).await.unwrap(), 1);
    assert_eq!(entries(&log), ["ping 1"]);
}

/// An output waiting for room in a full mailbox has not been accepted:
/// cancelling withdraws it at once, even though the actor makes room right
/// after (before the runtime gets to the aborted task).
#[tokio::test(start_paused = true)]
async fn cancel_withdraws_an_output_waiting_for_room() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let fetcher = Fetcher { log: Arc::clone(&log) }.spawn_with(Mailbox::bounded(1));
    let (finish, work, _dropped) = awaiting();
    let handle = fetcher.fetch(work).await.unwrap();
    let (release, held) = oneshot::channel();
    fetcher.hold_then_cancel(held, handle).tell().await.unwrap();
    fetcher.ping(2).tell().await.unwrap(); // fills the mailbox
    finish.send(1).unwrap();
    settle().await;
    assert_eq!(fetcher.mailbox_len(), 1, "the output waits for room");

    release.send(()).unwrap();
    assert_eq!(fetcher.ping(3).await.unwrap(), 3);
    assert_eq!(entries(&log), ["ping 2", "ping 3"]);
}

#[tokio::test(start_paused = true)]
async fn dropping_the_handle_does_not_cancel_the_work() {
    let (fetcher, log) = fetcher();
    let (finish, work, _dropped) = awaiting();
    drop(fetcher.fetch(work).await.unwrap());
    finish.send(5).unwrap();
    settle().await;
    assert_eq!(entries(&log), ["fetched 5"]);
}

/// A panic in the work is the actor's failure: nothing is sent, the actor
/// stops with the panic's message, and a handler waiting at an `.await` is
/// abandoned, as when a linked actor fails.
#[tokio::test(start_paused = true)]
async fn a_panicking_future_fails_the_actor() {
    let (fetcher, log) = fetcher();
    let (explode, trigger) = oneshot::channel::<()>();
    let work: Work = Box::pin(async move {
        let _ = trigger.await;
        panic!("connection reset");
    });
    fetcher.fetch(work).await.unwrap();
    let (_release, held) = oneshot::channel();
    let waiting = tokio::spawn({
        let fetcher = fetcher.clone();
        async move { fetcher.hold(held).await }
    });
    let queued = tokio::spawn({
        let fetcher = fetcher.clone();
        async move { fetcher.ping(1).await }
    });
    settle().await;

    explode.send(()).unwrap();
    assert_eq!(fetcher.wait_stopped().await, StopReason::Panicked("connection reset".into()));
    assert_eq!(waiting.await.unwrap(), Err(Error::Interrupted));
    assert_eq!(queued.await.unwrap(), Err(Error::Stopped));
    assert_eq!(entries(&log), [] as [String; 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_output_comes_back_on_a_multi_thread_runtime() {
    let (fetcher, log) = fetcher();
    let (finish, work, dropped) = awaiting();
    fetcher.fetch(work).await.unwrap();
    assert_eq!(fetcher.ping(1).await.unwrap(), 1);
    finish.send(9).unwrap();
    while !entries(&log).contains(&"fetched 9".to_owned()) {
        tokio::task::yield_now().await;
    }
    assert!(dropped.load(Ordering::SeqCst), "the future was dropped once it finished");
    assert_eq!(fetcher.ping(2).await.unwrap(), 2);
    assert_eq!(entries(&log), ["ping 1", "fetched 9", "ping 2"]);
}

/// What `LateStarter` started: the work's trigger and whether it was dropped.
type Started = Arc<Mutex<Option<(oneshot::Sender<u32>, Arc<AtomicBool>)>>>;

/// Starts work from its `on_stop` hook, as a careless actor might.
#[actor]
struct LateStarter {
    started: Started,
}

#[actor]
impl LateStarter {
    #[on_stop]
    fn stopping(&mut self, ctx: &mut Context<Self>) {
        let (finish, work, dropped) = awaiting();
        ctx.spawn(work, |me, n| me.done(n));
        *self.started.lock().unwrap() = Some((finish, dropped));
    }

    #[handler]
    fn done(&mut self, n: u32) {
        let _ = n;
    }
}

#[tokio::test(start_paused = true)]
async fn work_started_while_the_actor_stops_is_cancelled_at_once() {
    let started = Arc::new(Mutex::new(None));
    let actor = LateStarter { started: Arc::clone(&started) }.spawn();
    actor.stop();
    actor.wait_stopped().await;
    settle().await;
    let (finish, dropped) = started.lock().unwrap().take().expect("on_stop ran");
    assert!(dropped.load(Ordering::SeqCst), "the work did not outlive its instance");
    assert!(finish.send(7).is_err());
}
