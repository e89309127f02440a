use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn double(by: u64) -> u64 { by * 2 }
}

fn main() {}
