use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    const fn get(&self) -> u64 { self.count }
}

fn main() {}
