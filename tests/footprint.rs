//! What an actor costs in memory. Its state, and the future of each `async`
//! handler, take their size once in the actor's task, not once per layer of
//! the runtime that wraps them.
//!
//! An actor's task holds its state and room for its largest handler future
//! for as long as the actor lives, waiting or not: a future's size is fixed
//! when it is compiled. So an idle actor shows both. Measured with this
//! binary's counting allocator, on a current-thread runtime read while idle
//! (as in `no_leaks.rs`): spawn many actors, each with `BULK` bytes held
//! inline in one place, and divide the growth of the live heap by their
//! number. Held once, that is `BULK` plus the runtime's own few hundred
//! bytes; held twice, over `2 * BULK`.

mod counting_allocator;

use std::hint::black_box;
use std::ops::Deref;

use counting_allocator::{exclusive, live_bytes};
use greenroom::prelude::*;
use greenroom::Addr;
use tokio::sync::oneshot;

/// Bytes held inline: far more than the runtime's own share of an actor, so
/// that a second copy cannot hide in it.
const BULK: usize = 4096;

const ACTORS: usize = 1_000;

/// An actor whose state is `BULK` bytes, inline, with nothing but a plain
/// handler.
#[actor]
struct Ledger {
    pages: [u8; BULK],
}

#[actor]
impl Ledger {
    #[handler]
    fn first(&self) -> u8 {
        self.pages[0]
    }
}

/// An actor with little state whose `async` handler holds `BULK` bytes of
/// its own across an `.await`.
#[actor]
struct Scribe {
    fill: u8,
}

#[actor]
impl Scribe {
    #[handler]
    fn first(&self) -> u8 {
        self.fill
    }

    #[handler]
    async fn copy_once_told(&self, told: oneshot::Receiver<()>) -> u8 {
        let copy = black_box([self.fill; BULK]);
        let _ = told.await;
        black_box(copy)[0]
    }
}

/// The growth of the live heap per actor while `ACTORS` actors made by
/// `spawn` are alive and idle, each having answered one ask.
fn idle_bytes_per_actor<A>(spawn: fn() -> A::Addr, ask: impl AsyncFn(&A::Addr) -> u8) -> usize
where
    A: Actor,
    A::Addr: Deref<Target = Addr<A>>,
{
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a current-thread runtime");
    let mut per_actor = 0;
    // The first round lets the runtime reach its steady size; the second
    // is measured.
    for _round in 0..2 {
        let before = live_bytes();
        let actors: Vec<A::Addr> = runtime.block_on(async {
            let actors: Vec<A::Addr> = (0..ACTORS).map(|_| spawn()).collect();
            for actor in &actors {
                assert_eq!(ask(actor).await, 7);
            }
            actors
        });
        per_actor = (live_bytes() - before) / ACTORS;
        runtime.block_on(async {
            for actor in actors {
                actor.stop();
                actor.wait_stopped().await;
            }
        });
    }
    per_actor
}

#[test]
fn an_actors_state_takes_its_size_once() {
    let _turn = exclusive();
    let per_actor = idle_bytes_per_actor::<Ledger>(
        || Ledger { pages: [7; BULK] }.spawn(),
        async |ledger| ledger.first().await.expect("a running ledger answers"),
    );
    assert!(per_actor >= BULK, "{per_actor} bytes per actor cannot hold {BULK} bytes of state");
    assert!(per_actor < 2 * BULK, "{per_actor} bytes per actor: its {BULK} bytes of state are held twice");
}

#[test]
fn an_async_handlers_future_takes_its_size_once() {
    let _turn = exclusive();
    let per_actor = idle_bytes_per_actor::<Scribe>(
        || Scribe { fill: 7 }.spawn(),
        async |scribe| scribe.first().await.expect("a running scribe answers"),
    );
    assert!(per_actor >= BULK, "{per_actor} bytes per actor cannot hold its handler's {BULK} bytes");
    assert!(per_actor < 2 * BULK, "{per_actor} bytes per actor: its handler's {BULK} bytes are held twice");

    // And the handler does hold them while it waits.
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a current-thread runtime");
    runtime.block_on(async {
        let scribe = Scribe { fill: 7 }.spawn();
        let (tell, told) = oneshot::channel();
        let answer = tokio::spawn(async move { scribe.copy_once_told(told).await });
        tokio::task::yield_now().await;
        tell.send(()).expect("the handler waits");
        assert_eq!(answer.await.expect("the asking task ends"), Ok(7));
    });
}
