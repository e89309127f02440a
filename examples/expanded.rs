//! What `#[actor]` generates, written out: the expansion of this actor,
//!
//! ```ignore
//! /// Counts.
//! #[actor]
//! #[derive(Debug, Default)]
//! pub struct Counter {
//!     count: u64,
//! }
//!
//! #[actor]
//! impl Counter {
//!     /// Adds `by` and returns the new total.
//!     #[handler]
//!     pub fn add(&mut self, by: u64) -> u64 {
//!         self.count += by;
//!         self.count
//!     }
//!
//!     /// The current total.
//!     #[handler]
//!     pub async fn get(&self) -> u64 {
//!         self.count
//!     }
//!
//!     /// Sets the total back to zero.
//!     #[handler]
//!     pub fn reset(&mut self, ctx: &mut Context<Self>) {
//!         let _ = ctx.id();
//!         self.count = 0;
//!     }
//! }
//! ```
//!
//! taken from `rustc -Zunpretty=expanded` and formatted, with the bridge
//! macro (which only carries the struct's facts to the impl's expansion)
//! left out and comments added. It compiles and runs like the original:
//! `cargo run --example expanded`. A unit test of the macro crate
//! (`actor-macros/src/snapshot.rs`) expands the actor above and compares the
//! result with this file item by item, so the two cannot drift apart.
//!
//! Items whose path goes through `greenroom::__private` are for generated
//! code only and are not part of the public API.

use greenroom::prelude::*;

/// Counts.
#[derive(Debug, Default)]
pub struct Counter {
    count: u64,
}

// ---- from `#[actor]` on the struct: the typed address -------------------

/// The address of a [`Counter`] actor.
///
/// It has one method per `#[handler]` of `Counter`, with the same name and
/// arguments, returning a request: `.await` it to ask (send and wait for the
/// reply), or call `.tell()`, `.try_tell()`, `.timeout(d)` or `.blocking()` on
/// it.
///
/// It dereferences to `Addr<Counter>` for the lifecycle methods (`stop`,
/// `kill`, `wait_stopped`, `is_alive`, `mailbox_len`, `downgrade`). Cloning is
/// cheap; the actor stops once every strong address is dropped and its
/// mailbox is empty.
pub struct CounterAddr
where
    Counter: ::greenroom::Actor,
{
    inner: ::greenroom::Addr<Counter>,
}

const _: () = {
    #[automatically_derived]
    impl ::core::clone::Clone for CounterAddr
    where
        Counter: ::greenroom::Actor,
    {
        fn clone(&self) -> Self {
            Self { inner: ::core::clone::Clone::clone(&self.inner) }
        }
    }

    #[automatically_derived]
    impl ::core::fmt::Debug for CounterAddr
    where
        Counter: ::greenroom::Actor,
    {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            ::greenroom::__private::fmt_typed_addr("CounterAddr", &self.inner, f)
        }
    }

    #[automatically_derived]
    impl ::core::cmp::PartialEq for CounterAddr
    where
        Counter: ::greenroom::Actor,
    {
        fn eq(&self, other: &Self) -> bool {
            self.inner == other.inner
        }
    }

    #[automatically_derived]
    impl ::core::cmp::Eq for CounterAddr where Counter: ::greenroom::Actor {}

    #[automatically_derived]
    impl ::core::hash::Hash for CounterAddr
    where
        Counter: ::greenroom::Actor,
    {
        fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) {
            ::core::hash::Hash::hash(&self.inner, state)
        }
    }

    #[automatically_derived]
    impl ::core::ops::Deref for CounterAddr
    where
        Counter: ::greenroom::Actor,
    {
        type Target = ::greenroom::Addr<Counter>;

        fn deref(&self) -> &Self::Target {
            &self.inner
        }
    }

    #[automatically_derived]
    impl ::core::convert::AsRef<::greenroom::Addr<Counter>> for CounterAddr
    where
        Counter: ::greenroom::Actor,
    {
        fn as_ref(&self) -> &::greenroom::Addr<Counter> {
            &self.inner
        }
    }

    #[automatically_derived]
    impl ::core::convert::From<::greenroom::Addr<Counter>> for CounterAddr
    where
        Counter: ::greenroom::Actor,
    {
        fn from(inner: ::greenroom::Addr<Counter>) -> Self {
            Self { inner }
        }
    }

    #[automatically_derived]
    impl ::core::convert::From<CounterAddr> for ::greenroom::Addr<Counter>
    where
        Counter: ::greenroom::Actor,
    {
        fn from(addr: CounterAddr) -> Self {
            addr.inner
        }
    }
};

// ---- from `#[actor]` on the impl block: the block itself, markers removed --

impl Counter {
    /// Adds `by` and returns the new total.
    pub fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }

    /// The current total.
    pub async fn get(&self) -> u64 {
        self.count
    }

    /// Sets the total back to zero.
    pub fn reset(&mut self, ctx: &mut Context<Self>) {
        let _ = ctx.id();
        self.count = 0;
    }
}

// ---- ... and, through the bridge, the message enum ------------------------

/// The messages a [`Counter`] actor handles: one variant per `#[handler]`
/// method, carrying its arguments and its reply channel.
///
/// Build them through the methods of [`CounterAddr`].
// A private handler may take a private type; its variant then holds a
// type more private than the enum. Only code that can name the type
// can build the variant, so nothing leaks.
#[allow(private_interfaces)]
pub enum CounterMessage {
    /// Adds `by` and returns the new total.
    Add {
        /// The `by` argument.
        by: u64,
        #[doc(hidden)]
        __reply: ::greenroom::Reply<u64>,
    },
    /// The current total.
    Get {
        #[doc(hidden)]
        __reply: ::greenroom::Reply<u64>,
    },
    /// Sets the total back to zero.
    Reset {
        #[doc(hidden)]
        __reply: ::greenroom::Reply<()>,
    },
}

const _: () = {
    #[automatically_derived]
    impl ::core::fmt::Debug for CounterMessage {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            let _ = &f;
            match *self {
                Self::Add { .. } => f.write_str("CounterMessage::Add { .. }"),
                Self::Get { .. } => f.write_str("CounterMessage::Get { .. }"),
                Self::Reset { .. } => f.write_str("CounterMessage::Reset { .. }"),
            }
        }
    }
};

// ---- the address methods: build the variant, hand it to a `Request` --------

impl CounterAddr {
    /// Adds `by` and returns the new total.
    #[inline]
    pub fn add(&self, by: u64) -> ::greenroom::Request<'_, Counter, u64> {
        ::greenroom::__private::request(
            ::core::ops::Deref::deref(self),
            CounterMessage::Add { by, __reply: ::greenroom::__private::Reply::none() },
            // Finds the reply slot, so that an ask can attach its channel.
            |__slot| match __slot {
                CounterMessage::Add { __reply, .. } => __reply,
                #[allow(unreachable_patterns)]
                _ => ::core::unreachable!(),
            },
        )
    }

    /// The current total.
    #[inline]
    pub fn get(&self) -> ::greenroom::Request<'_, Counter, u64> {
        ::greenroom::__private::request(
            ::core::ops::Deref::deref(self),
            CounterMessage::Get { __reply: ::greenroom::__private::Reply::none() },
            |__slot| match __slot {
                CounterMessage::Get { __reply, .. } => __reply,
                #[allow(unreachable_patterns)]
                _ => ::core::unreachable!(),
            },
        )
    }

    /// Sets the total back to zero.
    #[inline]
    pub fn reset(&self) -> ::greenroom::Request<'_, Counter, ()> {
        ::greenroom::__private::request(
            ::core::ops::Deref::deref(self),
            CounterMessage::Reset { __reply: ::greenroom::__private::Reply::none() },
            |__slot| match __slot {
                CounterMessage::Reset { __reply, .. } => __reply,
                #[allow(unreachable_patterns)]
                _ => ::core::unreachable!(),
            },
        )
    }
}

// ---- the `Actor` impl: dispatch is a `match`, no boxing ---------------------

const _: () = {
    #[automatically_derived]
    // The trait promises `impl Future + Send`; the generated body is an
    // `async move` block, which clippy would write as `async fn`.
    #[allow(clippy::manual_async_fn)]
    impl ::greenroom::Actor for Counter {
        type Message = CounterMessage;
        type Addr = CounterAddr;

        // Calling a `#[deprecated]` handler from the actor loop is not a use
        // the user wrote; calls through the address still warn.
        #[allow(deprecated)]
        fn handle(
            &mut self,
            __message: Self::Message,
            __ctx: &mut ::greenroom::Context<Self>,
        ) -> impl ::core::future::Future<Output = ()> + ::core::marker::Send {
            async move {
                match __message {
                    // `dispatch` calls the handler, sends the reply (if asked),
                    // and turns a panic into `Error::Panicked` for the asker.
                    CounterMessage::Add { by, __reply } => {
                        ::greenroom::__private::dispatch(__reply, || Self::add(self, by))
                    }
                    CounterMessage::Get { __reply } => {
                        ::greenroom::__private::dispatch_async(__reply, Self::get(self)).await
                    }
                    CounterMessage::Reset { __reply } => {
                        ::greenroom::__private::dispatch(__reply, || Self::reset(self, __ctx))
                    }
                }
            }
        }

        // No `#[on_stop]`: the runtime skips the hook and keeps no room
        // for it in the actor's task.
        const HAS_ON_STOP: bool = false;
    }

    // Never called: each line fails to compile, at the user's type, if an
    // argument or a reply cannot cross tasks.
    #[allow(dead_code)]
    fn __assert_sendable() {
        ::greenroom::__private::assert_sendable_argument::<u64>();
        ::greenroom::__private::assert_sendable_reply::<u64>();
        ::greenroom::__private::assert_sendable_reply::<u64>();
        ::greenroom::__private::assert_sendable_reply::<()>();
    }
};

#[tokio::main]
async fn main() -> Result<(), greenroom::Error> {
    let counter = Counter { count: 0 }.spawn();
    println!("add(2) -> {}", counter.add(2).await?);
    println!("get()  -> {}", counter.get().await?);
    counter.reset().await?;
    println!("reset, get() -> {}", counter.get().await?);
    Ok(())
}
