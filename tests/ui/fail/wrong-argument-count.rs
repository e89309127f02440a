use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 { self.count += by; self.count }
}

fn call(counter: CounterAddr) {
    let _ = counter.add(1, 2);
}

fn main() {}
