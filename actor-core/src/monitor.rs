//! Monitors: learning once that another actor stopped for good.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use crate::actor::Actor;
use crate::addr::Addr;
use crate::cell::Lifecycle;
use crate::context::Context;
use crate::link::Exit;
use crate::notice;
use crate::request::Request;
use crate::stop::StopReason;

impl<A: Actor> Addr<A> {
    /// A future of the actor's stop reason that owns what it needs, so it
    /// can be moved into a task and outlive this address (without keeping
    /// the actor alive). Resolves at once if the actor has already stopped.
    ///
    /// ```
    /// use greenroom::prelude::*;
    ///
    /// #[actor]
    /// struct Job;
    ///
    /// #[actor]
    /// impl Job {}
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let job = Job.spawn();
    /// let ended = tokio::spawn(job.monitor());
    /// drop(job); // the last strong address: the monitor does not keep the job alive
    /// assert_eq!(ended.await.unwrap(), StopReason::Unreferenced);
    /// # }
    /// ```
    pub fn monitor(&self) -> impl Future<Output = StopReason> + Send + 'static {
        let cell = Arc::clone(self.cell());
        async move { cell.stopped.wait().await }
    }
}

impl<A: Actor> Context<A> {
    /// Monitors `other`: once it stops for good, `notify` builds a message
    /// from the [`Exit`] through this actor's address, and the actor handles
    /// it like any other. It comes once; at once if `other` has already
    /// stopped; in any case before `other.wait_stopped()` returns. It is
    /// queued even if the mailbox is full, and not at all if this actor has
    /// stopped meanwhile. The monitor keeps neither actor alive.
    ///
    /// ```
    /// use greenroom::prelude::*;
    /// use greenroom::Exit;
    ///
    /// #[actor]
    /// struct Worker;
    ///
    /// #[actor]
    /// impl Worker {}
    ///
    /// #[actor]
    /// struct Boss {
    ///     gone: Option<Exit>,
    /// }
    ///
    /// #[actor]
    /// impl Boss {
    ///     #[handler]
    ///     fn watch(&mut self, worker: WorkerAddr, ctx: &mut Context<Self>) {
    ///         ctx.monitor(&worker, |me, exit| me.worker_stopped(exit));
    ///     }
    ///
    ///     #[handler]
    ///     fn worker_stopped(&mut self, exit: Exit) {
    ///         self.gone = Some(exit);
    ///     }
    ///
    ///     #[handler]
    ///     fn gone(&self) -> Option<StopReason> {
    ///         self.gone.as_ref().map(|exit| exit.reason.clone())
    ///     }
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), greenroom::Error> {
    /// let boss = Boss { gone: None }.spawn();
    /// let worker = Worker.spawn();
    /// boss.watch(worker.clone()).await?;
    /// worker.stop();
    /// worker.wait_stopped().await;
    /// assert_eq!(boss.gone().await?, Some(StopReason::Normal));
    /// # Ok(())
    /// # }
    /// ```
    pub fn monitor<B: Actor, R>(
        &mut self,
        other: &Addr<B>,
        notify: impl for<'a> FnOnce(&'a A::Addr, Exit) -> Request<'a, A, R> + Send + 'static,
    ) -> MonitorHandle {
        let me = Arc::clone(self.cell());
        let watched = Arc::clone(other.cell());
        let watched_ref = Arc::clone(&watched);
        // Owned by this actor: once it has stopped, the watcher can go.
        let owner: Arc<dyn Lifecycle> = Arc::clone(&me) as _;
        let key = watched.stopped.watch_for(
            owner,
            Box::new(move |reason| {
                let exit = Exit::new(&watched_ref, reason);
                notice::deliver::<A, R>(&me, |addr| notify(addr, exit));
            }),
        );
        MonitorHandle { watched, key }
    }
}

/// A monitor set with [`Context::monitor`]; [`cancel`](MonitorHandle::cancel)
/// removes it. Dropping the handle keeps the monitor.
///
/// ```
/// use greenroom::prelude::*;
/// use greenroom::{Exit, MonitorHandle};
///
/// #[actor]
/// struct Job;
///
/// #[actor]
/// impl Job {}
///
/// #[actor]
/// struct Watchdog {
///     watching: Option<MonitorHandle>,
/// }
///
/// #[actor]
/// impl Watchdog {
///     #[handler]
///     fn watch(&mut self, job: JobAddr, ctx: &mut Context<Self>) {
///         self.watching = Some(ctx.monitor(&job, |me, exit| me.job_ended(exit)));
///     }
///
///     #[handler]
///     fn unwatch(&mut self) {
///         if let Some(monitor) = self.watching.take() {
///             monitor.cancel(); // no `job_ended` will come
///         }
///     }
///
///     #[handler]
///     fn job_ended(&mut self, exit: Exit) {
///         println!("{} ended: {}", exit.id, exit.reason);
///         self.watching = None;
///     }
/// }
/// ```
pub struct MonitorHandle {
    watched: Arc<dyn Lifecycle>,
    key: u64,
}

impl MonitorHandle {
    /// Removes the monitor: no message comes, unless it was already sent.
    pub fn cancel(self) {
        self.watched.unwatch(self.key);
    }
}

impl fmt::Debug for MonitorHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MonitorHandle").field("watched", &self.watched.id()).finish()
    }
}
