use greenroom::prelude::*;

#[actor]
struct Inbox { count: u64 }

#[actor]
impl Inbox {
    #[handler]
    fn add(&mut self, __reply: u64) -> u64 { self.count += __reply; self.count }
}

fn main() {}
