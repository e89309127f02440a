use std::fmt::Display;

use greenroom::prelude::*;

#[actor]
struct Logger { lines: Vec<String> }

#[actor]
impl Logger {
    #[handler]
    fn log(&mut self, line: dyn Display) { self.lines.push(line.to_string()) }
}

fn main() {}
