use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: u64) -> u64 { self.count += by; self.count }

    #[handler]
    fn add(&mut self, by: u32) -> u64 { self.count += u64::from(by); self.count }
}

fn main() {}
