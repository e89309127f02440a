use greenroom::prelude::*;

#[actor]
trait Greeter {
    fn greet(&self, name: String) -> String;
}

fn main() {}
