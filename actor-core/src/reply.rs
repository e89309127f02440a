//! The reply channel that travels inside a message.

use std::fmt;

use crate::error::Error;
use crate::oneshot;

/// Where the answer to one message goes: the caller of an ask, or nowhere for
/// a tell.
///
/// Every generated message variant carries one. Generated code fills it in; a
/// `Reply` that is dropped without an answer (because the actor stopped before
/// handling its message) answers the asker with [`Error::Stopped`].
pub struct Reply<R> {
    sender: Option<oneshot::Sender<Result<R, Error>>>,
}

/// The asker's end of a [`Reply`].
pub(crate) type ReplyReceiver<R> = oneshot::Receiver<Result<R, Error>>;

impl<R> Reply<R> {
    /// A reply that goes nowhere, for a tell.
    #[doc(hidden)]
    pub fn none() -> Reply<R> {
        Reply { sender: None }
    }

    /// Points this reply at a new asker and returns the asker's end.
    pub(crate) fn attach(&mut self) -> ReplyReceiver<R> {
        let (sender, receiver) = oneshot::channel();
        self.sender = Some(sender);
        receiver
    }

    /// Answers with the handler's value.
    #[doc(hidden)]
    #[inline]
    pub fn send(self, value: R) {
        self.answer(Ok(value));
    }

    /// Answers with an error instead of a value.
    pub(crate) fn fail(self, error: Error) {
        self.answer(Err(error));
    }

    #[inline]
    fn answer(mut self, result: Result<R, Error>) {
        if let Some(sender) = self.sender.take() {
            // The asker may have given up (timeout, dropped future): the
            // answer is then dropped with the channel.
            sender.send(result);
        }
    }
}

impl<R> fmt::Debug for Reply<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let to = if self.sender.is_some() { "asker" } else { "nobody" };
        f.debug_struct("Reply").field("to", &to).finish()
    }
}
