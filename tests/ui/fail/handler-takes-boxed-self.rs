use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn get(self: Box<Self>) -> u64 { self.count }
}

fn main() {}
