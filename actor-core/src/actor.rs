//! The `Actor` trait, which `#[actor]` implements.

use std::future::Future;

use crate::addr::Addr;
use crate::context::Context;
use crate::mailbox::Mailbox;
use crate::stop::StopReason;

/// A type whose values run as actors: each owns its state, handles one
/// message at a time and is reached through its address.
///
/// `#[actor]` on a struct and on its impl block implements this trait; the
/// methods marked `#[handler]` become the variants of
/// [`Message`](Actor::Message) and the methods of [`Addr`](Actor::Addr).
/// Writing the impl by hand is possible, but the macro is the intended way.
///
/// ```
/// use greenroom::prelude::*;
///
/// #[actor]
/// struct Greeter {
///     greeting: String,
/// }
///
/// #[actor]
/// impl Greeter {
///     #[handler]
///     fn greet(&self, name: String) -> String {
///         format!("{}, {name}!", self.greeting)
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), greenroom::Error> {
/// let greeter: GreeterAddr = Greeter { greeting: "Hello".into() }.spawn();
/// assert_eq!(greeter.greet("Ada".into()).await?, "Hello, Ada!");
/// # Ok(())
/// # }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an actor",
    label = "not an actor",
    note = "put `#[actor]` on `struct {Self}` and on one `impl` block of it, and mark its message methods `#[handler]`"
)]
pub trait Actor: Sized + Send + 'static {
    /// The message enum: one variant per handler (`CounterMessage`).
    type Message: Send + 'static;

    /// The typed address: one method per handler (`CounterAddr`).
    type Addr: From<Addr<Self>> + Clone + Send + Sync + 'static;

    /// Whether [`on_stop`](Actor::on_stop) has anything to do. `#[actor]`
    /// sets it to `false` for an actor without an `#[on_stop]` hook, and
    /// the actor's end then skips the hook: its task need not keep room
    /// for it, which makes every such actor smaller. Leave it `true` in an
    /// impl written by hand that overrides `on_stop`, or the hook never
    /// runs.
    const HAS_ON_STOP: bool = true;

    /// Handles one message. The actor's loop calls it for each message in
    /// turn and waits for it to finish before taking the next.
    fn handle(&mut self, message: Self::Message, ctx: &mut Context<Self>) -> impl Future<Output = ()> + Send;

    /// Runs once, before the first message. Messages sent meanwhile wait in
    /// the mailbox.
    fn on_start(&mut self, ctx: &mut Context<Self>) -> impl Future<Output = ()> + Send {
        let _ = ctx;
        async {}
    }

    /// Runs once, after the last message and after the actor's children have
    /// stopped, with the reason the actor stops. It does not run when the
    /// tokio runtime shuts down under the actor (the task is dropped, not
    /// run); `wait_stopped` then reports [`StopReason::RuntimeShutdown`].
    fn on_stop(&mut self, reason: &StopReason, ctx: &mut Context<Self>) -> impl Future<Output = ()> + Send {
        let _ = (reason, ctx);
        async {}
    }

    /// Starts the actor on the current tokio runtime with a default bounded
    /// mailbox ([`Mailbox::DEFAULT_CAPACITY`] messages) and returns its address.
    ///
    /// The actor runs until it is stopped, killed, panics, or every strong
    /// address to it is gone and its mailbox is empty.
    ///
    /// # Panics
    ///
    /// When called outside a tokio runtime.
    fn spawn(self) -> Self::Addr {
        crate::spawn::spawn(self, Mailbox::default())
    }

    /// Like [`spawn`](Actor::spawn), with the mailbox of your choice:
    /// [`Mailbox::bounded`] or [`Mailbox::unbounded`].
    ///
    /// # Panics
    ///
    /// When called outside a tokio runtime.
    fn spawn_with(self, mailbox: Mailbox) -> Self::Addr {
        crate::spawn::spawn(self, mailbox)
    }
}
