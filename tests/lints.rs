//! Generated code is held to the strictest lints a user might turn on.
#![deny(
    unused_qualifications,
    missing_docs,
    missing_debug_implementations,
    rust_2018_idioms,
    unreachable_pub,
    unused_results,
    trivial_casts,
    trivial_numeric_casts,
    single_use_lifetimes,
    unused_lifetimes,
    variant_size_differences,
    private_interfaces,
    private_bounds,
    clippy::all,
    clippy::pedantic
)]
// Lints about the user's own style in the test actors, not generated code.
#![allow(clippy::unused_async, clippy::needless_pass_by_value, clippy::unused_self)]

/// A documented actor in a public module, as a library would have it.
pub mod counter {
    use greenroom::prelude::*;
    use greenroom::Error;

    /// Counts.
    #[actor]
    #[derive(Debug, Default)]
    pub struct Counter {
        count: u64,
    }

    #[actor]
    impl Counter {
        /// Adds `by`.
        #[handler]
        pub fn add(&mut self, by: u64) -> u64 {
            self.count += by;
            self.count
        }

        /// The total.
        #[handler]
        pub async fn get(&self) -> u64 {
            self.count
        }

        /// Nothing, with the context.
        #[handler]
        pub fn touch(&mut self, ctx: &mut Context<Self>) {
            let _ = ctx.id();
        }

        #[on_start]
        fn started(&mut self) {}

        #[on_stop]
        async fn stopped(&mut self, reason: &StopReason) {
            let _ = reason;
        }
    }

    /// A generic actor.
    #[actor]
    #[derive(Debug, Default)]
    pub struct Slot<T: Send + 'static> {
        value: Option<T>,
    }

    #[actor]
    impl<T: Send + Clone + 'static> Slot<T> {
        /// Replaces the value, returning the old one.
        #[handler]
        pub fn put(&mut self, value: T) -> Option<T> {
            self.value.replace(value)
        }
    }

    /// A type private to this module.
    #[derive(Debug)]
    struct Secret(u8);

    /// A public actor with a private handler taking a private type.
    #[actor]
    #[derive(Debug, Default)]
    pub struct Vault {
        secrets: Vec<u8>,
    }

    #[actor]
    impl Vault {
        #[handler]
        fn keep(&mut self, secret: Secret) {
            self.secrets.push(secret.0);
        }

        /// How many secrets are kept.
        #[handler]
        #[must_use]
        pub fn count(&self) -> usize {
            self.secrets.len()
        }
    }

    /// Keeps one secret, from inside the module that can name its type.
    ///
    /// # Errors
    ///
    /// When the vault has stopped.
    pub async fn keep_one(vault: &VaultAddr) -> Result<(), Error> {
        vault.keep(Secret(7)).await
    }

    /// An actor with no handlers.
    #[actor]
    #[derive(Debug)]
    pub struct Idle;

    #[actor]
    impl Idle {}
}

#[tokio::test]
async fn strict_lints_pass_and_the_actors_work() {
    use greenroom::Actor;
    let counter = counter::Counter::default().spawn();
    assert_eq!(counter.add(2).await.unwrap(), 2);
    assert_eq!(counter.get().await.unwrap(), 2);
    counter.touch().await.unwrap();
    let slot = counter::Slot::<String>::default().spawn();
    assert_eq!(slot.put("a".to_owned()).await.unwrap(), None);
    let vault = counter::Vault::default().spawn();
    counter::keep_one(&vault).await.unwrap();
    assert_eq!(vault.count().await.unwrap(), 1);
    let idle = counter::Idle.spawn();
    idle.stop();
    let _ = idle.wait_stopped().await;
}
