//! The address of a supervisor.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use tokio::sync::oneshot;

use super::slot::ChildSlot;
use super::{Child, Event, Supervisor, SupervisorMessage};
use crate::actor::Actor;
use crate::addr::Addr;
use crate::error::Error;
use crate::mailbox::Push;

/// The address of a running [`Supervisor`]: it dereferences to
/// `Addr<Supervisor>` for `stop`, `kill`, `wait_stopped` and the other
/// lifecycle methods, and adds [`shutdown`](SupervisorAddr::shutdown).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SupervisorAddr {
    inner: Addr<Supervisor>,
}

impl Deref for SupervisorAddr {
    type Target = Addr<Supervisor>;

    fn deref(&self) -> &Addr<Supervisor> {
        &self.inner
    }
}

impl AsRef<Addr<Supervisor>> for SupervisorAddr {
    fn as_ref(&self) -> &Addr<Supervisor> {
        &self.inner
    }
}

impl From<Addr<Supervisor>> for SupervisorAddr {
    fn from(inner: Addr<Supervisor>) -> SupervisorAddr {
        SupervisorAddr { inner }
    }
}

impl From<SupervisorAddr> for Addr<Supervisor> {
    fn from(addr: SupervisorAddr) -> Addr<Supervisor> {
        addr.inner
    }
}

impl fmt::Debug for SupervisorAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::addr::fmt_typed_addr("SupervisorAddr", &self.inner, f)
    }
}

impl SupervisorAddr {
    /// Adds a child to the running supervisor, after the others, starts it,
    /// and returns its address once it has started: for children that come
    /// and go, such as one per connection (OTP's `start_child`). It is then
    /// supervised like the children declared before the supervisor started,
    /// and restarted with it. A child that stops for good is forgotten, so
    /// a supervisor of many short-lived (temporary or transient) children
    /// does not grow.
    ///
    /// # Errors
    ///
    /// [`Error::Stopped`] if the supervisor no longer accepts children (it
    /// has stopped or is stopping); the child is then never started.
    ///
    /// ```
    /// use std::time::Duration;
    /// use greenroom::prelude::*;
    /// use greenroom::supervisor::{Child, Supervisor};
    ///
    /// #[actor]
    /// struct Session {
    ///     user: String,
    /// }
    ///
    /// #[actor]
    /// impl Session {
    ///     #[handler]
    ///     fn user(&self) -> String {
    ///         self.user.clone()
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), greenroom::Error> {
    /// let sessions = Supervisor::one_for_one().spawn();
    /// let session: SessionAddr =
    ///     sessions.start_child(Child::new(|| Session { user: "ada".into() }).temporary()).await?;
    /// assert_eq!(session.user().await?, "ada");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start_child<A: Actor>(&self, child: Child<A>) -> Result<A::Addr, Error> {
        let (slot, addr) = ChildSlot::new(child);
        let (started, was_started) = oneshot::channel();
        let message = SupervisorMessage(Event::StartChild { slot: Arc::new(slot), started });
        // Refused, or dropped unhandled when the supervisor stops: the slot
        // goes with the message, and closes the child it never started.
        Push::new(&self.cell().queue, message).await?;
        was_started.await.map_err(|_| Error::Stopped)?;
        Ok(addr)
    }
}
