//! Shutting a whole tree down: on request, or on Ctrl-C.

use std::time::Duration;

use super::addr::SupervisorAddr;
use super::slot::report;
use crate::link::Exit;
use crate::stop::StopReason;

/// How a tree ended: every actor in it (children before their supervisor)
/// with why it stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShutdownReport {
    actors: Vec<Exit>,
    deadline_passed: bool,
}

impl ShutdownReport {
    /// Every actor of the tree, the supervisor last, with its stop reason.
    pub fn actors(&self) -> &[Exit] {
        &self.actors
    }

    /// The actors that were killed: they had not stopped by their deadline
    /// (or the tree's), so what they had queued was dropped.
    pub fn killed(&self) -> impl Iterator<Item = &Exit> {
        self.actors.iter().filter(|exit| exit.reason == StopReason::Killed)
    }

    /// Whether the tree's own deadline passed, so that the rest of the tree
    /// was killed.
    pub fn deadline_passed(&self) -> bool {
        self.deadline_passed
    }
}

impl SupervisorAddr {
    /// Stops the whole tree gracefully and waits: every actor handles what
    /// it had already accepted and refuses the rest, children stop youngest
    /// first (each killed if it exceeds its own shutdown deadline), `on_stop`
    /// hooks run, and the supervisor stops last.
    ///
    /// If the tree has not stopped within `deadline`, whatever still runs is
    /// killed, and this returns at once (an actor busy in a handler that
    /// never reaches an `.await` stops when it does). The report says which
    /// actors were killed.
    ///
    /// Meant for the root of a tree. A supervisor that is itself supervised
    /// is restarted by its parent as its restart policy says (a permanent one
    /// after any stop); shut down the parent instead.
    pub async fn shutdown(&self, deadline: Duration) -> ShutdownReport {
        self.stop();
        let deadline_passed = tokio::time::timeout(deadline, self.wait_stopped()).await.is_err();
        if deadline_passed {
            self.kill();
        }
        self.report(deadline_passed)
    }

    /// Waits for Ctrl-C (SIGINT), then shuts the tree down as
    /// [`shutdown`](SupervisorAddr::shutdown) does. Returns early, with the
    /// report, if the supervisor stops by itself first.
    ///
    /// # Errors
    ///
    /// If the Ctrl-C handler cannot be installed, with the tree untouched.
    pub async fn shutdown_on_ctrl_c(&self, deadline: Duration) -> std::io::Result<ShutdownReport> {
        tokio::select! {
            signal = tokio::signal::ctrl_c() => signal?,
            _ = self.wait_stopped() => return Ok(self.report(false)),
        }
        Ok(self.shutdown(deadline).await)
    }

    fn report(&self, killed: bool) -> ShutdownReport {
        let mut actors = Vec::new();
        report(self.cell(), &mut actors, killed);
        ShutdownReport { actors, deadline_passed: killed }
    }
}
