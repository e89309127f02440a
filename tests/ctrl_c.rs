//! `shutdown_on_ctrl_c` shuts a tree down when the process gets SIGINT.
//! In its own test binary: the signal goes to the whole process.

#![cfg(unix)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use greenroom::prelude::*;
use greenroom::supervisor::Supervisor;

#[actor]
struct Service {
    stops: Arc<Mutex<Vec<StopReason>>>,
}

#[actor]
impl Service {
    #[on_stop]
    fn stopped(&mut self, reason: &StopReason) {
        self.stops.lock().unwrap().push(reason.clone());
    }

    #[handler]
    fn ping(&self) {}
}

fn interrupt_this_process() {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("kill -INT {}", std::process::id()))
        .status()
        .expect("sh runs");
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_shuts_the_tree_down_gracefully() {
    // Installed first, so that no SIGINT of this test can take the default
    // action (ending the process) before the supervisor listens.
    let _guard = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).unwrap();

    let stops = Arc::new(Mutex::new(Vec::new()));
    let mut supervisor = Supervisor::one_for_one();
    let service: ServiceAddr = {
        let stops = Arc::clone(&stops);
        supervisor.child(move || Service { stops: Arc::clone(&stops) })
    };
    let supervisor = supervisor.spawn();
    service.ping().await.unwrap();

    let waiting = supervisor.clone();
    let mut shutdown = tokio::spawn(async move { waiting.shutdown_on_ctrl_c(Duration::from_secs(5)).await });
    // A signal sent before the listener registered is not seen by it: send
    // until the shutdown happens.
    let report = loop {
        interrupt_this_process();
        if let Ok(report) = tokio::time::timeout(Duration::from_millis(50), &mut shutdown).await {
            break report.unwrap().unwrap();
        }
    };
    assert_eq!(report.killed().count(), 0);
    assert_eq!(*stops.lock().unwrap(), [StopReason::Normal]);
    assert_eq!(supervisor.wait_stopped().await, StopReason::Normal);
    assert_eq!(service.ping().await, Err(greenroom::Error::Stopped));
}

#[tokio::test]
async fn shutdown_on_ctrl_c_returns_when_the_supervisor_stops_by_itself() {
    let mut supervisor = Supervisor::one_for_one();
    let _service: ServiceAddr = supervisor.child(|| Service { stops: Arc::default() });
    let supervisor = supervisor.spawn();
    let waiting = supervisor.clone();
    let shutdown = tokio::spawn(async move { waiting.shutdown_on_ctrl_c(Duration::from_secs(5)).await });
    supervisor.stop();
    let report = shutdown.await.unwrap().unwrap();
    assert_eq!(report.actors().len(), 2);
    assert!(!report.deadline_passed());
}
