mod runtime {
    pub use greenroom as actors;
}

use runtime::actors::prelude::*;

#[actor(crate = crate::runtime::actors)]
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
    assert_eq!(counter.add(4).await.unwrap(), 4);
}
