use std::rc::Rc;

use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: &'static Rc<u64>) -> u64 { self.count += **by; self.count }
}

fn main() {}
