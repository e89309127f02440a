use std::rc::Rc;

use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn get(&self) -> Rc<u64> { Rc::new(self.count) }
}

fn main() {}
