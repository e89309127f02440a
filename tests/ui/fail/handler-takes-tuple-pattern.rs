use greenroom::prelude::*;

#[actor]
struct Plotter { points: Vec<(u32, u32)> }

#[actor]
impl Plotter {
    #[handler]
    fn plot(&mut self, (x, y): (u32, u32)) { self.points.push((x, y)) }
}

fn main() {}
