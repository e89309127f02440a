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
#[cfg(test)]
mod fuzz;
mod generate;
#[cfg(test)]
mod snapshot;
mod types;
mod valid;

use proc_macro::TokenStream;

use crate::attr::Role;

/// Makes a struct an actor, and its impl block the actor's behaviour.
///
/// Put it on the struct (the actor's state) and on one impl block of that
/// struct, in the same module. In the impl block, `#[handler]` marks the
/// methods that become messages, `#[on_start]` and `#[on_stop]` the
/// lifecycle hooks; every other method stays an ordinary method.
///
/// ```
/// use greenroom::prelude::*;
///
/// #[actor]
/// pub struct Account {
///     balance: u64,
/// }
///
/// #[actor]
/// impl Account {
///     /// Adds `amount`; returns the new balance.
///     #[handler]
///     pub fn deposit(&mut self, amount: u64) -> u64 {
///         self.balance += amount;
///         self.balance
///     }
///
///     /// Takes `amount` out, unless that would overdraw the account.
///     #[handler]
///     pub async fn withdraw(&mut self, amount: u64) -> Result<u64, String> {
///         self.balance = self.balance.checked_sub(amount).ok_or("overdraft")?;
///         Ok(self.balance)
///     }
///
///     #[on_stop]
///     fn closed(&mut self, reason: &StopReason) {
///         println!("account closed ({reason}) with {}", self.balance);
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), greenroom::Error> {
/// let account: AccountAddr = Account { balance: 0 }.spawn();
/// assert_eq!(account.deposit(10).await?, 10);
/// assert_eq!(account.withdraw(25).await?, Err("overdraft".to_string()));
/// # Ok(())
/// # }
/// ```
///
/// # What it generates
///
/// With the struct's visibility:
///
/// - `AccountMessage`, an enum with one variant per handler (`Deposit`,
///   `Withdraw`) carrying its arguments and its reply channel;
/// - `AccountAddr`, the typed address: `Clone + Send + Sync + Debug + Eq +
///   Hash`, one method per handler with the handler's name, arguments, docs
///   and visibility, returning a [`Request`](../greenroom/struct.Request.html)
///   for the handler's return type; it dereferences to `Addr<Account>` for
///   `stop`, `kill`, `wait_stopped`, `is_alive`, `mailbox_len` and `downgrade`;
/// - `impl Actor for Account`, whose dispatch is a `match` on the enum.
///
/// # Handlers
///
/// A handler takes `&self` or `&mut self`, may be `async`, takes owned
/// `Send + 'static` arguments (`&'static` references are fine), may take
/// `ctx: &mut Context<Self>` anywhere in its list (it is not part of the
/// message), and returns any `Send + 'static` type, which is the reply.
/// `#[cfg]` and `#[deprecated]` on a handler apply to its variant and
/// address method too. A handler cannot be generic (make the actor generic
/// instead) or share its name with an address method (`stop`, `kill`, ...).
/// An `async` handler that takes `&self` holds a shared borrow of the actor
/// across its `.await`s, so the actor must be `Sync` for it; take
/// `&mut self` if it is not (a `Cell` field, say).
///
/// `#[on_start]` takes `&mut self` and optionally the context;
/// `#[on_stop]` also optionally `reason: &StopReason`. Either may be `async`.
///
/// # Options (on the struct)
///
/// - `#[actor(message = AccountMsg)]` renames the message enum;
/// - `#[actor(addr = AccountRef)]` renames the address;
/// - `#[actor(crate = path::to::greenroom)]` for a renamed or re-exported
///   `greenroom` dependency.
///
/// Every mistake is a compile error at the offending code that says what to
/// write instead; the crate's `tests/ui/fail/` holds one case per mistake.
#[proc_macro_attribute]
pub fn actor(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::actor(args.into(), input.into()).into()
}

/// Marks a method of an `#[actor]` impl block as a message handler: a
/// variant of the message enum and a method of the typed address.
///
/// It has a meaning only there: `#[actor]` reads and removes it. Anywhere else
/// it is a compile error. See [`macro@actor`] for what a handler may take and
/// return.
#[proc_macro_attribute]
pub fn handler(_args: TokenStream, input: TokenStream) -> TokenStream {
    expand::stray_marker(Role::Handler, input.into()).into()
}

/// Marks the method of an `#[actor]` impl block that runs before the first
/// message: `fn start(&mut self)`, optionally with `ctx: &mut Context<Self>`,
/// and optionally `async`. Messages sent meanwhile wait in the mailbox.
#[proc_macro_attribute]
pub fn on_start(_args: TokenStream, input: TokenStream) -> TokenStream {
    expand::stray_marker(Role::OnStart, input.into()).into()
}

/// Marks the method of an `#[actor]` impl block that runs once after the last
/// message, whether the actor was stopped, killed, panicked or let go of:
/// `fn stopped(&mut self)`, optionally with `reason: &StopReason` and
/// `ctx: &mut Context<Self>`, and optionally `async`. (A runtime shutting
/// down drops the actor's task instead, without this hook.)
#[proc_macro_attribute]
pub fn on_stop(_args: TokenStream, input: TokenStream) -> TokenStream {
    expand::stray_marker(Role::OnStop, input.into()).into()
}

/// Generates an actor's items from both halves; called by the bridge macro
/// that `#[actor]` on a struct defines. Not for direct use.
#[doc(hidden)]
#[proc_macro]
pub fn __actor_impl(input: TokenStream) -> TokenStream {
    let out = generate::bridged(input.into());
    if std::env::var("GR_DEBUG").is_ok() {
        eprintln!("{out}");
    }
    out.into()
}
