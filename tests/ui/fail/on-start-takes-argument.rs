use greenroom::prelude::*;

#[actor]
struct Server { port: u16 }

#[actor]
impl Server {
    #[on_start]
    fn open(&mut self, port: u16) { self.port = port }
}

fn main() {}
