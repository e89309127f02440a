use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    #[on_start]
    fn reset(&mut self) { self.count = 0 }
}

fn main() {}
