use greenroom::prelude::*;

#[actor]
struct Server { open: bool }

#[actor]
impl Server {
    #[on_stop]
    fn close(&mut self) -> bool { std::mem::replace(&mut self.open, false) }
}

fn main() {}
