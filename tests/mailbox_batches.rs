//! An actor takes its queued messages in batches (one lock for all that
//! waited) and hands them to its handlers one by one. These tests fill a
//! mailbox before the actor first runs, so that everything queued lands in
//! one batch, and check that a batch changes nothing a user can see: it
//! counts against the bound, a kill or a restart still comes before the
//! next message, a stop still handles it all, and parked senders still get
//! in, in order.
//!
//! The last tests are about senders waiting on a full mailbox. Room that
//! frees up is granted to the parked messages in the order they parked; a
//! granted message goes into the queue when its sender runs again (with
//! those granted before it), and until then it is not accepted. They check
//! that granted room is never lost, never taken by anyone else, and never
//! reorders the messages, polling the send futures by hand so that the test
//! decides which sender runs when.
//!
//! All run on a current-thread runtime, where the actor runs only when the
//! test awaits: what is queued before that is what the first batch holds.

use std::future::{Future, IntoFuture};
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::supervisor::Supervisor;
use greenroom::{Ask, Error, Mailbox};
use tokio::sync::oneshot;

/// Records the numbers it is given; can wait, fail or stop itself on demand.
#[actor]
struct Recorder {
    log: Arc<Mutex<Vec<u32>>>,
}

#[actor]
impl Recorder {
    #[handler]
    fn note(&mut self, number: u32) -> u32 {
        self.log.lock().unwrap().push(number);
        number
    }

    /// Says it has started, then waits for `release`.
    #[handler]
    async fn hold(&mut self, entered: oneshot::Sender<()>, release: oneshot::Receiver<()>) {
        let _ = entered.send(());
        let _ = release.await;
    }

    /// Kills its own actor without awaiting: the handler runs to its end.
    #[handler]
    fn kill_self(&mut self, ctx: &mut Context<Self>) {
        ctx.addr().kill();
    }

    #[handler]
    fn stop_self(&mut self, ctx: &mut Context<Self>) {
        ctx.stop();
    }

    #[handler]
    fn boom(&mut self) {
        panic!("boom, on purpose");
    }

    #[handler]
    fn carry(&mut self, _landmine: Landmine) {}
}

/// Panics when dropped.
#[derive(Debug)]
struct Landmine;

impl Drop for Landmine {
    fn drop(&mut self) {
        panic!("a landmine was dropped, on purpose");
    }
}

fn recorder(log: &Arc<Mutex<Vec<u32>>>) -> Recorder {
    Recorder { log: Arc::clone(log) }
}

fn log() -> Arc<Mutex<Vec<u32>>> {
    Arc::new(Mutex::new(Vec::new()))
}

fn logged(log: &Arc<Mutex<Vec<u32>>>) -> Vec<u32> {
    log.lock().unwrap().clone()
}

/// Polls `future` once: an ask's message is queued (or parked) by its first poll.
async fn poll_once<F: Future>(mut future: Pin<&mut F>) -> Poll<F::Output> {
    std::future::poll_fn(|cx| Poll::Ready(future.as_mut().poll(cx))).await
}

#[tokio::test(flavor = "current_thread")]
async fn messages_taken_in_a_batch_still_count_against_the_bound() {
    let log = log();
    let actor = recorder(&log).spawn_with(Mailbox::bounded(4));
    let (entered, has_entered) = oneshot::channel();
    let (release, released) = oneshot::channel();
    actor.hold(entered, released).try_tell().unwrap();
    for number in 1..=3 {
        actor.note(number).try_tell().unwrap();
    }
    assert_eq!(actor.note(99).try_tell(), Err(Error::MailboxFull));

    // The actor takes all four at once and waits in the first.
    has_entered.await.unwrap();
    assert_eq!(actor.mailbox_len(), 3, "the three not yet handed over are still waiting");
    actor.note(4).try_tell().expect("handing `hold` over made room for one");
    assert_eq!(actor.note(5).try_tell(), Err(Error::MailboxFull), "the batch's three still count");

    release.send(()).unwrap();
    assert_eq!(actor.note(6).await, Ok(6));
    assert_eq!(logged(&log), [1, 2, 3, 4, 6]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_kill_during_a_handler_drops_the_rest_of_its_batch() {
    let log = log();
    let actor = recorder(&log).spawn();
    actor.kill_self().try_tell().unwrap();
    let mut first = pin!(actor.note(1).into_future());
    let mut second = pin!(actor.note(2).into_future());
    assert!(poll_once(first.as_mut()).await.is_pending());
    assert!(poll_once(second.as_mut()).await.is_pending());

    // The actor takes all three at once; the first kills it.
    assert_eq!(actor.wait_stopped().await, StopReason::Killed);
    assert_eq!(first.await, Err(Error::Stopped));
    assert_eq!(second.await, Err(Error::Stopped));
    assert_eq!(logged(&log), [] as [u32; 0], "nothing after the kill was handled");
}

#[tokio::test(flavor = "current_thread")]
async fn a_stop_during_a_handler_still_handles_the_rest_of_its_batch() {
    let log = log();
    let actor = recorder(&log).spawn();
    actor.stop_self().try_tell().unwrap();
    let mut first = pin!(actor.note(1).into_future());
    let mut second = pin!(actor.note(2).into_future());
    assert!(poll_once(first.as_mut()).await.is_pending());
    assert!(poll_once(second.as_mut()).await.is_pending());

    assert_eq!(actor.wait_stopped().await, StopReason::Normal);
    assert_eq!((first.await, second.await), (Ok(1), Ok(2)), "accepted before the stop");
    assert_eq!(actor.note(3).await, Err(Error::Stopped));
    assert_eq!(logged(&log), [1, 2]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_restarted_child_gets_the_rest_of_the_batch_its_last_instance_took() {
    let log = log();
    let mut supervisor = Supervisor::one_for_one().max_restarts(10, Duration::from_secs(60));
    let child: RecorderAddr = supervisor.child({
        let log = Arc::clone(&log);
        move || recorder(&log)
    });
    let _supervisor = supervisor.spawn();
    let mut failing = pin!(child.boom().into_future());
    assert!(poll_once(failing.as_mut()).await.is_pending());
    let mut asks: Vec<_> = (1..=3).map(|number| Box::pin(child.note(number).into_future())).collect();
    for ask in &mut asks {
        assert!(poll_once(ask.as_mut()).await.is_pending());
    }

    // The first instance takes all four and panics on the first; the next
    // instance handles the other three, in order.
    assert!(matches!(failing.await, Err(Error::Panicked(_))));
    for (ask, number) in asks.into_iter().zip(1..) {
        assert_eq!(ask.await, Ok(number));
    }
    assert_eq!(logged(&log), [1, 2, 3]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_sender_parked_on_a_full_mailbox_gets_in_once_a_batch_makes_room() {
    let log = log();
    let actor = recorder(&log).spawn_with(Mailbox::bounded(2));
    let (entered, has_entered) = oneshot::channel();
    let (release, released) = oneshot::channel();
    actor.hold(entered, released).try_tell().unwrap();
    actor.note(1).try_tell().unwrap();
    let mut parked = pin!(actor.note(2).into_future());
    let mut behind = pin!(actor.note(3).into_future());
    assert!(poll_once(parked.as_mut()).await.is_pending());
    assert!(poll_once(behind.as_mut()).await.is_pending());
    assert_eq!(actor.mailbox_len(), 2, "parked messages are not in the mailbox yet");

    // Taking `hold` and `note(1)` as a batch and handing `hold` over makes
    // room for one, granted to the first parked message, not the one behind
    // it. A granted message goes in when its sender runs again.
    has_entered.await.unwrap();
    assert_eq!(actor.mailbox_len(), 1, "note(1) in the batch; note(2) granted, not yet in");
    assert_eq!(actor.note(4).try_tell(), Err(Error::MailboxFull), "the room is note(2)'s");
    assert!(poll_once(behind.as_mut()).await.is_pending());
    assert_eq!(actor.mailbox_len(), 1, "note(3) did not take note(2)'s room");
    assert!(poll_once(parked.as_mut()).await.is_pending(), "note(2) now waits for its reply");
    assert_eq!(actor.mailbox_len(), 2, "note(1) in the batch, note(2) in the queue");

    release.send(()).unwrap();
    assert_eq!((parked.await, behind.await), (Ok(2), Ok(3)));
    assert_eq!(logged(&log), [1, 2, 3]);
}

#[test]
fn a_batch_dropped_with_its_runtime_answers_its_asks_even_if_a_message_panics_when_dropped() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let log = log();
    let actor = runtime.block_on(async { recorder(&log).spawn() });
    let (entered, has_entered) = oneshot::channel();
    let (_release, released) = oneshot::channel();
    actor.hold(entered, released).try_tell().unwrap();
    actor.carry(Landmine).try_tell().unwrap();
    actor.carry(Landmine).try_tell().unwrap();
    let mut ask = Box::pin(actor.note(1).into_future());
    runtime.block_on(async {
        assert!(poll_once(ask.as_mut()).await.is_pending());
        // The actor takes all four at once and waits in the first.
        has_entered.await.unwrap();
    });

    // Two panicking drops in one batch: dropped together, the second would
    // panic during the first's unwinding and abort the process.
    drop(runtime);
    assert_eq!(futures::executor::block_on(ask), Err(Error::Stopped));
    assert_eq!(futures::executor::block_on(actor.wait_stopped()), StopReason::RuntimeShutdown);
    assert_eq!(logged(&log), [] as [u32; 0]);
}

/// Lets the actor's task run until it waits again.
async fn let_the_actor_run() {
    for _ in 0..3 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_granted_sender_that_gives_up_passes_the_room_to_the_next_in_line() {
    let log = log();
    let actor = recorder(&log).spawn_with(Mailbox::bounded(1));
    actor.note(1).try_tell().unwrap();
    // Boxed, so that dropping it drops the future itself.
    let mut first = Box::pin(actor.note(2).into_future());
    let mut second = pin!(actor.note(3).into_future());
    assert!(poll_once(first.as_mut()).await.is_pending());
    assert!(poll_once(second.as_mut()).await.is_pending());

    // The actor handles note(1): the room goes to note(2), whose sender then
    // gives up before it runs again.
    let_the_actor_run().await;
    assert_eq!(logged(&log), [1]);
    assert_eq!(actor.note(9).try_tell(), Err(Error::MailboxFull), "the room is note(2)'s");
    drop(first);

    // The room is note(3)'s now; nothing else wakes the idle actor, so a
    // room lost here would leave note(3) waiting forever.
    assert!(poll_once(second.as_mut()).await.is_pending(), "note(3) waits for its reply");
    assert_eq!(actor.mailbox_len(), 1, "note(3) went into the queue");
    assert_eq!(second.await, Ok(3));
    assert_eq!(logged(&log), [1, 3], "the withdrawn note(2) was never handled");
}

/// An ask of `note`, polled once: parked on a full mailbox.
type ParkedNote<'a> = Pin<Box<Ask<'a, Recorder, u32>>>;

/// Fills a mailbox of 3 with note(1), `hold` and note(2), and parks note(3)
/// and note(4) behind them. Once `hold` has entered, the actor has granted
/// both room (handing over note(1), then `hold`) and waits in `hold` for
/// `release`; their senders have not run since.
async fn two_parked_behind_a_hold(
    actor: &RecorderAddr,
) -> (ParkedNote<'_>, ParkedNote<'_>, oneshot::Receiver<()>, oneshot::Sender<()>) {
    let (entered, has_entered) = oneshot::channel();
    let (release, released) = oneshot::channel();
    actor.note(1).try_tell().unwrap();
    actor.hold(entered, released).try_tell().unwrap();
    actor.note(2).try_tell().unwrap();
    let mut earlier = Box::pin(actor.note(3).into_future());
    let mut later = Box::pin(actor.note(4).into_future());
    assert!(poll_once(earlier.as_mut()).await.is_pending());
    assert!(poll_once(later.as_mut()).await.is_pending());
    (earlier, later, has_entered, release)
}

#[tokio::test(flavor = "current_thread")]
async fn granted_messages_go_in_in_the_order_they_parked_whichever_sender_runs_first() {
    let log = log();
    let actor = recorder(&log).spawn_with(Mailbox::bounded(3));
    let (earlier, mut later, has_entered, release) = two_parked_behind_a_hold(&actor).await;

    // Handing over note(1) grants note(3) room, handing over `hold` grants
    // note(4) room; the actor then waits in `hold`. Neither sender has run.
    has_entered.await.unwrap();
    assert_eq!(logged(&log), [1]);
    assert_eq!(actor.mailbox_len(), 1, "note(2) in the batch; granted messages are not in yet");

    // The later sender runs first: it takes the earlier message in with it.
    assert!(poll_once(later.as_mut()).await.is_pending(), "note(4) waits for its reply");
    assert_eq!(actor.mailbox_len(), 3, "note(3) and note(4) went in together");
    release.send(()).unwrap();
    assert_eq!(later.await, Ok(4));
    assert_eq!(earlier.await, Ok(3));
    assert_eq!(logged(&log), [1, 2, 3, 4]);
}

#[tokio::test(flavor = "current_thread")]
async fn an_actor_out_of_messages_takes_in_several_granted_ones_itself_in_order() {
    let log = log();
    let actor = recorder(&log).spawn_with(Mailbox::bounded(2));
    actor.note(1).try_tell().unwrap();
    actor.note(2).try_tell().unwrap();
    let mut earlier = pin!(actor.note(3).into_future());
    let mut later = pin!(actor.note(4).into_future());
    assert!(poll_once(earlier.as_mut()).await.is_pending());
    assert!(poll_once(later.as_mut()).await.is_pending());

    // Handling note(1) and note(2) grants room to note(3) and note(4).
    // With nothing else to handle, the actor takes both in rather than wait
    // for their senders, which have not run since.
    let_the_actor_run().await;
    assert_eq!(logged(&log), [1, 2, 3, 4]);
    assert_eq!((later.await, earlier.await), (Ok(4), Ok(3)));
}

#[tokio::test(flavor = "current_thread")]
async fn a_message_granted_room_but_not_yet_in_is_refused_by_a_stop() {
    let log = log();
    let actor = recorder(&log).spawn_with(Mailbox::bounded(1));
    actor.note(1).try_tell().unwrap();
    let mut granted = pin!(actor.note(2).into_future());
    assert!(poll_once(granted.as_mut()).await.is_pending());
    let_the_actor_run().await;
    assert_eq!(logged(&log), [1], "note(1) handled, its room granted to note(2)");

    // Not accepted yet, so `stop()`, which handles what was accepted and
    // refuses the rest, refuses it.
    actor.stop();
    assert_eq!(granted.await, Err(Error::Stopped));
    actor.downgrade().wait_stopped().await;
    assert_eq!(logged(&log), [1]);
}

#[tokio::test(flavor = "current_thread")]
async fn room_beyond_what_is_granted_is_free_for_any_sender() {
    let log = log();
    let actor = recorder(&log).spawn_with(Mailbox::bounded(3));
    for number in 1..=3 {
        actor.note(number).try_tell().unwrap();
    }
    let mut granted = pin!(actor.note(4).into_future());
    assert!(poll_once(granted.as_mut()).await.is_pending());

    // Handing over note(1) grants note(4) room; handing over 2 and 3 frees
    // two more, which nobody waits for. One granted message is left to its
    // sender, which has not run.
    let_the_actor_run().await;
    assert_eq!(logged(&log), [1, 2, 3]);
    assert_eq!(actor.mailbox_len(), 0);

    // Other senders may use the free room while note(4) waits for its
    // sender: were they made to wait behind it, several flooding senders
    // would each get one message in per turn of the actor.
    assert_eq!(actor.note(5).try_tell(), Ok(()));
    assert_eq!(actor.note(6).try_tell(), Ok(()));
    assert_eq!(actor.note(7).try_tell(), Err(Error::MailboxFull), "the last room is note(4)'s");
    assert!(poll_once(granted.as_mut()).await.is_pending(), "note(4) waits for its reply");
    assert_eq!(actor.mailbox_len(), 3);
    assert_eq!(granted.await, Ok(4));
    assert_eq!(logged(&log), [1, 2, 3, 5, 6, 4], "note(4) went in when its sender ran");
}

#[tokio::test(flavor = "current_thread")]
async fn a_stop_refuses_granted_messages_even_when_several_wait() {
    let log = log();
    let actor = recorder(&log).spawn_with(Mailbox::bounded(3));
    let (earlier, later, has_entered, release) = two_parked_behind_a_hold(&actor).await;

    // note(3) and note(4) are granted room while the actor waits in `hold`;
    // then a stop comes, before their senders run. The actor, out of
    // messages after note(2), must not take them in: they were never
    // accepted.
    has_entered.await.unwrap();
    actor.stop();
    release.send(()).unwrap();
    assert_eq!(actor.downgrade().wait_stopped().await, StopReason::Normal);
    assert_eq!((earlier.await, later.await), (Err(Error::Stopped), Err(Error::Stopped)));
    assert_eq!(logged(&log), [1, 2]);
}
