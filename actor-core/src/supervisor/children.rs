//! A supervisor's children, in start order, shared by every instance of the
//! supervisor (and by its cell, for reports): children added while it runs
//! are kept by the instances that follow.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::slot::Slot;

/// A child's place in its supervisor: keys grow with each child added, so
/// their order is the start order.
pub(crate) type Key = u64;

#[derive(Default)]
pub(crate) struct Children {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next_key: Key,
    slots: BTreeMap<Key, Arc<dyn Slot>>,
}

impl Children {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Nothing runs under this lock but map operations.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds a child after the others and returns its key.
    pub(crate) fn push(&self, slot: Arc<dyn Slot>) -> Key {
        let mut inner = self.lock();
        let key = inner.next_key;
        inner.next_key += 1;
        inner.slots.insert(key, slot);
        key
    }

    pub(crate) fn get(&self, key: Key) -> Option<Arc<dyn Slot>> {
        self.lock().slots.get(&key).cloned()
    }

    /// Forgets a child that has stopped for good.
    pub(crate) fn remove(&self, key: Key) {
        let removed = self.lock().slots.remove(&key);
        // Dropped outside the lock: the last reference closes nothing, but
        // may free a whole subtree.
        drop(removed);
    }

    /// Every child, in start order.
    pub(crate) fn all(&self) -> Vec<(Key, Arc<dyn Slot>)> {
        self.lock().slots.iter().map(|(key, slot)| (*key, Arc::clone(slot))).collect()
    }

    pub(crate) fn len(&self) -> usize {
        self.lock().slots.len()
    }
}
