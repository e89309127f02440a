use greenroom::prelude::*;

#[actor]
struct Worker { done: u64 }

#[actor]
impl Worker {
    #[handler]
    fn do_it(&mut self) { self.done += 1 }

    #[handler]
    #[allow(non_snake_case)]
    fn doIt(&mut self) { self.done += 1 }
}

fn main() {}
