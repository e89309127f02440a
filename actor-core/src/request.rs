//! A message on its way: asked (awaited for its reply) or told.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::time::Sleep;

use crate::actor::Actor;
use crate::addr::{attach, Addr};
use crate::blocking::block_on;
use crate::current;
use crate::error::Error;
use crate::id::ActorId;
use crate::mailbox::Push;
use crate::reply::{Reply, ReplyReceiver};
use crate::wait_for;

/// The default ask timeout in nanoseconds; `NO_TIMEOUT` for none.
static DEFAULT_ASK_TIMEOUT: AtomicU64 = AtomicU64::new(NO_TIMEOUT);
const NO_TIMEOUT: u64 = u64::MAX;

/// Sets a timeout for every ask in the process that does not set its own
/// with [`Request::timeout`]; `None` (the default) lets such asks wait as
/// long as it takes.
///
/// Like Erlang's `gen_server:call`, which gives up after five seconds unless
/// told otherwise, it turns a request that would wait forever into an
/// error: an actor that never answers, or actors waiting for each other. An
/// ask that a handler awaits in such a cycle fails with
/// [`Error::Deadlock`], which names the actors of the cycle; the others
/// then get their replies. It applies to asks (`.await` and `.blocking()`),
/// not to tells, and to asks started after the call. A timeout of more than
/// 584 years is taken as none.
///
/// ```
/// use std::time::Duration;
///
/// greenroom::set_default_ask_timeout(Some(Duration::from_secs(5)));
/// assert_eq!(greenroom::default_ask_timeout(), Some(Duration::from_secs(5)));
/// greenroom::set_default_ask_timeout(None);
/// assert_eq!(greenroom::default_ask_timeout(), None);
/// ```
pub fn set_default_ask_timeout(timeout: Option<Duration>) {
    let nanos = timeout.map_or(NO_TIMEOUT, |timeout| u64::try_from(timeout.as_nanos()).unwrap_or(NO_TIMEOUT));
    DEFAULT_ASK_TIMEOUT.store(nanos, Ordering::Relaxed);
}

/// The timeout of asks that set none, as set by [`set_default_ask_timeout`].
pub fn default_ask_timeout() -> Option<Duration> {
    match DEFAULT_ASK_TIMEOUT.load(Ordering::Relaxed) {
        NO_TIMEOUT => None,
        nanos => Some(Duration::from_nanos(nanos)),
    }
}

/// One message to one actor, built by a generated address method
/// (`counter.add(5)`) and not yet sent.
///
/// What you do with it decides how it is sent:
///
/// | call | waits for | returns |
/// |---|---|---|
/// | `.await` | room in the mailbox, then the reply | `Result<R, Error>` |
/// | `.tell().await` | room in the mailbox | `Result<(), Error>` |
/// | `.try_tell()` | nothing | `Result<(), Error>`, [`Error::MailboxFull`] if full |
/// | `.blocking()` | like `.await`, blocking the thread | `Result<R, Error>` |
/// | `.blocking_tell()` | like `.tell()`, blocking the thread | `Result<(), Error>` |
///
/// `.timeout(d)` bounds the waiting of `.await`, `.tell()` and the blocking
/// forms; asks without one use the [default ask
/// timeout](set_default_ask_timeout), if one is set. A request that is
/// dropped unsent sends nothing.
///
/// ```
/// use std::time::Duration;
/// use greenroom::prelude::*;
///
/// #[actor]
/// struct Counter {
///     count: u64,
/// }
///
/// #[actor]
/// impl Counter {
///     #[handler]
///     fn add(&mut self, by: u64) -> u64 {
///         self.count += by;
///         self.count
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), greenroom::Error> {
/// let counter = Counter { count: 0 }.spawn();
/// counter.add(1).tell().await?;
/// counter.add(1).try_tell()?;
/// let total = counter.add(1).timeout(Duration::from_secs(1)).await?;
/// assert_eq!(total, 3);
/// # Ok(())
/// # }
/// ```
#[must_use = "a request does nothing until it is awaited, told or tried"]
pub struct Request<'a, A: Actor, R> {
    addr: &'a Addr<A>,
    message: A::Message,
    reply_slot: fn(&mut A::Message) -> &mut Reply<R>,
    timeout: Option<Duration>,
}

impl<'a, A: Actor, R> Request<'a, A, R> {
    pub(crate) fn new(
        addr: &'a Addr<A>,
        message: A::Message,
        reply_slot: fn(&mut A::Message) -> &mut Reply<R>,
    ) -> Self {
        Request { addr, message, reply_slot, timeout: None }
    }

    /// The message, unsent, for the runtime to deliver on the actor's behalf.
    pub(crate) fn into_message(self) -> A::Message {
        self.message
    }

    /// Gives up with [`Error::Timeout`] if the reply (or, for `tell`, room in
    /// the mailbox) has not come within `timeout`; for an ask, in place of
    /// the [default ask timeout](set_default_ask_timeout). If the handler
    /// awaiting it and the actor asked were waiting for each other, it gives
    /// up with [`Error::Deadlock`] instead.
    ///
    /// A message that was already accepted is still handled; only its reply
    /// is dropped.
    ///
    /// Awaiting a request with a timeout needs tokio's timer: a runtime built
    /// by hand needs `enable_time()` (`#[tokio::main]` enables it). The
    /// blocking forms need no runtime at all.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the message without waiting for its reply: waits only for room
    /// in the mailbox (never, if it is unbounded).
    ///
    /// Once this returns `Ok`, the message is accepted: the actor handles it
    /// before it stops, unless it is killed or a handler panics first. Tells
    /// from one task are handled in the order they were sent.
    pub fn tell(self) -> Tell<'a, A> {
        let queue = &self.addr.cell().queue;
        Tell::<A> {
            target: self.addr.id(),
            push: Push::new(queue, self.message),
            deadline: Deadline::after(self.timeout),
        }
    }

    /// Sends the message if the mailbox has room now; never waits.
    ///
    /// # Errors
    ///
    /// [`Error::MailboxFull`] if the bounded mailbox is full,
    /// [`Error::Stopped`] if the actor no longer accepts messages.
    pub fn try_tell(self) -> Result<(), Error> {
        self.addr.cell().queue.try_push(self.message).map_err(|(error, _message)| error)
    }

    /// Sends the message and blocks the current thread until the reply comes.
    ///
    /// For code outside the async runtime, such as a plain thread or
    /// `spawn_blocking`. Calling it from async code would block the executor
    /// thread, and with it the actor it waits for: use `.await` there.
    ///
    /// # Panics
    ///
    /// When called from a handler or hook of another actor, where it would
    /// block a runtime thread (and deadlock a current-thread runtime), as
    /// tokio's own blocking calls panic in async code. From a handler of the
    /// same actor it returns [`Error::WouldDeadlock`] instead.
    pub fn blocking(self) -> Result<R, Error> {
        refuse_inside_other_actor(self.addr.id(), "blocking");
        let timeout = self.timeout.or_else(default_ask_timeout);
        let ask = Ask::new(self.addr, self.message, self.reply_slot, Deadline::none());
        block_on_result(ask, timeout)
    }

    /// Sends the message without waiting for its reply, blocking the current
    /// thread while the mailbox is full. See [`blocking`](Request::blocking),
    /// including when it panics.
    pub fn blocking_tell(self) -> Result<(), Error> {
        refuse_inside_other_actor(self.addr.id(), "blocking_tell");
        let timeout = self.timeout;
        let queue = &self.addr.cell().queue;
        let tell =
            Tell::<A> { target: self.addr.id(), push: Push::new(queue, self.message), deadline: Deadline::none() };
        block_on_result(tell, timeout)
    }
}

impl<'a, A: Actor, R> IntoFuture for Request<'a, A, R> {
    type Output = Result<R, Error>;
    type IntoFuture = Ask<'a, A, R>;

    /// Asks: sends the message and waits for the reply.
    fn into_future(self) -> Ask<'a, A, R> {
        Ask::new(self.addr, self.message, self.reply_slot, Deadline::after(self.timeout.or_else(default_ask_timeout)))
    }
}

impl<A: Actor, R> fmt::Debug for Request<'_, A, R>
where
    A::Message: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("to", self.addr)
            .field("message", &self.message)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// An optional timer, armed lazily so that a request without a timeout never
/// touches the timer wheel.
struct Deadline {
    timeout: Option<Duration>,
    /// Boxed: most requests never arm one, and every ask's future holds it.
    armed: Option<Box<Armed>>,
}

/// A deadline that a request has started waiting on.
struct Armed {
    sleep: Pin<Box<Sleep>>,
    /// Set when a handler awaits the request, so that the timeout can tell
    /// whether it breaks a cycle of actors waiting for each other.
    waiting: Option<wait_for::Edge>,
}

impl Deadline {
    fn none() -> Deadline {
        Deadline { timeout: None, armed: None }
    }

    fn after(timeout: Option<Duration>) -> Deadline {
        Deadline { timeout, armed: None }
    }

    /// `Err(Timeout)` once the deadline has passed, or `Err(Deadlock)` if
    /// the actor awaiting this request to `target` and `target` were waiting
    /// for each other all along.
    #[inline]
    fn poll_expired(&mut self, cx: &mut Context<'_>, target: ActorId) -> Result<(), Error> {
        match self.timeout {
            None => Ok(()),
            Some(timeout) => self.poll_armed(cx, target, timeout),
        }
    }

    fn poll_armed(&mut self, cx: &mut Context<'_>, target: ActorId, timeout: Duration) -> Result<(), Error> {
        let armed = self.armed.get_or_insert_with(|| {
            Box::new(Armed {
                sleep: Box::pin(tokio::time::sleep(timeout)),
                waiting: current::running()
                    .filter(|&asker| asker != target)
                    .map(|asker| wait_for::Edge::new(asker, target)),
            })
        });
        match armed.sleep.as_mut().poll(cx) {
            Poll::Ready(()) => match armed.waiting.as_ref().and_then(wait_for::Edge::cycle) {
                Some(cycle) => Err(Error::Deadlock { cycle, timeout }),
                None => Err(Error::Timeout(timeout)),
            },
            Poll::Pending => Ok(()),
        }
    }

    /// The request is over: it no longer waits for anyone.
    #[inline]
    fn disarm(&mut self) {
        // Checked here so that the common case, never armed, inlines to a
        // test.
        if self.armed.is_some() {
            self.armed = None;
        }
    }
}

/// The future of an ask: `request.await`.
#[must_use = "futures do nothing unless polled"]
pub struct Ask<'a, A: Actor, R> {
    target: ActorId,
    push: Option<Push<'a, A::Message>>,
    reply: ReplyReceiver<R>,
    deadline: Deadline,
}

impl<'a, A: Actor, R> Ask<'a, A, R> {
    fn new(
        addr: &'a Addr<A>,
        mut message: A::Message,
        reply_slot: fn(&mut A::Message) -> &mut Reply<R>,
        deadline: Deadline,
    ) -> Self {
        let reply = attach(&mut message, reply_slot);
        Ask { target: addr.id(), push: Some(Push::awaiting_reply(&addr.cell().queue, message)), reply, deadline }
    }
}

impl<A: Actor, R> Future for Ask<'_, A, R> {
    type Output = Result<R, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<R, Error>> {
        let this = self.get_mut();
        let poll = this.poll_ask(cx);
        if poll.is_ready() {
            this.deadline.disarm();
        }
        poll
    }
}

impl<A: Actor, R> Ask<'_, A, R> {
    #[inline]
    fn poll_ask(&mut self, cx: &mut Context<'_>) -> Poll<Result<R, Error>> {
        if let Some(push) = &mut self.push {
            if current::is_running(self.target) {
                // Its own handler is what would have to answer.
                push.withdraw();
                self.push = None;
                return Poll::Ready(Err(Error::WouldDeadlock));
            }
            match Pin::new(&mut *push).poll(cx) {
                Poll::Ready(Ok(())) => self.push = None,
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Pending => {
                    if let Err(timeout) = self.deadline.poll_expired(cx, self.target) {
                        // Withdrawn, or accepted at the last moment: either
                        // way the reply can no longer come in time.
                        push.withdraw();
                        self.push = None;
                        return Poll::Ready(Err(timeout));
                    }
                    return Poll::Pending;
                }
            }
        }
        match Pin::new(&mut self.reply).poll(cx) {
            Poll::Ready(Some(answer)) => Poll::Ready(answer),
            // The reply was dropped unanswered: the actor stopped before it
            // handled the message.
            Poll::Ready(None) => Poll::Ready(Err(Error::Stopped)),
            Poll::Pending => {
                self.deadline.poll_expired(cx, self.target).map_or_else(|e| Poll::Ready(Err(e)), |()| Poll::Pending)
            }
        }
    }
}

impl<A: Actor, R> fmt::Debug for Ask<'_, A, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = if self.push.is_some() { "waiting for room" } else { "waiting for the reply" };
        f.debug_struct("Ask").field("stage", &stage).finish()
    }
}

/// The future of [`Request::tell`].
#[must_use = "futures do nothing unless polled"]
pub struct Tell<'a, A: Actor> {
    target: ActorId,
    push: Push<'a, A::Message>,
    deadline: Deadline,
}

impl<A: Actor> Future for Tell<'_, A> {
    type Output = Result<(), Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        let this = self.get_mut();
        if let Poll::Ready(result) = Pin::new(&mut this.push).poll(cx) {
            this.deadline.disarm();
            return Poll::Ready(result);
        }
        let poll = this.poll_waiting(cx);
        if poll.is_ready() {
            this.deadline.disarm();
        }
        poll
    }
}

impl<A: Actor> Tell<'_, A> {
    /// The push is waiting (for room, or for tokio's budget): whether to give up.
    fn poll_waiting(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        // Waiting for room that only this very handler could make.
        let gave_up = if current::is_running(self.target) && self.push.waits_for_room() {
            Some(Error::WouldDeadlock)
        } else {
            self.deadline.poll_expired(cx, self.target).err()
        };
        match gave_up {
            // Withdrawn now, so an error means it was not sent.
            Some(error) if self.push.withdraw() => Poll::Ready(Err(error)),
            // Admitted just before we gave up: the tell succeeded.
            Some(_) => Poll::Ready(Ok(())),
            None => Poll::Pending,
        }
    }
}

impl<A: Actor> fmt::Debug for Tell<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tell").finish_non_exhaustive()
    }
}

/// Panics if a handler of an actor other than `target` is running on this
/// thread: blocking there would stall a runtime thread.
fn refuse_inside_other_actor(target: ActorId, method: &str) {
    if let Some(running) = current::running() {
        assert!(
            running == target,
            "`.{method}()` was called inside a handler of actor {running}: it would block a runtime thread \
             (and deadlock a current-thread runtime); use `.await` in handlers"
        );
    }
}

/// Blocks on `future`, giving up with [`Error::Timeout`] after `timeout`.
fn block_on_result<T>(
    future: impl Future<Output = Result<T, Error>> + Unpin,
    timeout: Option<Duration>,
) -> Result<T, Error> {
    let deadline = timeout.map(|timeout| (Instant::now() + timeout, timeout));
    match block_on(future, deadline.map(|(at, _)| at)) {
        Some(result) => result,
        None => Err(Error::Timeout(deadline.map_or(Duration::ZERO, |(_, timeout)| timeout))),
    }
}
