use std::rc::Rc;

use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    async fn add(&mut self, by: u64) -> u64 {
        let shared = Rc::new(by);
        std::future::ready(()).await;
        self.count += *shared;
        self.count
    }
}

fn main() {}
