//! Timers: messages an actor sends itself later, once or periodically.

use std::fmt;
use std::time::Duration;

use tokio::time::{Instant, MissedTickBehavior};

use crate::actor::Actor;
use crate::context::Context;
use crate::owned_task::{self, Control};
use crate::request::Request;

impl<A: Actor> Context<A> {
    /// Sends this actor a message after `delay`: `message` builds it
    /// through the actor's address, as `|me| me.tick()`.
    ///
    /// The message is sent as a [`tell`](Request::tell): if the bounded
    /// mailbox is full when the delay is up, the timer waits for room
    /// instead of dropping the message or pushing past the bound. A pending
    /// timer does not keep the actor alive, and it is cancelled when the
    /// actor stops (or, under a supervisor, when this instance stops). The
    /// delay is counted from this call.
    ///
    /// # Panics
    ///
    /// If the tokio runtime has no timer: a runtime built by hand needs
    /// `enable_time()` (`#[tokio::main]` enables it).
    ///
    /// ```
    /// use std::time::Duration;
    /// use greenroom::prelude::*;
    ///
    /// #[actor]
    /// struct Kettle {
    ///     whistled: bool,
    /// }
    ///
    /// #[actor]
    /// impl Kettle {
    ///     #[handler]
    ///     fn boil(&mut self, ctx: &mut Context<Self>) {
    ///         ctx.send_after(Duration::from_secs(90), |me| me.whistle());
    ///     }
    ///
    ///     #[handler]
    ///     fn whistle(&mut self) {
    ///         self.whistled = true;
    ///     }
    ///
    ///     #[handler]
    ///     fn whistled(&self) -> bool {
    ///         self.whistled
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() -> Result<(), greenroom::Error> {
    /// let kettle = Kettle { whistled: false }.spawn();
    /// kettle.boil().await?;
    /// tokio::time::sleep(Duration::from_secs(91)).await; // paused time: instant
    /// assert!(kettle.whistled().await?);
    /// # Ok(())
    /// # }
    /// ```
    pub fn send_after<R>(
        &mut self,
        delay: Duration,
        message: impl for<'a> FnOnce(&'a A::Addr) -> Request<'a, A, R> + Send + 'static,
    ) -> TimerHandle {
        // Made here rather than in the task, so that a runtime without a
        // timer panics in the caller rather than failing the actor later.
        let due = tokio::time::sleep(delay);
        let control = owned_task::start(self, move |outbox| async move {
            due.await;
            if let Some(message) = outbox.build(message) {
                outbox.send(message).await;
            }
        });
        TimerHandle { control }
    }

    /// Sends this actor a message every `period`, the first one `period`
    /// after this call: `message` builds each through the actor's address,
    /// as `|me| me.tick()`.
    ///
    /// Each message is sent as a [`tell`](Request::tell), waiting for room
    /// in a full bounded mailbox. Ticks missed meanwhile are not made up
    /// with a burst: the next one comes a full `period` after the late one
    /// was sent ([`MissedTickBehavior::Delay`]). A running interval does not
    /// keep the actor alive; it ends when the actor (or this instance)
    /// stops, or when cancelled.
    ///
    /// # Panics
    ///
    /// If `period` is zero. Like [`send_after`](Context::send_after), if the
    /// runtime has no timer.
    ///
    /// ```
    /// use std::time::Duration;
    /// use greenroom::prelude::*;
    ///
    /// #[actor]
    /// struct Metronome {
    ///     beats: u32,
    /// }
    ///
    /// #[actor]
    /// impl Metronome {
    ///     #[on_start]
    ///     fn start(&mut self, ctx: &mut Context<Self>) {
    ///         ctx.send_interval(Duration::from_millis(500), |me| me.beat());
    ///     }
    ///
    ///     #[handler]
    ///     fn beat(&mut self) {
    ///         self.beats += 1;
    ///     }
    ///
    ///     #[handler]
    ///     fn beats(&self) -> u32 {
    ///         self.beats
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() -> Result<(), greenroom::Error> {
    /// let metronome = Metronome { beats: 0 }.spawn();
    /// tokio::time::sleep(Duration::from_millis(1_750)).await; // paused time: instant
    /// assert_eq!(metronome.beats().await?, 3);
    /// # Ok(())
    /// # }
    /// ```
    pub fn send_interval<R>(
        &mut self,
        period: Duration,
        message: impl for<'a> Fn(&'a A::Addr) -> Request<'a, A, R> + Send + 'static,
    ) -> TimerHandle {
        assert!(!period.is_zero(), "`send_interval` needs a period greater than zero");
        let mut ticks = tokio::time::interval_at(Instant::now() + period, period);
        ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let control = owned_task::start(self, move |outbox| async move {
            loop {
                ticks.tick().await;
                let Some(tick) = outbox.build(&message) else { return };
                if !outbox.send(tick).await {
                    return;
                }
            }
        });
        TimerHandle { control }
    }
}

/// A timer set with [`Context::send_after`] or [`Context::send_interval`].
///
/// Dropping the handle does not cancel the timer: it runs on, detached,
/// until it is done or the actor stops. Keep the handle to
/// [`cancel`](TimerHandle::cancel) it.
pub struct TimerHandle {
    control: Control,
}

impl TimerHandle {
    /// Cancels the timer. Once this returns, the timer's messages are
    /// exactly those the mailbox had accepted before: they are still
    /// handled, in order. A message that was waiting for room in a full
    /// mailbox is withdrawn, and no new one is sent.
    ///
    /// ```
    /// use std::time::Duration;
    /// use greenroom::prelude::*;
    /// use greenroom::TimerHandle;
    ///
    /// #[actor]
    /// struct Alarm {
    ///     snooze: Option<TimerHandle>,
    ///     rang: bool,
    /// }
    ///
    /// #[actor]
    /// impl Alarm {
    ///     #[handler]
    ///     fn set(&mut self, ctx: &mut Context<Self>) {
    ///         self.snooze = Some(ctx.send_after(Duration::from_secs(60), |me| me.ring()));
    ///     }
    ///
    ///     #[handler]
    ///     fn turn_off(&mut self) {
    ///         if let Some(timer) = self.snooze.take() {
    ///             timer.cancel();
    ///         }
    ///     }
    ///
    ///     #[handler]
    ///     fn ring(&mut self) {
    ///         self.rang = true;
    ///     }
    ///
    ///     #[handler]
    ///     fn rang(&self) -> bool {
    ///         self.rang
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() -> Result<(), greenroom::Error> {
    /// let alarm = Alarm { snooze: None, rang: false }.spawn();
    /// alarm.set().await?;
    /// alarm.turn_off().await?;
    /// tokio::time::sleep(Duration::from_secs(120)).await;
    /// assert!(!alarm.rang().await?);
    /// # Ok(())
    /// # }
    /// ```
    pub fn cancel(self) {
        self.control.cancel();
    }

    /// Whether the timer has ended: a one-shot timer has sent its message,
    /// or the timer was cancelled, or it stopped with the actor. An ended
    /// timer has dropped its closure.
    pub fn is_finished(&self) -> bool {
        self.control.is_finished()
    }
}

impl fmt::Debug for TimerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerHandle").field("finished", &self.is_finished()).finish()
    }
}
