//! Monitors: an actor learns once, by a message, that another stopped for
//! good; a future does the same for any task.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures::FutureExt;
use greenroom::prelude::*;
use greenroom::{ActorId, Error, MonitorHandle};
use tokio::sync::oneshot;

#[actor]
struct Worker;

#[actor]
impl Worker {
    #[handler]
    fn ping(&self) {}

    #[handler]
    fn fail(&self) {
        panic!("worker broke");
    }
}

#[actor]
struct Boss {
    exits: Vec<Exit>,
    handle: Option<MonitorHandle>,
}

#[actor]
impl Boss {
    #[handler]
    fn watch(&mut self, worker: WorkerAddr, ctx: &mut Context<Self>) {
        self.handle = Some(ctx.monitor(&worker, |me, exit| me.down(exit)));
    }

    /// Monitors `worker` with a closure that counts its calls.
    #[handler]
    fn watch_counting(&mut self, worker: WorkerAddr, calls: Arc<AtomicUsize>, ctx: &mut Context<Self>) {
        ctx.monitor(&worker, move |me, exit| {
            calls.fetch_add(1, Ordering::Relaxed);
            me.down(exit)
        });
    }

    /// Monitors `worker` with a closure that panics.
    #[handler]
    fn watch_badly(&mut self, worker: WorkerAddr, ctx: &mut Context<Self>) {
        ctx.monitor(&worker, |me, exit| {
            if exit.id.as_u64() > 0 {
                panic!("the monitor's closure broke");
            }
            me.down(exit)
        });
    }

    #[handler]
    fn cancel(&mut self) {
        self.handle.take().expect("watching").cancel();
    }

    #[handler]
    fn forget_handle(&mut self) {
        drop(self.handle.take());
    }

    #[handler]
    fn down(&mut self, exit: Exit) {
        self.exits.push(exit);
    }

    #[handler]
    fn exits(&self) -> Vec<(ActorId, StopReason)> {
        self.exits.iter().map(|exit| (exit.id, exit.reason.clone())).collect()
    }

    #[handler]
    async fn hold(&self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }
}

fn boss() -> BossAddr {
    Boss { exits: Vec::new(), handle: None }.spawn()
}

/// Each way a worker can stop, with the reason it stops with.
fn endings() -> Vec<(fn(WorkerAddr), StopReason)> {
    vec![
        (|worker| worker.stop(), StopReason::Normal),
        (|worker| worker.kill(), StopReason::Killed),
        (drop, StopReason::Unreferenced),
        (
            |worker| {
                tokio::spawn(async move { worker.fail().await });
            },
            StopReason::Panicked("worker broke".into()),
        ),
    ]
}

/// On a multi-thread runtime: the notice is queued before `wait_stopped`
/// returns, so an ask sent after it finds the notice handled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_monitor_reports_each_kind_of_stop_once_with_its_reason() {
    for (end, reason) in endings() {
        let (boss, worker) = (boss(), Worker.spawn());
        boss.watch(worker.clone()).await.unwrap();
        let (id, weak) = (worker.id(), worker.downgrade());
        end(worker);
        assert_eq!(weak.wait_stopped().await, reason);
        assert_eq!(boss.exits().await.unwrap(), [(id, reason.clone())]);
        // Nothing more comes later.
        settle(&boss).await;
        assert_eq!(boss.exits().await.unwrap(), [(id, reason)]);
    }
}

/// Lets the boss handle whatever may still have been on its way.
async fn settle(boss: &BossAddr) {
    for _ in 0..10 {
        tokio::task::yield_now().await;
        boss.exits().await.unwrap();
    }
}

#[tokio::test(flavor = "current_thread")]
async fn monitoring_an_actor_that_already_stopped_reports_at_once() {
    let (boss, worker) = (boss(), Worker.spawn());
    worker.kill();
    worker.wait_stopped().await;
    boss.watch(worker.clone()).await.unwrap();
    assert_eq!(boss.exits().await.unwrap(), [(worker.id(), StopReason::Killed)]);
}

#[tokio::test(flavor = "current_thread")]
async fn each_monitor_reports_once_to_its_own_watcher() {
    let (first, second, worker) = (boss(), boss(), Worker.spawn());
    first.watch(worker.clone()).await.unwrap();
    first.watch(worker.clone()).await.unwrap();
    second.watch(worker.clone()).await.unwrap();
    worker.stop();
    worker.wait_stopped().await;
    let once = (worker.id(), StopReason::Normal);
    assert_eq!(first.exits().await.unwrap(), [once.clone(), once.clone()], "two monitors, two notices");
    assert_eq!(second.exits().await.unwrap(), [once]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_cancelled_monitor_sends_nothing() {
    let (boss, worker) = (boss(), Worker.spawn());
    boss.watch(worker.clone()).await.unwrap();
    boss.cancel().await.unwrap();
    worker.stop();
    worker.wait_stopped().await;
    settle(&boss).await;
    assert_eq!(boss.exits().await.unwrap(), []);
}

#[tokio::test(flavor = "current_thread")]
async fn dropping_the_handle_keeps_the_monitor() {
    let (boss, worker) = (boss(), Worker.spawn());
    boss.watch(worker.clone()).await.unwrap();
    boss.forget_handle().await.unwrap();
    worker.stop();
    worker.wait_stopped().await;
    assert_eq!(boss.exits().await.unwrap(), [(worker.id(), StopReason::Normal)]);
}

#[tokio::test(flavor = "current_thread")]
async fn the_notice_is_queued_even_when_the_mailbox_is_full() {
    let boss = Boss { exits: Vec::new(), handle: None }.spawn_with(Mailbox::bounded(1));
    let worker = Worker.spawn();
    boss.watch(worker.clone()).await.unwrap();
    let (release, held) = oneshot::channel();
    boss.hold(held).tell().await.unwrap();
    while boss.mailbox_len() > 0 {
        tokio::task::yield_now().await;
    }
    // The boss is busy and its mailbox full.
    boss.forget_handle().tell().await.unwrap();
    assert_eq!(boss.forget_handle().try_tell(), Err(Error::MailboxFull));
    worker.stop();
    worker.wait_stopped().await;
    assert_eq!(boss.mailbox_len(), 2, "the notice went past the bound");
    release.send(()).unwrap();
    assert_eq!(boss.exits().await.unwrap(), [(worker.id(), StopReason::Normal)]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_watcher_that_stopped_first_is_not_told() {
    let (boss, worker) = (boss(), Worker.spawn());
    let calls = Arc::new(AtomicUsize::new(0));
    boss.watch_counting(worker.clone(), Arc::clone(&calls)).await.unwrap();
    boss.stop();
    boss.wait_stopped().await;
    worker.stop();
    assert_eq!(worker.wait_stopped().await, StopReason::Normal);
    assert_eq!(calls.load(Ordering::Relaxed), 0, "no message was even built");
}

#[tokio::test(flavor = "current_thread")]
async fn a_monitor_keeps_neither_actor_alive() {
    let (boss, worker) = (boss(), Worker.spawn());
    boss.watch(worker.clone()).await.unwrap();
    let (weak_boss, weak_worker) = (boss.downgrade(), worker.downgrade());
    drop(boss);
    assert_eq!(weak_boss.wait_stopped().await, StopReason::Unreferenced);
    drop(worker);
    assert_eq!(weak_worker.wait_stopped().await, StopReason::Unreferenced);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_monitor_future_can_be_moved_into_a_task_and_outlive_the_address() {
    let worker = Worker.spawn();
    let stopped = tokio::spawn(worker.monitor());
    let weak = worker.downgrade();
    drop(worker); // the future does not keep the worker alive
    assert_eq!(stopped.await.unwrap(), StopReason::Unreferenced);
    assert!(!weak.is_alive());
}

#[tokio::test(flavor = "current_thread")]
async fn a_monitor_future_resolves_at_once_for_a_stopped_actor() {
    let worker = Worker.spawn();
    assert_eq!(worker.fail().await, Err(Error::Panicked("worker broke".into())));
    let reason = StopReason::Panicked("worker broke".into());
    assert_eq!(worker.wait_stopped().await, reason);
    assert_eq!(worker.monitor().now_or_never(), Some(reason));
}

/// The closure of a monitor is user code that runs while the watched actor
/// publishes its stop. If it panics, the other watchers still run and the
/// waiters still wake.
#[tokio::test(flavor = "current_thread")]
async fn a_panicking_monitor_closure_holds_up_neither_other_monitors_nor_waiters() {
    let (bad, good, worker) = (boss(), boss(), Worker.spawn());
    bad.watch_badly(worker.clone()).await.unwrap();
    good.watch(worker.clone()).await.unwrap();
    worker.stop();
    assert_eq!(worker.wait_stopped().await, StopReason::Normal);
    assert_eq!(good.exits().await.unwrap(), [(worker.id(), StopReason::Normal)]);
    assert_eq!(bad.exits().await.unwrap(), [], "its closure never built a message");
}
