use greenroom::prelude::*;

#[actor]
struct Player { playing: bool }

#[actor]
impl Player {
    #[handler]
    fn stop(&mut self) { self.playing = false }
}

fn main() {}
