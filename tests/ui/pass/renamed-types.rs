use greenroom::prelude::*;

#[actor(message = CounterMsg, addr = CounterRef)]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }
}

fn describe(message: &CounterMsg) -> String {
    format!("{message:?}")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let counter: CounterRef = Counter { count: 0 }.spawn();
    assert_eq!(counter.add(2).await.unwrap(), 2);
    let _ = describe;
}
