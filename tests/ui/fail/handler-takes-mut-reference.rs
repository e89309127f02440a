use greenroom::prelude::*;

#[actor]
struct Filler { fill: u8 }

#[actor]
impl Filler {
    #[handler]
    fn fill(&self, buffer: &mut Vec<u8>) { buffer.push(self.fill) }
}

fn main() {}
