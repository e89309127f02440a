use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn reset(&mut self, reason: &StopReason) { self.count = 0; println!("{reason}") }
}

fn main() {}
