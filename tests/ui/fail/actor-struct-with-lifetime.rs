use greenroom::prelude::*;

#[actor]
struct Greeter<'a> { greeting: &'a str }

#[actor]
impl<'a> Greeter<'a> {
    #[handler]
    fn greet(&self, name: String) -> String { format!("{}, {name}!", self.greeting) }
}

fn main() {}
