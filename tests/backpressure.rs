//! Backpressure: a producer far faster than its consumer, into a bounded
//! mailbox, neither grows the heap past what the bound allows nor loses a
//! message. The heap is counted by this binary's own global allocator.

mod counting_allocator;

use counting_allocator::{exclusive, peak_bytes, reset_peak};
use greenroom::prelude::*;
use greenroom::{Actor, Error};
use tokio::sync::oneshot;

const CAPACITY: usize = 64;
/// A flood of a hundred times the capacity.
const FLOOD: u64 = 100 * CAPACITY as u64;
/// Each message carries this much on the heap, so that messages are what
/// the heap holds, and how many of them exist at once is what it measures.
const PAYLOAD: usize = 16 << 10;
/// What makes the consumer slow, deterministically: it hands the thread
/// back to the runtime this many times per message, where the producer
/// spends one `try_tell`.
const YIELDS_PER_MESSAGE: usize = 100;

/// Checks that it gets every message, once, in order, whole.
#[actor]
struct Sink {
    next: u64,
    sum: u64,
}

#[actor]
impl Sink {
    /// Holds the sink, with its mailbox empty, until `open` is sent.
    #[handler]
    async fn gate(&mut self, entered: oneshot::Sender<()>, open: oneshot::Receiver<()>) {
        entered.send(()).unwrap();
        let _ = open.await;
    }

    #[handler]
    async fn take(&mut self, seq: u64, payload: Vec<u8>) {
        assert_eq!(seq, self.next, "expected message {}, got {seq}: one was lost, or sent twice", self.next);
        assert!(payload.len() == PAYLOAD && payload.iter().step_by(4096).all(|&byte| byte == fill(seq)));
        self.next += 1;
        self.sum += seq;
        for _ in 0..YIELDS_PER_MESSAGE {
            tokio::task::yield_now().await;
        }
    }

    /// How many messages it has handled, and the sum of their numbers.
    #[handler]
    fn totals(&self) -> (u64, u64) {
        (self.next, self.sum)
    }
}

fn fill(seq: u64) -> u8 {
    seq.to_le_bytes()[0]
}

fn payload(seq: u64) -> Vec<u8> {
    vec![fill(seq); PAYLOAD]
}

/// The most the live heap may grow during the flood above where it was
/// when the flood began.
///
/// Payloads: the bound lets at most `CAPACITY` messages wait in the mailbox
/// (queued, or taken by the sink in a batch and not yet handed to the
/// handler), one more is in the handler, and the producer holds one (being
/// built, or parked while it waits for room). Then the mailbox's own
/// storage: its queue and the sink's batch are two buffers of messages that
/// swap, each grown to at most `CAPACITY` messages. Last, a margin for the
/// runtime's small allocations (the list of parked senders, wakers, task
/// queues), the same whatever the flood's length.
///
/// Without the bound, the producer would be nearly the whole flood ahead:
/// `FLOOD` payloads, a hundred megabytes against about one.
fn heap_bound() -> usize {
    let payloads = (CAPACITY + 2) * PAYLOAD;
    let mailbox_buffers = 2 * CAPACITY * std::mem::size_of::<<Sink as Actor>::Message>();
    let runtime_margin = 64 << 10;
    payloads + mailbox_buffers + runtime_margin
}

/// What the flood found.
#[derive(Debug)]
struct Flood {
    /// `try_tell`s that met a full mailbox.
    refused: u64,
    /// The live heap's growth at its highest.
    peak_growth: usize,
}

/// Floods a sink behind a bounded mailbox: each message first with
/// `try_tell`, and when that finds the mailbox full, again with
/// `tell().await`, which waits for room.
async fn flood() -> Flood {
    let sink = Sink { next: 0, sum: 0 }.spawn_with(Mailbox::bounded(CAPACITY));
    let (entered, entering) = oneshot::channel();
    let (open, gate) = oneshot::channel();
    sink.gate(entered, gate).tell().await.unwrap();
    entering.await.unwrap();
    let mut open = Some(open);

    let start = reset_peak();
    let mut refused = 0;
    for seq in 0..FLOOD {
        match sink.take(seq, payload(seq)).try_tell() {
            Ok(()) => {}
            Err(Error::MailboxFull) => {
                refused += 1;
                if let Some(open) = open.take() {
                    // The sink is held at the gate, so nothing has left the
                    // mailbox: the first refusal comes exactly when it is full.
                    assert_eq!(seq, CAPACITY as u64, "the first refusal must come once the mailbox holds its capacity");
                    assert_eq!(sink.mailbox_len(), CAPACITY);
                    open.send(()).unwrap();
                }
                // The refused message was not sent: the sink would see this
                // number twice.
                sink.take(seq, payload(seq)).tell().await.expect("the sink is running");
            }
            Err(other) => panic!("message {seq}: unexpected {other}"),
        }
    }
    assert!(open.is_none(), "try_tell never found the mailbox full (and the sink is still held at its gate)");
    let (handled, sum) = sink.totals().await.unwrap();
    let peak_growth = peak_bytes() - start;
    assert_eq!(handled, FLOOD, "messages were lost");
    assert_eq!(sum, FLOOD * (FLOOD - 1) / 2);
    Flood { refused, peak_growth }
}

/// Runs the flood on `runtime`, alone in the process, and checks the heap.
fn flood_on(runtime: tokio::runtime::Runtime, flavour: &str) {
    let _turn = exclusive();
    let Flood { refused, peak_growth } = runtime.block_on(flood());
    println!(
        "{flavour}: {FLOOD} messages of {PAYLOAD} bytes, {refused} refused by try_tell, \
         heap at most {peak_growth} bytes above its start (bound {})",
        heap_bound()
    );
    assert!(
        peak_growth <= heap_bound(),
        "the heap grew by {peak_growth} bytes, past the {} the bound of {CAPACITY} messages allows",
        heap_bound()
    );
}

#[test]
fn a_flood_into_a_bounded_mailbox_keeps_the_heap_bounded_and_loses_nothing_multi_thread() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    flood_on(runtime, "multi-thread");
}

#[test]
fn a_flood_into_a_bounded_mailbox_keeps_the_heap_bounded_and_loses_nothing_current_thread() {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    flood_on(runtime, "current-thread");
}
