use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use greenroom::prelude::*;

#[actor]
struct Server { started: bool, stopped: Arc<AtomicBool> }

#[actor]
impl Server {
    #[on_start]
    async fn open(&mut self, ctx: &mut Context<Self>) {
        let _ = ctx.id();
        tokio::task::yield_now().await;
        self.started = true;
    }

    #[handler]
    fn started(&self) -> bool {
        self.started
    }

    #[on_stop]
    async fn close(&mut self, reason: &StopReason, ctx: &mut Context<Self>) {
        let _ = (reason.is_failure(), ctx.id());
        tokio::task::yield_now().await;
        self.stopped.store(true, Ordering::SeqCst);
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let stopped = Arc::new(AtomicBool::new(false));
    let server = Server { started: false, stopped: stopped.clone() }.spawn();
    assert!(server.started().await.unwrap());
    server.stop();
    server.wait_stopped().await;
    assert!(stopped.load(Ordering::SeqCst));
}
