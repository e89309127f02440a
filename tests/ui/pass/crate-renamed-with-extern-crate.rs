extern crate greenroom as gr;

use gr::prelude::*;

#[actor(crate = gr)]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let counter = Counter { count: 0 }.spawn();
    assert_eq!(counter.add(3).await.unwrap(), 3);
}
