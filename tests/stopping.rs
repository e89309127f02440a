//! How actors stop: `stop()` drains, `kill()` does not, the last strong
//! address going away stops an idle actor, and the hooks see it all.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use greenroom::prelude::*;
use greenroom::Error;
use tokio::sync::oneshot;

/// Appends what happens to it to a shared journal, so that tests can check
/// the order of events after the actor is gone.
#[actor]
struct Journal {
    name: &'static str,
    entries: Arc<Mutex<Vec<String>>>,
}

impl Journal {
    fn new(name: &'static str, entries: &Arc<Mutex<Vec<String>>>) -> Journal {
        Journal { name, entries: Arc::clone(entries) }
    }

    fn write(&self, entry: String) {
        self.entries.lock().unwrap().push(format!("{}: {entry}", self.name));
    }
}

#[actor]
impl Journal {
    #[on_start]
    async fn started(&mut self) {
        self.write("started".into());
    }

    #[handler]
    fn note(&mut self, entry: u32) -> u32 {
        self.write(entry.to_string());
        entry
    }

    #[handler]
    async fn hold(&mut self, release: oneshot::Receiver<()>) {
        let _ = release.await;
        self.write("released".into());
    }

    #[handler]
    async fn hang(&mut self) {
        self.write("hanging".into());
        std::future::pending::<()>().await;
        self.write("unreachable".into());
    }

    #[handler]
    fn stop_after_queue(&mut self, ctx: &mut Context<Self>) {
        self.write("stop requested".into());
        ctx.stop();
    }

    #[handler]
    fn spawn_child(&mut self, name: String, ctx: &mut Context<Self>) -> JournalAddr {
        ctx.spawn_child(Journal::new(name.leak(), &self.entries))
    }

    #[on_stop]
    async fn stopped(&mut self, reason: &StopReason, ctx: &mut Context<Self>) {
        tokio::task::yield_now().await;
        let _ = ctx.id();
        self.write(format!("stopped: {reason}"));
    }
}

fn journal() -> Arc<Mutex<Vec<String>>> {
    Arc::new(Mutex::new(Vec::new()))
}

fn entries(journal: &Arc<Mutex<Vec<String>>>) -> Vec<String> {
    journal.lock().unwrap().clone()
}

/// Fills the mailbox behind a held handler and returns the release.
async fn busy_with_queue(actor: &JournalAddr, queued: u32) -> oneshot::Sender<()> {
    let (release, held) = oneshot::channel();
    actor.hold(held).tell().await.unwrap();
    for entry in 0..queued {
        actor.note(entry).tell().await.unwrap();
    }
    release
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_handles_everything_accepted_before_it_and_refuses_the_rest() {
    let log = journal();
    let actor = Journal::new("a", &log).spawn_with(Mailbox::unbounded());
    let release = busy_with_queue(&actor, 100).await;
    actor.stop();
    // After stop(): refused at once, by every form of sending.
    assert_eq!(actor.note(1000).await, Err(Error::Stopped));
    assert_eq!(actor.note(1000).tell().await, Err(Error::Stopped));
    assert_eq!(actor.note(1000).try_tell(), Err(Error::Stopped));
    assert!(actor.is_alive(), "a stopping actor is alive until it has drained");
    release.send(()).unwrap();
    assert_eq!(actor.wait_stopped().await, StopReason::Normal);

    let mut expected = vec!["a: started".to_string(), "a: released".to_string()];
    expected.extend((0..100).map(|entry| format!("a: {entry}")));
    expected.push("a: stopped: stopped on request".into());
    assert_eq!(entries(&log), expected);
}

#[tokio::test(flavor = "current_thread")]
async fn stop_from_a_handler_still_handles_what_was_queued() {
    let log = journal();
    let actor = Journal::new("a", &log).spawn();
    let release = busy_with_queue(&actor, 0).await;
    actor.stop_after_queue().tell().await.unwrap();
    actor.note(1).tell().await.unwrap();
    actor.note(2).tell().await.unwrap();
    release.send(()).unwrap();
    assert_eq!(actor.wait_stopped().await, StopReason::Normal);
    assert_eq!(
        entries(&log),
        ["a: started", "a: released", "a: stop requested", "a: 1", "a: 2", "a: stopped: stopped on request"]
    );
}

/// Records, for each sender, the numbers of the messages it handled, and
/// hands the record over from `on_stop`.
#[actor]
struct Tally {
    handled: Vec<Vec<u64>>,
    report: Option<oneshot::Sender<Vec<Vec<u64>>>>,
}

#[actor]
impl Tally {
    #[handler]
    async fn count(&mut self, sender: usize, seq: u64) {
        self.handled[sender].push(seq);
        // Slower than its senders, so that its mailbox is full and some of
        // them wait for room when the stop comes.
        tokio::task::yield_now().await;
    }

    #[on_stop]
    fn stopped(&mut self) {
        let _ = self.report.take().expect("on_stop runs once").send(std::mem::take(&mut self.handled));
    }
}

/// `try_tell`, again while the mailbox is full.
async fn try_tell_until_room(tally: &TallyAddr, sender: usize, seq: u64) -> Result<(), Error> {
    loop {
        match tally.count(sender, seq).try_tell() {
            Err(Error::MailboxFull) => tokio::task::yield_now().await,
            sent => return sent,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_among_concurrent_senders_handles_exactly_the_accepted_tells_and_refuses_every_later_send() {
    const SENDERS: usize = 4;
    let (report, reported) = oneshot::channel();
    let tally = Tally { handled: vec![Vec::new(); SENDERS], report: Some(report) }.spawn_with(Mailbox::bounded(16));
    let stop_returned = Arc::new(AtomicBool::new(false));
    let accepted_in_all = Arc::new(AtomicU64::new(0));
    let senders: Vec<_> = (0..SENDERS)
        .map(|sender| {
            let tally = tally.clone();
            let stop_returned = Arc::clone(&stop_returned);
            let accepted_in_all = Arc::clone(&accepted_in_all);
            tokio::spawn(async move {
                // Tells numbered from 0 until one is refused; the numbers
                // accepted are then exactly 0..seq.
                let mut seq = 0;
                loop {
                    let after_stop = stop_returned.load(Ordering::SeqCst);
                    // Both ways of telling, in turn.
                    let sent = if seq % 2 == 0 {
                        tally.count(sender, seq).tell().await
                    } else {
                        try_tell_until_room(&tally, sender, seq).await
                    };
                    match sent {
                        Ok(()) => {
                            assert!(
                                !after_stop,
                                "sender {sender}: tell {seq}, begun after stop() returned, was accepted"
                            );
                            accepted_in_all.fetch_add(1, Ordering::SeqCst);
                            seq += 1;
                        }
                        Err(Error::Stopped) => break,
                        Err(other) => panic!("sender {sender}: tell {seq} failed with {other:?}"),
                    }
                }
                // Refused once, refused for good, in every form.
                assert_eq!(tally.count(sender, seq).tell().await, Err(Error::Stopped));
                assert_eq!(tally.count(sender, seq).try_tell(), Err(Error::Stopped));
                assert_eq!(tally.count(sender, seq).await, Err(Error::Stopped));
                seq
            })
        })
        .collect();
    // Stop in the middle of the stream of tells.
    while accepted_in_all.load(Ordering::SeqCst) < 2_000 && tally.is_alive() {
        tokio::task::yield_now().await;
    }
    tally.stop();
    stop_returned.store(true, Ordering::SeqCst);

    let mut accepted = Vec::new();
    for sender in senders {
        accepted.push(sender.await.expect("a sender task"));
    }
    assert_eq!(tally.wait_stopped().await, StopReason::Normal);
    let handled = reported.await.expect("on_stop ran");
    for (sender, (handled, &accepted)) in handled.iter().zip(&accepted).enumerate() {
        assert_eq!(handled.len() as u64, accepted, "sender {sender}: handled is not what was accepted");
        assert!(handled.iter().copied().eq(0..accepted), "sender {sender}: handled other tells than 0..{accepted}");
    }
    println!("{} tells accepted and handled, {SENDERS} senders refused", accepted.iter().sum::<u64>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_drops_the_queue_and_fails_its_asks() {
    let log = journal();
    let actor = Journal::new("a", &log).spawn();
    let release = busy_with_queue(&actor, 0).await;
    let queued: Vec<_> = (0..5)
        .map(|entry| {
            let actor = actor.clone();
            tokio::spawn(async move { actor.note(entry).await })
        })
        .collect();
    while actor.mailbox_len() < 5 {
        tokio::task::yield_now().await;
    }
    actor.kill();
    for ask in queued {
        assert_eq!(ask.await.unwrap(), Err(Error::Stopped));
    }
    assert_eq!(actor.wait_stopped().await, StopReason::Killed);
    drop(release);
    assert_eq!(entries(&log), ["a: started", "a: stopped: killed"]);
}

#[tokio::test(flavor = "current_thread")]
async fn kill_abandons_a_handler_waiting_at_an_await() {
    let log = journal();
    let actor = Journal::new("a", &log).spawn();
    let hanging = tokio::spawn({
        let actor = actor.clone();
        async move { actor.hang().await }
    });
    // Wait until the handler is inside its `.await`.
    while !entries(&log).contains(&"a: hanging".to_string()) {
        tokio::task::yield_now().await;
    }
    actor.kill();
    assert_eq!(hanging.await.unwrap(), Err(Error::Interrupted), "the abandoned ask ends with an error");
    assert_eq!(actor.wait_stopped().await, StopReason::Killed);
    assert_eq!(entries(&log), ["a: started", "a: hanging", "a: stopped: killed"]);
}

#[tokio::test(flavor = "current_thread")]
async fn kill_during_a_graceful_stop_ends_the_drain() {
    let log = journal();
    let actor = Journal::new("a", &log).spawn();
    // Queued before the actor first runs; each would be handled at once,
    // without waiting, if the drain went on.
    for entry in 0..3 {
        actor.note(entry).tell().await.unwrap();
    }
    actor.stop();
    actor.kill();
    assert_eq!(actor.wait_stopped().await, StopReason::Killed);
    assert_eq!(entries(&log), ["a: started", "a: stopped: killed"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_reaches_children_that_a_stopping_parent_waits_for() {
    let log = journal();
    let parent = Journal::new("parent", &log).spawn();
    let child = parent.spawn_child("child".into()).await.unwrap();
    let stuck = tokio::spawn({
        let child = child.clone();
        async move { child.hang().await }
    });
    while !entries(&log).contains(&"child: hanging".to_string()) {
        tokio::task::yield_now().await;
    }
    parent.stop(); // stops the child, then waits for it; it never finishes its handler...
    while child.note(0).try_tell() != Err(Error::Stopped) {
        tokio::task::yield_now().await; // until the parent has asked the child to stop
    }
    parent.kill(); // ...until the kill reaches it through the waiting parent
    assert_eq!(parent.wait_stopped().await, StopReason::Killed);
    assert_eq!(child.wait_stopped().await, StopReason::Killed);
    assert_eq!(stuck.await.unwrap(), Err(Error::Interrupted));
}

/// Panics when dropped, as a careless `Drop` impl might.
struct Landmine;

impl Drop for Landmine {
    fn drop(&mut self) {
        panic!("landmine dropped");
    }
}

#[actor]
struct Minefield {
    on_stop_ran: Option<oneshot::Sender<()>>,
}

#[actor]
impl Minefield {
    #[handler]
    async fn hold(&mut self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }

    #[handler]
    fn bury(&mut self, mine: Landmine) {
        std::mem::forget(mine);
    }

    #[on_stop]
    fn stopped(&mut self) {
        let _ = self.on_stop_ran.take().unwrap().send(());
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_queued_message_that_panics_when_dropped_does_not_skip_on_stop() {
    let (on_stop_ran, ran) = oneshot::channel();
    let actor = Minefield { on_stop_ran: Some(on_stop_ran) }.spawn();
    let (_release, held) = oneshot::channel();
    actor.hold(held).tell().await.unwrap();
    actor.bury(Landmine).tell().await.unwrap();
    let queued_ask = tokio::spawn({
        let actor = actor.clone();
        async move { actor.bury(Landmine).await }
    });
    tokio::task::yield_now().await;
    actor.kill();
    assert_eq!(actor.wait_stopped().await, StopReason::Panicked("landmine dropped".into()));
    ran.await.expect("on_stop ran");
    assert_eq!(queued_ask.await.unwrap(), Err(Error::Stopped), "the messages after the landmine were dropped too");
}
#[tokio::test(flavor = "current_thread")]
async fn dropping_the_last_strong_address_stops_an_idle_actor() {
    let log = journal();
    let actor = Journal::new("a", &log).spawn();
    let weak = actor.downgrade();
    let copy = actor.clone();
    actor.note(1).await.unwrap();
    drop(actor);
    assert!(weak.upgrade().is_some(), "a clone still holds the actor");
    copy.note(2).tell().await.unwrap();
    drop(copy);
    assert_eq!(weak.wait_stopped().await, StopReason::Unreferenced);
    assert!(weak.upgrade().is_none());
    // The tell sent just before the last address went away was still handled.
    assert_eq!(
        entries(&log),
        ["a: started", "a: 1", "a: 2", "a: stopped: stopped because all its addresses were dropped"]
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_weak_address_does_not_keep_the_actor_alive() {
    let log = journal();
    let weak = Journal::new("a", &log).spawn().downgrade();
    assert_eq!(weak.wait_stopped().await, StopReason::Unreferenced);
    assert!(!weak.is_alive());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopping_parent_stops_its_children_before_its_own_on_stop() {
    let log = journal();
    let parent = Journal::new("parent", &log).spawn();
    let first = parent.spawn_child("first".into()).await.unwrap();
    let second = parent.spawn_child("second".into()).await.unwrap();
    first.note(1).await.unwrap();
    second.note(2).await.unwrap();
    parent.stop();
    assert_eq!(parent.wait_stopped().await, StopReason::Normal);
    assert!(!first.is_alive() && !second.is_alive(), "children stop before the parent has stopped");
    let log = entries(&log);
    let position = |entry: &str| log.iter().position(|e| e == entry).unwrap_or_else(|| panic!("{entry} in {log:?}"));
    // Youngest first, then the parent.
    assert!(position("second: stopped: stopped on request") < position("first: stopped: stopped on request"));
    assert!(position("first: stopped: stopped on request") < position("parent: stopped: stopped on request"));
}

#[tokio::test(flavor = "current_thread")]
async fn on_start_runs_before_any_message_even_if_sent_first() {
    let log = journal();
    let actor = Journal::new("a", &log).spawn();
    // Sent before the actor's task first ran.
    actor.note(1).try_tell().unwrap();
    assert_eq!(actor.note(2).await.unwrap(), 2);
    assert_eq!(entries(&log), ["a: started", "a: 1", "a: 2"]);
}

#[tokio::test(flavor = "current_thread")]
async fn every_waiter_of_wait_stopped_is_woken_with_the_same_reason() {
    let log = journal();
    let actor = Journal::new("a", &log).spawn();
    let waiters: Vec<_> = (0..10)
        .map(|_| {
            let weak = actor.downgrade();
            tokio::spawn(async move { weak.wait_stopped().await })
        })
        .collect();
    tokio::task::yield_now().await;
    actor.stop();
    for waiter in waiters {
        assert_eq!(waiter.await.unwrap(), StopReason::Normal);
    }
    // And after the fact, at once.
    assert_eq!(actor.wait_stopped().await, StopReason::Normal);
}

#[actor]
struct SelfAware {
    me: Option<WeakAddr<SelfAware>>,
    kept: Option<SelfAwareAddr>,
}

#[actor]
impl SelfAware {
    #[handler]
    async fn ask_myself_later(&mut self, ctx: &mut Context<Self>) -> bool {
        // A strong address made by the actor itself is an ordinary address.
        let me: SelfAwareAddr = ctx.addr();
        self.me = Some(ctx.weak_addr());
        me.noop().tell().await.is_ok()
    }

    #[handler]
    fn noop(&self) {}

    /// Keeps a strong address of itself: only an explicit stop ends it now.
    #[handler]
    fn keep_myself(&mut self, ctx: &mut Context<Self>) {
        self.kept = Some(ctx.addr());
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_context_hands_out_working_addresses_of_the_actor_itself() {
    let actor = SelfAware { me: None, kept: None }.spawn();
    assert!(actor.ask_myself_later().await.unwrap());
    actor.noop().await.unwrap();
    let weak = actor.downgrade();
    drop(actor);
    assert_eq!(weak.wait_stopped().await, StopReason::Unreferenced);
}

#[tokio::test(flavor = "current_thread")]
async fn a_strong_address_from_the_context_keeps_the_actor_alive() {
    let actor = SelfAware { me: None, kept: None }.spawn();
    actor.keep_myself().await.unwrap();
    let weak = actor.downgrade();
    drop(actor);
    // Nobody outside holds a strong address, yet it still answers.
    let again = weak.upgrade().expect("kept alive by its own address");
    again.noop().await.unwrap();
    again.stop();
    assert_eq!(weak.wait_stopped().await, StopReason::Normal);
}

/// An actor written without the macros, overriding `on_stop` and leaving
/// `HAS_ON_STOP` as the trait has it.
struct ByHand {
    stopped_with: Option<oneshot::Sender<StopReason>>,
}

impl Actor for ByHand {
    type Message = ();
    type Addr = greenroom::Addr<ByHand>;

    async fn handle(&mut self, (): (), _ctx: &mut Context<Self>) {}

    fn on_stop(
        &mut self,
        reason: &StopReason,
        _ctx: &mut Context<Self>,
    ) -> impl std::future::Future<Output = ()> + Send {
        let reason = reason.clone();
        let sender = self.stopped_with.take();
        async move {
            tokio::task::yield_now().await;
            let _ = sender.expect("on_stop runs once").send(reason);
        }
    }
}

// The trait's default keeps the hook; `#[actor]` turns it off only for an
// actor without `#[on_stop]`. Checked when this file compiles.
const _: () = assert!(ByHand::HAS_ON_STOP && Journal::HAS_ON_STOP && !SelfAware::HAS_ON_STOP);

#[tokio::test(flavor = "current_thread")]
async fn on_stop_runs_in_an_impl_written_by_hand() {
    let (stopped_with, reason) = oneshot::channel();
    let actor = ByHand { stopped_with: Some(stopped_with) }.spawn();
    actor.stop();
    assert_eq!(reason.await, Ok(StopReason::Normal), "on_stop ran, with the reason");
    assert_eq!(actor.wait_stopped().await, StopReason::Normal);
}
