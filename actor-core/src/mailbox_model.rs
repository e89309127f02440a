//! Model tests of the mailbox: senders and the actor on threads of their
//! own, meeting only at the queue.
//!
//! Built with `--cfg greenroom_loom` (see `sync.rs`), each test runs under
//! loom, which tries every interleaving of the threads' atomic operations
//! and locks, and fails a test whose threads all wait for a wake-up that
//! never comes. Built normally (and under miri), each runs many times on
//! real threads, which checks the same assertions on whatever interleavings
//! the machine produces.
//!
//! The scenarios are small on purpose: loom's cost grows exponentially with
//! the number of operations. Each aims at one mechanism that has atomics of
//! its own or a hand-over between a sender and the actor: the batch count
//! (`taken`), the grant of room to parked senders (`parked_waiting`), a
//! stop racing with sends, and a kill racing with a batch (`alert`).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use super::{Batch, Mailbox, Push, Queue, Received};
use crate::error::Error;
use crate::stop::StopReason;

use crate::sync::model::{block_on, check, thread};

/// A message: which sender sent it, and its place in that sender's sequence.
type Message = (u32, u32);

/// The actor's side: takes messages until the mailbox says stop, or until
/// it has `expected` of them.
fn receive(queue: &Queue<Message>, expected: usize) -> (Vec<Message>, Option<StopReason>) {
    block_on(async {
        let mut batch = Batch::default();
        let mut received = Vec::new();
        while received.len() < expected {
            match queue.recv(&mut batch).await {
                Received::Message(message) => received.push(message),
                Received::Stop(reason) => {
                    queue.give_back(&mut batch);
                    return (received, Some(reason));
                }
            }
        }
        queue.give_back(&mut batch);
        (received, None)
    })
}

/// Each sender's messages, in the order they were received.
fn per_sender(received: &[Message], sender: u32) -> Vec<u32> {
    received.iter().filter(|(from, _)| *from == sender).map(|&(_, seq)| seq).collect()
}

#[test]
fn two_senders_into_a_mailbox_of_one_lose_nothing_and_keep_their_order() {
    check(|| {
        let queue = Arc::new(Queue::<Message>::new(Mailbox::bounded(1)));
        let senders: Vec<_> = (0..2)
            .map(|sender| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || {
                    for seq in 0..2 {
                        block_on(Push::new(&queue, (sender, seq))).unwrap();
                    }
                })
            })
            .collect();
        let (received, stop) = receive(&queue, 4);
        for sender in senders {
            sender.join().unwrap();
        }
        assert_eq!(stop, None);
        assert_eq!(per_sender(&received, 0), [0, 1]);
        assert_eq!(per_sender(&received, 1), [0, 1]);
        assert_eq!(queue.len(), 0);
    });
}

/// Polls `future` once with a waker that does nothing.
fn poll_once<F: Future>(future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

#[test]
fn a_parked_sender_that_gives_up_leaves_its_room_to_the_next() {
    check(|| {
        let queue = Arc::new(Queue::<Message>::new(Mailbox::bounded(1)));
        queue.try_push((0, 0)).unwrap();
        // Parked behind the full mailbox, then withdrawn while the actor may
        // be granting it room.
        let quitter = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || {
                let mut push = pin!(Push::new(&queue, (1, 0)));
                if poll_once(push.as_mut()).is_pending() {
                    // Dropping it withdraws the message, or finds it already in.
                    return !push.withdraw();
                }
                true
            })
        };
        let stayer = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || block_on(Push::new(&queue, (2, 0))).unwrap())
        };
        let quitter_got_in = quitter.join().unwrap();
        let expected = if quitter_got_in { 3 } else { 2 };
        let (received, stop) = receive(&queue, expected);
        stayer.join().unwrap();
        assert_eq!(stop, None);
        assert_eq!(received.first(), Some(&(0, 0)));
        assert_eq!(received.contains(&(1, 0)), quitter_got_in);
        assert!(received.contains(&(2, 0)), "the sender that stayed got in");
    });
}

#[test]
fn a_stop_racing_with_sends_delivers_exactly_what_it_accepted() {
    check(|| {
        let queue = Arc::new(Queue::<Message>::new(Mailbox::bounded(1)));
        let sender = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || (0..2).map(|seq| block_on(Push::new(&queue, (0, seq)))).filter(Result::is_ok).count())
        };
        let stopper = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || queue.drain())
        };
        let (received, stop) = receive(&queue, usize::MAX);
        let accepted = sender.join().unwrap();
        stopper.join().unwrap();
        assert_eq!(stop, Some(StopReason::Normal));
        assert_eq!(received.len(), accepted, "every accepted message was handled, and only those");
        assert_eq!(per_sender(&received, 0), (0..accepted as u32).collect::<Vec<_>>());
    });
}

#[test]
fn a_kill_racing_with_a_batch_stops_the_actor_before_the_rest() {
    check(|| {
        let queue = Arc::new(Queue::<Message>::new(Mailbox::bounded(4)));
        for seq in 0..3 {
            queue.try_push((0, seq)).unwrap();
        }
        let killer = {
            let queue = Arc::clone(&queue);
            thread::spawn(move || queue.kill())
        };
        let (received, stop) = receive(&queue, usize::MAX);
        killer.join().unwrap();
        assert_eq!(stop, Some(StopReason::Killed));
        // Whatever was handed over came in order; the rest of the batch went
        // back to the queue, for the kill to drop.
        assert_eq!(per_sender(&received, 0), (0..received.len() as u32).collect::<Vec<_>>());
        assert_eq!(queue.close().len(), 3 - received.len());
        assert!(matches!(queue.try_push((0, 9)), Err((Error::Stopped, _))));
    });
}
