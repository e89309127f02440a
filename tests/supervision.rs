//! Supervisors: strategies, restart policies, intensity, backoff, nesting,
//! and addresses that stay valid across restarts (docs/semantics.md,
//! "Supervision").

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::supervisor::{Backoff, Child, Restart, Supervisor, SupervisorAddr};
use greenroom::Error;

/// What the instances of one child did, shared with the test.
#[derive(Default)]
struct Journal {
    starts: AtomicUsize,
    handled: Mutex<Vec<u64>>,
    stops: Mutex<Vec<StopReason>>,
}

impl Journal {
    fn starts(&self) -> usize {
        self.starts.load(Ordering::SeqCst)
    }

    fn handled(&self) -> Vec<u64> {
        self.handled.lock().unwrap().clone()
    }

    fn stops(&self) -> Vec<StopReason> {
        self.stops.lock().unwrap().clone()
    }
}

/// A worker that panics on every multiple of `fail_every`.
#[actor]
struct Worker {
    journal: Arc<Journal>,
    fail_every: u64,
    /// Messages this instance handled: a restart begins again at zero.
    seen: u64,
}

fn worker(journal: &Arc<Journal>, fail_every: u64) -> impl Fn() -> Worker + Send + Sync + 'static {
    let journal = Arc::clone(journal);
    move || Worker { journal: Arc::clone(&journal), fail_every, seen: 0 }
}

#[actor]
impl Worker {
    #[on_start]
    fn started(&mut self) {
        self.journal.starts.fetch_add(1, Ordering::SeqCst);
    }

    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        self.journal.stops.lock().unwrap().push(reason.clone());
    }

    #[handler]
    fn work(&mut self, n: u64) -> u64 {
        assert!(self.fail_every == 0 || !n.is_multiple_of(self.fail_every), "failing on {n}");
        self.journal.handled.lock().unwrap().push(n);
        self.seen += 1;
        self.seen
    }

    #[handler]
    fn seen(&self) -> u64 {
        self.seen
    }

    #[handler]
    fn finish(&self, ctx: &mut Context<Self>) {
        ctx.stop();
    }

    #[handler]
    async fn hang(&self) {
        std::future::pending::<()>().await;
    }
}

fn lenient() -> Supervisor {
    Supervisor::one_for_one().max_restarts(1_000, Duration::from_secs(60))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_child_failing_on_every_tenth_message_keeps_answering_and_loses_nothing_queued() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = lenient();
    let worker: WorkerAddr = supervisor.add(Child::new(worker(&journal, 10)).mailbox(Mailbox::unbounded()));
    let supervisor = supervisor.spawn();

    // All sent before most are handled, so that every failure leaves
    // messages queued behind it.
    let asks: Vec<_> = (1..=1_000)
        .map(|n| {
            let worker = worker.clone();
            tokio::spawn(async move { (n, worker.work(n).await) })
        })
        .collect();
    let mut failed = 0;
    for ask in asks {
        let (n, reply) = ask.await.unwrap();
        match reply {
            Ok(_) => assert!(!n.is_multiple_of(10)),
            Err(Error::Panicked(message)) => {
                assert!(n.is_multiple_of(10), "only multiples of ten fail");
                assert_eq!(message, format!("failing on {n}"));
                failed += 1;
            }
            Err(other) => panic!("ask {n} ended with {other:?}"),
        }
    }
    assert_eq!(failed, 100);
    // Answered by an instance started after every failure.
    worker.seen().await.unwrap();

    // Every message that did not fail was handled exactly once, and the
    // failing ones were not retried.
    let mut handled = journal.handled();
    handled.sort_unstable();
    let expected: Vec<u64> = (1..=1_000u64).filter(|n| !n.is_multiple_of(10)).collect();
    assert_eq!(handled, expected);
    assert_eq!(journal.starts(), 101, "one start, and one restart per failure");
    assert!(worker.is_alive());
    supervisor.shutdown(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn queued_messages_are_handled_by_the_next_instance_in_order() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = lenient();
    let worker: WorkerAddr = supervisor.add(Child::new(worker(&journal, 5)).mailbox(Mailbox::unbounded()));
    let _supervisor = supervisor.spawn();

    // Queued in one go from one task: 5 fails with 6..=9 behind it.
    for n in 1..=9 {
        worker.work(n).try_tell().unwrap();
    }
    assert_eq!(worker.seen().await.unwrap(), 4, "the new instance handled 6..=9");
    assert_eq!(journal.handled(), vec![1, 2, 3, 4, 6, 7, 8, 9]);
    assert_eq!(journal.stops(), vec![StopReason::Panicked("failing on 5".into())]);
}

#[tokio::test]
async fn the_address_stays_valid_and_the_instance_is_rebuilt_by_the_factory() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = lenient();
    let worker: WorkerAddr = supervisor.child(worker(&journal, 3));
    let _supervisor = supervisor.spawn();

    assert_eq!(worker.work(1).await.unwrap(), 1);
    assert_eq!(worker.work(2).await.unwrap(), 2);
    assert!(worker.work(3).await.is_err());
    // The same address reaches a fresh instance: its count starts again.
    assert_eq!(worker.work(4).await.unwrap(), 1);
    assert_eq!(journal.starts(), 2);
}

#[tokio::test]
async fn the_child_stays_alive_when_every_user_address_is_dropped() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = lenient();
    let worker: WorkerAddr = supervisor.child(worker(&journal, 0));
    let supervisor = supervisor.spawn();
    let weak = worker.downgrade();
    drop(worker);
    let worker: WorkerAddr = weak.upgrade().expect("still supervised");
    assert_eq!(worker.work(1).await.unwrap(), 1);
    drop(supervisor);
    // Nor does the supervisor stop when its address is dropped.
    assert_eq!(worker.work(2).await.unwrap(), 2);
}

#[tokio::test]
async fn exceeding_the_restart_intensity_stops_the_supervisor_and_its_children() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = Supervisor::one_for_one().max_restarts(2, Duration::from_secs(60));
    let worker: WorkerAddr = supervisor.child(worker(&journal, 1));
    let supervisor = supervisor.spawn();

    for n in 1..=2 {
        assert!(matches!(worker.work(n).await, Err(Error::Panicked(_))));
    }
    // The third failure within the period is one too many.
    assert!(matches!(worker.work(3).await, Err(Error::Panicked(_))));
    let reason = supervisor.wait_stopped().await;
    assert_eq!(
        reason,
        StopReason::RestartLimit {
            restarts: 2,
            within: Duration::from_secs(60),
            last: Box::new(StopReason::Panicked("failing on 3".into())),
        }
    );
    assert!(reason.is_failure());
    assert_eq!(worker.wait_stopped().await, StopReason::Panicked("failing on 3".into()));
    assert_eq!(worker.work(4).await, Err(Error::Stopped));
    assert_eq!(journal.starts(), 3);
}

#[tokio::test(start_paused = true)]
async fn restarts_older_than_the_period_do_not_count() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = Supervisor::one_for_one().max_restarts(1, Duration::from_secs(10));
    let worker: WorkerAddr = supervisor.child(worker(&journal, 1));
    let supervisor = supervisor.spawn();
    for n in 1..=3 {
        assert!(worker.work(n).await.is_err());
        tokio::time::sleep(Duration::from_secs(11)).await;
    }
    assert!(supervisor.is_alive());
    assert_eq!(journal.starts(), 4);
}

#[tokio::test]
async fn a_nested_supervisor_that_gives_up_is_restarted_by_its_parent_with_the_same_addresses() {
    let journal = Arc::new(Journal::default());
    let mut inner = Supervisor::one_for_one().max_restarts(0, Duration::from_secs(60));
    let worker: WorkerAddr = inner.child(worker(&journal, 2));
    let mut outer = lenient();
    // Transient: restarted only after a failure, so the restart below shows
    // that the outer supervisor saw the inner one's giving up as one.
    let inner: SupervisorAddr = outer.add(inner.into_child().transient());
    let outer = outer.spawn();

    assert_eq!(worker.work(1).await.unwrap(), 1);
    // The inner supervisor allows no restart: it gives up, and the outer
    // one restarts it, which starts the worker again.
    assert!(worker.work(2).await.is_err());
    assert_eq!(worker.work(3).await.unwrap(), 1);
    assert_eq!(journal.starts(), 2);
    assert!(inner.is_alive() && outer.is_alive());

    let report = outer.shutdown(Duration::from_secs(5)).await;
    let ids: Vec<_> = report.actors().iter().map(|exit| exit.id).collect();
    assert_eq!(ids, vec![worker.id(), inner.id(), outer.id()], "children before their supervisor");
    assert!(report.actors().iter().all(|exit| exit.reason == StopReason::Normal), "{report:?}");
}

/// Children that record their starts and stops in one shared log.
#[actor]
struct Member {
    name: &'static str,
    log: Arc<Mutex<Vec<String>>>,
}

#[actor]
impl Member {
    #[on_start]
    fn started(&mut self) {
        self.log.lock().unwrap().push(format!("start {}", self.name));
    }

    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        self.log.lock().unwrap().push(format!("stop {} ({reason})", self.name));
    }

    #[handler]
    fn fail(&self) {
        panic!("{} failed", self.name);
    }

    #[handler]
    fn name(&self) -> &'static str {
        self.name
    }
}

fn family(supervisor: &mut Supervisor, log: &Arc<Mutex<Vec<String>>>) -> Vec<MemberAddr> {
    ["a", "b", "c"]
        .into_iter()
        .map(|name| {
            let log = Arc::clone(log);
            supervisor.child(move || Member { name, log: Arc::clone(&log) })
        })
        .collect()
}

async fn settle(members: &[MemberAddr]) {
    for member in members {
        member.name().await.unwrap();
    }
}

#[tokio::test]
async fn rest_for_one_restarts_exactly_the_later_siblings() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut supervisor = Supervisor::rest_for_one();
    let members = family(&mut supervisor, &log);
    let _supervisor = supervisor.spawn();
    settle(&members).await;
    log.lock().unwrap().clear();

    assert!(members[1].fail().await.is_err());
    settle(&members).await;
    assert_eq!(
        *log.lock().unwrap(),
        ["stop b (panicked: b failed)", "stop c (shut down by its supervisor)", "start b", "start c"]
    );
}

#[tokio::test]
async fn one_for_all_restarts_every_child_the_others_youngest_first() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut supervisor = Supervisor::one_for_all();
    let members = family(&mut supervisor, &log);
    let _supervisor = supervisor.spawn();
    settle(&members).await;
    log.lock().unwrap().clear();

    assert!(members[1].fail().await.is_err());
    settle(&members).await;
    assert_eq!(
        *log.lock().unwrap(),
        [
            "stop b (panicked: b failed)",
            "stop c (shut down by its supervisor)",
            "stop a (shut down by its supervisor)",
            "start a",
            "start b",
            "start c",
        ]
    );
}

#[tokio::test]
async fn one_for_one_restarts_only_the_failed_child() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut supervisor = Supervisor::one_for_one();
    let members = family(&mut supervisor, &log);
    let _supervisor = supervisor.spawn();
    settle(&members).await;
    log.lock().unwrap().clear();

    assert!(members[0].fail().await.is_err());
    settle(&members).await;
    assert_eq!(*log.lock().unwrap(), ["stop a (panicked: a failed)", "start a"]);
}

#[tokio::test]
async fn children_start_in_order_and_stop_youngest_first_on_shutdown() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut supervisor = Supervisor::one_for_one();
    let members = family(&mut supervisor, &log);
    let supervisor = supervisor.spawn();
    settle(&members).await;
    let report = supervisor.shutdown(Duration::from_secs(5)).await;
    assert_eq!(
        *log.lock().unwrap(),
        [
            "start a",
            "start b",
            "start c",
            "stop c (stopped on request)",
            "stop b (stopped on request)",
            "stop a (stopped on request)",
        ]
    );
    assert_eq!(report.killed().count(), 0);
    assert!(!report.deadline_passed());
    for member in &members {
        assert_eq!(member.name().await, Err(Error::Stopped));
    }
}

#[tokio::test]
async fn restart_policies_decide_after_a_normal_stop_and_after_a_failure() {
    async fn restarted(restart: Restart, fail: bool) -> bool {
        let journal = Arc::new(Journal::default());
        let mut supervisor = lenient();
        let worker: WorkerAddr = supervisor.add(Child::new(worker(&journal, 7)).restart(restart));
        let _supervisor = supervisor.spawn();
        if fail {
            assert!(worker.work(7).await.is_err());
        } else {
            worker.finish().await.unwrap();
        }
        // Either a new instance answers, or the child has stopped for good.
        match worker.work(1).await {
            Ok(_) => true,
            Err(Error::Stopped) => {
                assert!(!worker.is_alive() || worker.wait_stopped().await != StopReason::Shutdown);
                false
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    assert!(restarted(Restart::Permanent, false).await);
    assert!(restarted(Restart::Permanent, true).await);
    assert!(!restarted(Restart::Transient, false).await);
    assert!(restarted(Restart::Transient, true).await);
    assert!(!restarted(Restart::Temporary, false).await);
    assert!(!restarted(Restart::Temporary, true).await);
}

#[tokio::test]
async fn a_child_that_is_not_restarted_reports_its_own_stop_reason() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = lenient();
    let worker: WorkerAddr = supervisor.add(Child::new(worker(&journal, 7)).temporary());
    let _supervisor = supervisor.spawn();
    assert!(worker.work(7).await.is_err());
    assert_eq!(worker.wait_stopped().await, StopReason::Panicked("failing on 7".into()));
}

#[tokio::test(start_paused = true)]
async fn exponential_backoff_waits_longer_before_each_restart() {
    let journal = Arc::new(Journal::default());
    let backoff = Backoff::Exponential { initial: Duration::from_secs(1), max: Duration::from_secs(3) };
    let mut supervisor = lenient().backoff(backoff);
    let worker: WorkerAddr = supervisor.child(worker(&journal, 1));
    let _supervisor = supervisor.spawn();
    assert_eq!(worker.seen().await.unwrap(), 0);

    // Waits of 1 s, 2 s, then 3 s (the cap) rather than 4 s.
    for wait in [1, 2, 3, 3] {
        let starts = journal.starts();
        assert!(worker.work(1).await.is_err());
        tokio::time::sleep(Duration::from_millis(wait * 1_000 - 1)).await;
        assert_eq!(journal.starts(), starts, "not restarted before {wait} s");
        // Queued meanwhile, handled by the next instance.
        let seen = worker.seen();
        tokio::time::sleep(Duration::from_millis(1)).await;
        assert_eq!(seen.await.unwrap(), 0);
        assert_eq!(journal.starts(), starts + 1);
    }
}

#[tokio::test(start_paused = true)]
async fn a_child_that_does_not_stop_within_its_deadline_is_killed_and_reported() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = Supervisor::one_for_one();
    let stuck: WorkerAddr = supervisor.add(Child::new(worker(&journal, 0)).shutdown(Duration::from_secs(2)));
    let fine: WorkerAddr = supervisor.child(worker(&journal, 0));
    let supervisor = supervisor.spawn();
    stuck.hang().try_tell().unwrap();
    fine.work(1).await.unwrap();

    let report = supervisor.shutdown(Duration::from_secs(60)).await;
    let killed: Vec<_> = report.killed().map(|exit| exit.id).collect();
    assert_eq!(killed, vec![stuck.id()]);
    assert!(!report.deadline_passed());
    assert_eq!(fine.wait_stopped().await, StopReason::Normal);
}

#[tokio::test(start_paused = true)]
async fn the_tree_deadline_kills_what_is_still_running() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = Supervisor::one_for_one();
    let stuck: WorkerAddr = supervisor.add(Child::new(worker(&journal, 0)).shutdown(Duration::from_secs(600)));
    let supervisor = supervisor.spawn();
    stuck.hang().try_tell().unwrap();
    stuck.work(1).try_tell().unwrap();

    let report = supervisor.shutdown(Duration::from_secs(1)).await;
    assert!(report.deadline_passed());
    assert!(report.killed().any(|exit| exit.id == stuck.id()), "{report:?}");
    assert_eq!(stuck.wait_stopped().await, StopReason::Killed);
    assert_eq!(supervisor.wait_stopped().await, StopReason::Killed);
    assert!(journal.handled().is_empty(), "the message queued behind the stuck one was dropped");
}

#[tokio::test]
async fn graceful_shutdown_handles_everything_already_accepted() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = Supervisor::one_for_one();
    let worker: WorkerAddr = supervisor.add(Child::new(worker(&journal, 0)).mailbox(Mailbox::unbounded()));
    let supervisor = supervisor.spawn();
    for n in 1..=100 {
        worker.work(n).try_tell().unwrap();
    }
    let report = supervisor.shutdown(Duration::from_secs(5)).await;
    assert_eq!(journal.handled(), (1..=100).collect::<Vec<_>>());
    assert_eq!(report.killed().count(), 0, "{report:?}");
    assert_eq!(worker.work(101).await, Err(Error::Stopped));
}

#[tokio::test]
async fn a_supervisor_dropped_unspawned_fails_its_children_asks() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = Supervisor::one_for_one();
    let worker: WorkerAddr = supervisor.child(worker(&journal, 0));
    drop(supervisor);
    assert_eq!(worker.work(1).await, Err(Error::Stopped));
    assert_eq!(journal.starts(), 0);
}

#[tokio::test]
async fn a_factory_that_panics_counts_as_a_failure() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let mut supervisor = Supervisor::one_for_one().max_restarts(2, Duration::from_secs(60));
    let counted = Arc::clone(&attempts);
    let worker: WorkerAddr = supervisor.child(move || -> Worker {
        counted.fetch_add(1, Ordering::SeqCst);
        panic!("cannot build");
    });
    let supervisor = supervisor.spawn();
    assert!(matches!(supervisor.wait_stopped().await, StopReason::RestartLimit { .. }));
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert_eq!(worker.wait_stopped().await, StopReason::Panicked("cannot build".into()));
}

#[tokio::test]
async fn a_killed_permanent_child_is_restarted_without_what_was_queued() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = lenient();
    let worker: WorkerAddr = supervisor.add(Child::new(worker(&journal, 0)).mailbox(Mailbox::unbounded()));
    let _supervisor = supervisor.spawn();
    assert_eq!(worker.seen().await.unwrap(), 0);

    worker.hang().try_tell().unwrap();
    let queued = tokio::spawn({
        let worker = worker.clone();
        async move { worker.work(1).await }
    });
    while worker.mailbox_len() == 0 {
        tokio::task::yield_now().await;
    }
    worker.kill();
    assert_eq!(queued.await.unwrap(), Err(Error::Stopped), "a kill drops the queue");
    // The next instance answers at the same address.
    assert_eq!(worker.work(2).await.unwrap(), 1);
    assert_eq!(journal.stops(), [StopReason::Killed]);
    assert_eq!(journal.handled(), [2]);
}

#[tokio::test]
async fn killing_the_supervisor_kills_its_children() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = lenient();
    let worker: WorkerAddr = supervisor.child(worker(&journal, 0));
    let supervisor = supervisor.spawn();
    worker.hang().try_tell().unwrap();
    // Taken by the instance, which now hangs.
    while worker.mailbox_len() > 0 {
        tokio::task::yield_now().await;
    }
    supervisor.kill();
    assert_eq!(supervisor.wait_stopped().await, StopReason::Killed);
    assert_eq!(worker.wait_stopped().await, StopReason::Killed);
    assert_eq!(journal.stops(), [StopReason::Killed]);
}

/// Sets a timer in its first instance only.
#[actor]
struct Alarm {
    instance: usize,
    rang: Arc<Mutex<Vec<usize>>>,
}

#[actor]
impl Alarm {
    #[on_start]
    fn set(&mut self, ctx: &mut Context<Self>) {
        if self.instance == 1 {
            ctx.send_after(Duration::from_secs(10), |me| me.ring());
        }
    }

    #[handler]
    fn ring(&mut self) {
        self.rang.lock().unwrap().push(self.instance);
    }

    #[handler]
    fn fail(&self) {
        panic!("alarm broke");
    }

    #[handler]
    fn instance(&self) -> usize {
        self.instance
    }
}

#[tokio::test(start_paused = true)]
async fn a_timer_dies_with_its_instance_and_never_reaches_the_next() {
    let rang = Arc::new(Mutex::new(Vec::new()));
    let instances = Arc::new(AtomicUsize::new(0));
    let mut supervisor = lenient();
    let alarm: AlarmAddr = {
        let (rang, instances) = (Arc::clone(&rang), Arc::clone(&instances));
        supervisor
            .child(move || Alarm { instance: instances.fetch_add(1, Ordering::SeqCst) + 1, rang: Arc::clone(&rang) })
    };
    let _supervisor = supervisor.spawn();
    assert!(alarm.fail().await.is_err());
    assert_eq!(alarm.instance().await.unwrap(), 2);
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert!(rang.lock().unwrap().is_empty(), "the first instance's timer was cancelled with it");
}

/// Watches one actor and counts the notices.
#[actor]
struct Watcher {
    exits: Vec<StopReason>,
}

#[actor]
impl Watcher {
    #[handler]
    fn watch(&mut self, worker: WorkerAddr, ctx: &mut Context<Self>) {
        ctx.monitor(&worker, |me, exit| me.stopped(exit));
    }

    #[handler]
    fn stopped(&mut self, exit: greenroom::Exit) {
        self.exits.push(exit.reason);
    }

    #[handler]
    fn exits(&self) -> Vec<StopReason> {
        self.exits.clone()
    }
}

#[tokio::test]
async fn a_restart_is_not_a_stop_for_monitors_only_the_final_stop_is() {
    let journal = Arc::new(Journal::default());
    let mut supervisor = lenient();
    let worker: WorkerAddr = supervisor.child(worker(&journal, 2));
    let supervisor = supervisor.spawn();
    let watcher = Watcher { exits: Vec::new() }.spawn();
    watcher.watch(worker.clone()).await.unwrap();

    assert!(worker.work(2).await.is_err());
    assert_eq!(worker.work(1).await.unwrap(), 1, "restarted");
    assert_eq!(watcher.exits().await.unwrap(), [], "the address lives on");

    supervisor.shutdown(Duration::from_secs(5)).await;
    assert_eq!(watcher.exits().await.unwrap(), [StopReason::Normal]);
}

// ---- children started while the supervisor runs ----

#[tokio::test]
async fn a_child_started_at_run_time_is_supervised_like_the_others() {
    let journal = Arc::new(Journal::default());
    let supervisor = lenient().spawn();
    let worker: WorkerAddr = supervisor.start_child(Child::new(worker(&journal, 3))).await.unwrap();
    assert_eq!(journal.starts(), 1, "started before start_child returned");
    assert_eq!(worker.work(1).await.unwrap(), 1);
    assert!(worker.work(3).await.is_err());
    assert_eq!(worker.work(4).await.unwrap(), 1, "restarted at the same address");
    let report = supervisor.shutdown(Duration::from_secs(5)).await;
    assert_eq!(report.actors().iter().map(|exit| exit.id).collect::<Vec<_>>(), [worker.id(), supervisor.id()]);
}

#[tokio::test]
async fn children_that_stop_for_good_are_forgotten_so_a_busy_supervisor_does_not_grow() {
    let journal = Arc::new(Journal::default());
    let supervisor = lenient().spawn();
    let keeper: WorkerAddr = supervisor.start_child(Child::new(worker(&journal, 0))).await.unwrap();
    for _ in 0..1_000 {
        let session: WorkerAddr = supervisor.start_child(Child::new(worker(&journal, 0)).temporary()).await.unwrap();
        session.finish().await.unwrap();
        assert_eq!(session.wait_stopped().await, StopReason::Normal);
    }
    let report = supervisor.shutdown(Duration::from_secs(5)).await;
    let listed: Vec<_> = report.actors().iter().map(|exit| exit.id).collect();
    assert_eq!(listed, [keeper.id(), supervisor.id()], "the 1,000 stopped sessions are gone");
}

#[tokio::test]
async fn starting_a_child_on_a_stopped_supervisor_fails_and_starts_nothing() {
    let journal = Arc::new(Journal::default());
    let supervisor = lenient().spawn();
    supervisor.stop();
    supervisor.wait_stopped().await;
    let refused = supervisor.start_child(Child::new(worker(&journal, 0))).await;
    assert_eq!(refused.err(), Some(Error::Stopped));
    assert_eq!(journal.starts(), 0);
}

#[tokio::test]
async fn children_started_at_run_time_count_as_started_after_the_declared_ones() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut supervisor = Supervisor::rest_for_one();
    let mut members = family(&mut supervisor, &log);
    let supervisor = supervisor.spawn();
    let d = {
        let log = Arc::clone(&log);
        supervisor.start_child(Child::new(move || Member { name: "d", log: Arc::clone(&log) })).await.unwrap()
    };
    members.push(d);
    settle(&members).await;
    log.lock().unwrap().clear();

    assert!(members[2].fail().await.is_err());
    settle(&members).await;
    assert_eq!(
        *log.lock().unwrap(),
        ["stop c (panicked: c failed)", "stop d (shut down by its supervisor)", "start c", "start d"]
    );
    log.lock().unwrap().clear();
    supervisor.shutdown(Duration::from_secs(5)).await;
    assert_eq!(
        *log.lock().unwrap(),
        [
            "stop d (stopped on request)",
            "stop c (stopped on request)",
            "stop b (stopped on request)",
            "stop a (stopped on request)",
        ]
    );
}
