use greenroom::prelude::*;

#[actor]
struct Greeter { greeting: String }

#[actor]
impl Greeter {
    #[handler]
    fn greet(&self, name: &str) -> String { format!("{}, {name}!", self.greeting) }
}

fn main() {}
