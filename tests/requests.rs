//! Every way of sending, and the promise that every ask ends: with its
//! reply, or with an error, never a hang.

use std::future::IntoFuture;
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::Error;
use tokio::sync::oneshot;

/// Polls `future` once with the current task's waker.
async fn poll_once<F: std::future::Future>(mut future: std::pin::Pin<&mut F>) -> std::task::Poll<F::Output> {
    std::future::poll_fn(|cx| std::task::Poll::Ready(future.as_mut().poll(cx))).await
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Overdraft {
    short_by: u64,
}

#[actor]
struct Account {
    balance: u64,
    log: Vec<&'static str>,
}

#[actor]
impl Account {
    #[handler]
    fn deposit(&mut self, amount: u64) -> u64 {
        self.log.push("deposit");
        self.balance += amount;
        self.balance
    }

    #[handler]
    fn withdraw(&mut self, amount: u64) -> Result<u64, Overdraft> {
        self.log.push("withdraw");
        if amount > self.balance {
            return Err(Overdraft { short_by: amount - self.balance });
        }
        self.balance -= amount;
        Ok(self.balance)
    }

    #[handler]
    async fn hold(&mut self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }

    /// Tells `started` it is running, then waits for `release`.
    #[handler]
    async fn hold_signalling(&mut self, started: std::sync::mpsc::Sender<()>, release: oneshot::Receiver<()>) {
        started.send(()).unwrap();
        let _ = release.await;
    }

    #[handler]
    async fn slow(&mut self, delay: Duration) -> &'static str {
        tokio::time::sleep(delay).await;
        self.log.push("slow");
        "done"
    }

    #[handler]
    fn log(&self) -> Vec<&'static str> {
        self.log.clone()
    }
}

fn account(balance: u64) -> Account {
    Account { balance, log: Vec::new() }
}

#[tokio::test(flavor = "current_thread")]
async fn a_result_reply_is_passed_through_whole() {
    let account = account(10).spawn();
    assert_eq!(account.withdraw(4).await, Ok(Ok(6)));
    assert_eq!(account.withdraw(50).await, Ok(Err(Overdraft { short_by: 44 })));
    let balance: u64 = account.withdraw(6).await.unwrap().unwrap();
    assert_eq!(balance, 0);
}

#[tokio::test(flavor = "current_thread")]
async fn try_tell_reports_a_full_mailbox_and_sends_nothing() {
    let account = account(0).spawn_with(Mailbox::bounded(2));
    assert_eq!(account.mailbox_capacity(), Some(2));
    let (release, held) = oneshot::channel();
    account.hold(held).try_tell().unwrap();
    account.deposit(1).try_tell().unwrap();
    assert_eq!(account.mailbox_len(), 2);
    assert_eq!(account.deposit(100).try_tell(), Err(Error::MailboxFull));
    assert_eq!(account.mailbox_len(), 2);
    release.send(()).unwrap();
    assert_eq!(account.deposit(0).await.unwrap(), 1, "the refused deposit was never handled");
}

#[test]
#[should_panic(expected = "a bounded mailbox needs a capacity of at least 1")]
fn a_bounded_mailbox_of_no_capacity_is_refused() {
    let _ = Mailbox::bounded(0);
}

#[tokio::test(flavor = "current_thread")]
async fn a_capacity_above_the_largest_is_taken_as_the_largest() {
    let mailbox = Mailbox::bounded(usize::MAX);
    assert_eq!(mailbox.capacity(), Some(Mailbox::MAX_CAPACITY));
    let account = account(0).spawn_with(mailbox);
    assert_eq!(account.mailbox_capacity(), Some(Mailbox::MAX_CAPACITY));
    for _ in 0..1_000 {
        account.deposit(1).try_tell().unwrap();
    }
    assert_eq!(account.deposit(0).await.unwrap(), 1_000);
}

#[tokio::test(flavor = "current_thread")]
async fn an_unbounded_mailbox_never_refuses() {
    let account = account(0).spawn_with(Mailbox::unbounded());
    assert_eq!(account.mailbox_capacity(), None);
    for _ in 0..10_000 {
        account.deposit(1).try_tell().unwrap();
    }
    assert_eq!(account.mailbox_len(), 10_000);
    assert_eq!(account.deposit(0).await.unwrap(), 10_000);
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_timeout_ends_an_ask_whose_reply_is_late_but_the_message_is_still_handled() {
    let account = account(0).spawn();
    let late = account.slow(Duration::from_secs(10)).timeout(Duration::from_secs(1)).await;
    assert_eq!(late, Err(Error::Timeout(Duration::from_secs(1))));
    assert_eq!(Error::Timeout(Duration::from_secs(1)).to_string(), "the request timed out after 1s");
    // The message had been accepted: it is handled, only its reply is lost.
    assert_eq!(account.log().await.unwrap(), ["slow"]);
    let in_time = account.slow(Duration::from_secs(1)).timeout(Duration::from_secs(5)).await;
    assert_eq!(in_time, Ok("done"));
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_timeout_also_bounds_waiting_for_room_and_then_nothing_is_sent() {
    let account = account(0).spawn_with(Mailbox::bounded(1));
    let (release, held) = oneshot::channel();
    account.hold(held).tell().await.unwrap();
    account.deposit(1).tell().await.unwrap(); // fills the mailbox
    let waited = account.deposit(100).timeout(Duration::from_millis(50)).tell().await;
    assert_eq!(waited, Err(Error::Timeout(Duration::from_millis(50))));
    let asked = account.deposit(100).timeout(Duration::from_millis(50)).await;
    assert_eq!(asked, Err(Error::Timeout(Duration::from_millis(50))));
    release.send(()).unwrap();
    assert_eq!(account.deposit(0).await.unwrap(), 1, "neither timed-out message was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_an_ask_before_it_is_accepted_withdraws_the_message() {
    let account = account(0).spawn_with(Mailbox::bounded(1));
    let (release, held) = oneshot::channel();
    account.hold(held).tell().await.unwrap();
    account.deposit(1).tell().await.unwrap();
    {
        let ask = account.deposit(100).into_future();
        let mut ask = std::pin::pin!(ask);
        assert!(poll_once(ask.as_mut()).await.is_pending(), "parked: the mailbox is full");
    } // dropped while parked
    release.send(()).unwrap();
    assert_eq!(account.deposit(0).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_an_ask_after_it_is_accepted_still_gets_the_message_handled() {
    let account = account(0).spawn();
    let (release, held) = oneshot::channel();
    account.hold(held).tell().await.unwrap();
    {
        let ask = account.deposit(100).into_future();
        let mut ask = std::pin::pin!(ask);
        assert!(poll_once(ask.as_mut()).await.is_pending(), "accepted, waiting for the reply");
    }
    release.send(()).unwrap();
    assert_eq!(account.deposit(0).await.unwrap(), 100);
}

// Current-thread, so that one `yield_now` lets every sender run up to its park.
#[tokio::test(flavor = "current_thread")]
async fn senders_parked_on_a_full_mailbox_get_an_error_when_the_actor_stops() {
    let account = account(0).spawn_with(Mailbox::bounded(1));
    let (release, held) = oneshot::channel();
    account.hold(held).tell().await.unwrap();
    account.deposit(1).tell().await.unwrap();
    let parked: Vec<_> = (0..3)
        .map(|_| {
            let account = account.clone();
            tokio::spawn(async move { account.deposit(1).await })
        })
        .collect();
    tokio::task::yield_now().await;
    account.stop();
    for ask in parked {
        assert_eq!(ask.await.unwrap(), Err(Error::Stopped), "a parked message was never accepted");
    }
    release.send(()).unwrap();
    assert_eq!(account.wait_stopped().await, StopReason::Normal);
}

#[tokio::test(flavor = "current_thread")]
async fn asks_to_a_stopped_actor_fail_at_once_in_every_form() {
    let account = account(0).spawn();
    account.kill();
    account.wait_stopped().await;
    assert_eq!(account.deposit(1).await, Err(Error::Stopped));
    assert_eq!(account.deposit(1).tell().await, Err(Error::Stopped));
    assert_eq!(account.deposit(1).try_tell(), Err(Error::Stopped));
    assert_eq!(account.deposit(1).timeout(Duration::from_secs(1)).await, Err(Error::Stopped));
    let blocking = account.clone();
    let result = tokio::task::spawn_blocking(move || blocking.deposit(1).blocking()).await.unwrap();
    assert_eq!(result, Err(Error::Stopped));
}

#[test]
fn the_blocking_forms_work_from_a_plain_thread() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let account = runtime.block_on(async { account(0).spawn() });
    let from_thread = account.clone();
    let total = std::thread::spawn(move || {
        from_thread.deposit(5).blocking_tell().unwrap();
        from_thread.deposit(5).blocking().unwrap()
    })
    .join()
    .unwrap();
    assert_eq!(total, 10);
    assert_eq!(account.withdraw(20).timeout(Duration::from_secs(5)).blocking(), Ok(Err(Overdraft { short_by: 10 })));
}

#[test]
fn a_blocking_ask_times_out_when_the_actor_is_busy() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let account = runtime.block_on(async { account(0).spawn() });
    let (release, held) = oneshot::channel();
    account.hold(held).blocking_tell().unwrap();
    assert_eq!(
        account.deposit(1).timeout(Duration::from_millis(20)).blocking(),
        Err(Error::Timeout(Duration::from_millis(20)))
    );
    release.send(()).unwrap();
    assert_eq!(account.deposit(0).blocking(), Ok(1), "the timed-out deposit was accepted and handled");
}

#[test]
fn asks_end_with_an_error_when_the_runtime_shuts_down() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let account = runtime.block_on(async { account(0).spawn() });
    let (_release, held) = oneshot::channel::<()>();
    let (started, running) = std::sync::mpsc::channel();
    // In flight, then queued, when the runtime goes away.
    let in_flight = std::thread::spawn({
        let account = account.clone();
        move || account.hold_signalling(started, held).blocking()
    });
    running.recv().unwrap();
    let queued = std::thread::spawn({
        let account = account.clone();
        move || account.deposit(1).blocking()
    });
    while account.mailbox_len() < 1 {
        std::thread::yield_now();
    }
    drop(runtime);
    // Begun and abandoned at an `.await`, versus never begun.
    assert_eq!(in_flight.join().unwrap(), Err(Error::Interrupted));
    assert_eq!(queued.join().unwrap(), Err(Error::Stopped));
    assert!(!account.is_alive());
    assert_eq!(account.deposit(1).blocking(), Err(Error::Stopped));
    let reason = futures::executor::block_on(account.wait_stopped());
    assert_eq!(reason, StopReason::RuntimeShutdown);
}

#[test]
fn asks_end_with_an_error_when_the_runtime_shuts_down_before_the_actor_ever_ran() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    // Spawned, but the runtime is gone before the actor's task was polled once.
    let account = runtime.block_on(async { account(0).spawn() });
    drop(runtime);
    assert_eq!(account.deposit(1).try_tell(), Err(Error::Stopped));
    assert_eq!(account.deposit(1).blocking(), Err(Error::Stopped));
    assert!(!account.is_alive());
    assert_eq!(futures::executor::block_on(account.wait_stopped()), StopReason::RuntimeShutdown);
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_send_that_timed_out_is_never_delivered_even_if_room_appears_before_it_is_dropped() {
    let account = account(0).spawn_with(Mailbox::bounded(1));
    let (release, held) = oneshot::channel();
    account.hold(held).tell().await.unwrap();
    account.deposit(1).tell().await.unwrap(); // fills the mailbox
    let tell = account.deposit(100).timeout(Duration::from_millis(10)).tell();
    let mut tell = std::pin::pin!(tell);
    let ask = account.deposit(1_000).timeout(Duration::from_millis(10)).into_future();
    let mut ask = std::pin::pin!(ask);
    assert!(poll_once(tell.as_mut()).await.is_pending(), "parked");
    assert!(poll_once(ask.as_mut()).await.is_pending(), "parked");
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(poll_once(tell.as_mut()).await, std::task::Poll::Ready(Err(Error::Timeout(Duration::from_millis(10)))));
    assert_eq!(poll_once(ask.as_mut()).await, std::task::Poll::Ready(Err(Error::Timeout(Duration::from_millis(10)))));
    // Room appears while both futures still exist: neither message may use it.
    release.send(()).unwrap();
    assert_eq!(account.deposit(0).await, Ok(1));
    // `tell` and `ask` are dropped only here, after the room appeared.
}
