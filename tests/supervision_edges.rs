//! Supervision at the edges: exits, stops and kills that come while a child
//! is between instances, temporary siblings in a group restart, a subtree
//! failing through a link, a runtime dropped mid-start, repeated nested
//! restarts (docs/semantics.md, "Supervision" and "Links").

use std::sync::{Arc, Mutex};
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::supervisor::{Backoff, Child, Supervisor, SupervisorAddr};
use greenroom::{Error, Exit};
use tokio::sync::oneshot;

/// A child that records its starts and stops, and may trap exits.
#[actor]
struct Probe {
    name: &'static str,
    traps: bool,
    log: Arc<Mutex<Vec<String>>>,
    exits: Vec<StopReason>,
}

fn probe(name: &'static str, traps: bool, log: &Arc<Mutex<Vec<String>>>) -> impl Fn() -> Probe + Send + Sync {
    let log = Arc::clone(log);
    move || Probe { name, traps, log: Arc::clone(&log), exits: Vec::new() }
}

#[actor]
impl Probe {
    #[on_start]
    fn started(&mut self, ctx: &mut Context<Self>) {
        self.log.lock().unwrap().push(format!("start {}", self.name));
        if self.traps {
            ctx.trap_exits(|me, exit| me.exited(exit));
        }
    }

    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        self.log.lock().unwrap().push(format!("stop {} ({reason})", self.name));
    }

    #[handler]
    fn exited(&mut self, exit: Exit) {
        self.exits.push(exit.reason);
    }

    #[handler]
    fn exits(&self) -> Vec<StopReason> {
        self.exits.clone()
    }

    #[handler]
    fn ping(&self) -> &'static str {
        self.name
    }

    #[handler]
    fn fail(&self) {
        panic!("{} failed", self.name);
    }

    #[handler]
    async fn hold(&self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }
}

/// A plain, unsupervised partner to link to.
#[actor]
struct Partner;

#[actor]
impl Partner {
    #[handler]
    fn fail(&self) {
        panic!("partner failed");
    }
}

fn new_log() -> Arc<Mutex<Vec<String>>> {
    Arc::new(Mutex::new(Vec::new()))
}

/// Links follow the address across restarts, and an exit that comes while
/// the child is between instances (here, during backoff) waits for the trap
/// the next instance sets in `on_start`.
#[tokio::test(start_paused = true)]
async fn a_linked_exit_that_comes_between_instances_is_not_lost() {
    let log = new_log();
    let mut supervisor = Supervisor::one_for_one()
        .max_restarts(10, Duration::from_secs(60))
        .backoff(Backoff::Fixed(Duration::from_secs(1)));
    let child: ProbeAddr = supervisor.child(probe("c", true, &log));
    let _supervisor = supervisor.spawn();
    let partner = Partner.spawn();
    child.link(&partner);

    assert!(child.fail().await.is_err());
    // The child waits 1 s for its restart; its partner fails meanwhile.
    assert!(partner.fail().await.is_err());
    partner.wait_stopped().await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    // The restarted instance sets its trap in on_start: the exit must reach it.
    assert_eq!(child.exits().await.unwrap(), [StopReason::Panicked("partner failed".into())]);
}

/// The same without a trap: the partner's failure reaches the next instance,
/// which stops with `LinkFailed` (and is restarted in turn).
#[tokio::test(start_paused = true)]
async fn a_link_failure_during_backoff_still_reaches_the_child() {
    let log = new_log();
    let mut supervisor = Supervisor::one_for_one()
        .max_restarts(10, Duration::from_secs(60))
        .backoff(Backoff::Fixed(Duration::from_secs(1)));
    let child: ProbeAddr = supervisor.child(probe("c", false, &log));
    let _supervisor = supervisor.spawn();
    let partner = Partner.spawn();
    child.link(&partner);

    assert!(child.fail().await.is_err());
    assert!(partner.fail().await.is_err());
    partner.wait_stopped().await;
    tokio::time::sleep(Duration::from_secs(10)).await;
    child.ping().await.unwrap();
    let log = log.lock().unwrap().clone();
    assert!(log.iter().any(|line| line.starts_with("stop c (linked actor")), "{log:?}");
}

/// A transient child that is stopped stays stopped, even if the `stop()`
/// comes while it waits for its restart.
#[tokio::test(start_paused = true)]
async fn stopping_a_transient_child_during_its_backoff_stops_it_for_good() {
    let log = new_log();
    let mut supervisor = Supervisor::one_for_one()
        .max_restarts(10, Duration::from_secs(60))
        .backoff(Backoff::Fixed(Duration::from_secs(1)));
    let child: ProbeAddr = supervisor.add(Child::new(probe("c", false, &log)).transient());
    let _supervisor = supervisor.spawn();

    assert!(child.fail().await.is_err());
    child.stop();
    assert_eq!(child.ping().await, Err(Error::Stopped));
    tokio::time::sleep(Duration::from_secs(5)).await;
    // The restart did not reopen the mailbox.
    assert_eq!(child.ping().await, Err(Error::Stopped), "log: {:?}", log.lock().unwrap());
    assert_eq!(child.wait_stopped().await, StopReason::Normal);
}

/// Temporary children are never restarted, not even with their siblings.
#[tokio::test]
async fn one_for_all_does_not_restart_a_temporary_sibling() {
    let log = new_log();
    let mut supervisor = Supervisor::one_for_all();
    let a: ProbeAddr = supervisor.child(probe("a", false, &log));
    let t: ProbeAddr = supervisor.add(Child::new(probe("t", false, &log)).temporary());
    let _supervisor = supervisor.spawn();
    a.ping().await.unwrap();
    t.ping().await.unwrap();

    assert!(a.fail().await.is_err());
    a.ping().await.unwrap();
    let starts_of_t = log.lock().unwrap().iter().filter(|line| *line == "start t").count();
    assert_eq!(starts_of_t, 1, "log: {:?}", log.lock().unwrap());
    assert_eq!(t.ping().await, Err(Error::Stopped));
}

/// Every ask ends, including when the runtime shuts down after the outer
/// supervisor started but before the nested one did: the grandchild, never
/// started, is closed with it.
#[test]
fn dropping_the_runtime_before_a_nested_supervisor_starts_ends_every_ask() {
    let log = new_log();
    let mut inner = Supervisor::one_for_one();
    let grandchild: ProbeAddr = inner.child(probe("g", false, &log));
    let mut outer = Supervisor::one_for_one();
    let inner: SupervisorAddr = outer.supervisor(inner);

    // One task per tick: the block_on future resumes after the outer
    // supervisor's task ran once (its on_start launched the inner one's task,
    // which has not run yet).
    let runtime = tokio::runtime::Builder::new_current_thread().event_interval(1).build().unwrap();
    let outer = runtime.block_on(async move {
        let outer = outer.spawn();
        tokio::task::yield_now().await;
        outer
    });
    drop(runtime);

    assert!(!inner.is_alive(), "the inner supervisor's task was dropped");
    let other = tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
    other.block_on(async {
        let reply = tokio::time::timeout(Duration::from_secs(3600), grandchild.ping()).await;
        assert_eq!(reply, Ok(Err(Error::Stopped)), "the ask to the grandchild never ends");
        assert!(!grandchild.is_alive());
    });
    drop(outer);
}

/// A supervisor that fails keeps its children's mailboxes, since its parent
/// may restart the subtree, also when it fails through a link.
#[tokio::test]
async fn a_subtree_failing_through_a_link_keeps_what_its_children_had_queued() {
    let log = new_log();
    let mut inner = Supervisor::one_for_one();
    let child: ProbeAddr = inner.add(Child::new(probe("c", false, &log)).mailbox(Mailbox::unbounded()));
    let mut outer = Supervisor::one_for_one();
    let inner: SupervisorAddr = outer.supervisor(inner);
    let _outer = outer.spawn();
    child.ping().await.unwrap();

    // The child is busy; an ask waits behind it.
    let (release, held) = oneshot::channel();
    child.hold(held).try_tell().unwrap();
    let queued = tokio::spawn({
        let child = child.clone();
        async move { child.ping().await }
    });
    while child.mailbox_len() < 1 {
        tokio::task::yield_now().await;
    }
    let partner = Partner.spawn();
    inner.link(&partner);
    assert!(partner.fail().await.is_err());
    drop(release);
    // The inner supervisor fails (LinkFailed) and is restarted with its child:
    // the queued ask is handled by the child's next instance.
    assert_eq!(queued.await.unwrap(), Ok("c"), "log: {:?}", log.lock().unwrap());
}

/// Killing a supervisor kills its children, also those waiting for a
/// restart, and each one's final reason says so.
#[tokio::test(start_paused = true)]
async fn killing_a_supervisor_during_backoff_reports_its_children_killed() {
    let log = new_log();
    let mut supervisor = Supervisor::one_for_all().backoff(Backoff::Fixed(Duration::from_secs(10)));
    let a: ProbeAddr = supervisor.child(probe("a", false, &log));
    let b: ProbeAddr = supervisor.child(probe("b", false, &log));
    let supervisor = supervisor.spawn();
    a.ping().await.unwrap();
    b.ping().await.unwrap();

    assert!(a.fail().await.is_err());
    tokio::time::sleep(Duration::from_secs(1)).await;
    supervisor.kill();
    assert_eq!(supervisor.wait_stopped().await, StopReason::Killed);
    assert_eq!(b.wait_stopped().await, StopReason::Killed);
    assert_eq!(a.wait_stopped().await, StopReason::Killed);
}

/// Across nested restarts on a multi-thread runtime, each restart of the
/// subtree runs exactly one new instance of each grandchild, and the report
/// lists each actor once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nested_restarts_run_each_grandchild_once_per_restart() {
    for _ in 0..200 {
        let log = new_log();
        let mut inner = Supervisor::one_for_all().max_restarts(0, Duration::from_secs(60));
        let a: ProbeAddr = inner.child(probe("a", false, &log));
        let b: ProbeAddr = inner.child(probe("b", false, &log));
        let mut outer = Supervisor::one_for_one().max_restarts(1_000, Duration::from_secs(60));
        let _inner: SupervisorAddr = outer.supervisor(inner);
        let outer = outer.spawn();
        for _ in 0..3 {
            assert!(a.fail().await.is_err());
            assert_eq!(b.ping().await, Ok("b"));
            assert_eq!(a.ping().await, Ok("a"));
        }
        let report = outer.shutdown(Duration::from_secs(5)).await;
        assert_eq!(report.actors().len(), 4, "{report:?}");
        let starts = |name: &str| log.lock().unwrap().iter().filter(|l| **l == format!("start {name}")).count();
        assert_eq!((starts("a"), starts("b")), (4, 4), "{:?}", log.lock().unwrap());
    }
}

/// Holds its handler at an `.await` until told.
#[actor]
#[derive(Default)]
struct Holder;

#[actor]
impl Holder {
    #[handler]
    async fn hold(&self, entered: oneshot::Sender<()>, release: oneshot::Receiver<()>) {
        let _ = entered.send(());
        let _ = release.await;
    }

    #[handler]
    fn ping(&self) -> u32 {
        1
    }
}

/// A supervised child whose runtime shuts down midway, waiting in a handler
/// with asks queued behind it: the asks end with `Stopped`, and the child
/// reports `RuntimeShutdown`, as an unsupervised actor does.
#[test]
fn a_supervised_child_dropped_with_its_runtime_ends_its_queued_asks() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut supervisor = Supervisor::one_for_one();
    let child: HolderAddr = supervisor.child(Holder::default);
    let (entered, has_entered) = oneshot::channel();
    let (_release, released) = oneshot::channel();
    let mut queued = Box::pin(std::future::IntoFuture::into_future(child.ping()));
    let supervisor = runtime.block_on(async {
        let supervisor = supervisor.spawn();
        child.hold(entered, released).tell().await.unwrap();
        has_entered.await.unwrap();
        assert!(futures::FutureExt::now_or_never(queued.as_mut()).is_none(), "queued behind the held handler");
        supervisor
    });

    drop(runtime);
    assert_eq!(futures::executor::block_on(queued), Err(Error::Stopped));
    assert_eq!(futures::executor::block_on(child.wait_stopped()), StopReason::RuntimeShutdown);
    drop(supervisor);
}
