//! The runtime of [greenroom](https://docs.rs/greenroom): mailboxes,
//! addresses, requests and the actor loop, on tokio.
//!
//! Use it through the `greenroom` crate, whose `#[actor]` and `#[handler]`
//! macros implement [`Actor`] for you. The semantics every actor can rely on
//! are listed in `docs/semantics.md`.

// `unsafe` only where a module allows it, each block with its `SAFETY:`
// argument, a loom model and a miri run (`oneshot.rs`).
#![deny(unsafe_code)]

mod actor;
mod addr;
mod background;
mod blocking;
mod cell;
mod context;
mod current;
mod error;
mod id;
mod link;
mod mailbox;
mod monitor;
mod notice;
mod oneshot;
mod owned_task;
mod panic;
mod queued;
mod registry;
mod reply;
mod request;
mod spawn;
mod stop;
mod stream;
pub mod supervisor;
mod sync;
mod timer;
mod wait_for;

pub use crate::actor::Actor;
pub use crate::addr::{Addr, WeakAddr};
pub use crate::background::TaskHandle;
pub use crate::context::Context;
pub use crate::error::Error;
pub use crate::id::ActorId;
pub use crate::link::Exit;
pub use crate::mailbox::Mailbox;
pub use crate::monitor::MonitorHandle;
pub use crate::registry::{lookup, unregister};
pub use crate::reply::Reply;
pub use crate::request::{default_ask_timeout, set_default_ask_timeout, Ask, Request, Tell};
pub use crate::stop::StopReason;
pub use crate::stream::StreamHandle;
pub use crate::supervisor::{Supervisor, SupervisorAddr};
pub use crate::timer::TimerHandle;

/// Items for generated code only; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::addr::{fmt_typed_addr, request};
    pub use crate::panic::{dispatch, dispatch_async};
    pub use crate::reply::Reply;

    /// Fails to compile, at the argument's type, unless it can be sent to
    /// the actor's task.
    pub fn assert_sendable_argument<T: Send + 'static>() {}

    /// Fails to compile, at the reply type, unless it can be sent back.
    pub fn assert_sendable_reply<T: Send + 'static>() {}
}
