use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn reset(&mut self, ctx: Context<Self>) { self.count = 0; let _me = ctx.addr(); }
}

fn main() {}
