use std::rc::Rc;

use greenroom::prelude::*;

#[actor]
struct Counter { count: Rc<u64> }

#[actor]
impl Counter {
    #[handler]
    fn get(&self) -> u64 { *self.count }
}

fn main() {}
