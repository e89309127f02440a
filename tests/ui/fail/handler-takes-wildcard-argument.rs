use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn bump(&mut self, _: u64) { self.count += 1 }
}

fn main() {}
