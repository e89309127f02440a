//! Streams attached to an actor: each item becomes a message.

use std::fmt;
use std::pin::pin;

use futures::{Stream, StreamExt};

use crate::actor::Actor;
use crate::context::Context;
use crate::owned_task::{self, Control};
use crate::request::Request;

impl<A: Actor> Context<A> {
    /// Feeds `stream` to this actor: each item becomes one message, built by
    /// `on_item` through the actor's address (`|me, line| me.line(line)`),
    /// and when the stream ends, `on_end` builds one last message
    /// (`|me| me.lines_ended()`).
    ///
    /// The messages are sent as [`tell`](Request::tell)s from a task of
    /// their own, one at a time: the actor handles them in its mailbox order,
    /// interleaved with its other messages, and the stream is polled for the
    /// next item only once the mailbox has accepted the previous one, so a
    /// full bounded mailbox slows the stream down and nothing is lost.
    ///
    /// The stream does not keep the actor alive. When the actor (or, under
    /// a supervisor, this instance) stops, the task is aborted and the
    /// stream dropped, without `on_end`; likewise after
    /// [`StreamHandle::cancel`]. `on_end` is sent once, only if the stream
    /// ended by itself.
    ///
    /// Both hooks are given in this one call, rather than through a builder,
    /// so that there is no half-configured stream to forget to start, and no
    /// stream whose end goes unnoticed.
    ///
    /// ```
    /// use greenroom::prelude::*;
    /// use tokio::sync::oneshot;
    ///
    /// #[actor]
    /// struct Reader {
    ///     lines: Vec<String>,
    ///     report: Option<oneshot::Sender<Vec<String>>>,
    /// }
    ///
    /// #[actor]
    /// impl Reader {
    ///     #[handler]
    ///     fn read(&mut self, text: String, ctx: &mut Context<Self>) {
    ///         let lines: Vec<String> = text.lines().map(String::from).collect();
    ///         ctx.attach_stream(futures::stream::iter(lines), |me, line| me.line(line), |me| me.lines_ended());
    ///     }
    ///
    ///     #[handler]
    ///     fn line(&mut self, line: String) {
    ///         self.lines.push(line);
    ///     }
    ///
    ///     #[handler]
    ///     fn lines_ended(&mut self) {
    ///         if let Some(report) = self.report.take() {
    ///             let _ = report.send(std::mem::take(&mut self.lines));
    ///         }
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), greenroom::Error> {
    /// let (report, lines) = oneshot::channel();
    /// let reader = Reader { lines: Vec::new(), report: Some(report) }.spawn();
    /// reader.read("one\ntwo".into()).await?;
    /// assert_eq!(lines.await.unwrap(), ["one", "two"]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn attach_stream<S, R, E>(
        &mut self,
        stream: S,
        on_item: impl for<'a> Fn(&'a A::Addr, S::Item) -> Request<'a, A, R> + Send + 'static,
        on_end: impl for<'a> FnOnce(&'a A::Addr) -> Request<'a, A, E> + Send + 'static,
    ) -> StreamHandle
    where
        S: Stream + Send + 'static,
        S::Item: Send,
    {
        let control = owned_task::start(self, move |outbox| async move {
            let mut stream = pin!(stream);
            while let Some(item) = stream.next().await {
                let Some(message) = outbox.build(|me| on_item(me, item)) else { return };
                if !outbox.send(message).await {
                    return;
                }
            }
            if let Some(message) = outbox.build(on_end) {
                outbox.send(message).await;
            }
        });
        StreamHandle { control }
    }
}

/// A stream attached with [`Context::attach_stream`].
///
/// Dropping the handle does not detach the stream: it is fed to the actor
/// until it ends or the actor stops. Keep the handle to
/// [`cancel`](StreamHandle::cancel) it.
pub struct StreamHandle {
    control: Control,
}

impl StreamHandle {
    /// Detaches the stream. Once this returns, the messages it produced are
    /// exactly those the mailbox had accepted before, which are still
    /// handled; an item waiting for room is withdrawn, and `on_end` is not
    /// sent. The stream itself is dropped on the runtime soon after, not
    /// inside this call.
    pub fn cancel(self) {
        self.control.cancel();
    }

    /// Whether feeding the stream has ended: the stream ended and `on_end`
    /// was sent, or it was cancelled, or it stopped with the actor. The
    /// stream has then been dropped.
    pub fn is_finished(&self) -> bool {
        self.control.is_finished()
    }
}

impl fmt::Debug for StreamHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamHandle").field("finished", &self.is_finished()).finish()
    }
}
