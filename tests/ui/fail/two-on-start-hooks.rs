use greenroom::prelude::*;

#[actor]
struct Server { ready: bool, warm: bool }

#[actor]
impl Server {
    #[on_start]
    fn open(&mut self) { self.ready = true }

    #[on_start]
    fn warm_up(&mut self) { self.warm = true }
}

fn main() {}
