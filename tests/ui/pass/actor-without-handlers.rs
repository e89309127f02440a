use greenroom::prelude::*;

#[actor]
struct Idle;

#[actor]
impl Idle {}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let idle: IdleAddr = Idle.spawn();
    assert!(idle.is_alive());
    idle.stop();
    idle.wait_stopped().await;
}
