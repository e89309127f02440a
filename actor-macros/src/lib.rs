//! The macros of [greenroom](https://docs.rs/greenroom). Use them through
//! that crate: `use greenroom::prelude::*;`.
//!
//! The crate reads in three phases: `attr.rs` and `ast.rs` parse the input
//! and check each method on its own (`types.rs` checks the types a message
//! carries), `valid.rs` checks the handlers against each other, and
//! `expand.rs` and `generate.rs` write the output. Every error of an item is
//! collected and reported in one compile, and the user's code is emitted
//! even when it has errors, so that one mistake does not bring a cascade of
//! others.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod errors;
mod expand;
mod generate;
#[cfg(test)]
mod snapshot;
mod types;
mod valid;

use proc_macro::TokenStream;

use crate::attr::Role;

/// Makes a struct an actor, and its impl block the actor's behaviour.
///
/// See the `greenroom` crate's documentation for the whole story.
#[proc_macro_attribute]
pub fn actor(args: TokenStream, input: TokenStream) -> TokenStream {
    let item = match syn::parse::<syn::Item>(input) {
        Ok(item) => item,
        Err(error) => return error.into_compile_error().into(),
    };
    match item {
        syn::Item::Struct(item) => expand::actor_struct(args.into(), item),
        syn::Item::Impl(item) => expand::actor_impl(args.into(), item),
        other => expand::wrong_item(&other),
    }
    .into()
}

/// Marks a method of an `#[actor]` impl block as a message handler.
///
/// It has a meaning only there: `#[actor]` reads and removes it. Anywhere else
/// it is a compile error.
#[proc_macro_attribute]
pub fn handler(_args: TokenStream, input: TokenStream) -> TokenStream {
    expand::stray_marker(Role::Handler, input.into()).into()
}

/// Marks the method of an `#[actor]` impl block that runs before the first message.
#[proc_macro_attribute]
pub fn on_start(_args: TokenStream, input: TokenStream) -> TokenStream {
    expand::stray_marker(Role::OnStart, input.into()).into()
}

/// Marks the method of an `#[actor]` impl block that runs after the last message.
#[proc_macro_attribute]
pub fn on_stop(_args: TokenStream, input: TokenStream) -> TokenStream {
    expand::stray_marker(Role::OnStop, input.into()).into()
}

/// Generates an actor's items from both halves; called by the bridge macro
/// that `#[actor]` on a struct defines. Not for direct use.
#[doc(hidden)]
#[proc_macro]
pub fn __actor_impl(input: TokenStream) -> TokenStream {
    match syn::parse::<generate::BridgeInput>(input) {
        Ok(input) => {
            let out = generate::actor_impl(input);
            if std::env::var("GR_DEBUG").is_ok() {
                eprintln!("{out}");
            }
            out.into()
        }
        Err(error) => error.into_compile_error().into(),
    }
}
