#![deny(warnings)]

use greenroom::prelude::*;

#[actor]
struct Gauge { level: u32 }

// `cfg_attr` on a handler: its `cfg`s go to the generated items with the
// handler, the rest (`inline`, `doc`) stays on the method.
#[actor]
impl Gauge {
    #[handler]
    #[cfg_attr(not(test), inline)]
    fn level(&self) -> u32 { self.level }

    #[handler]
    #[cfg_attr(debug_assertions, doc = "Raises the level.")]
    fn raise(&mut self, by: u32) -> u32 { self.level += by; self.level }

    #[handler]
    #[cfg_attr(all(), cfg(any()), must_use)]
    fn calibrate(&mut self, offset: NoSuchType) {}
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let gauge = Gauge { level: 0 }.spawn();
    assert_eq!(gauge.raise(2).await.unwrap(), 2);
    assert_eq!(gauge.level().await.unwrap(), 2);
}
