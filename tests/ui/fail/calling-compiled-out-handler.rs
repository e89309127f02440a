use greenroom::prelude::*;

#[actor]
struct Gauge { level: u32 }

#[actor]
impl Gauge {
    #[cfg(any())]
    #[handler]
    fn calibrate(&mut self, offset: u32) { self.level += offset }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let gauge = Gauge { level: 0 }.spawn();
    let _ = gauge.calibrate(1);
}
