use greenroom::prelude::*;

#[actor]
struct Logger { lines: Vec<String> }

#[actor]
impl Logger {
    #[handler]
    fn lines(&self) -> Vec<_> { self.lines.clone() }
}

fn main() {}
