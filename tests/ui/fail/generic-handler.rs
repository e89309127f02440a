use greenroom::prelude::*;

#[actor]
struct Logger { lines: Vec<String> }

#[actor]
impl Logger {
    #[handler]
    fn log<T: ToString>(&mut self, line: T) { self.lines.push(line.to_string()) }
}

fn main() {}
