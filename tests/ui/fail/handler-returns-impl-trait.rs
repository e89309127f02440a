use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn upto(&self) -> impl Iterator<Item = u64> { 0..self.count }
}

fn main() {}
