//! Every ask ends, even to a child that keeps failing: a hundred thousand
//! concurrent asks to a supervised actor whose handler panics on one message
//! in a hundred, and each one gets exactly the answer its own message calls
//! for.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};
use greenroom::prelude::*;
use greenroom::supervisor::{Child, Supervisor};
use greenroom::Error;

const ASKS: u64 = 100_000;
/// Tasks sending at once, each with up to `IN_FLIGHT` asks under way: far
/// more than the child's mailbox holds, so that when it fails, asks are
/// queued behind the failure and more wait for room.
const SENDERS: u64 = 8;
const IN_FLIGHT: usize = 32;
const SEED: u64 = 0x6772_6565_6e72_6f6f;
/// Far longer than the test takes: only there to turn a hang into a failure
/// that says so.
const HANG_GUARD: Duration = Duration::from_secs(60);

/// splitmix64: a small, good generator, so that the test needs no crate.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Which asks panic: one in a hundred, drawn from the seeded generator.
fn failure_plan() -> Arc<[bool]> {
    let mut state = SEED;
    (0..ASKS).map(|_| splitmix64(&mut state).is_multiple_of(100)).collect()
}

fn answer(ask: u64) -> u64 {
    ask.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// What the child's instances did: how often each ask was handled, how
/// many instances there were, and how many messages the restarted ones
/// found waiting for them.
struct Journal {
    handled: Vec<AtomicU32>,
    starts: AtomicU64,
    waiting_at_restarts: AtomicU64,
}

#[actor]
struct Flaky {
    plan: Arc<[bool]>,
    journal: Arc<Journal>,
}

#[actor]
impl Flaky {
    #[on_start]
    fn started(&mut self, ctx: &mut Context<Self>) {
        if self.journal.starts.fetch_add(1, Ordering::SeqCst) > 0 {
            let waiting = ctx.addr().mailbox_len() as u64;
            self.journal.waiting_at_restarts.fetch_add(waiting, Ordering::SeqCst);
        }
    }

    #[handler]
    fn work(&mut self, ask: u64) -> u64 {
        let index = usize::try_from(ask).unwrap();
        self.journal.handled[index].fetch_add(1, Ordering::SeqCst);
        assert!(!self.plan[index], "planned failure of ask {ask}");
        answer(ask)
    }
}

/// The panics are planned, a thousand of them: they are not worth a line
/// of output each. Any other panic is still reported.
fn silence_planned_panics() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let planned =
            info.payload().downcast_ref::<String>().is_some_and(|message| message.starts_with("planned failure"));
        if !planned {
            report(info);
        }
    }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_ask_to_a_child_failing_on_one_message_in_a_hundred_ends_with_its_own_answer() {
    silence_planned_panics();
    let plan = failure_plan();
    let planned_failures = plan.iter().filter(|&&fails| fails).count();
    let journal = Arc::new(Journal {
        handled: (0..ASKS).map(|_| AtomicU32::new(0)).collect(),
        starts: AtomicU64::new(0),
        waiting_at_restarts: AtomicU64::new(0),
    });

    // Exactly as many restarts as planned failures: a message that failed
    // and was handled again would fail again, one restart too many, and
    // the supervisor would give up.
    let mut supervisor =
        Supervisor::one_for_one().max_restarts(u32::try_from(planned_failures).unwrap(), Duration::from_secs(3600));
    let factory = {
        let (plan, journal) = (Arc::clone(&plan), Arc::clone(&journal));
        move || Flaky { plan: Arc::clone(&plan), journal: Arc::clone(&journal) }
    };
    // The default mailbox, bounded: some asks wait for room across a restart.
    let flaky: FlakyAddr = supervisor.add(Child::new(factory));
    let supervisor = supervisor.spawn();

    let ended = Arc::new(AtomicU64::new(0));
    let senders: Vec<_> = (0..SENDERS)
        .map(|sender| {
            let flaky = flaky.clone();
            let ended = Arc::clone(&ended);
            tokio::spawn(async move {
                let mut outcomes = Vec::new();
                let mut in_flight = FuturesUnordered::new();
                let flaky = &flaky;
                for ask in (sender..ASKS).step_by(SENDERS as usize) {
                    if in_flight.len() == IN_FLIGHT {
                        outcomes.extend(in_flight.next().await);
                        ended.fetch_add(1, Ordering::SeqCst);
                    }
                    in_flight.push(async move { (ask, flaky.work(ask).await) });
                }
                while let Some(outcome) = in_flight.next().await {
                    outcomes.push(outcome);
                    ended.fetch_add(1, Ordering::SeqCst);
                }
                outcomes
            })
        })
        .collect();
    let all_ended = async {
        let mut outcomes = Vec::new();
        for sender in senders {
            outcomes.extend(sender.await.expect("a sender task"));
        }
        outcomes
    };
    let outcomes = tokio::time::timeout(HANG_GUARD, all_ended).await.unwrap_or_else(|_| {
        panic!("asks hung: {} of {ASKS} had ended after {HANG_GUARD:?}", ended.load(Ordering::SeqCst));
    });

    let mut answered = 0;
    let mut panicked = 0;
    let mut seen = vec![false; plan.len()];
    for (ask, outcome) in outcomes {
        let index = usize::try_from(ask).unwrap();
        assert!(!std::mem::replace(&mut seen[index], true), "ask {ask} ended twice");
        match outcome {
            Ok(reply) if !plan[index] => {
                assert_eq!(reply, answer(ask), "ask {ask} got another ask's answer");
                answered += 1;
            }
            Err(Error::Panicked(message)) if plan[index] => {
                assert_eq!(message, format!("planned failure of ask {ask}"));
                panicked += 1;
            }
            other => panic!("ask {ask} (planned to fail: {}) ended with {other:?}", plan[index]),
        }
    }
    let waiting_at_restarts = journal.waiting_at_restarts.load(Ordering::SeqCst);
    println!(
        "{answered} answered, {panicked} panicked, of {ASKS} asks; \
         {waiting_at_restarts} messages were waiting in all when the restarted instances started"
    );
    assert_eq!(answered + panicked, ASKS, "replies and errors, against the asks sent");
    assert_eq!(panicked, planned_failures as u64, "errors, against the planned failures");

    // Each message was handled once: the failing ones were not retried, and
    // none queued behind a failure was lost or handled twice.
    for (ask, handled) in journal.handled.iter().enumerate() {
        assert_eq!(handled.load(Ordering::SeqCst), 1, "ask {ask} was handled {handled:?} times");
    }
    assert_eq!(journal.starts.load(Ordering::SeqCst), planned_failures as u64 + 1, "one restart per failure");
    // What this test is about: failures with messages queued behind them.
    assert!(waiting_at_restarts > 0, "no failure had messages queued behind it");
    assert!(flaky.is_alive() && supervisor.is_alive());
    supervisor.shutdown(Duration::from_secs(5)).await;
}
