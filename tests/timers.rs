//! Timers: `send_after` and `send_interval` send the actor its own messages
//! later, as tells, and die with it.
//!
//! Most tests run on paused time. There tokio moves the clock forward only
//! when every task waits, so a `sleep` in the test returns only after the
//! timers due before it have fired and the actor has handled what they sent:
//! the counts below are exact, not timing-dependent.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::{Error, TimerHandle};
use tokio::sync::oneshot;
use tokio::time::sleep;

const SECOND: Duration = Duration::from_secs(1);

#[actor]
struct Clock {
    /// The ids of the ticks handled, shared so it outlives the actor.
    log: Arc<Mutex<Vec<u32>>>,
}

#[actor]
impl Clock {
    #[handler]
    fn after(&mut self, delay: Duration, id: u32, ctx: &mut Context<Self>) -> TimerHandle {
        ctx.send_after(delay, move |me| me.tick(id))
    }

    #[handler]
    fn every(&mut self, period: Duration, ctx: &mut Context<Self>) -> TimerHandle {
        ctx.send_interval(period, |me| me.tick(0))
    }

    /// An interval whose closure owns `token`, to see when it is dropped.
    #[handler]
    fn every_holding(&mut self, period: Duration, token: Arc<()>, ctx: &mut Context<Self>) -> TimerHandle {
        ctx.send_interval(period, move |me| {
            let _owned = &token;
            me.tick(0)
        })
    }

    #[handler]
    fn tick(&mut self, id: u32) {
        self.log.lock().unwrap().push(id);
    }

    #[handler]
    async fn hold(&mut self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }

    /// Waits for `release`, then cancels `timer`: the actor takes its next
    /// message right after, before the runtime gets to the aborted task.
    #[handler]
    async fn hold_then_cancel(&mut self, release: oneshot::Receiver<()>, timer: TimerHandle) {
        let _ = release.await;
        timer.cancel();
    }
}

fn clock() -> (ClockAddr, Arc<Mutex<Vec<u32>>>) {
    clock_with(Mailbox::default())
}

fn clock_with(mailbox: Mailbox) -> (ClockAddr, Arc<Mutex<Vec<u32>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    (Clock { log: Arc::clone(&log) }.spawn_with(mailbox), log)
}

fn ticks(log: &Arc<Mutex<Vec<u32>>>) -> Vec<u32> {
    log.lock().unwrap().clone()
}

#[tokio::test(start_paused = true)]
async fn send_after_fires_once_after_the_delay_and_not_before() {
    let (clock, log) = clock();
    clock.after(10 * SECOND, 7).await.unwrap();

    sleep(10 * SECOND - Duration::from_millis(1)).await;
    assert_eq!(ticks(&log), [] as [u32; 0], "nothing before the delay");

    sleep(Duration::from_millis(2)).await;
    assert_eq!(ticks(&log), [7], "once the delay is up");

    sleep(100 * SECOND).await;
    assert_eq!(ticks(&log), [7], "and only once");
}

#[tokio::test(start_paused = true)]
async fn timers_fire_in_the_order_they_are_due() {
    let (clock, log) = clock();
    clock.after(3 * SECOND, 3).await.unwrap();
    clock.after(SECOND, 1).await.unwrap();
    clock.after(2 * SECOND, 2).await.unwrap();
    sleep(4 * SECOND).await;
    assert_eq!(ticks(&log), [1, 2, 3]);
}

#[tokio::test(start_paused = true)]
async fn send_interval_fires_once_per_period() {
    let (clock, log) = clock();
    clock.every(SECOND).await.unwrap();

    sleep(SECOND / 2).await;
    assert_eq!(ticks(&log).len(), 0, "the first tick comes one period after the call");
    sleep(5 * SECOND).await;
    assert_eq!(ticks(&log).len(), 5);
    sleep(SECOND).await;
    assert_eq!(ticks(&log).len(), 6);
}

#[tokio::test(start_paused = true)]
async fn cancel_stops_an_interval() {
    let (clock, log) = clock();
    let timer = clock.every(SECOND).await.unwrap();
    sleep(3 * SECOND + SECOND / 2).await;
    assert_eq!(ticks(&log).len(), 3);

    timer.cancel();
    sleep(10 * SECOND).await;
    assert_eq!(ticks(&log).len(), 3);
}

#[tokio::test(start_paused = true)]
async fn cancel_before_the_delay_sends_nothing() {
    let (clock, log) = clock();
    let timer = clock.after(SECOND, 1).await.unwrap();
    timer.cancel();
    sleep(10 * SECOND).await;
    assert_eq!(ticks(&log), [] as [u32; 0]);
}

#[tokio::test(start_paused = true)]
async fn dropping_the_handle_does_not_cancel_the_timer() {
    let (clock, log) = clock();
    drop(clock.after(SECOND, 1).await.unwrap());
    drop(clock.every(SECOND).await.unwrap());
    sleep(3 * SECOND + SECOND / 2).await;
    assert_eq!(ticks(&log), [1, 0, 0, 0]);
}

/// A tick waiting for room in a full mailbox has not been accepted:
/// cancelling withdraws it at once, and it is never handled, even though the
/// actor makes room right after (before the timer's task is aborted).
#[tokio::test(start_paused = true)]
async fn cancel_withdraws_a_tick_waiting_for_room() {
    let (clock, log) = clock_with(Mailbox::bounded(1));
    clock.after(SECOND, 1).await.unwrap();
    let second = clock.after(2 * SECOND, 2).await.unwrap();
    let (release, held) = oneshot::channel();
    clock.hold_then_cancel(held, second).tell().await.unwrap();

    sleep(3 * SECOND).await;
    // Tick 1 fills the mailbox; tick 2 waits for room.
    assert_eq!(clock.mailbox_len(), 1);

    release.send(()).unwrap();
    sleep(SECOND).await;
    assert_eq!(ticks(&log), [1]);
}

#[tokio::test(start_paused = true)]
async fn a_timer_into_a_full_mailbox_waits_for_room_and_loses_nothing() {
    let (clock, log) = clock_with(Mailbox::bounded(1));
    for id in 1..=5 {
        clock.after(SECOND * id, id).await.unwrap();
    }
    let (release, held) = oneshot::channel();
    clock.hold(held).tell().await.unwrap();

    sleep(10 * SECOND).await;
    assert_eq!(clock.mailbox_len(), 1, "the bound holds: four ticks wait for room");
    assert_eq!(ticks(&log), [] as [u32; 0]);

    release.send(()).unwrap();
    sleep(SECOND).await;
    assert_eq!(ticks(&log), [1, 2, 3, 4, 5]);
}

/// An interval that had to wait for room does not make up the ticks it
/// missed with a burst: after the late tick, the next comes a full period
/// later.
#[tokio::test(start_paused = true)]
async fn an_interval_held_up_by_a_full_mailbox_does_not_burst() {
    let (clock, log) = clock_with(Mailbox::bounded(1));
    clock.every(SECOND).await.unwrap();
    let (release, held) = oneshot::channel();
    clock.hold(held).tell().await.unwrap();

    // Tick 1 (at 1s) fills the mailbox, tick 2 (at 2s) waits for room until
    // the actor is released at 10.5s.
    sleep(10 * SECOND + SECOND / 2).await;
    release.send(()).unwrap();
    sleep(SECOND / 4).await;
    // 10.75s: ticks 1 and 2, then one for the periods missed, at once.
    assert_eq!(ticks(&log).len(), 3);
    sleep(SECOND / 2).await;
    // 11.25s: no more. The next is due a full period after the late one
    // (11.5s), not at the old pace (11s) nor one per period missed.
    assert_eq!(ticks(&log).len(), 3);
    sleep(SECOND / 2).await;
    assert_eq!(ticks(&log).len(), 4);
    sleep(SECOND).await;
    assert_eq!(ticks(&log).len(), 5);
}

#[tokio::test(start_paused = true)]
async fn timers_die_with_the_actor() {
    let (clock, log) = clock();
    let token = Arc::new(());
    let interval = clock.every_holding(SECOND, Arc::clone(&token)).await.unwrap();
    let pending = clock.after(100 * SECOND, 1).await.unwrap();
    sleep(2 * SECOND + SECOND / 2).await;
    assert_eq!(ticks(&log).len(), 2);
    assert_eq!(Arc::strong_count(&token), 2, "the running interval owns its closure");

    clock.stop();
    assert_eq!(clock.wait_stopped().await, StopReason::Normal);
    sleep(SECOND / 4).await; // the runtime drops the aborted tasks
    assert!(interval.is_finished());
    assert!(pending.is_finished());
    assert_eq!(Arc::strong_count(&token), 1, "the closure was dropped with the task");

    sleep(200 * SECOND).await;
    assert_eq!(ticks(&log).len(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_running_interval_does_not_keep_the_actor_alive() {
    let (clock, log) = clock();
    clock.every(SECOND).await.unwrap();
    clock.after(100 * SECOND, 1).await.unwrap();
    sleep(2 * SECOND + SECOND / 2).await;
    assert_eq!(ticks(&log).len(), 2);

    let weak = clock.downgrade();
    drop(clock);
    assert_eq!(weak.wait_stopped().await, StopReason::Unreferenced);
    sleep(200 * SECOND).await;
    assert_eq!(ticks(&log).len(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_zero_period_is_refused_by_a_panic_in_the_handler() {
    let (clock, _log) = clock();
    let error = clock.every(Duration::ZERO).await.unwrap_err();
    assert_eq!(error, Error::Panicked("`send_interval` needs a period greater than zero".into()));
}

/// Real time, several worker threads: ticks keep coming and `cancel` ends
/// them. The test waits for counts and for the timer's closure to be
/// dropped, never for a duration.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interval_ticks_and_cancels_on_a_multi_thread_runtime() {
    let (clock, log) = clock();
    let token = Arc::new(());
    let timer = clock.every_holding(Duration::from_millis(1), Arc::clone(&token)).await.unwrap();
    while ticks(&log).len() < 5 {
        tokio::task::yield_now().await;
    }
    timer.cancel();
    while Arc::strong_count(&token) > 1 {
        tokio::task::yield_now().await;
    }
    // The timer's task is gone, and whatever it had sent was accepted
    // before this ask, so is handled before it: the count is final.
    let (release, held) = oneshot::channel();
    release.send(()).unwrap();
    clock.hold(held).await.unwrap();
    let settled = ticks(&log).len();
    assert!(settled >= 5);
    assert!(clock.is_alive());
}
