//! Streams attached to an actor: each item is one message in the actor's
//! mailbox order, with backpressure, and the stream dies with the actor.
//!
//! The tests run on paused time, where `settle()` (a short sleep) returns
//! only once every other task waits: the stream's task has sent what it
//! could and the actor has handled what it got. Nothing depends on how long
//! anything takes.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use futures::{Stream, StreamExt};
use greenroom::prelude::*;
use greenroom::StreamHandle;
use tokio::sync::{mpsc, oneshot};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Event {
    Item(u32),
    Other(u32),
    End,
}

/// A boxed stream of numbers, to pass to a handler.
type Numbers = Pin<Box<dyn Stream<Item = u32> + Send>>;

#[actor]
struct Sink {
    log: Arc<Mutex<Vec<Event>>>,
}

#[actor]
impl Sink {
    #[handler]
    fn attach(&mut self, numbers: Numbers, ctx: &mut Context<Self>) -> StreamHandle {
        ctx.attach_stream(numbers, |me, n| me.item(n), |me| me.ended())
    }

    /// Attaches `numbers`, then waits for `release` before taking another
    /// message.
    #[handler]
    async fn attach_and_hold(&mut self, numbers: Numbers, release: oneshot::Receiver<()>, ctx: &mut Context<Self>) {
        ctx.attach_stream(numbers, |me, n| me.item(n), |me| me.ended());
        let _ = release.await;
    }

    #[handler]
    async fn hold(&mut self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }

    #[handler]
    fn item(&mut self, n: u32) {
        self.log.lock().unwrap().push(Event::Item(n));
    }

    #[handler]
    fn other(&mut self, n: u32) {
        self.log.lock().unwrap().push(Event::Other(n));
    }

    #[handler]
    fn ended(&mut self) {
        self.log.lock().unwrap().push(Event::End);
    }
}

fn sink(mailbox: Mailbox) -> (SinkAddr, Arc<Mutex<Vec<Event>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    (Sink { log: Arc::clone(&log) }.spawn_with(mailbox), log)
}

fn events(log: &Arc<Mutex<Vec<Event>>>) -> Vec<Event> {
    log.lock().unwrap().clone()
}

/// Returns once every other task on this paused runtime waits.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// A stream the test feeds by hand, through the returned sender.
fn fed() -> (mpsc::UnboundedSender<u32>, Numbers) {
    let (feed, mut numbers) = mpsc::unbounded_channel();
    (feed, Box::pin(futures::stream::poll_fn(move |cx| numbers.poll_recv(cx))))
}

/// Wraps a stream and records when it is polled for an item and when it is
/// dropped.
struct Observed<S> {
    inner: S,
    pulled: Arc<AtomicUsize>,
    dropped: Arc<AtomicBool>,
}

impl<S: Stream + Unpin> Stream for Observed<S> {
    type Item = S::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<S::Item>> {
        let polled = Pin::new(&mut self.inner).poll_next(cx);
        if let Poll::Ready(Some(_)) = polled {
            self.pulled.fetch_add(1, Ordering::SeqCst);
        }
        polled
    }
}

impl<S> Drop for Observed<S> {
    fn drop(&mut self) {
        self.dropped.store(true, Ordering::SeqCst);
    }
}

struct Observer {
    pulled: Arc<AtomicUsize>,
    dropped: Arc<AtomicBool>,
}

fn observed(inner: impl Stream<Item = u32> + Send + Unpin + 'static) -> (Numbers, Observer) {
    let observer = Observer { pulled: Arc::default(), dropped: Arc::default() };
    let stream = Observed { inner, pulled: Arc::clone(&observer.pulled), dropped: Arc::clone(&observer.dropped) };
    (Box::pin(stream), observer)
}

impl Observer {
    fn pulled(&self) -> usize {
        self.pulled.load(Ordering::SeqCst)
    }

    fn dropped(&self) -> bool {
        self.dropped.load(Ordering::SeqCst)
    }
}

fn items(range: std::ops::Range<u32>) -> Vec<Event> {
    range.map(Event::Item).collect()
}

#[tokio::test(start_paused = true)]
async fn every_item_is_handled_in_order_then_the_end_hook_once() {
    let (sink, log) = sink(Mailbox::default());
    let (numbers, observer) = observed(futures::stream::iter(0..200));
    let handle = sink.attach(numbers).await.unwrap();
    settle().await;

    assert!(handle.is_finished());
    assert!(observer.dropped(), "a finished stream is dropped");
    let mut expected = items(0..200);
    expected.push(Event::End);
    assert_eq!(events(&log), expected);
}

#[tokio::test(start_paused = true)]
async fn items_interleave_with_other_messages_in_mailbox_order() {
    let (sink, log) = sink(Mailbox::default());
    let (feed, numbers) = fed();
    let (release, held) = oneshot::channel();
    sink.attach_and_hold(numbers, held).tell().await.unwrap();

    // While the actor is held, its mailbox gets: other 1, item 1, other 2,
    // item 2, end.
    sink.other(1).tell().await.unwrap();
    feed.send(1).unwrap();
    settle().await;
    sink.other(2).tell().await.unwrap();
    feed.send(2).unwrap();
    settle().await;
    drop(feed);
    settle().await;
    assert_eq!(events(&log), []);

    release.send(()).unwrap();
    settle().await;
    assert_eq!(events(&log), [Event::Other(1), Event::Item(1), Event::Other(2), Event::Item(2), Event::End]);
}

#[tokio::test(start_paused = true)]
async fn a_mailbox_of_one_slows_the_stream_and_loses_nothing() {
    let (sink, log) = sink(Mailbox::bounded(1));
    let (numbers, observer) = observed(futures::stream::iter(0..100));
    let (release, held) = oneshot::channel();
    sink.attach_and_hold(numbers, held).tell().await.unwrap();
    settle().await;

    // Item 0 fills the mailbox and item 1 waits for room: the stream is not
    // asked for item 2 until item 1 is in.
    assert_eq!(sink.mailbox_len(), 1);
    assert_eq!(observer.pulled(), 2);

    release.send(()).unwrap();
    settle().await;
    let mut expected = items(0..100);
    expected.push(Event::End);
    assert_eq!(events(&log), expected);
}

#[tokio::test(start_paused = true)]
async fn stopping_the_actor_drops_the_stream_without_the_end_hook() {
    let (sink, log) = sink(Mailbox::default());
    let (feed, numbers) = fed();
    let (numbers, observer) = observed(numbers);
    let handle = sink.attach(numbers).await.unwrap();
    feed.send(1).unwrap();
    settle().await;
    assert_eq!(events(&log), [Event::Item(1)]);

    sink.stop();
    assert_eq!(sink.wait_stopped().await, StopReason::Normal);
    settle().await;
    assert!(observer.dropped());
    assert!(handle.is_finished());
    assert!(feed.send(2).is_err(), "the stream, and with it the receiver, is gone");
    assert_eq!(events(&log), [Event::Item(1)]);
}

#[tokio::test(start_paused = true)]
async fn an_attached_stream_does_not_keep_the_actor_alive() {
    let (sink, _log) = sink(Mailbox::default());
    let (numbers, observer) = observed(futures::stream::pending());
    sink.attach(numbers).await.unwrap();

    let weak = sink.downgrade();
    drop(sink);
    assert_eq!(weak.wait_stopped().await, StopReason::Unreferenced);
    settle().await;
    assert!(observer.dropped());
}

#[tokio::test(start_paused = true)]
async fn cancel_detaches_the_stream() {
    let (sink, log) = sink(Mailbox::default());
    let (feed, numbers) = fed();
    let (numbers, observer) = observed(numbers);
    let handle = sink.attach(numbers).await.unwrap();
    feed.send(1).unwrap();
    settle().await;

    handle.cancel();
    settle().await;
    assert!(observer.dropped());
    assert!(feed.send(2).is_err());
    sink.other(3).await.unwrap();
    assert_eq!(events(&log), [Event::Item(1), Event::Other(3)], "no more items, and no end hook");
}

#[tokio::test(start_paused = true)]
async fn dropping_the_handle_keeps_the_stream_attached() {
    let (sink, log) = sink(Mailbox::default());
    let (feed, numbers) = fed();
    drop(sink.attach(numbers).await.unwrap());
    feed.send(1).unwrap();
    drop(feed);
    settle().await;
    assert_eq!(events(&log), [Event::Item(1), Event::End]);
}

#[tokio::test(start_paused = true)]
async fn a_panicking_stream_fails_the_actor() {
    let (sink, log) = sink(Mailbox::default());
    let numbers = futures::stream::iter(0..3).map(|n| if n == 2 { panic!("corrupt input") } else { n });
    sink.attach(Box::pin(numbers)).await.unwrap();
    assert_eq!(sink.wait_stopped().await, StopReason::Panicked("corrupt input".into()));
    // Items sent before the panic may or may not have been handled; the end
    // hook never is.
    assert!(!events(&log).contains(&Event::End));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_item_arrives_on_a_multi_thread_runtime() {
    let (sink, log) = sink(Mailbox::bounded(2));
    let (numbers, observer) = observed(futures::stream::iter(0..1_000));
    sink.attach(numbers).await.unwrap();
    while !observer.dropped() {
        tokio::task::yield_now().await;
    }
    // The end hook was accepted before the stream was dropped, so before
    // this ask.
    sink.other(0).await.unwrap();
    let mut expected = items(0..1_000);
    expected.push(Event::End);
    expected.push(Event::Other(0));
    assert_eq!(events(&log), expected);
}
