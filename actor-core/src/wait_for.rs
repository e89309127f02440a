//! Who waits for whom: the requests that a handler awaits, so that a timeout
//! that breaks a cycle of actors waiting for each other can name it.
//!
//! Only requests with a timeout are recorded (one set with `.timeout(d)`, or
//! the default ask timeout), and only once they actually wait: a cycle
//! without any timeout could never be reported anyway, and a request that
//! already arms a timer can afford one more short lock. So the common ask
//! pays nothing for this. With a default ask timeout configured, every ask a
//! handler awaits is recorded and every cycle is named.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::id::ActorId;

/// The waiting actors and, for each, the actors it waits for (a handler may
/// await several requests at once).
static WAITING: Mutex<Option<HashMap<ActorId, Vec<ActorId>>>> = Mutex::new(None);

fn waiting() -> MutexGuard<'static, Option<HashMap<ActorId, Vec<ActorId>>>> {
    // Nothing panics while it is held.
    WAITING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One actor waiting for another, recorded for as long as this lives.
#[derive(Debug)]
pub(crate) struct Edge {
    from: ActorId,
    to: ActorId,
}

impl Edge {
    pub(crate) fn new(from: ActorId, to: ActorId) -> Edge {
        waiting().get_or_insert_with(HashMap::new).entry(from).or_default().push(to);
        Edge { from, to }
    }

    /// The cycle this wait closes, if the actor waited for waits, through
    /// others, for this one: `[from, to, .., from]`.
    pub(crate) fn cycle(&self) -> Option<Vec<ActorId>> {
        let waiting = waiting();
        let graph = waiting.as_ref()?;
        let mut path = vec![self.from, self.to];
        find_path(graph, self.to, self.from, &mut path).then_some(path)
    }
}

impl Drop for Edge {
    fn drop(&mut self) {
        let mut waiting = waiting();
        let Some(graph) = waiting.as_mut() else { return };
        let Some(targets) = graph.get_mut(&self.from) else { return };
        if let Some(index) = targets.iter().position(|&to| to == self.to) {
            targets.swap_remove(index);
        }
        if targets.is_empty() {
            graph.remove(&self.from);
        }
    }
}

/// Depth-first search for a path of waits from `at` to `goal`, appending it
/// to `path`. `path` doubles as the set of actors visited on the way, so a
/// cycle that does not pass through `goal` ends the search of that branch.
fn find_path(graph: &HashMap<ActorId, Vec<ActorId>>, at: ActorId, goal: ActorId, path: &mut Vec<ActorId>) -> bool {
    for &next in graph.get(&at).into_iter().flatten() {
        if next == goal {
            path.push(next);
            return true;
        }
        if path.contains(&next) {
            continue;
        }
        path.push(next);
        if find_path(graph, next, goal, path) {
            return true;
        }
        path.pop();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids<const N: usize>() -> [ActorId; N] {
        std::array::from_fn(|_| ActorId::next())
    }

    #[test]
    fn a_wait_that_closes_a_cycle_names_it_from_the_waiting_actor() {
        let [a, b, c] = ids();
        let _bc = Edge::new(b, c);
        let _ca = Edge::new(c, a);
        let ab = Edge::new(a, b);
        assert_eq!(ab.cycle(), Some(vec![a, b, c, a]));
    }

    #[test]
    fn no_cycle_once_a_wait_in_it_has_ended() {
        let [a, b, c] = ids();
        let ab = Edge::new(a, b);
        let bc = Edge::new(b, c);
        assert_eq!(ab.cycle(), None);
        drop(bc);
        let _ca = Edge::new(c, a);
        assert_eq!(ab.cycle(), None, "b no longer waits for c");
    }

    #[test]
    fn a_cycle_beside_the_path_neither_loops_nor_counts() {
        let [a, b, c, d] = ids();
        let ab = Edge::new(a, b);
        let _bc = Edge::new(b, c);
        let _cb = Edge::new(c, b);
        let _cd = Edge::new(c, d);
        assert_eq!(ab.cycle(), None);
        let _da = Edge::new(d, a);
        assert_eq!(ab.cycle(), Some(vec![a, b, c, d, a]));
    }

    #[test]
    fn one_of_two_equal_waits_ending_leaves_the_other() {
        let [a, b] = ids();
        let first = Edge::new(a, b);
        let second = Edge::new(a, b);
        let _ba = Edge::new(b, a);
        drop(first);
        assert_eq!(second.cycle(), Some(vec![a, b, a]));
    }
}
