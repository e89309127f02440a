use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn finish(self) -> u64 { self.count }
}

fn main() {}
