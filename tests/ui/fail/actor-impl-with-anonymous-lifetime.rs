use greenroom::prelude::*;

#[actor]
struct Greeter<'a> { greeting: &'a str }

#[actor]
impl Greeter<'_> {
    #[handler]
    fn greet(&self, name: String) -> String { format!("{}, {name}!", self.greeting) }
}

fn main() {}
