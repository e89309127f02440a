//! The hand-written floor greenroom is measured against: what a careful user
//! writes with tokio alone. Each actor is a task looping over a bounded mpsc
//! channel of an enum (capacity 64, greenroom's default mailbox), with a
//! oneshot per reply; it ends when every sender is gone.

use futures::future::join_all;
use tokio::sync::{mpsc, oneshot};

/// The mailbox capacity, the same as greenroom's `Mailbox::default()`.
pub(crate) const CAPACITY: usize = 64;

/// `actors::Counter`, by hand.
#[derive(Debug, Clone)]
pub(crate) struct Counter {
    sender: mpsc::Sender<CounterMessage>,
}

#[derive(Debug)]
enum CounterMessage {
    Add { by: u64, reply: Option<oneshot::Sender<u64>> },
}

impl Counter {
    pub(crate) fn spawn(mut count: u64) -> Counter {
        let (sender, mut receiver) = mpsc::channel(CAPACITY);
        tokio::spawn(async move {
            while let Some(message) = receiver.recv().await {
                match message {
                    CounterMessage::Add { by, reply } => {
                        count += by;
                        if let Some(reply) = reply {
                            let _ = reply.send(count);
                        }
                    }
                }
            }
        });
        Counter { sender }
    }

    /// Asks: adds `by` and returns the new total.
    pub(crate) async fn add(&self, by: u64) -> u64 {
        let (reply, answer) = oneshot::channel();
        self.sender.send(CounterMessage::Add { by, reply: Some(reply) }).await.expect("the counter is running");
        answer.await.expect("the counter replies")
    }

    /// Tells: adds `by`, waiting only for room in the channel.
    pub(crate) async fn tell_add(&self, by: u64) {
        self.sender.send(CounterMessage::Add { by, reply: None }).await.expect("the counter is running");
    }
}

/// `actors::RingNode`, by hand.
#[derive(Debug, Clone)]
pub(crate) struct RingNode {
    sender: mpsc::Sender<RingMessage>,
}

#[derive(Debug)]
enum RingMessage {
    Link(RingNode),
    Unlink { reply: oneshot::Sender<u64> },
    Start { hops: u64, done: oneshot::Sender<()> },
    Pass { remaining: u64 },
}

impl RingNode {
    pub(crate) fn spawn() -> RingNode {
        let (sender, mut receiver) = mpsc::channel(CAPACITY);
        tokio::spawn(async move {
            let mut next: Option<RingNode> = None;
            let mut passes = 0_u64;
            let mut done = None;
            while let Some(message) = receiver.recv().await {
                let remaining = match message {
                    RingMessage::Link(node) => {
                        next = Some(node);
                        continue;
                    }
                    RingMessage::Unlink { reply } => {
                        next = None;
                        let _ = reply.send(passes);
                        continue;
                    }
                    RingMessage::Start { hops, done: ending } => {
                        done = Some(ending);
                        hops
                    }
                    RingMessage::Pass { remaining: 0 } => {
                        passes += 1;
                        let done = done.take().expect("the token ends where it started");
                        done.send(()).expect("the driver waits for the token");
                        continue;
                    }
                    RingMessage::Pass { remaining } => {
                        passes += 1;
                        remaining
                    }
                };
                let next = next.as_ref().expect("the ring is linked");
                next.send(RingMessage::Pass { remaining: remaining - 1 }).await;
            }
        });
        RingNode { sender }
    }

    pub(crate) async fn link(&self, next: RingNode) {
        self.send(RingMessage::Link(next)).await;
    }

    /// Breaks the ring here; returns how many times the token came by.
    pub(crate) async fn unlink(&self) -> u64 {
        let (reply, answer) = oneshot::channel();
        self.send(RingMessage::Unlink { reply }).await;
        answer.await.expect("the ring node replies")
    }

    pub(crate) async fn start(&self, hops: u64, done: oneshot::Sender<()>) {
        self.send(RingMessage::Start { hops, done }).await;
    }

    async fn send(&self, message: RingMessage) {
        self.sender.send(message).await.expect("the ring node is running");
    }
}

/// `actors::SkynetNode`, by hand.
#[derive(Debug, Clone)]
pub(crate) struct SkynetNode {
    sender: mpsc::Sender<SkynetMessage>,
}

#[derive(Debug)]
enum SkynetMessage {
    Sum { first: u64, size: u64, reply: oneshot::Sender<u64> },
}

impl SkynetNode {
    pub(crate) fn spawn() -> SkynetNode {
        let (sender, mut receiver) = mpsc::channel(CAPACITY);
        tokio::spawn(async move {
            while let Some(message) = receiver.recv().await {
                match message {
                    SkynetMessage::Sum { first, size, reply } => {
                        let _ = reply.send(skynet_sum(first, size).await);
                    }
                }
            }
        });
        SkynetNode { sender }
    }

    /// Asks for the sum of the `size` leaf numbers from `first` on.
    pub(crate) async fn sum(&self, first: u64, size: u64) -> u64 {
        let (reply, answer) = oneshot::channel();
        self.sender.send(SkynetMessage::Sum { first, size, reply }).await.expect("the skynet node is running");
        answer.await.expect("the skynet node replies")
    }
}

/// What a node does when asked: as `actors::SkynetNode::sum`, joining the
/// ten asks the same way.
async fn skynet_sum(first: u64, size: u64) -> u64 {
    if size == 1 {
        return first;
    }
    let part = size / 10;
    let children: [SkynetNode; 10] = std::array::from_fn(|_| SkynetNode::spawn());
    join_all(children.iter().zip(0..).map(|(child, i)| child.sum(first + i * part, part))).await.into_iter().sum()
}
