//! The one error type of the crate.

use std::time::Duration;

use crate::id::ActorId;

/// Why a request to an actor did not produce a reply, or why an actor could
/// not be registered under a name.
///
/// Every request ends with its reply or with one of these; none waits forever.
/// A handler's own `Result` is not folded into this type: a handler that returns
/// `Result<u64, Overdraft>` is answered with `Result<Result<u64, Overdraft>, Error>`.
///
/// ```
/// use greenroom::prelude::*;
///
/// #[actor]
/// struct Quiet;
///
/// #[actor]
/// impl Quiet {
///     #[handler]
///     fn ping(&self) {}
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let quiet = Quiet.spawn();
/// quiet.stop();
/// quiet.wait_stopped().await;
/// let error = quiet.ping().await.unwrap_err();
/// assert_eq!(error, greenroom::Error::Stopped);
/// assert_eq!(error.to_string(), "the actor has stopped and no longer handles messages");
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The actor had stopped, or was stopping, so the message was refused; or it
    /// stopped (was killed, or another message's handler panicked) before it got
    /// to this message. Either way the message was not handled at all.
    ///
    /// [`Addr::register`](crate::Addr::register) returns it for an actor that
    /// no longer accepts messages: nobody could use the name.
    #[error("the actor has stopped and no longer handles messages")]
    Stopped,
    /// `try_tell` found the bounded mailbox full. Nothing was sent.
    #[error("the actor's mailbox is full")]
    MailboxFull,
    /// The request's timeout passed before the reply came. If the message had
    /// already been accepted, the actor still handles it; its reply is dropped.
    #[error("the request timed out after {0:?}")]
    Timeout(Duration),
    /// The actor was killed, or its runtime shut down, while an `async`
    /// handler of this message waited at an `.await`: unlike
    /// [`Error::Stopped`], the message may have been partly handled.
    #[error("the actor was killed while handling the message, which may have been partly handled")]
    Interrupted,
    /// The handler of this very message panicked, with this panic message. The
    /// actor has stopped.
    #[error("the handler panicked: {0}")]
    Panicked(String),
    /// A handler asked its own actor (or told it while its mailbox was full):
    /// the reply, or the room, could only come from the handler that is
    /// waiting for it. Nothing was sent. Tell the actor instead, or call the
    /// method directly.
    #[error("an actor cannot wait for itself: a handler asked its own actor (tell it instead)")]
    WouldDeadlock,
    /// The request's timeout passed while its actor and the one it asked
    /// were waiting for each other, through the actors in `cycle`: each
    /// handler there awaited a request to the next, the last to the first.
    /// None of them could go on until a timeout ended one wait; this is the
    /// one it ended. Otherwise as [`Error::Timeout`].
    ///
    /// A cycle is named when every wait in it has a timeout (set with
    /// `.timeout(d)` or by
    /// [`set_default_ask_timeout`](crate::set_default_ask_timeout)); if some
    /// have none, the timeout is reported as [`Error::Timeout`].
    #[error("the request timed out after {timeout:?} in a cycle of actors each waiting for the next: {}", fmt_cycle(.cycle))]
    Deadlock {
        /// The actors, starting with the one whose request timed out and
        /// ending with it again: `[a, b, a]` for two actors asking each other.
        cycle: Vec<ActorId>,
        /// The request's timeout.
        timeout: Duration,
    },
    /// [`Addr::register`](crate::Addr::register) was given a name that a
    /// running actor already holds (possibly the same actor). The name keeps
    /// its owner; nothing was registered.
    #[error("the name {0:?} is already registered")]
    NameTaken(String),
}

/// `#3 -> #5 -> #3`.
fn fmt_cycle(cycle: &[ActorId]) -> String {
    cycle.iter().map(ActorId::to_string).collect::<Vec<_>>().join(" -> ")
}
