//! The registry: finding an actor by name.
//!
//! One registry serves the whole process: names are global, shared by every
//! runtime and every actor type. An entry holds the actor's cell, not a
//! counted address, so a registered actor still stops when its last strong
//! address is dropped; a watcher on its stop signal then removes the entry.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use crate::actor::Actor;
use crate::addr::{Addr, WeakAddr};
use crate::cell::{Cell, Lifecycle};
use crate::error::Error;

#[derive(Default)]
struct Registry {
    names: HashMap<String, Entry>,
    next_token: u64,
}

struct Entry {
    /// Which registration this is. The watcher of a stop removes only its
    /// own entry, never one made under the same name since, by another actor.
    token: u64,
    /// The actor's type. Checked besides the cell's type because two actors
    /// implemented by hand may share one message type.
    actor: TypeId,
    /// The actor's `Cell<A::Message>`, for `lookup` to downcast.
    cell: Arc<dyn Any + Send + Sync>,
    /// The same cell: whether the actor has stopped, and its stop watchers.
    lifecycle: Arc<dyn Lifecycle>,
    /// The key of the watcher that removes this entry, once `register` has
    /// set it; `unregister` removes that watcher with it.
    watch_key: Option<u64>,
}

fn registry() -> MutexGuard<'static, Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    // No user code runs under this lock (entries are dropped after it is
    // released), so a poisoned lock still guards a consistent map.
    REGISTRY.get_or_init(Mutex::default).lock().unwrap_or_else(PoisonError::into_inner)
}

impl<A: Actor> Addr<A> {
    /// Registers the actor under `name`, so that [`lookup`] finds it from
    /// anywhere in the process.
    ///
    /// Names are global to the process, whatever the runtime or the actor
    /// type. One actor may hold several names; a name has one actor. The
    /// name is released when the actor stops for good (however it stops), or
    /// with [`unregister`]. Registering does not keep the actor alive: it
    /// still stops when its last strong address is dropped.
    ///
    /// # Errors
    ///
    /// - [`Error::NameTaken`] if an actor that has not stopped holds the name
    ///   already, this one included. The name keeps its owner.
    /// - [`Error::Stopped`] if this actor has stopped or is stopping: it no
    ///   longer accepts messages, so nobody could use the name.
    ///
    /// ```
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
    /// counter.register("hits")?;
    /// let other = Counter { count: 0 }.spawn();
    /// assert_eq!(other.register("hits"), Err(greenroom::Error::NameTaken("hits".into())));
    ///
    /// // Anywhere else in the process:
    /// let hits: CounterAddr = greenroom::lookup::<Counter>("hits").expect("registered");
    /// assert_eq!(hits.add(1).await?, 1);
    ///
    /// counter.stop();
    /// counter.wait_stopped().await;
    /// // The name was released when the actor stopped.
    /// assert!(greenroom::lookup::<Counter>("hits").is_none());
    /// other.register("hits")?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn register(&self, name: impl Into<String>) -> Result<(), Error> {
        register(self.cell(), TypeId::of::<A>(), name.into())
    }
}

fn register<M: Send + 'static>(cell: &Arc<Cell<M>>, actor: TypeId, name: String) -> Result<(), Error> {
    let (token, replaced) = {
        let mut registry = registry();
        if !cell.queue.is_open() {
            return Err(Error::Stopped);
        }
        // An entry whose actor has stopped is on its way out: its watcher
        // runs soon, if it is not running already. The name is free, so that
        // whoever learns of the stop first (a monitor) can register a
        // successor at once.
        if registry.names.get(&name).is_some_and(|entry| !entry.lifecycle.has_stopped()) {
            return Err(Error::NameTaken(name));
        }
        let token = registry.next_token;
        registry.next_token += 1;
        let entry =
            Entry { token, actor, cell: Arc::clone(cell) as _, lifecycle: Arc::clone(cell) as _, watch_key: None };
        (token, registry.names.insert(name.clone(), entry))
    };
    drop(replaced);
    // Watched outside the lock: if the actor has stopped since the check,
    // the watcher runs at once, and it takes the lock.
    let released = name.clone();
    let key = cell.stopped.watch(Box::new(move |_| release(&released, token)));
    // Keep the key, for `unregister` to remove the watcher with the entry.
    // If the entry is already gone (unregistered, or released by a stop),
    // nobody else will remove the watcher: do it here.
    let orphaned = match registry().names.get_mut(&name) {
        Some(entry) if entry.token == token => {
            entry.watch_key = Some(key);
            false
        }
        _ => true,
    };
    if orphaned {
        cell.stopped.unwatch(key);
    }
    Ok(())
}

/// Removes the entry of registration `token`, if `name` still has it.
fn release(name: &str, token: u64) {
    let removed = {
        let mut registry = registry();
        match registry.names.get(name) {
            Some(entry) if entry.token == token => registry.names.remove(name),
            _ => None,
        }
    };
    drop(removed);
}

/// The actor registered under `name` (with [`Addr::register`]), as a strong
/// typed address.
///
/// `None` if the name is not registered, if the actor no longer accepts
/// messages (it is stopping), or if it is not an `A`: a caller that wants a
/// `Counter` can do nothing with another actor, so a wrong type is treated
/// like an unknown name. Names are global to the process.
///
/// The address returned keeps the actor alive like any strong address.
///
/// ```
/// use greenroom::prelude::*;
///
/// #[actor]
/// struct Logger;
///
/// #[actor]
/// impl Logger {
///     #[handler]
///     fn log(&self, line: String) -> usize {
///         line.len()
///     }
/// }
///
/// #[actor]
/// struct Cache;
///
/// #[actor]
/// impl Cache {}
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), greenroom::Error> {
/// let logger = Logger.spawn();
/// logger.register("log")?;
///
/// let found: LoggerAddr = greenroom::lookup::<Logger>("log").expect("registered");
/// assert_eq!(found, logger);
/// assert_eq!(found.log("hello".into()).await?, 5);
///
/// assert!(greenroom::lookup::<Logger>("no such name").is_none());
/// assert!(greenroom::lookup::<Cache>("log").is_none()); // a Logger, not a Cache
/// # Ok(())
/// # }
/// ```
pub fn lookup<A: Actor>(name: &str) -> Option<A::Addr> {
    let cell = {
        let registry = registry();
        let entry = registry.names.get(name)?;
        if entry.actor != TypeId::of::<A>() {
            return None;
        }
        Arc::clone(&entry.cell)
    };
    let cell = cell.downcast::<Cell<A::Message>>().expect("an actor of type `A` has a cell of `A::Message`");
    // Upgrading counts a new strong address unless the actor no longer
    // accepts messages, as for any weak address.
    WeakAddr::<A>::from_cell(cell).upgrade()
}

/// Removes `name` from the registry. Returns whether it was registered.
///
/// The actor that held it goes on running; only the name is free again.
///
/// ```
/// use greenroom::prelude::*;
///
/// #[actor]
/// struct Printer;
///
/// #[actor]
/// impl Printer {}
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), greenroom::Error> {
/// let (old, new) = (Printer.spawn(), Printer.spawn());
/// old.register("printer")?;
///
/// assert!(greenroom::unregister("printer"));
/// assert!(!greenroom::unregister("printer"));
/// assert!(greenroom::lookup::<Printer>("printer").is_none());
///
/// new.register("printer")?;
/// assert_eq!(greenroom::lookup::<Printer>("printer"), Some(new));
/// assert!(old.is_alive());
/// # Ok(())
/// # }
/// ```
pub fn unregister(name: &str) -> bool {
    let removed = registry().names.remove(name);
    match removed {
        Some(entry) => {
            // Outside the lock, like every drop of an entry.
            if let Some(key) = entry.watch_key {
                entry.lifecycle.unwatch(key);
            }
            true
        }
        None => false,
    }
}
