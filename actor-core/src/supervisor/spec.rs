//! How a supervisor treats its children: strategy, restart policy, backoff,
//! and the description of one child.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::actor::Actor;
use crate::mailbox::Mailbox;
use crate::stop::StopReason;

/// Which children a supervisor restarts when one of them fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Only the child that stopped.
    OneForOne,
    /// Every child: the others are shut down (youngest first), then all are
    /// started again in order. For children that cannot work without each
    /// other.
    OneForAll,
    /// The child that stopped and every child started after it: for children
    /// that depend on the ones started before them.
    RestForOne,
}

/// When a child is restarted after it stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Restart {
    /// Always, whatever the reason, including `stop()` and `kill()`.
    #[default]
    Permanent,
    /// Only after a failure ([`StopReason::is_failure`]):
    /// a child that stops normally, or is killed, stays stopped.
    Transient,
    /// Never: once stopped, it stays stopped.
    Temporary,
}

impl Restart {
    pub(crate) fn restarts_after(self, reason: &StopReason) -> bool {
        match self {
            Restart::Permanent => !matches!(reason, StopReason::RuntimeShutdown),
            Restart::Transient => reason.is_failure(),
            Restart::Temporary => false,
        }
    }
}

/// How long a supervisor waits before it restarts children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backoff {
    /// Restart at once.
    #[default]
    None,
    /// Wait this long before every restart.
    Fixed(Duration),
    /// Wait `initial` before the first restart within the restart-intensity
    /// period, twice as long before the second, and so on, up to `max`.
    Exponential {
        /// The first wait.
        initial: Duration,
        /// The longest wait.
        max: Duration,
    },
}

impl Backoff {
    /// The wait before a restart that is the `nth` (from 1) within the
    /// current restart-intensity period.
    pub(crate) fn delay(self, nth: usize) -> Duration {
        match self {
            Backoff::None => Duration::ZERO,
            Backoff::Fixed(delay) => delay,
            Backoff::Exponential { initial, max } => {
                let doublings = u32::try_from(nth.saturating_sub(1)).unwrap_or(u32::MAX).min(31);
                initial.saturating_mul(1 << doublings).min(max)
            }
        }
    }
}

/// One child of a [`Supervisor`](crate::Supervisor): how to build it, when
/// to restart it, its mailbox and how long it may take to stop.
///
/// ```
/// use std::time::Duration;
/// use greenroom::prelude::*;
/// use greenroom::supervisor::{Child, Supervisor};
///
/// #[actor]
/// #[derive(Default)]
/// struct Fetcher {
///     fetched: u64,
/// }
///
/// #[actor]
/// impl Fetcher {}
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let mut supervisor = Supervisor::one_for_one();
/// let fetcher: FetcherAddr = supervisor.add(
///     Child::new(Fetcher::default)
///         .transient()
///         .mailbox(Mailbox::bounded(16))
///         .shutdown(Duration::from_secs(1)),
/// );
/// let supervisor = supervisor.spawn();
/// # let _ = fetcher;
/// # supervisor.shutdown(Duration::from_secs(1)).await;
/// # }
/// ```
pub struct Child<A: Actor> {
    pub(crate) factory: Arc<dyn Fn() -> A + Send + Sync>,
    pub(crate) restart: Restart,
    pub(crate) mailbox: Mailbox,
    pub(crate) shutdown: Option<Duration>,
    /// For a supervisor, its children: known to the slot from the start, so
    /// that they can be closed (and reported) even if it never starts.
    pub(crate) supervised: Option<Arc<crate::supervisor::Children>>,
}

impl<A: Actor> Child<A> {
    /// How long a child is given to stop (handle what it had queued and run
    /// `on_stop`) before it is killed, unless set: five seconds, as in OTP.
    pub const DEFAULT_SHUTDOWN: Duration = Duration::from_secs(5);

    /// A permanent child with a default mailbox, built (and rebuilt after
    /// each failure) by `factory`: a closure, or `Type::default`.
    pub fn new(factory: impl Fn() -> A + Send + Sync + 'static) -> Child<A> {
        Child {
            factory: Arc::new(factory),
            restart: Restart::Permanent,
            mailbox: Mailbox::default(),
            shutdown: Some(Self::DEFAULT_SHUTDOWN),
            supervised: None,
        }
    }

    /// Sets the restart policy.
    pub fn restart(mut self, restart: Restart) -> Self {
        self.restart = restart;
        self
    }

    /// Restarted whatever the reason it stopped (the default).
    pub fn permanent(self) -> Self {
        self.restart(Restart::Permanent)
    }

    /// Restarted only after a failure.
    pub fn transient(self) -> Self {
        self.restart(Restart::Transient)
    }

    /// Never restarted.
    pub fn temporary(self) -> Self {
        self.restart(Restart::Temporary)
    }

    /// Sets the mailbox; it is kept across restarts.
    pub fn mailbox(mut self, mailbox: Mailbox) -> Self {
        self.mailbox = mailbox;
        self
    }

    /// How long the child may take to stop when its supervisor stops it
    /// (or shuts it down to restart it with a sibling) before it is killed.
    pub fn shutdown(mut self, deadline: Duration) -> Self {
        self.shutdown = Some(deadline);
        self
    }
}

impl<A: Actor> fmt::Debug for Child<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Child")
            .field("actor", &std::any::type_name::<A>())
            .field("restart", &self.restart)
            .field("mailbox", &self.mailbox)
            .field("shutdown", &self.shutdown)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_delays() {
        let ms = Duration::from_millis;
        assert_eq!(Backoff::None.delay(5), Duration::ZERO);
        assert_eq!(Backoff::Fixed(ms(30)).delay(1), ms(30));
        assert_eq!(Backoff::Fixed(ms(30)).delay(9), ms(30));
        let exponential = Backoff::Exponential { initial: ms(10), max: ms(70) };
        let delays: Vec<_> = (1..=5).map(|nth| exponential.delay(nth)).collect();
        assert_eq!(delays, [ms(10), ms(20), ms(40), ms(70), ms(70)]);
        // Far past any doubling that fits: still the cap, no overflow.
        assert_eq!(exponential.delay(usize::MAX), ms(70));
    }

    #[test]
    fn restart_policies() {
        let panicked = StopReason::Panicked("boom".into());
        for (restart, normal, failure) in
            [(Restart::Permanent, true, true), (Restart::Transient, false, true), (Restart::Temporary, false, false)]
        {
            assert_eq!(restart.restarts_after(&StopReason::Normal), normal, "{restart:?}");
            assert_eq!(restart.restarts_after(&StopReason::Killed), normal, "{restart:?}");
            assert_eq!(restart.restarts_after(&panicked), failure, "{restart:?}");
        }
    }
}
