//! An actor that waits for itself would wait forever: its own handler is the
//! one that would have to answer. Such a request fails at once instead.

use greenroom::prelude::*;
use greenroom::Error;

#[actor]
struct Narcissus {
    echoes: u32,
    started_with: Option<Result<u32, Error>>,
}

#[actor]
impl Narcissus {
    #[on_start]
    async fn start(&mut self, ctx: &mut Context<Self>) {
        self.started_with = Some(ctx.addr().echo().await);
    }

    #[handler]
    fn echo(&mut self) -> u32 {
        self.echoes += 1;
        self.echoes
    }

    #[handler]
    async fn ask_myself(&mut self, ctx: &mut Context<Self>) -> Result<u32, Error> {
        ctx.addr().echo().await
    }

    #[handler]
    fn ask_myself_blocking(&mut self, ctx: &mut Context<Self>) -> Result<u32, Error> {
        ctx.addr().echo().blocking()
    }

    #[handler]
    async fn tell_myself(&mut self, times: u32, ctx: &mut Context<Self>) -> Vec<Result<(), Error>> {
        let me = ctx.addr();
        let mut results = Vec::new();
        for _ in 0..times {
            results.push(me.echo().tell().await);
        }
        results
    }

    #[handler]
    async fn ask_other(&mut self, other: NarcissusAddr) -> Result<u32, Error> {
        other.echo().await
    }

    #[handler]
    fn ask_myself_later(&mut self, ctx: &mut Context<Self>) -> tokio::task::JoinHandle<Result<u32, Error>> {
        let me = ctx.addr();
        // Another task: it waits until this handler has returned, and then
        // gets its answer.
        tokio::spawn(async move { me.echo().await })
    }

    #[handler]
    fn ask_other_blocking(&mut self, other: NarcissusAddr) -> Result<u32, Error> {
        other.echo().blocking()
    }

    #[handler]
    fn started_with(&self) -> Option<Result<u32, Error>> {
        self.started_with.clone()
    }
}

fn narcissus() -> Narcissus {
    Narcissus { echoes: 0, started_with: None }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handler_asking_its_own_actor_gets_an_error_at_once() {
    let actor = narcissus().spawn();
    assert_eq!(actor.ask_myself().await, Ok(Err(Error::WouldDeadlock)));
    assert_eq!(actor.ask_myself_blocking().await, Ok(Err(Error::WouldDeadlock)));
    // Nothing was sent: the only echo handled is the next one.
    assert_eq!(actor.echo().await, Ok(1));
    assert!(actor.is_alive());
}

#[tokio::test(flavor = "current_thread")]
async fn on_start_asking_its_own_actor_gets_an_error_too() {
    let actor = narcissus().spawn();
    assert_eq!(actor.started_with().await, Ok(Some(Err(Error::WouldDeadlock))));
}

#[tokio::test(flavor = "current_thread")]
async fn telling_itself_works_while_there_is_room_and_fails_when_full() {
    let actor = narcissus().spawn_with(Mailbox::bounded(2));
    let results = actor.tell_myself(3).await.unwrap();
    assert_eq!(results, [Ok(()), Ok(()), Err(Error::WouldDeadlock)]);
    // The two accepted echoes were handled after the handler returned.
    assert_eq!(actor.echo().await, Ok(3));
}

/// More tells than tokio's budget allows in one go: a send that yields to
/// spend no more of it is not one waiting for room.
#[tokio::test(flavor = "current_thread")]
async fn telling_itself_more_than_a_budget_of_times_works_while_there_is_room() {
    let actor = narcissus().spawn_with(Mailbox::unbounded());
    let results = actor.tell_myself(1_000).await.unwrap();
    assert!(results.iter().all(Result::is_ok), "{:?}", results.iter().find(|result| result.is_err()));
    assert_eq!(actor.echo().await, Ok(1_001));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_other_actors_and_later_asks_to_itself_are_not_mistaken_for_it() {
    let first = narcissus().spawn();
    let second = narcissus().spawn();
    assert_eq!(first.ask_other(second.clone()).await, Ok(Ok(1)));
    let later = first.ask_myself_later().await.unwrap();
    assert_eq!(later.await.unwrap(), Ok(1));
}

#[tokio::test(flavor = "current_thread")]
async fn blocking_on_another_actor_inside_a_handler_panics_instead_of_deadlocking() {
    let first = narcissus().spawn();
    let second = narcissus().spawn();
    let Err(Error::Panicked(message)) = first.ask_other_blocking(second.clone()).await else {
        panic!("expected the handler to panic");
    };
    assert!(message.contains("use `.await` in handlers"), "{message}");
    assert_eq!(second.echo().await, Ok(1), "nothing was sent");
}
