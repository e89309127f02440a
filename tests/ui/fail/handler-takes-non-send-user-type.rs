use std::rc::Rc;

use greenroom::prelude::*;

/// Not `Send`, though its name does not say so.
struct Shared(Rc<u64>);

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn add(&mut self, by: Shared) -> u64 { self.count += *by.0; self.count }
}

fn main() {}
