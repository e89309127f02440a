//! Links: two actors that share fate.
//!
//! When an actor stops for good with a failure (see
//! [`StopReason::is_failure`]), every actor linked to it stops too, with
//! [`StopReason::LinkFailed`] naming it, unless it traps exits: then it gets
//! an [`Exit`] message instead, for any stop, and goes on. A supervised
//! actor that is restarted has not stopped: its links hold.

use std::sync::Arc;

use crate::actor::Actor;
use crate::addr::Addr;
use crate::cell::{Cell, Lifecycle};
use crate::context::Context;
use crate::id::ActorId;
use crate::notice;
use crate::request::Request;
use crate::stop::StopReason;

/// A notice that an actor stopped for good: what a monitor or a trapped
/// link delivers to its handler.
///
/// ```
/// use greenroom::prelude::*;
/// use greenroom::Exit;
///
/// #[actor]
/// struct Watcher {
///     seen: Vec<Exit>,
/// }
///
/// #[actor]
/// impl Watcher {
///     #[handler]
///     fn stopped(&mut self, exit: Exit) {
///         println!("{} stopped: {}", exit.id, exit.reason);
///         self.seen.push(exit);
///     }
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Exit {
    /// The actor that stopped.
    pub id: ActorId,
    /// Its type name.
    pub actor: &'static str,
    /// Why it stopped.
    pub reason: StopReason,
}

impl Exit {
    pub(crate) fn new<M>(cell: &Cell<M>, reason: &StopReason) -> Exit {
        Exit { id: cell.id, actor: cell.name(), reason: reason.clone() }
    }
}

/// Makes each cell learn of the other's stop. Linking twice is linking once.
pub(crate) fn link<MA: Send + 'static, MB: Send + 'static>(a: &Arc<Cell<MA>>, b: &Arc<Cell<MB>>) {
    if a.id == b.id {
        return;
    }
    watch_partner(a, b);
    watch_partner(b, a);
}

/// Undoes [`link`]: neither learns of the other's stop any more.
pub(crate) fn unlink<MA: Send + 'static, MB: Send + 'static>(a: &Arc<Cell<MA>>, b: &Arc<Cell<MB>>) {
    forget_partner(a, b.id);
    forget_partner(b, a.id);
}

/// When `partner` stops, tells `this` (if `this` still runs by then).
fn watch_partner<M: Send + 'static, P: Send + 'static>(this: &Arc<Cell<M>>, partner: &Arc<Cell<P>>) {
    let owner: Arc<dyn Lifecycle> = Arc::clone(this) as _;
    let told = Arc::clone(this);
    let partner_ref = Arc::clone(partner);
    // Not under `this.links`: a partner that has stopped already runs the
    // watcher at once, and the watcher takes that lock.
    let key = partner.stopped.watch_for(
        owner,
        Box::new(move |reason| {
            // The link has done its work: forget it, so that an actor linked
            // to many short-lived ones does not keep them all.
            let forgotten = told.remove_link(partner_ref.id);
            drop(forgotten);
            told.linked_exit(Exit::new(&partner_ref, reason));
        }),
    );
    let replaced = this.add_link(partner.id, (Arc::clone(partner) as _, key));
    if let Some((partner, key)) = replaced {
        // Linked twice: one watcher is enough.
        partner.unwatch(key);
    }
    if partner.stopped.get().is_some() {
        // Its watcher may have run before the entry above was made.
        forget_partner(this, partner.id);
    }
}

/// Removes the watcher that tells `this` of `partner`'s stop.
fn forget_partner<M>(this: &Cell<M>, partner: ActorId) {
    let removed = this.remove_link(partner);
    if let Some((partner, key)) = removed {
        partner.unwatch(key);
    }
}

impl<A: Actor> Addr<A> {
    /// Links this actor with `other`: when either stops for good with a
    /// failure, the other stops too, with [`StopReason::LinkFailed`], unless
    /// it traps exits ([`Context::trap_exits`]). Linking with an actor that
    /// has already stopped applies its stop at once.
    ///
    /// ```
    /// use greenroom::prelude::*;
    ///
    /// #[actor]
    /// struct Part;
    ///
    /// #[actor]
    /// impl Part {
    ///     #[handler]
    ///     fn fail(&self) {
    ///         panic!("broken");
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let (engine, wheel) = (Part.spawn(), Part.spawn());
    /// engine.link(&wheel);
    /// let _ = engine.fail().await;
    /// let reason = wheel.wait_stopped().await;
    /// assert!(matches!(reason, StopReason::LinkFailed { actor, .. } if actor == engine.id()));
    /// # }
    /// ```
    pub fn link<B: Actor>(&self, other: &Addr<B>) {
        link(self.cell(), other.cell());
    }

    /// Undoes [`link`](Addr::link): neither actor learns of the other's stop
    /// any more. Unlinking actors that are not linked does nothing.
    pub fn unlink<B: Actor>(&self, other: &Addr<B>) {
        unlink(self.cell(), other.cell());
    }
}

impl<A: Actor> Context<A> {
    /// Links this actor with `other`; see [`Addr::link`].
    pub fn link<B: Actor>(&mut self, other: &Addr<B>) {
        link(self.cell(), other.cell());
    }

    /// Unlinks this actor from `other`; see [`Addr::unlink`].
    pub fn unlink<B: Actor>(&mut self, other: &Addr<B>) {
        unlink(self.cell(), other.cell());
    }

    /// Traps exits for the rest of this instance: when a linked actor stops
    /// (for any reason), `notify` builds a message from the [`Exit`] through
    /// this actor's address, and the actor handles it like any other instead
    /// of stopping.
    ///
    /// ```
    /// use greenroom::prelude::*;
    /// use greenroom::Exit;
    ///
    /// #[actor]
    /// struct Guardian {
    ///     exits: Vec<Exit>,
    /// }
    ///
    /// #[actor]
    /// impl Guardian {
    ///     #[on_start]
    ///     fn start(&mut self, ctx: &mut Context<Self>) {
    ///         ctx.trap_exits(|me, exit| me.partner_stopped(exit));
    ///     }
    ///
    ///     #[handler]
    ///     fn partner_stopped(&mut self, exit: Exit) {
    ///         self.exits.push(exit);
    ///     }
    ///
    ///     #[handler]
    ///     fn exits(&self) -> usize {
    ///         self.exits.len()
    ///     }
    /// }
    /// ```
    pub fn trap_exits<R>(&mut self, notify: impl for<'a> Fn(&'a A::Addr, Exit) -> Request<'a, A, R> + Send + 'static) {
        self.set_exit_trap(Box::new(move |cell, exit| notice::build(cell, |addr| notify(addr, exit))));
    }
}
