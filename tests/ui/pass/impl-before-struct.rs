use greenroom::prelude::*;

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }
}

#[actor]
struct Counter { count: u64 }

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let counter: CounterAddr = Counter { count: 0 }.spawn();
    assert_eq!(counter.add(5).await.unwrap(), 5);
}
