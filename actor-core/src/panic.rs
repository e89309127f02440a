//! Turning panics into messages, and handler calls into replies.

use std::any::Any;
use std::future::Future;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use futures::FutureExt;

use crate::error::Error;
use crate::reply::Reply;

/// The text of a panic payload: the `&str` or `String` given to `panic!`.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&'static str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic with a non-string payload".to_owned()
    }
}

/// Calls a synchronous handler and answers `reply` with its value. If it
/// panics, the asker is told so with the panic's message, and the panic goes
/// on to stop the actor.
#[doc(hidden)]
pub fn dispatch<R>(reply: Reply<R>, handler: impl FnOnce() -> R) {
    match catch_unwind(AssertUnwindSafe(handler)) {
        Ok(value) => reply.send(value),
        Err(payload) => {
            reply.fail(Error::Panicked(panic_message(&*payload)));
            resume_unwind(payload)
        }
    }
}

/// [`dispatch`] for an `async` handler. If the handler is abandoned at an
/// `.await` (the actor was killed, or its runtime shut down), the asker is
/// told it was [`Error::Interrupted`]: unlike a message that was never
/// handled, this one may have been partly handled.
///
/// Not an `async fn`: that would keep the handler's future twice in the
/// actor's task, once as the argument and once where it is polled. The
/// reply rides in the closure that answers it, and dropping the future
/// unfinished drops the closure, which answers `Interrupted`.
#[doc(hidden)]
pub fn dispatch_async<R>(reply: Reply<R>, handler: impl Future<Output = R>) -> impl Future<Output = ()> {
    let mut unanswered = Unanswered(Some(reply));
    AssertUnwindSafe(handler).catch_unwind().map(move |result| match result {
        Ok(value) => unanswered.take().send(value),
        Err(payload) => {
            unanswered.take().fail(Error::Panicked(panic_message(&*payload)));
            resume_unwind(payload)
        }
    })
}

/// A reply that answers [`Error::Interrupted`] if dropped unanswered.
struct Unanswered<R>(Option<Reply<R>>);

impl<R> Unanswered<R> {
    fn take(&mut self) -> Reply<R> {
        self.0.take().expect("a reply is answered once")
    }
}

impl<R> Drop for Unanswered<R> {
    fn drop(&mut self) {
        if let Some(reply) = self.0.take() {
            reply.fail(Error::Interrupted);
        }
    }
}
