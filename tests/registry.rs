//! The registry: names global to the process, each held by one actor until
//! it is unregistered or the actor stops.
//!
//! Tests run in parallel in one process and share the registry, so each
//! uses names of its own.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

use greenroom::prelude::*;
use greenroom::{lookup, unregister, Error};
use tokio::sync::oneshot;

#[actor]
struct Counter {
    count: u64,
}

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }

    #[handler]
    fn fail(&self) {
        panic!("counter broke");
    }

    #[handler]
    async fn hold(&self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }
}

fn counter() -> CounterAddr {
    Counter { count: 0 }.spawn()
}

/// Another actor type, to look a `Counter`'s name up as.
#[actor]
struct Cache;

#[actor]
impl Cache {}

#[tokio::test(flavor = "current_thread")]
async fn a_registered_actor_is_found_by_name_with_a_working_address() {
    let counter = counter();
    counter.register("round-trip").unwrap();
    let found = lookup::<Counter>("round-trip").expect("registered");
    assert_eq!(found, counter);
    assert_eq!(found.add(2).await, Ok(2));
    assert_eq!(counter.add(1).await, Ok(3), "the same actor, not a copy");
}

#[tokio::test(flavor = "current_thread")]
async fn one_actor_may_hold_several_names_and_stopping_releases_them_all() {
    let counter = counter();
    counter.register("several-a").unwrap();
    counter.register(String::from("several-b")).unwrap();
    assert_eq!(lookup::<Counter>("several-a"), Some(counter.clone()));
    assert_eq!(lookup::<Counter>("several-b"), Some(counter.clone()));
    counter.stop();
    counter.wait_stopped().await;
    assert!(!unregister("several-a"));
    assert!(!unregister("several-b"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_taken_name_is_refused_and_keeps_its_first_owner() {
    let (first, second) = (counter(), counter());
    first.register("taken").unwrap();
    let error = second.register("taken").unwrap_err();
    assert_eq!(error, Error::NameTaken("taken".into()));
    assert_eq!(error.to_string(), "the name \"taken\" is already registered");
    assert_eq!(first.register("taken"), Err(Error::NameTaken("taken".into())), "even by its owner");
    assert_eq!(lookup::<Counter>("taken"), Some(first));
}

#[tokio::test(flavor = "current_thread")]
async fn lookup_of_an_unknown_name_or_another_actor_type_is_none() {
    let counter = counter();
    counter.register("typed").unwrap();
    assert!(lookup::<Counter>("typed-unknown").is_none());
    assert!(lookup::<Cache>("typed").is_none(), "a Counter is not a Cache");
    assert_eq!(lookup::<Counter>("typed"), Some(counter), "the wrong-type lookup changed nothing");
}

#[tokio::test(flavor = "current_thread")]
async fn unregister_frees_the_name_and_leaves_the_actor_running() {
    let (old, new) = (counter(), counter());
    old.register("moved").unwrap();
    assert!(unregister("moved"));
    assert!(!unregister("moved"), "already gone");
    assert!(lookup::<Counter>("moved").is_none());
    assert_eq!(old.add(1).await, Ok(1));
    new.register("moved").unwrap();
    assert_eq!(lookup::<Counter>("moved"), Some(new));
}

/// Registers `counter` under `name`, lets `end` stop it, and checks that
/// the name is gone once `wait_stopped` returns: not only refused by
/// `lookup` (a stopped actor could not be reached anyway) but removed.
async fn released_on_stop(name: &str, end: impl FnOnce(CounterAddr), expected: StopReason) {
    let counter = counter();
    counter.register(name).unwrap();
    let weak = counter.downgrade();
    end(counter);
    assert_eq!(weak.wait_stopped().await, expected);
    assert!(lookup::<Counter>(name).is_none());
    assert!(!unregister(name), "the entry was removed, not merely unreachable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_actor_leaves_the_registry_however_it_stops() {
    released_on_stop("stop-normal", |counter| counter.stop(), StopReason::Normal).await;
    released_on_stop("stop-killed", |counter| counter.kill(), StopReason::Killed).await;
    released_on_stop("stop-unreferenced", drop, StopReason::Unreferenced).await;
    released_on_stop(
        "stop-panicked",
        |counter| {
            tokio::spawn(async move { counter.fail().await });
        },
        StopReason::Panicked("counter broke".into()),
    )
    .await;
}

#[test]
fn an_actor_whose_runtime_shuts_down_leaves_the_registry() {
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let counter = runtime.block_on(async {
        let counter = counter();
        counter.register("runtime-gone").unwrap();
        counter
    });
    drop(runtime);
    assert!(!counter.is_alive());
    assert!(lookup::<Counter>("runtime-gone").is_none());
    assert!(!unregister("runtime-gone"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_name_can_be_registered_again_once_its_owner_has_stopped() {
    let (old, new) = (counter(), counter());
    old.register("reused").unwrap();
    old.stop();
    old.wait_stopped().await;
    new.register("reused").unwrap();
    assert_eq!(lookup::<Counter>("reused"), Some(new));
}

#[tokio::test(flavor = "current_thread")]
async fn the_late_stop_of_an_old_owner_does_not_remove_its_successor() {
    let (old, new) = (counter(), counter());
    old.register("successor").unwrap();
    assert!(unregister("successor"));
    new.register("successor").unwrap();
    // The old owner's stop comes after the name changed hands.
    old.kill();
    old.wait_stopped().await;
    assert_eq!(lookup::<Counter>("successor"), Some(new.clone()));

    // The same when the old owner re-registered before it was replaced.
    let old = counter();
    assert!(unregister("successor"));
    old.register("successor").unwrap();
    assert!(unregister("successor"));
    new.register("successor").unwrap();
    old.stop();
    old.wait_stopped().await;
    assert_eq!(lookup::<Counter>("successor"), Some(new));
}

#[tokio::test(flavor = "current_thread")]
async fn the_registry_does_not_keep_an_actor_alive() {
    let counter = counter();
    counter.register("not-kept").unwrap();
    let weak = counter.downgrade();
    drop(counter);
    assert_eq!(weak.wait_stopped().await, StopReason::Unreferenced);
    assert!(lookup::<Counter>("not-kept").is_none());
}

#[tokio::test(flavor = "current_thread")]
async fn a_stopped_or_stopping_actor_cannot_be_registered() {
    let stopped = counter();
    stopped.stop();
    stopped.wait_stopped().await;
    assert_eq!(stopped.register("refused-stopped"), Err(Error::Stopped));
    assert!(!unregister("refused-stopped"));

    // Stopping: busy with a handler, it refuses new messages already.
    let stopping = counter();
    let (release, held) = oneshot::channel();
    stopping.hold(held).tell().await.unwrap();
    stopping.stop();
    assert!(stopping.is_alive());
    assert_eq!(stopping.register("refused-stopping"), Err(Error::Stopped));
    release.send(()).unwrap();
    stopping.wait_stopped().await;
}

#[tokio::test(flavor = "current_thread")]
async fn lookup_of_a_stopping_actor_is_none_and_its_name_is_kept_until_it_stops() {
    let (draining, next) = (counter(), counter());
    draining.register("draining").unwrap();
    let (release, held) = oneshot::channel();
    draining.hold(held).tell().await.unwrap();
    draining.stop();
    assert!(lookup::<Counter>("draining").is_none(), "it no longer accepts messages");
    assert_eq!(next.register("draining"), Err(Error::NameTaken("draining".into())));
    release.send(()).unwrap();
    draining.wait_stopped().await;
    assert!(!unregister("draining"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_registrations_of_one_name_have_exactly_one_winner() {
    for round in 0..20 {
        let name = format!("contended-{round}");
        let tasks = 16;
        let start = Arc::new(tokio::sync::Barrier::new(tasks));
        let racers: Vec<_> = (0..tasks)
            .map(|_| {
                let (start, name) = (Arc::clone(&start), name.clone());
                tokio::spawn(async move {
                    let counter = counter();
                    start.wait().await;
                    let registered = counter.register(name.as_str());
                    (counter, registered)
                })
            })
            .collect();
        let mut winners = Vec::new();
        for racer in racers {
            let (counter, registered) = racer.await.unwrap();
            match registered {
                Ok(()) => winners.push(counter),
                Err(error) => assert_eq!(error, Error::NameTaken(name.clone())),
            }
        }
        assert_eq!(winners.len(), 1, "round {round}");
        assert_eq!(lookup::<Counter>(&name).as_ref(), winners.first());
    }
}

/// Watches a counter with a monitor whose closure holds up the counter's
/// stop watchers until the test says so.
#[actor]
struct Holdup;

#[actor]
impl Holdup {
    #[handler]
    fn watch(&mut self, counter: CounterAddr, checked: Arc<AtomicBool>, ctx: &mut Context<Self>) {
        ctx.monitor(&counter, move |me, exit| {
            // Runs among the counter's stop watchers, before the registry's
            // (registered later). Waits (boundedly) for the waiter below to
            // have looked at the registry: if it could, it did so while this
            // watcher held up the rest.
            for _ in 0..200 {
                if checked.load(Ordering::Acquire) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            me.counter_stopped(exit)
        });
    }

    #[handler]
    fn counter_stopped(&mut self, exit: Exit) {
        let _ = exit;
    }
}

/// `wait_stopped` returns only once every stop watcher has run, so that
/// whoever waits for the stop finds the name already released (and a
/// successor can register it at once).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_name_is_released_before_wait_stopped_returns() {
    let counter = counter();
    let checked = Arc::new(AtomicBool::new(false));
    let holdup = Holdup.spawn();
    holdup.watch(counter.clone(), Arc::clone(&checked)).await.unwrap();
    counter.register("released-first").unwrap();

    // A plain thread, so that it runs as soon as it is woken.
    let ready = Arc::new(Barrier::new(2));
    let waiter = std::thread::spawn({
        let (weak, ready) = (counter.downgrade(), Arc::clone(&ready));
        move || {
            ready.wait();
            futures::executor::block_on(weak.wait_stopped());
            let still_registered = unregister("released-first");
            checked.store(true, Ordering::Release);
            still_registered
        }
    });
    ready.wait();
    counter.stop();
    assert!(!waiter.join().unwrap(), "wait_stopped returned before the registry's watcher ran");
}
