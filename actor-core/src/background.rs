//! Background work: a future run beside the actor, whose output comes back
//! to it as a message.

use std::fmt;
use std::future::Future;

use crate::actor::Actor;
use crate::context::Context;
use crate::owned_task::{self, Control};
use crate::request::Request;

impl<A: Actor> Context<A> {
    /// Runs `future` on a tokio task of its own and sends its output back to
    /// this actor as a message, built by `deliver` through the actor's
    /// address (`|me, page| me.fetched(page)`).
    ///
    /// A handler that awaits slow I/O keeps the actor from taking its next
    /// message until it is done; a handler that starts the I/O here returns
    /// at once, and the actor goes on handling messages while the future
    /// runs. The output is sent as a [`tell`](Request::tell), waiting for
    /// room in a full bounded mailbox.
    ///
    /// The task does not keep the actor alive. When the actor (or, under a
    /// supervisor, this instance) stops first, the future is dropped where
    /// it stands and nothing is sent; likewise after [`TaskHandle::cancel`].
    ///
    /// If the future panics, nothing is sent and the actor fails: it stops
    /// with [`StopReason::Panicked`](crate::StopReason::Panicked) and the
    /// panic's message, before its next message, abandoning a handler that
    /// waits at an `.await` (as when a linked actor fails). The work was the
    /// actor's, so its failure is too, for links and supervisors to act on.
    /// For failures you expect, give the future a `Result` output and handle
    /// the error in the actor.
    ///
    /// ```
    /// use std::time::Duration;
    /// use greenroom::prelude::*;
    ///
    /// #[actor]
    /// struct Page {
    ///     body: Option<String>,
    /// }
    ///
    /// #[actor]
    /// impl Page {
    ///     #[handler]
    ///     fn load(&mut self, url: String, ctx: &mut Context<Self>) {
    ///         let download = async move {
    ///             tokio::time::sleep(Duration::from_secs(2)).await; // slow I/O
    ///             format!("<html>{url}</html>")
    ///         };
    ///         ctx.spawn(download, |me, body| me.loaded(body));
    ///     }
    ///
    ///     #[handler]
    ///     fn loaded(&mut self, body: String) {
    ///         self.body = Some(body);
    ///     }
    ///
    ///     #[handler]
    ///     fn body(&self) -> Option<String> {
    ///         self.body.clone()
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() -> Result<(), greenroom::Error> {
    /// let page = Page { body: None }.spawn();
    /// page.load("example.org".into()).await?;
    /// assert_eq!(page.body().await?, None); // not loaded yet, but answering
    /// tokio::time::sleep(Duration::from_secs(3)).await; // paused time: instant
    /// assert_eq!(page.body().await?.as_deref(), Some("<html>example.org</html>"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn spawn<F, R>(
        &mut self,
        future: F,
        deliver: impl for<'a> FnOnce(&'a A::Addr, F::Output) -> Request<'a, A, R> + Send + 'static,
    ) -> TaskHandle
    where
        F: Future + Send + 'static,
        F::Output: Send,
    {
        let control = owned_task::start(self, move |outbox| async move {
            let output = future.await;
            if let Some(message) = outbox.build(|me| deliver(me, output)) {
                outbox.send(message).await;
            }
        });
        TaskHandle { control }
    }
}

/// Background work started with [`Context::spawn`].
///
/// Dropping the handle does not cancel the work: it runs on, detached,
/// until its output is sent or the actor stops. Keep the handle to
/// [`cancel`](TaskHandle::cancel) it.
pub struct TaskHandle {
    control: Control,
}

impl TaskHandle {
    /// Cancels the work. Once this returns, its output either had been
    /// accepted by the mailbox before (and is still handled) or is never
    /// sent: an output waiting for room is withdrawn. The future is dropped
    /// on the runtime soon after, not inside this call (it may be running
    /// on another thread).
    pub fn cancel(self) {
        self.control.cancel();
    }

    /// Whether the work has ended: its output was sent (or refused by a
    /// stopped actor), or it was cancelled, or it stopped with the actor, or
    /// it panicked. The future has then been dropped.
    pub fn is_finished(&self) -> bool {
        self.control.is_finished()
    }
}

impl fmt::Debug for TaskHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskHandle").field("finished", &self.is_finished()).finish()
    }
}
