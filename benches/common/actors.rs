//! The greenroom actors of the workloads. `baseline.rs` has the same actors
//! written by hand.

use std::future::IntoFuture;

use futures::future::join_all;
use greenroom::prelude::*;
use tokio::sync::oneshot;

/// Counts what it is told; used by the tell, ask, spawn, fan-in, latency and
/// memory workloads.
#[actor]
pub(crate) struct Counter {
    count: u64,
}

#[actor]
impl Counter {
    pub(crate) fn new(count: u64) -> Counter {
        Counter { count }
    }

    /// Adds `by` and returns the new total.
    #[handler]
    pub(crate) fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }
}

/// One actor of the ring: passes the token to the next one.
#[actor]
#[derive(Default)]
pub(crate) struct RingNode {
    next: Option<RingNodeAddr>,
    /// How many times the token reached this actor.
    passes: u64,
    /// Held by the actor the token starts from, which is where it ends.
    done: Option<oneshot::Sender<()>>,
}

#[actor]
impl RingNode {
    /// Makes `next` the actor this one passes the token to.
    #[handler]
    pub(crate) fn link(&mut self, next: RingNodeAddr) {
        self.next = Some(next);
    }

    /// Breaks the ring at this actor so that it can stop; returns how many
    /// times the token reached it.
    #[handler]
    pub(crate) fn unlink(&mut self) -> u64 {
        self.next = None;
        self.passes
    }

    /// Sends the token round for `hops` hops, and `done` when it is back.
    #[handler]
    pub(crate) async fn start(&mut self, hops: u64, done: oneshot::Sender<()>) {
        self.done = Some(done);
        self.forward(hops).await;
    }

    /// The token, with `remaining` hops to go.
    #[handler]
    pub(crate) async fn pass(&mut self, remaining: u64) {
        self.passes += 1;
        if remaining == 0 {
            let done = self.done.take().expect("the token ends where it started");
            done.send(()).expect("the driver waits for the token");
        } else {
            self.forward(remaining).await;
        }
    }

    async fn forward(&self, remaining: u64) {
        let next = self.next.as_ref().expect("the ring is linked");
        next.pass(remaining - 1).tell().await.expect("the next actor is running");
    }
}

/// One actor of the skynet tree, asked once for the sum of its subtree.
#[actor]
pub(crate) struct SkynetNode;

#[actor]
impl SkynetNode {
    /// The sum of the `size` leaf numbers from `first` on: a leaf's own
    /// number, or the sum of ten children's answers, asked concurrently.
    #[handler]
    pub(crate) async fn sum(&self, first: u64, size: u64) -> u64 {
        if size == 1 {
            return first;
        }
        let part = size / 10;
        let children: [SkynetNodeAddr; 10] = std::array::from_fn(|_| SkynetNode.spawn());
        let asks = children.iter().zip(0..).map(|(child, i)| child.sum(first + i * part, part).into_future());
        join_all(asks).await.into_iter().map(|sum| sum.expect("a child answers")).sum()
    }
}
