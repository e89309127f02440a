//! Two actors that hold each other's addresses and rally a ball N times.
//!
//! Ping is handed Pong's address in a message (`serve`), then introduces
//! itself to Pong with a *weak* address of its own (`ctx.weak_addr()`). So
//! the strong references form no cycle: whoever runs the rally holds Ping,
//! and Ping holds Pong. When the rally is over, Ping lets go of Pong and the
//! caller lets go of Ping, and both stop on their own ("all its addresses
//! were dropped"), without anybody calling `stop()`.
//!
//! One ball is in flight at a time, so neither actor ever waits for room in
//! the other's mailbox while the other waits for room in its own.
//!
//! Run it with `cargo run --release --example ping_pong -- 100000` (the
//! number of rounds is optional and defaults to 10 000).

use std::time::Instant;

use greenroom::prelude::*;
use tokio::sync::oneshot;

/// The rounds played when the command line names none.
pub const DEFAULT_ROUNDS: u64 = 10_000;

/// What both players counted during one rally.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rally {
    /// Balls Ping sent to Pong.
    pub served: u64,
    /// Balls Pong received.
    pub received_by_pong: u64,
    /// Balls Pong sent back.
    pub returned: u64,
    /// Balls Ping got back.
    pub received_by_ping: u64,
    /// Balls that arrived, at either side, with another number than the one
    /// expected next.
    pub out_of_order: u64,
}

/// A finished rally and how the two actors ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The counts of both players.
    pub rally: Rally,
    /// Why Ping stopped.
    pub ping_stopped: StopReason,
    /// Why Pong stopped.
    pub pong_stopped: StopReason,
}

/// Serves the ball, counts the returns and ends the rally.
#[actor]
#[derive(Debug, Default)]
pub struct Ping {
    /// The partner; dropped when the rally ends, which lets Pong stop.
    pong: Option<PongAddr>,
    rounds: u64,
    rally: Rally,
    /// Where the result goes when the rally ends.
    done: Option<oneshot::Sender<Rally>>,
}

#[actor]
impl Ping {
    /// Takes `pong` as partner and starts a rally of `rounds` balls.
    ///
    /// The reply comes at once: a receiver that yields the counts when the
    /// rally is over. (A handler's reply is sent when it returns, and this
    /// one must return so that Ping can handle the balls coming back.)
    /// If a rally is already in play, the receiver is closed.
    #[handler]
    pub async fn serve(&mut self, pong: PongAddr, rounds: u64, ctx: &mut Context<Self>) -> oneshot::Receiver<Rally> {
        let (done, result) = oneshot::channel();
        if self.done.is_some() {
            return result;
        }
        // Pong gets only a weak address: it must not keep Ping alive.
        if let Err(error) = pong.meet(ctx.weak_addr()).tell().await {
            println!("ping: pong cannot be reached ({error})");
            return result;
        }
        println!("ping: serving {rounds} balls to pong");
        self.pong = Some(pong);
        self.rounds = rounds;
        self.rally = Rally::default();
        self.done = Some(done);
        self.play_next().await;
        result
    }

    /// Pong sent ball number `ball` back.
    #[handler]
    pub async fn returned(&mut self, ball: u64) {
        self.rally.received_by_ping += 1;
        if ball != self.rally.received_by_ping {
            self.rally.out_of_order += 1;
        }
        self.play_next().await;
    }

    /// Serves the next ball, or ends the rally once every ball came back.
    async fn play_next(&mut self) {
        if self.rally.served < self.rounds {
            if let Some(pong) = &self.pong {
                self.rally.served += 1;
                if pong.ball(self.rally.served).tell().await.is_ok() {
                    return;
                }
                self.rally.served -= 1;
            }
        }
        self.finish().await;
    }

    /// Collects Pong's counts, lets go of Pong and reports.
    async fn finish(&mut self) {
        if let Some(pong) = self.pong.take() {
            if let Ok((received, returned)) = pong.tally().await {
                self.rally.received_by_pong = received;
                self.rally.returned = returned;
            }
            // `pong` is dropped here: Ping held its last strong address.
        }
        if let Some(done) = self.done.take() {
            // The caller may have stopped waiting; then nobody needs the counts.
            let _ = done.send(self.rally);
        }
    }

    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        println!("ping: {reason}, after {} returns", self.rally.received_by_ping);
    }
}

/// Returns every ball to whoever introduced itself.
#[actor]
#[derive(Debug, Default)]
pub struct Pong {
    /// Weak, so that Pong does not keep Ping alive: no reference cycle.
    ping: Option<WeakAddr<Ping>>,
    received: u64,
    returned: u64,
}

#[actor]
impl Pong {
    /// Learns whom to return the balls to.
    #[handler]
    pub fn meet(&mut self, ping: WeakAddr<Ping>) {
        self.ping = Some(ping);
    }

    /// Ball number `ball` arrived: send it back.
    #[handler]
    pub async fn ball(&mut self, ball: u64) {
        self.received += 1;
        // A weak address reaches Ping only while Ping is still running.
        let Some(ping) = self.ping.as_ref().and_then(WeakAddr::upgrade) else {
            println!("pong: ball {ball} arrived, but ping is gone");
            return;
        };
        if ping.returned(ball).tell().await.is_ok() {
            self.returned += 1;
        }
    }

    /// How many balls came in and went back: `(received, returned)`.
    #[handler]
    pub fn tally(&self) -> (u64, u64) {
        (self.received, self.returned)
    }

    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        println!("pong: {reason}, after {} returns", self.returned);
    }
}

/// Plays a rally of `rounds` balls and waits until both actors have stopped.
///
/// # Errors
///
/// When an actor stopped before the rally ended (it cannot, unless a handler
/// panics).
pub async fn run(rounds: u64) -> Result<Outcome, greenroom::Error> {
    let pong = Pong::default().spawn();
    let ping = Ping::default().spawn();
    let (ping_weak, pong_weak) = (ping.downgrade(), pong.downgrade());

    // The handover: Pong's address travels to Ping inside a message. From
    // here on, Ping holds the only strong address of Pong.
    let finished = ping.serve(pong, rounds).await?;
    let rally = finished.await.map_err(|_| greenroom::Error::Stopped)?;
    println!("rally over: {} balls served, {} returned", rally.served, rally.received_by_ping);

    // Nobody calls `stop()`: dropping the last strong address is enough.
    drop(ping);
    let ping_stopped = ping_weak.wait_stopped().await;
    let pong_stopped = pong_weak.wait_stopped().await;
    Ok(Outcome { rally, ping_stopped, pong_stopped })
}

/// The number of rounds from the first command-line argument (`10_000` and
/// `10000` both work), or [`DEFAULT_ROUNDS`].
fn rounds_from_args() -> Result<u64, String> {
    match std::env::args().nth(1) {
        None => Ok(DEFAULT_ROUNDS),
        Some(arg) => arg.replace('_', "").parse().map_err(|error| format!("rounds: `{arg}` is not a count ({error})")),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds = rounds_from_args()?;
    let started = Instant::now();
    let outcome = run(rounds).await?;
    let elapsed = started.elapsed();
    let Rally { served, received_by_pong, returned, received_by_ping, out_of_order } = outcome.rally;
    println!("ping -> pong: {served} sent, {received_by_pong} received");
    println!("pong -> ping: {returned} sent, {received_by_ping} received");
    println!("out of order: {out_of_order}");
    println!("ping {}; pong {}", outcome.ping_stopped, outcome.pong_stopped);
    let messages = served + returned;
    let rate = messages as f64 / elapsed.as_secs_f64().max(f64::EPSILON);
    println!("{messages} messages in {elapsed:.2?} ({rate:.0} messages/s)");
    Ok(())
}
