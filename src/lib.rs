#![doc = include_str!("../docs/crate.md")]
#![forbid(unsafe_code)]

#[doc(inline)]
pub use actor_core::{
    default_ask_timeout, lookup, set_default_ask_timeout, unregister, Actor, ActorId, Addr, Ask, Context, Error, Exit,
    Mailbox, MonitorHandle, Reply, Request, StopReason, StreamHandle, Supervisor, SupervisorAddr, TaskHandle, Tell,
    TimerHandle, WeakAddr,
};

#[doc(inline)]
pub use actor_core::supervisor;

#[doc(inline)]
pub use actor_macros::{actor, handler, on_start, on_stop};

/// Everything an actor's module needs: `use greenroom::prelude::*;`.
pub mod prelude {
    #[doc(no_inline)]
    pub use crate::{actor, handler, on_start, on_stop, Actor, Addr, Context, Exit, Mailbox, StopReason, WeakAddr};
}

/// Items for generated code only; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use actor_core::__private::*;
    pub use actor_macros::__actor_impl as actor_impl;
}

/// The README's examples, compiled and run as doc-tests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
