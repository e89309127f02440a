//! The address of a supervisor.

use std::fmt;
use std::ops::Deref;

use super::Supervisor;
use crate::addr::Addr;

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
