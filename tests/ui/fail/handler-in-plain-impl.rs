use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 { self.count += by; self.count }
}

fn main() {}
