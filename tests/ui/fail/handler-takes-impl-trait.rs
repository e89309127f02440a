use greenroom::prelude::*;

#[actor]
struct Logger { lines: Vec<String> }

#[actor]
impl Logger {
    #[handler]
    fn log(&mut self, line: impl Into<String>) { self.lines.push(line.into()) }
}

fn main() {}
