//! Why an actor stopped, and the one-shot signal that announces it.

use std::fmt;
use std::sync::OnceLock;

use tokio::sync::Notify;

/// Why an actor stopped: what [`Addr::wait_stopped`](crate::Addr::wait_stopped)
/// returns and what an `#[on_stop]` hook receives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// `stop()` was called on its address or its context; the actor handled
    /// every message it had accepted first.
    Normal,
    /// Every strong address was dropped and its mailbox was empty: nobody could
    /// send it anything any more.
    Unreferenced,
    /// `kill()` was called: the actor stopped without handling what was queued.
    Killed,
    /// A handler or lifecycle hook panicked, with this message.
    Panicked(String),
    /// The tokio runtime that ran the actor shut down before it stopped.
    RuntimeShutdown,
}

impl StopReason {
    /// Whether the actor stopped because something went wrong (a panic), as
    /// opposed to being asked to stop or running out of callers.
    pub fn is_failure(&self) -> bool {
        matches!(self, StopReason::Panicked(_))
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StopReason::Normal => f.write_str("stopped on request"),
            StopReason::Unreferenced => f.write_str("stopped because all its addresses were dropped"),
            StopReason::Killed => f.write_str("killed"),
            StopReason::Panicked(message) => write!(f, "panicked: {message}"),
            StopReason::RuntimeShutdown => f.write_str("stopped because its runtime shut down"),
        }
    }
}

/// Set once when the actor has fully stopped; any number of tasks may wait for it.
#[derive(Debug, Default)]
pub(crate) struct StopSignal {
    reason: OnceLock<StopReason>,
    notify: Notify,
}

impl StopSignal {
    /// Publishes the reason. Only the first call counts.
    pub(crate) fn publish(&self, reason: StopReason) {
        if self.reason.set(reason).is_ok() {
            self.notify.notify_waiters();
        }
    }

    pub(crate) fn get(&self) -> Option<&StopReason> {
        self.reason.get()
    }

    pub(crate) async fn wait(&self) -> StopReason {
        loop {
            let notified = self.notify.notified();
            let mut notified = std::pin::pin!(notified);
            // Registering before the check closes the window in which `publish`
            // could run between the check and the await.
            notified.as_mut().enable();
            if let Some(reason) = self.reason.get() {
                return reason.clone();
            }
            notified.await;
        }
    }
}
