//! What an actor's addresses, its context and its task share.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};

use crate::sync::{AtomicBool, AtomicWaker};

use crate::id::ActorId;
use crate::link::Exit;
use crate::mailbox::{Mailbox, Queue};
use crate::stop::{StopReason, StopSignal};
use crate::supervisor::Children;

pub(crate) struct Cell<M> {
    pub(crate) id: ActorId,
    /// The actor's type name (see [`name`](Cell::name)): a function
    /// rather than the `&str` it returns, which would take 8 bytes more of
    /// every actor's cell.
    name: fn() -> &'static str,
    pub(crate) queue: Queue<M>,
    pub(crate) kill: KillSwitch,
    pub(crate) stopped: StopSignal,
    /// The actors linked to this one, how the running instance takes their
    /// stop, and a supervisor's children.
    links: Mutex<Links<M>>,
}

/// A linked actor, and the key of the watcher on its stop signal.
pub(crate) type LinkWatch = (Arc<dyn Lifecycle>, u64);

/// Builds the message that tells the actor a linked actor stopped.
pub(crate) type ExitTrap<M> = Box<dyn Fn(&Arc<Cell<M>>, Exit) -> Option<M> + Send>;

struct Links<M> {
    /// Set until the instance's `on_start` has run: exits that come before
    /// wait, so that an actor that traps exits in `on_start` (where it
    /// naturally does) is not stopped by a failure it would have trapped.
    holding: bool,
    /// Made by the first link or exit trap, or for a supervisor: most
    /// actors have none of them, and a cell is made for every actor.
    linked: Option<Box<Linked<M>>>,
}

struct Linked<M> {
    /// For each linked actor, the key of the watcher on its stop signal
    /// that tells this one (for `unlink`).
    partners: HashMap<ActorId, LinkWatch>,
    /// Set while the running instance traps exits: turns a linked actor's
    /// stop into a message instead of a stop of this actor.
    trap: Option<ExitTrap<M>>,
    /// Exits that came while `holding`.
    held: Vec<Exit>,
    /// A supervisor's children, for reports on the whole tree. (Here
    /// rather than in a field of the cell of its own, which took 16 bytes
    /// of every actor's cell.)
    supervised: Option<Arc<Children>>,
}

impl<M> Links<M> {
    fn linked(&mut self) -> &mut Linked<M> {
        self.linked.get_or_insert_with(|| {
            Box::new(Linked { partners: HashMap::new(), trap: None, held: Vec::new(), supervised: None })
        })
    }
}

impl<M> Cell<M> {
    pub(crate) fn new(name: fn() -> &'static str, mailbox: Mailbox) -> Cell<M> {
        Cell {
            id: ActorId::next(),
            name,
            queue: Queue::new(mailbox),
            kill: KillSwitch::default(),
            stopped: StopSignal::default(),
            links: Mutex::new(Links { holding: true, linked: None }),
        }
    }

    /// The actor's type name, for `Debug` output and exit reports.
    pub(crate) fn name(&self) -> &'static str {
        (self.name)()
    }

    fn lock_links(&self) -> std::sync::MutexGuard<'_, Links<M>> {
        // Only map operations and message-building code run under this lock.
        self.links.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records that this actor supervises `children`, unless an earlier
    /// instance did.
    pub(crate) fn supervise(&self, children: &Arc<Children>) {
        self.lock_links().linked().supervised.get_or_insert_with(|| Arc::clone(children));
    }

    /// The children of this actor, if it is a supervisor.
    pub(crate) fn supervised(&self) -> Option<Arc<Children>> {
        self.lock_links().linked.as_ref().and_then(|linked| linked.supervised.clone())
    }

    /// Records the link to `partner`, returning the one it replaces.
    pub(crate) fn add_link(&self, partner: ActorId, watch: LinkWatch) -> Option<LinkWatch> {
        self.lock_links().linked().partners.insert(partner, watch)
    }

    /// Forgets the link to `partner`, returning it.
    pub(crate) fn remove_link(&self, partner: ActorId) -> Option<LinkWatch> {
        self.lock_links().linked.as_mut().and_then(|linked| linked.partners.remove(&partner))
    }

    pub(crate) fn set_exit_trap(&self, trap: ExitTrap<M>) {
        let replaced = self.lock_links().linked().trap.replace(trap);
        drop(replaced);
    }

    /// A new instance is starting: exits wait until its `on_start` has run.
    pub(crate) fn hold_exits(&self) {
        self.lock_links().holding = true;
    }

    /// The instance's `on_start` has run (or it ended): exits that came
    /// meanwhile are taken now, trapped or not as `on_start` decided.
    pub(crate) fn release_exits(self: &Arc<Self>) {
        let held = {
            let mut links = self.lock_links();
            links.holding = false;
            links.linked.as_mut().map(|linked| std::mem::take(&mut linked.held))
        };
        for exit in held.into_iter().flatten() {
            self.linked_exit(exit);
        }
    }

    /// The instance has stopped: it traps nothing any more.
    pub(crate) fn clear_exit_trap(&self) {
        let cleared = self.lock_links().linked.as_mut().and_then(|linked| linked.trap.take());
        drop(cleared);
    }

    /// A linked actor stopped with `exit.reason`. If this actor traps exits,
    /// it is told; otherwise a failure stops it, abandoning a handler that
    /// waits at an `.await`, as a kill would.
    pub(crate) fn linked_exit(self: &Arc<Self>, exit: Exit) {
        // The trap only builds a message through the typed address, which
        // takes the mailbox's lock but never this one, so it may run under it.
        let message = {
            let mut links = self.lock_links();
            if links.holding {
                links.linked().held.push(exit);
                return;
            }
            links.linked.as_ref().and_then(|linked| linked.trap.as_ref()).map(|trap| trap(self, exit.clone()))
        };
        match message {
            // Trapped: deliver it (unless the actor stopped meanwhile).
            Some(Some(message)) => drop(self.queue.push_notice(message)),
            Some(None) => {}
            None if exit.reason.is_failure() => {
                self.queue.interrupt(StopReason::LinkFailed { actor: exit.id, reason: Box::new(exit.reason) });
                self.kill.trip();
            }
            None => {}
        }
    }

    pub(crate) fn stop(&self) {
        self.queue.drain();
    }

    pub(crate) fn kill(&self) {
        self.queue.kill();
        self.kill.trip();
    }

    pub(crate) fn is_alive(&self) -> bool {
        self.stopped.get().is_none()
    }
}

impl<M> std::fmt::Debug for Cell<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cell")
            .field("id", &self.id)
            .field("name", &self.name())
            .field("stopped", &self.stopped)
            .finish_non_exhaustive()
    }
}

/// Interrupts a handler that is waiting at an `.await` when the actor is killed.
#[derive(Debug, Default)]
pub(crate) struct KillSwitch {
    tripped: AtomicBool,
    waker: AtomicWaker,
}

impl KillSwitch {
    /// Arms the switch again for a new instance.
    pub(crate) fn reset(&self) {
        self.tripped.store(false, Ordering::Release);
    }

    pub(crate) fn trip(&self) {
        self.tripped.store(true, Ordering::Release);
        self.waker.wake();
    }

    pub(crate) fn is_tripped(&self) -> bool {
        self.tripped.load(Ordering::Acquire)
    }

    /// `Ready` once tripped; otherwise `Pending`, and the task of `cx` is
    /// woken when it trips. Registers first and checks after, so that a trip
    /// between the two is not missed.
    pub(crate) fn poll_tripped(&self, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.is_tripped() {
            return std::task::Poll::Ready(());
        }
        crate::sync::register(&self.waker, cx.waker());
        if self.is_tripped() {
            return std::task::Poll::Ready(());
        }
        std::task::Poll::Pending
    }
}

/// An actor of any type, as its parent sees it: something to stop and wait for.
pub(crate) trait Lifecycle: Send + Sync {
    fn id(&self) -> ActorId;
    fn unwatch(&self, key: u64);
    fn request_stop(&self);
    fn kill(&self);
    fn has_stopped(&self) -> bool;
    fn stopped(&self) -> Pin<Box<dyn Future<Output = StopReason> + Send + '_>>;
}

impl<M: Send> Lifecycle for Cell<M> {
    fn id(&self) -> ActorId {
        self.id
    }

    fn unwatch(&self, key: u64) {
        self.stopped.unwatch(key);
    }

    fn request_stop(&self) {
        self.stop();
    }

    fn kill(&self) {
        Cell::kill(self);
    }

    fn has_stopped(&self) -> bool {
        !self.is_alive()
    }

    fn stopped(&self) -> Pin<Box<dyn Future<Output = StopReason> + Send + '_>> {
        Box::pin(self.stopped.wait())
    }
}

/// The kill switch's hand-over, as `mailbox_model.rs` checks the mailbox's
/// (see `sync.rs`).
#[cfg(test)]
mod model {
    use std::sync::Arc;

    use super::KillSwitch;
    use crate::sync::model::{block_on, check, thread};

    #[test]
    fn a_kill_wakes_a_handler_waiting_at_an_await() {
        check(|| {
            let switch = Arc::new(KillSwitch::default());
            let killer = {
                let switch = Arc::clone(&switch);
                thread::spawn(move || switch.trip())
            };
            // Returns only if the trip is seen, at once or by a wake-up.
            block_on(std::future::poll_fn(|cx| switch.poll_tripped(cx)));
            killer.join().unwrap();
        });
    }
}

/// Every actor has a cell, behind an `Arc` (16 bytes of counters), and a
/// task, which tokio sizes in steps of 128 bytes and aligns to 128 (a small
/// actor's takes 256). Up to 216 bytes, the cell keeps an idle actor within
/// 512 bytes of heap, as the `memory` bench measures.
///
/// 216 is also where glibc's malloc packs cells and tasks best. It serves
/// the cell with its `Arc` counters (232 bytes) from a block of 240, and a
/// task from one of 128 × k + 16; a cell and a task then take a multiple
/// of 128 bytes together, so that a task made right after a cell is
/// aligned as it comes. A cell of 232 bytes (a block of 256) left a task 16
/// bytes further out of line each time: malloc cut a gap of up to 112
/// bytes before it, spawning 100,000 actors left 100,000 such gaps, and the
/// `spawn` bench took 800–870 ns per actor instead of 580–690.
#[cfg(all(test, target_pointer_width = "64", not(greenroom_loom)))]
#[test]
fn the_cell_of_an_actor_with_small_messages_takes_at_most_216_bytes() {
    // The message of a handler taking a `u64` and answering.
    type Message = (u64, crate::reply::Reply<u64>);
    let size = std::mem::size_of::<Cell<Message>>();
    assert!(size <= 216, "a cell takes {size} bytes");
}
