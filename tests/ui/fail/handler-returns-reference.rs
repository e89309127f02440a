use greenroom::prelude::*;

#[actor]
struct Greeter { greeting: String }

#[actor]
impl Greeter {
    #[handler]
    fn greeting(&self) -> &str { &self.greeting }
}

fn main() {}
