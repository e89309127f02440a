//! The messages a mailbox holds, oldest first: the oldest in a slot of its
//! own, the rest in a `VecDeque` made by the first burst.
//!
//! Most actors get their messages one at a time (an ask, a reply, a tick):
//! with the first message kept inline, such an actor never allocates a
//! buffer for its mailbox. On the `memory` bench that is one heap block in
//! four per idle actor; on `skynet`, where 111,111 actors each take one
//! message, one allocation per actor less, and the message sits next to the
//! lock that guards it. A burst still goes to the `VecDeque`, whose buffer
//! is then kept and reused as before.

use std::collections::VecDeque;

/// FIFO of messages; `first` is empty only if `rest` is too.
#[derive(Debug)]
pub(crate) struct Queued<M> {
    first: Option<M>,
    /// Made by the first burst, and kept. Boxed, because every actor has a
    /// mailbox and most never get a burst: inline, the `VecDeque` took 32
    /// bytes of every actor's cell, the box takes 8.
    #[allow(clippy::box_collection, reason = "the box is what keeps the cell small: 8 bytes instead of 32")]
    rest: Option<Box<VecDeque<M>>>,
}

impl<M> Default for Queued<M> {
    fn default() -> Queued<M> {
        Queued { first: None, rest: None }
    }
}

impl<M> Queued<M> {
    pub(crate) fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.rest.as_ref().map_or(0, |rest| rest.len())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    #[inline]
    pub(crate) fn push_back(&mut self, message: M) {
        if self.first.is_none() {
            debug_assert!(self.rest.as_ref().is_none_or(|rest| rest.is_empty()), "the first message is the oldest");
            self.first = Some(message);
            return;
        }
        match &mut self.rest {
            Some(rest) => rest.push_back(message),
            None => self.start_rest(message),
        }
    }

    /// The first burst: kept apart so that `push_back` stays small enough
    /// to be inlined where messages are sent.
    #[cold]
    #[inline(never)]
    fn start_rest(&mut self, message: M) {
        self.rest = Some(Box::new(VecDeque::from([message])));
    }

    /// Takes every message: returns the oldest, and moves the others, in
    /// order, into `batch`, which must be empty (it gets the buffer, and the
    /// queue keeps `batch`'s).
    pub(crate) fn take_into(&mut self, batch: &mut VecDeque<M>) -> Option<M> {
        debug_assert!(batch.is_empty(), "a batch is taken once the last is handed over");
        let first = self.first.take()?;
        if let Some(rest) = &mut self.rest {
            std::mem::swap(&mut **rest, batch);
        }
        Some(first)
    }

    /// Puts `older` in front of what is queued, in order, leaving it empty.
    pub(crate) fn prepend(&mut self, older: &mut VecDeque<M>) {
        if older.is_empty() {
            return;
        }
        older.extend(self.first.take());
        let rest = match &mut self.rest {
            Some(rest) => {
                older.append(rest);
                std::mem::swap(&mut **rest, older);
                rest
            }
            None => self.rest.insert(Box::new(std::mem::take(older))),
        };
        self.first = rest.pop_front();
    }

    /// Takes every message, in order.
    pub(crate) fn take_all(&mut self) -> VecDeque<M> {
        let mut all = self.rest.as_mut().map(|rest| std::mem::take(&mut **rest)).unwrap_or_default();
        if let Some(first) = self.first.take() {
            all.push_front(first);
        }
        all
    }
}

impl<M> Extend<M> for Queued<M> {
    fn extend<I: IntoIterator<Item = M>>(&mut self, messages: I) {
        messages.into_iter().for_each(|message| self.push_back(message));
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::Queued;

    fn queued(messages: impl IntoIterator<Item = u32>) -> Queued<u32> {
        let mut queued = Queued::default();
        queued.extend(messages);
        queued
    }

    #[test]
    fn one_message_at_a_time_needs_no_buffer() {
        let mut queue = Queued::default();
        let mut batch = VecDeque::new();
        for message in 0..100 {
            queue.push_back(message);
            assert_eq!(queue.take_into(&mut batch), Some(message));
            assert!(batch.is_empty());
        }
        assert!(queue.rest.is_none());
        assert_eq!(batch.capacity(), 0);
    }

    #[test]
    fn a_batch_takes_the_rest_in_order() {
        let mut queue = queued(0..5);
        assert_eq!(queue.len(), 5);
        let mut batch = VecDeque::new();
        assert_eq!(queue.take_into(&mut batch), Some(0));
        assert_eq!(batch, [1, 2, 3, 4]);
        assert!(queue.is_empty());
        assert_eq!(queue.take_into(&mut VecDeque::new()), None);
    }

    #[test]
    fn what_is_given_back_goes_first() {
        for queued_after in 0..3 {
            let mut queue = queued(10..10 + queued_after);
            let mut older = VecDeque::from([1, 2, 3]);
            queue.prepend(&mut older);
            assert!(older.is_empty());
            let expected: Vec<u32> = [1, 2, 3].into_iter().chain(10..10 + queued_after).collect();
            assert_eq!(queue.len(), expected.len());
            assert_eq!(Vec::from(queue.take_all()), expected);
            assert!(queue.is_empty());
        }
        let mut queue = queued([7]);
        queue.prepend(&mut VecDeque::new());
        assert_eq!(Vec::from(queue.take_all()), [7]);
    }
}
