#![deny(deprecated)]

use greenroom::prelude::*;

#[actor]
struct Gauge { level: u32 }

#[actor]
impl Gauge {
    #[deprecated = "use `raise`"]
    #[handler]
    fn bump(&mut self) -> u32 { self.level += 1; self.level }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let gauge = Gauge { level: 0 }.spawn();
    let _ = gauge.bump();
}
