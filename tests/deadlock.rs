//! Actors waiting for each other: the default ask timeout breaks the cycle,
//! and the ask it ends names the actors in it (docs/semantics.md, promise
//! 10). An actor asking itself is in `self_requests.rs`.
//!
//! The default ask timeout is global to the process, so every test of this
//! binary sets the same one. All run on tokio's paused clock, which moves
//! only when every task waits: the timeouts fire in a fixed order, and a
//! test takes no real time waiting for them.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::{ActorId, Error};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// Long enough that only the default timeout fires, short enough that a
/// test fails rather than hangs if it does not.
const PATIENT: Duration = Duration::from_secs(600);

fn set_the_default_timeout() {
    greenroom::set_default_ask_timeout(Some(DEFAULT_TIMEOUT));
}

/// What a peer's asks to the next peer returned, in order.
type Outcomes = Arc<Mutex<Vec<Result<u64, Error>>>>;

/// Passes a request on to the next peer, `hops` times, and answers with the
/// id of the peer where it ended.
#[actor]
struct Peer {
    next: Option<PeerAddr>,
    /// The timeout of its asks to the next peer; `None` for the default.
    patience: Option<Duration>,
    outcomes: Outcomes,
}

#[actor]
impl Peer {
    #[handler]
    fn link_to(&mut self, next: PeerAddr) {
        self.next = Some(next);
    }

    #[handler]
    async fn relay(&mut self, hops: u32, ctx: &mut Context<Self>) -> Result<u64, Error> {
        if hops == 0 {
            return Ok(ctx.addr().id().as_u64());
        }
        let next = self.next.clone().expect("linked before relaying");
        let request = next.relay(hops - 1);
        let request = match self.patience {
            Some(patience) => request.timeout(patience),
            None => request,
        };
        let outcome = request.await.and_then(|inner| inner);
        self.outcomes.lock().unwrap().push(outcome.clone());
        outcome
    }

    /// Never answers.
    #[handler]
    async fn hang(&self) {
        std::future::pending::<()>().await;
    }
}

fn peer(patience: Option<Duration>) -> (PeerAddr, Outcomes) {
    let outcomes = Arc::new(Mutex::new(Vec::new()));
    (Peer { next: None, patience, outcomes: Arc::clone(&outcomes) }.spawn(), outcomes)
}

fn ids(peers: &[&PeerAddr]) -> Vec<ActorId> {
    peers.iter().map(|peer| peer.id()).collect()
}

#[tokio::test(start_paused = true)]
async fn two_actors_asking_each_other_are_broken_by_the_default_ask_timeout_naming_the_cycle() {
    set_the_default_timeout();
    // `a` asks with the default timeout; `b` more patiently, so that `a`'s
    // ask is the one the timeout ends.
    let (a, a_outcomes) = peer(None);
    let (b, b_outcomes) = peer(Some(PATIENT));
    a.link_to(b.clone()).await.unwrap();
    b.link_to(a.clone()).await.unwrap();

    // a asks b, which asks a: a is busy waiting for b.
    let answer = a.relay(2).timeout(PATIENT).await.unwrap();

    let cycle = ids(&[&a, &b, &a]);
    let expected = Error::Deadlock { cycle: cycle.clone(), timeout: DEFAULT_TIMEOUT };
    assert_eq!(answer, Err(expected.clone()));
    assert_eq!(*a_outcomes.lock().unwrap(), [Err(expected.clone())]);
    assert_eq!(
        expected.to_string(),
        format!(
            "the request timed out after 5s in a cycle of actors each waiting for the next: {} -> {} -> {}",
            cycle[0], cycle[1], cycle[2]
        )
    );

    // With its handler over, `a` answered `b`: the cycle is broken, not lost.
    b.link_to(a.clone()).await.unwrap();
    assert_eq!(*b_outcomes.lock().unwrap(), [Ok(a.id().as_u64())]);
}

#[tokio::test(start_paused = true)]
async fn a_cycle_through_three_actors_is_named_in_the_order_they_wait() {
    set_the_default_timeout();
    let (a, a_outcomes) = peer(None);
    let (b, _) = peer(Some(PATIENT));
    let (c, c_outcomes) = peer(Some(PATIENT));
    a.link_to(b.clone()).await.unwrap();
    b.link_to(c.clone()).await.unwrap();
    c.link_to(a.clone()).await.unwrap();

    let answer = a.relay(3).timeout(PATIENT).await.unwrap();

    let expected = Error::Deadlock { cycle: ids(&[&a, &b, &c, &a]), timeout: DEFAULT_TIMEOUT };
    assert_eq!(answer, Err(expected.clone()));
    assert_eq!(*a_outcomes.lock().unwrap(), [Err(expected)]);
    c.link_to(a.clone()).await.unwrap();
    assert_eq!(*c_outcomes.lock().unwrap(), [Ok(a.id().as_u64())], "a answered c once free");
}

#[tokio::test(start_paused = true)]
async fn the_default_ask_timeout_bounds_asks_that_set_none_and_names_no_cycle_where_there_is_none() {
    set_the_default_timeout();
    let (silent, _) = peer(None);
    assert_eq!(silent.hang().await, Err(Error::Timeout(DEFAULT_TIMEOUT)));

    // `silent` is still stuck in `hang`, but waits for nobody: an actor
    // asking it waits in vain, and in no cycle.
    let (waiting, outcomes) = peer(None);
    waiting.link_to(silent.clone()).await.unwrap();
    assert_eq!(waiting.relay(1).timeout(PATIENT).await.unwrap(), Err(Error::Timeout(DEFAULT_TIMEOUT)));
    assert_eq!(*outcomes.lock().unwrap(), [Err(Error::Timeout(DEFAULT_TIMEOUT))]);
}

#[tokio::test(start_paused = true)]
async fn a_timeout_set_on_the_request_takes_the_place_of_the_default() {
    set_the_default_timeout();
    let (silent, _) = peer(None);
    let longer = DEFAULT_TIMEOUT * 3;
    assert_eq!(silent.hang().timeout(longer).await, Err(Error::Timeout(longer)));
    // Tells are not asks: the default does not apply to them.
    assert_eq!(silent.hang().tell().await, Ok(()));
}
