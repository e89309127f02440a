//! Links: when one of two linked actors fails, the other stops too, naming
//! it, unless it traps exits; other stops do not spread.

use greenroom::prelude::*;
use greenroom::{ActorId, Error};
use tokio::sync::oneshot;

#[actor]
struct Part {
    /// Whether it traps exits from its start.
    traps: bool,
    exits: Vec<Exit>,
}

#[actor]
impl Part {
    #[on_start]
    fn start(&mut self, ctx: &mut Context<Self>) {
        if self.traps {
            ctx.trap_exits(|me, exit| me.exited(exit));
        }
    }

    #[handler]
    fn ping(&self) -> &'static str {
        "pong"
    }

    #[handler]
    fn fail(&self) {
        panic!("part broke");
    }

    #[handler]
    fn link_to(&mut self, other: PartAddr, ctx: &mut Context<Self>) {
        ctx.link(&other);
    }

    /// Tells the test it is inside, then waits forever.
    #[handler]
    async fn hang(&self, entered: oneshot::Sender<()>) {
        let _ = entered.send(());
        std::future::pending::<()>().await;
    }

    #[handler]
    async fn hold(&self, release: oneshot::Receiver<()>) {
        let _ = release.await;
    }

    #[handler]
    fn exited(&mut self, exit: Exit) {
        self.exits.push(exit);
    }

    #[handler]
    fn exits(&self) -> Vec<(ActorId, StopReason)> {
        self.exits.iter().map(|exit| (exit.id, exit.reason.clone())).collect()
    }
}

fn part() -> PartAddr {
    Part { traps: false, exits: Vec::new() }.spawn()
}

/// A part that traps exits, once it does: the trap is set in `on_start`,
/// which has run once the part has answered a message.
async fn trapping_part() -> PartAddr {
    let part = Part { traps: true, exits: Vec::new() }.spawn();
    part.ping().await.unwrap();
    part
}

fn panicked() -> StopReason {
    StopReason::Panicked("part broke".into())
}

fn link_failed(actor: &PartAddr, reason: StopReason) -> StopReason {
    StopReason::LinkFailed { actor: actor.id(), reason: Box::new(reason) }
}

/// Makes `part` fail, and waits until it has stopped.
async fn fail(part: &PartAddr) {
    assert_eq!(part.fail().await, Err(Error::Panicked("part broke".into())));
    assert_eq!(part.wait_stopped().await, panicked());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_stops_the_linked_actor_with_link_failed_naming_it() {
    let (engine, wheel) = (part(), part());
    engine.link(&wheel);
    fail(&engine).await;
    assert_eq!(wheel.wait_stopped().await, link_failed(&engine, panicked()));
    assert_eq!(wheel.ping().await, Err(Error::Stopped));
}

#[tokio::test(flavor = "current_thread")]
async fn linking_is_symmetric() {
    let (a, b) = (part(), part());
    a.link(&b);
    fail(&b).await;
    assert_eq!(a.wait_stopped().await, link_failed(&b, panicked()));

    // And from a handler, through the context.
    let (c, d) = (part(), part());
    c.link_to(d.clone()).await.unwrap();
    fail(&c).await;
    assert_eq!(d.wait_stopped().await, link_failed(&c, panicked()));
    let (e, f) = (part(), part());
    e.link_to(f.clone()).await.unwrap();
    fail(&f).await;
    assert_eq!(e.wait_stopped().await, link_failed(&f, panicked()));
}

#[tokio::test(flavor = "current_thread")]
async fn a_failure_reaches_every_linked_actor() {
    let hub = part();
    let spokes: Vec<_> = (0..5).map(|_| part()).collect();
    for spoke in &spokes {
        hub.link(spoke);
    }
    fail(&hub).await;
    for spoke in &spokes {
        assert_eq!(spoke.wait_stopped().await, link_failed(&hub, panicked()));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_stop_that_is_not_a_failure_does_not_stop_the_linked_actor() {
    let survivor = part();
    let (stopped, killed, dropped) = (part(), part(), part());
    for partner in [&stopped, &killed, &dropped] {
        survivor.link(partner);
    }
    stopped.stop();
    killed.kill();
    let weak = dropped.downgrade();
    drop(dropped);
    assert_eq!(stopped.wait_stopped().await, StopReason::Normal);
    assert_eq!(killed.wait_stopped().await, StopReason::Killed);
    assert_eq!(weak.wait_stopped().await, StopReason::Unreferenced);
    assert_eq!(survivor.ping().await, Ok("pong"));
    assert!(survivor.is_alive());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_actor_that_traps_exits_gets_an_exit_message_and_keeps_answering() {
    let guardian = trapping_part().await;
    let (failing, stopping) = (part(), part());
    guardian.link(&failing);
    stopping.link(&guardian);
    fail(&failing).await;
    stopping.stop();
    stopping.wait_stopped().await;
    // Both notices were queued before `wait_stopped` returned.
    assert_eq!(guardian.exits().await.unwrap(), [(failing.id(), panicked()), (stopping.id(), StopReason::Normal)]);
    assert_eq!(guardian.ping().await, Ok("pong"));
    assert!(guardian.is_alive());
}

#[tokio::test(flavor = "current_thread")]
async fn an_exit_names_the_stopped_actor_and_its_type() {
    #[actor]
    struct Catcher {
        exit: Option<Exit>,
    }

    #[actor]
    impl Catcher {
        #[handler]
        fn link_trapping(&mut self, other: PartAddr, ctx: &mut Context<Self>) {
            ctx.trap_exits(|me, exit| me.caught(exit));
            ctx.link(&other);
        }

        #[handler]
        fn caught(&mut self, exit: Exit) {
            self.exit = Some(exit);
        }

        #[handler]
        fn exit(&self) -> Option<Exit> {
            self.exit.clone()
        }
    }

    let catcher = Catcher { exit: None }.spawn();
    let failing = part();
    catcher.link_trapping(failing.clone()).await.unwrap();
    fail(&failing).await;
    let exit = catcher.exit().await.unwrap().expect("trapped");
    assert_eq!(exit.id, failing.id());
    assert_eq!(exit.reason, panicked());
    assert!(exit.actor.ends_with("Part"), "{}", exit.actor);
}

#[tokio::test(flavor = "current_thread")]
async fn a_trapped_exit_is_queued_even_in_a_full_mailbox() {
    let guardian = Part { traps: true, exits: Vec::new() }.spawn_with(Mailbox::bounded(1));
    let failing = part();
    guardian.link(&failing);
    let (release, held) = oneshot::channel();
    guardian.hold(held).tell().await.unwrap();
    // Once the held handler runs, one more message fills the mailbox.
    while guardian.mailbox_len() > 0 {
        tokio::task::yield_now().await;
    }
    guardian.ping().tell().await.unwrap();
    assert_eq!(guardian.ping().try_tell(), Err(Error::MailboxFull));
    fail(&failing).await;
    assert_eq!(guardian.mailbox_len(), 2, "the exit went past the bound");
    release.send(()).unwrap();
    assert_eq!(guardian.exits().await.unwrap(), [(failing.id(), panicked())]);
}

#[tokio::test(flavor = "current_thread")]
async fn linking_with_an_actor_that_already_failed_applies_at_once() {
    let failed = part();
    fail(&failed).await;
    let late = part();
    late.link(&failed);
    assert_eq!(late.wait_stopped().await, link_failed(&failed, panicked()));

    // The other way round, and from a handler.
    let late = part();
    failed.link(&late);
    assert_eq!(late.wait_stopped().await, link_failed(&failed, panicked()));
    let late = part();
    late.link_to(failed.clone()).await.unwrap();
    assert_eq!(late.wait_stopped().await, link_failed(&failed, panicked()));

    // An actor that traps exits is told at once instead.
    let guardian = trapping_part().await;
    guardian.link(&failed);
    // Queued before the trapped exit, which `on_start` releases behind it.
    assert_eq!(guardian.ping().await, Ok("pong"));
    assert_eq!(guardian.exits().await.unwrap(), [(failed.id(), panicked())]);
}

#[tokio::test(flavor = "current_thread")]
async fn linking_with_an_actor_that_stopped_normally_changes_nothing() {
    let stopped = part();
    stopped.stop();
    stopped.wait_stopped().await;
    let late = part();
    late.link(&stopped);
    assert_eq!(late.ping().await, Ok("pong"));
    assert!(late.is_alive());
}

#[tokio::test(flavor = "current_thread")]
async fn a_link_failure_abandons_a_handler_waiting_at_an_await() {
    let (failing, waiting) = (part(), part());
    failing.link(&waiting);
    let (entered, inside) = oneshot::channel();
    let hanging = tokio::spawn({
        let waiting = waiting.clone();
        async move { waiting.hang(entered).await }
    });
    inside.await.unwrap();
    // Queued behind the hanging handler: never handled.
    let queued = tokio::spawn({
        let waiting = waiting.clone();
        async move { waiting.ping().await }
    });
    while waiting.mailbox_len() == 0 {
        tokio::task::yield_now().await;
    }
    fail(&failing).await;
    assert_eq!(hanging.await.unwrap(), Err(Error::Interrupted));
    assert_eq!(queued.await.unwrap(), Err(Error::Stopped));
    assert_eq!(waiting.wait_stopped().await, link_failed(&failing, panicked()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_travels_along_a_chain_each_link_naming_its_neighbour() {
    let (a, b, c) = (part(), part(), part());
    a.link(&b);
    b.link(&c);
    fail(&a).await;
    let b_reason = link_failed(&a, panicked());
    assert_eq!(b.wait_stopped().await, b_reason);
    assert_eq!(c.wait_stopped().await, link_failed(&b, b_reason));
}

#[tokio::test(flavor = "current_thread")]
async fn a_link_keeps_neither_actor_alive() {
    let (a, b) = (part(), part());
    a.link(&b);
    let (weak_a, weak_b) = (a.downgrade(), b.downgrade());
    drop(a);
    assert_eq!(weak_a.wait_stopped().await, StopReason::Unreferenced);
    assert!(weak_b.is_alive(), "an unreferenced stop is not a failure");
    drop(b);
    assert_eq!(weak_b.wait_stopped().await, StopReason::Unreferenced);
}

#[tokio::test(flavor = "current_thread")]
async fn linking_an_actor_with_itself_does_nothing() {
    let alone = part();
    alone.link(&alone);
    assert_eq!(alone.ping().await, Ok("pong"));
    fail(&alone).await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_exit_that_comes_before_on_start_is_trapped_by_the_trap_it_sets() {
    let failed = part();
    fail(&failed).await;
    // Linked before its task ever ran: the failure arrives at once, before
    // `on_start` has set the trap, and waits for it.
    let guardian = Part { traps: true, exits: Vec::new() }.spawn();
    guardian.link(&failed);
    // Queued before the trapped exit, which `on_start` releases behind it.
    assert_eq!(guardian.ping().await, Ok("pong"));
    assert_eq!(guardian.exits().await.unwrap(), [(failed.id(), panicked())]);
    assert!(guardian.is_alive());
}

#[tokio::test(flavor = "current_thread")]
async fn an_exit_that_comes_before_on_start_still_stops_an_actor_that_does_not_trap() {
    let failed = part();
    fail(&failed).await;
    let bystander = part();
    bystander.link(&failed);
    assert_eq!(bystander.wait_stopped().await, link_failed(&failed, panicked()));
}

#[tokio::test]
async fn unlinked_actors_no_longer_share_fate() {
    let (engine, wheel) = (part(), part());
    engine.link(&wheel);
    wheel.unlink(&engine);
    fail(&engine).await;
    assert_eq!(wheel.ping().await, Ok("pong"));
    assert!(wheel.is_alive());
}

#[tokio::test]
async fn linking_twice_is_linking_once() {
    let guardian = trapping_part().await;
    let partner = part();
    guardian.link(&partner);
    partner.link(&guardian);
    fail(&partner).await;
    assert_eq!(guardian.ping().await, Ok("pong"));
    assert_eq!(guardian.exits().await.unwrap(), [(partner.id(), panicked())], "one exit, not two");
}
