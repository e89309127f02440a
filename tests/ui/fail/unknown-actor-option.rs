use greenroom::prelude::*;

#[actor(mailbox = 16)]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 { self.count += by; self.count }
}

fn main() {}
