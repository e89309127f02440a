use greenroom::prelude::*;

#[actor]
struct Counter { count: u64 }

#[actor]
impl Counter {
    #[handler]
    fn reset(&mut self, ctx: &mut Context<Self>, again: &mut Context<Self>) { self.count = 0; ctx.stop(); again.stop() }
}

fn main() {}
