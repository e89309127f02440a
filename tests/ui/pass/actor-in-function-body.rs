use greenroom::prelude::*;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Actors local to a function, the impl block first.
    #[actor]
    impl Local {
        #[handler]
        fn double(&self, value: u32) -> u32 { value * self.factor }
    }

    #[actor]
    struct Local { factor: u32 }

    let local = Local { factor: 2 }.spawn();
    assert_eq!(local.double(21).await.unwrap(), 42);
}

#[allow(dead_code)]
fn another_scope() {
    // The same name in another function's scope is another actor.
    #[actor]
    struct Local;

    #[actor]
    impl Local {}
}
