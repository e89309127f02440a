use greenroom::prelude::*;

#[actor]
struct Server { ready: bool }

#[actor]
impl Server {}

impl Server {
    #[on_start]
    fn open(&mut self) { self.ready = true }
}

fn main() {}
