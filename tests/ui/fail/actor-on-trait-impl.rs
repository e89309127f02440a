use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Default for Counter {
    fn default() -> Self { Counter { count: 0 } }
}

fn main() {}
