#![allow(deprecated)]

use greenroom::prelude::*;

#[actor]
struct Gauge { level: u32 }

#[actor]
impl Gauge {
    #[handler]
    fn level(&self) -> u32 { self.level }

    // Compiled out: its variant, dispatch arm and address method go with it.
    #[cfg(any())]
    #[handler]
    fn calibrate(&mut self, offset: NoSuchType) {}

    #[cfg(all())]
    #[handler]
    fn raise(&mut self, by: u32) -> u32 { self.level += by; self.level }

    #[deprecated = "use `raise`"]
    #[handler]
    fn bump(&mut self) -> u32 { self.level += 1; self.level }

    #[cfg(any())]
    #[on_start]
    fn never(&mut self) { unreachable!() }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let gauge = Gauge { level: 0 }.spawn();
    assert_eq!(gauge.raise(2).await.unwrap(), 2);
    assert_eq!(gauge.bump().await.unwrap(), 3);
    assert_eq!(gauge.level().await.unwrap(), 3);
}
