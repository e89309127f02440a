//! One message at a time, in order: per-sender FIFO under concurrent senders,
//! with bounded and unbounded mailboxes, on both kinds of runtime.

use std::collections::HashMap;

use greenroom::prelude::*;

/// Polls `future` once with the current task's waker.
async fn poll_once<F: std::future::Future>(mut future: std::pin::Pin<&mut F>) -> std::task::Poll<F::Output> {
    std::future::poll_fn(|cx| std::task::Poll::Ready(future.as_mut().poll(cx))).await
}

/// Checks the order of what it receives instead of trusting it.
#[actor]
struct SequenceChecker {
    next_expected: HashMap<u32, u64>,
    handled: u64,
    in_handler: bool,
}

#[actor]
impl SequenceChecker {
    #[handler]
    async fn record(&mut self, sender: u32, seq: u64) {
        assert!(!self.in_handler, "two messages were handled at once");
        self.in_handler = true;
        let expected = self.next_expected.entry(sender).or_insert(0);
        assert_eq!(seq, *expected, "sender {sender}: got message {seq}, expected {expected}");
        *expected += 1;
        self.handled += 1;
        // Give other tasks every chance to run mid-handler.
        if seq.is_multiple_of(64) {
            tokio::task::yield_now().await;
        }
        self.in_handler = false;
    }

    /// How many of `sender`'s messages have been handled.
    #[handler]
    fn seen_from(&self, sender: u32) -> u64 {
        self.next_expected.get(&sender).copied().unwrap_or(0)
    }

    #[handler]
    fn handled(&self) -> u64 {
        self.handled
    }
}

fn checker() -> SequenceChecker {
    SequenceChecker { next_expected: HashMap::new(), handled: 0, in_handler: false }
}

const SENDERS: u32 = 4;
/// A million messages checked for order per test; each test takes a few
/// seconds in a debug build.
const PER_SENDER: u64 = 250_000;

/// Each sender tells `PER_SENDER` numbered messages, then asks how many of
/// its own were handled: every one of them, since its tells were accepted
/// before its ask.
async fn concurrent_senders_keep_their_order(mailbox: Mailbox) {
    let checker = checker().spawn_with(mailbox);
    let senders: Vec<_> = (0..SENDERS)
        .map(|sender| {
            let checker = checker.clone();
            tokio::spawn(async move {
                for seq in 0..PER_SENDER {
                    checker.record(sender, seq).tell().await.expect("the checker is running");
                }
                checker.seen_from(sender).await.expect("the checker is running")
            })
        })
        .collect();
    for sender in senders {
        assert_eq!(sender.await.expect("sender task"), PER_SENDER, "an ask overtook its own sender's tells");
    }
    assert_eq!(checker.handled().await.unwrap(), u64::from(SENDERS) * PER_SENDER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn per_sender_fifo_bounded_mailbox_multi_thread() {
    // The default bound: senders often find it full and park.
    concurrent_senders_keep_their_order(Mailbox::bounded(64)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn per_sender_fifo_unbounded_mailbox_multi_thread() {
    concurrent_senders_keep_their_order(Mailbox::unbounded()).await;
}

#[tokio::test(flavor = "current_thread")]
async fn per_sender_fifo_bounded_mailbox_current_thread() {
    concurrent_senders_keep_their_order(Mailbox::bounded(8)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mailbox_of_one_still_delivers_everything_in_order() {
    concurrent_senders_keep_their_order(Mailbox::bounded(1)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asks_and_tells_from_one_task_are_handled_in_the_order_sent() {
    let checker = checker().spawn_with(Mailbox::bounded(2));
    for seq in 0..1_000 {
        // Alternate the three ways of sending; the checker asserts the order.
        match seq % 3 {
            0 => checker.record(7, seq).await.unwrap(),
            1 => checker.record(7, seq).tell().await.unwrap(),
            _ => loop {
                match checker.record(7, seq).try_tell() {
                    Ok(()) => break,
                    Err(greenroom::Error::MailboxFull) => tokio::task::yield_now().await,
                    Err(other) => panic!("unexpected {other}"),
                }
            },
        }
    }
    assert_eq!(checker.seen_from(7).await.unwrap(), 1_000);
}

/// A handler that holds the actor until released.
#[actor]
struct Recorder {
    log: Vec<u32>,
}

#[actor]
impl Recorder {
    #[handler]
    async fn hold(&mut self, release: tokio::sync::oneshot::Receiver<()>) {
        let _ = release.await;
    }

    #[handler]
    fn push(&mut self, value: u32) {
        self.log.push(value);
    }

    #[handler]
    fn log(&self) -> Vec<u32> {
        self.log.clone()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parked_senders_are_admitted_in_the_order_they_arrived() {
    let recorder = Recorder { log: Vec::new() }.spawn_with(Mailbox::bounded(1));
    let (release, held) = tokio::sync::oneshot::channel();
    recorder.hold(held).tell().await.unwrap();
    // The actor is now busy, so the mailbox fills after one message and each
    // further sender parks. Park them one after another.
    recorder.push(0).tell().await.unwrap();
    let mut parked = Vec::new();
    for value in 1..=5 {
        let recorder = recorder.clone();
        let (started_tx, started_rx) = tokio::sync::oneshot::channel();
        parked.push(tokio::spawn(async move {
            let tell = recorder.push(value).tell();
            let mut tell = std::pin::pin!(tell);
            // Poll once so the message is parked before the next sender starts.
            assert!(poll_once(tell.as_mut()).await.is_pending(), "the mailbox should be full");
            started_tx.send(()).unwrap();
            tell.await.unwrap();
        }));
        started_rx.await.unwrap();
    }
    assert_eq!(recorder.mailbox_len(), 1, "parked messages are not yet in the mailbox");
    release.send(()).unwrap();
    for sender in parked {
        sender.await.unwrap();
    }
    assert_eq!(recorder.log().await.unwrap(), vec![0, 1, 2, 3, 4, 5]);
}
