//! Model tests of the reply channel: the actor's end and the asker's on
//! threads of their own. Under loom (see `sync.rs`) every interleaving of
//! the flag, the waker and the value is tried, and a receiver left waiting
//! for a wake-up that never comes fails the test; built normally (and under
//! miri), each scenario runs many times on real threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::channel;
use crate::sync::model::{block_on, check, thread};

#[test]
fn a_value_sent_from_another_thread_is_received() {
    check(|| {
        let (sender, receiver) = channel::<u64>();
        let actor = thread::spawn(move || sender.send(7));
        assert_eq!(block_on(receiver), Some(7));
        actor.join().unwrap();
    });
}

#[test]
fn a_sender_dropped_without_a_value_wakes_the_receiver_with_none() {
    check(|| {
        let (sender, receiver) = channel::<u64>();
        let actor = thread::spawn(move || drop(sender));
        assert_eq!(block_on(receiver), None);
        actor.join().unwrap();
    });
}

/// Counts its drops, so that a value dropped twice, or never, shows.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

#[test]
fn a_value_sent_to_a_receiver_that_gave_up_is_dropped_once() {
    check(|| {
        let drops = Arc::new(AtomicUsize::new(0));
        let (sender, receiver) = channel::<Counted>();
        let value = Counted(Arc::clone(&drops));
        let actor = thread::spawn(move || sender.send(value));
        drop(receiver);
        actor.join().unwrap();
        assert_eq!(drops.load(Ordering::Relaxed), 1);
    });
}

#[test]
fn a_received_value_is_dropped_once() {
    check(|| {
        let drops = Arc::new(AtomicUsize::new(0));
        let (sender, receiver) = channel::<Counted>();
        let value = Counted(Arc::clone(&drops));
        let actor = thread::spawn(move || sender.send(value));
        let received = block_on(receiver).expect("a value was sent");
        actor.join().unwrap();
        assert_eq!(drops.load(Ordering::Relaxed), 0);
        drop(received);
        assert_eq!(drops.load(Ordering::Relaxed), 1);
    });
}
