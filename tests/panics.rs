//! A panicking handler stops its own actor only, and every ask still ends.

use greenroom::prelude::*;
use greenroom::Error;
use tokio::sync::oneshot;

#[actor]
struct Fragile {
    handled: u32,
}

#[actor]
impl Fragile {
    #[handler]
    fn count(&mut self) -> u32 {
        self.handled += 1;
        self.handled
    }

    #[handler]
    fn explode(&mut self, why: String) -> u32 {
        panic!("{why}");
    }

    #[handler]
    async fn explode_later(&mut self, release: oneshot::Receiver<()>) {
        let _ = release.await;
        panic!("async handler gave up");
    }

    #[handler]
    async fn hold(&mut self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }
}

fn fragile() -> FragileAddr {
    Fragile { handled: 0 }.spawn()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_panicking_ask_gets_the_panic_message_and_the_actor_stops() {
    let actor = fragile();
    assert_eq!(actor.count().await.unwrap(), 1);
    let error = actor.explode("disk on fire".into()).await.unwrap_err();
    assert_eq!(error, Error::Panicked("disk on fire".into()));
    assert_eq!(actor.wait_stopped().await, StopReason::Panicked("disk on fire".into()));
    assert!(!actor.is_alive());
    assert_eq!(actor.count().await, Err(Error::Stopped));
}

#[tokio::test(flavor = "current_thread")]
async fn an_async_handler_that_panics_is_reported_the_same_way() {
    let actor = fragile();
    let (release, held) = oneshot::channel();
    let ask = tokio::spawn({
        let actor = actor.clone();
        async move { actor.explode_later(held).await }
    });
    release.send(()).unwrap();
    assert_eq!(ask.await.unwrap(), Err(Error::Panicked("async handler gave up".into())));
    assert_eq!(actor.wait_stopped().await, StopReason::Panicked("async handler gave up".into()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asks_queued_behind_a_panic_get_an_error() {
    let actor = fragile();
    let (release, held) = oneshot::channel();
    actor.explode_later(held).tell().await.unwrap();
    // Queue asks behind the message that will panic.
    let queued: Vec<_> = (0..10)
        .map(|_| {
            let actor = actor.clone();
            tokio::spawn(async move { actor.count().await })
        })
        .collect();
    while actor.mailbox_len() < 10 {
        tokio::task::yield_now().await;
    }
    release.send(()).unwrap();
    for ask in queued {
        assert_eq!(ask.await.unwrap(), Err(Error::Stopped));
    }
    assert!(actor.wait_stopped().await.is_failure());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_stops_only_its_own_actor() {
    let doomed = fragile();
    let bystanders: Vec<_> = (0..20).map(|_| fragile()).collect();
    let _ = doomed.explode("only me".into()).await;
    doomed.wait_stopped().await;
    for bystander in &bystanders {
        assert_eq!(bystander.count().await.unwrap(), 1);
        assert!(bystander.is_alive());
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_told_message_that_panics_stops_the_actor_and_reports_the_panic() {
    let actor = fragile();
    actor.explode("nobody asked".into()).tell().await.unwrap();
    assert_eq!(actor.wait_stopped().await, StopReason::Panicked("nobody asked".into()));
}

#[tokio::test(flavor = "current_thread")]
async fn a_panic_with_a_non_string_payload_still_stops_the_actor_with_a_message() {
    #[actor]
    struct Odd;

    #[actor]
    impl Odd {
        #[handler]
        fn odd(&self) {
            std::panic::panic_any(42_u8);
        }
    }

    let odd = Odd.spawn();
    let Err(Error::Panicked(message)) = odd.odd().await else { panic!("expected a panic error") };
    assert!(!message.is_empty());
    assert!(odd.wait_stopped().await.is_failure());
}

#[actor]
struct FailsToStart;

#[actor]
impl FailsToStart {
    #[on_start]
    fn start(&mut self) {
        panic!("no config");
    }

    #[handler]
    fn ping(&self) {}
}

#[tokio::test(flavor = "current_thread")]
async fn a_panicking_on_start_stops_the_actor_and_fails_its_queued_asks() {
    let actor = FailsToStart.spawn();
    // Sent before the actor had a chance to start: queued, then refused.
    let ask = actor.ping();
    assert_eq!(ask.await, Err(Error::Stopped));
    assert_eq!(actor.wait_stopped().await, StopReason::Panicked("no config".into()));
}

#[actor]
struct FailsToStop {
    stopped: Option<oneshot::Sender<StopReason>>,
}

#[actor]
impl FailsToStop {
    #[on_stop]
    fn stop_hook(&mut self, reason: &StopReason) {
        let _ = self.stopped.take().unwrap().send(reason.clone());
        panic!("cleanup failed");
    }

    #[handler]
    fn ping(&self) {}
}

#[tokio::test(flavor = "current_thread")]
async fn a_panicking_on_stop_hook_is_reported_as_the_stop_reason() {
    let (tx, rx) = oneshot::channel();
    let actor = FailsToStop { stopped: Some(tx) }.spawn();
    actor.ping().await.unwrap();
    actor.stop();
    assert_eq!(rx.await.unwrap(), StopReason::Normal, "on_stop saw why the actor stopped");
    assert_eq!(actor.wait_stopped().await, StopReason::Panicked("cleanup failed".into()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_ask_gets_an_error_when_the_handler_it_waits_behind_panics() {
    let actor = fragile();
    let (release, held) = oneshot::channel();
    actor.hold(held).tell().await.unwrap();
    let blocked = tokio::spawn({
        let actor = actor.clone();
        async move { actor.explode("after hold".into()).await }
    });
    drop(release); // the hold ends, then `explode` runs and panics
    assert_eq!(blocked.await.unwrap(), Err(Error::Panicked("after hold".into())));
}
