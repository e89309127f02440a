use greenroom::prelude::*;

#[actor]
struct Greeter { greeting: String, greeted: u64 }

#[actor]
impl Greeter {
    #[handler]
    fn greet(&self, name: &str) -> String { format!("{}, {name}!", self.greeting) }

    #[handler]
    fn count(self) -> u64 { self.greeted }

    #[handler]
    fn set(&mut self, greeting: impl Into<String>) { self.greeting = greeting.into() }
}

async fn call(greeter: GreeterAddr) {
    let _ = greeter.greet("Ada").await;
    let _ = greeter.count().await;
    let _ = greeter.set("Hi".to_owned()).await;
}

fn main() {}
