//! Fuzzing the macros' input: proptest generates actors whose methods take
//! and return all kinds of things (owned types, references, `impl Trait`,
//! `dyn`, generics, tuples, `Rc`, patterns, every receiver, `async`, hooks,
//! attributes), runs each through the same functions the proc macros call,
//! and checks that the macros
//!
//! - never panic, and always emit items that parse;
//! - report an error exactly when the rules in `lib.rs` say so (the oracle
//!   in `fuzz/case.rs`), and still emit the user's impl block;
//! - make a message variant of each accepted handler and an address method
//!   of every handler, accepted or not.
//!
//! What rustc makes of the expansion is checked on a fixed sample, in
//! `fuzz/sample.rs`.
//!
//! A run tries 512 actors from a fixed seed in a few seconds. To look
//! further, run `FUZZ_SEED=random FUZZ_CASES=20000 cargo test -p actor-macros
//! fuzz -- --nocapture`; a failure prints the shrunk actor as Rust source,
//! and the seed to replay it with.

mod case;
mod oracle;
mod sample;
mod strategy;
mod ty;

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use quote::ToTokens;
use syn::{File, ImplItem, Item};

use self::case::Case;
use crate::valid::variant_name;
use crate::{expand, generate};

/// What the three macro calls of an actor made of it.
pub(crate) struct Expansion {
    /// The message of every `compile_error!`.
    pub(crate) errors: Vec<String>,
    /// The variants of the message enum.
    variants: Vec<String>,
    /// The methods of the typed address.
    address_methods: Vec<String>,
}

/// Runs a case as rustc would: `#[actor]` on the struct and on the impl
/// block, each given its item without the attribute, then the bridge macro
/// that the struct's expansion defines, called by the impl's expansion.
pub(crate) fn expand(case: &Case) -> Result<Expansion, String> {
    let source = case.source();
    let file = syn::parse_file(&source).map_err(|error| format!("the generated source does not parse: {error}"))?;
    let [struct_item, impl_item] = <[Item; 2]>::try_from(file.items).map_err(|_| "two items were generated")?;

    let (args, input) = without_actor_attribute(struct_item);
    let from_struct = parse_output("#[actor] on the struct", || expand::actor(args, input))?;
    let (args, input) = without_actor_attribute(impl_item);
    let from_impl = parse_output("#[actor] on the impl block", || expand::actor(args, input))?;

    let user_impl = from_impl.items.iter().find_map(|item| match item {
        Item::Impl(item) if item.self_ty.to_token_stream().to_string().starts_with("Fuzzed") => Some(item),
        _ => None,
    });
    let user_impl = user_impl.ok_or("the impl block's expansion lost the user's impl block")?;
    if user_impl.items.len() != case.methods.len() {
        return Err("the impl block's expansion lost some of the user's methods".to_owned());
    }
    let marked = user_impl.items.iter().any(|item| {
        matches!(item, ImplItem::Fn(method) if method.attrs.iter().any(|attr| crate::attr::Role::of(attr).is_some()))
    });
    if marked {
        return Err("the impl block's expansion kept a marker attribute".to_owned());
    }

    let call = from_impl.items.iter().find_map(|item| match item {
        Item::Macro(call) if call.mac.path.segments.last()?.ident.to_string().starts_with("__greenroom_actor_") => {
            Some(call)
        }
        _ => None,
    });
    let call = call.ok_or("the impl block's expansion does not call the struct's bridge")?;
    let bridge_name = &call.mac.path.segments.last().expect("found by its last segment").ident;
    let rules = from_struct.items.iter().find_map(|item| match item {
        Item::Macro(rules) if rules.ident.as_ref() == Some(bridge_name) => Some(&rules.mac.tokens),
        _ => None,
    });
    let rules = rules.ok_or_else(|| format!("the struct's expansion does not define `{bridge_name}!`"))?;
    let mut forwarded = bridge_prefix(rules.clone()).ok_or("the bridge does not call `actor_impl!`")?;
    forwarded.extend(call.mac.tokens.clone());
    let from_bridge = parse_output("the bridge's `actor_impl!`", || generate::bridged(forwarded))?;

    let errors = [&from_struct, &from_impl, &from_bridge].into_iter().flat_map(compile_errors).collect();
    let variants = from_bridge
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Enum(item) if item.ident == "FuzzedMessage" => Some(&item.variants),
            _ => None,
        })
        .flatten()
        .map(|variant| variant.ident.to_string())
        .filter(|variant| variant != "__Phantom")
        .collect();
    let address_methods = from_bridge
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(item) if item.self_ty.to_token_stream().to_string().starts_with("FuzzedAddr") => {
                Some(&item.items)
            }
            _ => None,
        })
        .flatten()
        .filter_map(|item| match item {
            ImplItem::Fn(method) => Some(method.sig.ident.to_string()),
            _ => None,
        })
        .collect();
    Ok(Expansion { errors, variants, address_methods })
}

/// The attribute's arguments and the item without it, as rustc hands them
/// to an attribute macro.
fn without_actor_attribute(mut item: Item) -> (TokenStream, TokenStream) {
    let attrs = match &mut item {
        Item::Struct(item) => &mut item.attrs,
        Item::Impl(item) => &mut item.attrs,
        _ => unreachable!("the generator writes a struct and an impl block"),
    };
    let position = attrs.iter().position(|attr| attr.path().is_ident("actor")).expect("both items are `#[actor]`");
    let args = match attrs.remove(position).meta {
        syn::Meta::List(list) => list.tokens,
        _ => TokenStream::new(),
    };
    (args, item.into_token_stream())
}

/// Calls a macro, turning a panic into an error, and parses its output.
fn parse_output(what: &str, call: impl FnOnce() -> TokenStream) -> Result<File, String> {
    let output = catch_unwind(AssertUnwindSafe(call)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|message| message.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("{what} panicked: {message}")
    })?;
    syn::parse2(output.clone()).map_err(|error| format!("{what} emitted items that do not parse ({error}):\n{output}"))
}

/// What the bridge's `macro_rules!` passes to `actor_impl!` before the impl
/// block: `[crate] [vis] [Message] [Addr]`.
fn bridge_prefix(rules: TokenStream) -> Option<TokenStream> {
    let tokens: Vec<TokenTree> = rules.into_iter().collect();
    for window in tokens.windows(3) {
        if let [TokenTree::Ident(name), TokenTree::Punct(bang), TokenTree::Group(body)] = window {
            if name == "actor_impl" && bang.as_char() == '!' && body.delimiter() == Delimiter::Brace {
                let prefix = body
                    .stream()
                    .into_iter()
                    .take_while(|token| !matches!(token, TokenTree::Punct(dollar) if dollar.as_char() == '$'));
                return Some(prefix.collect());
            }
        }
    }
    tokens.into_iter().find_map(|token| match token {
        TokenTree::Group(group) => bridge_prefix(group.stream()),
        _ => None,
    })
}

/// The messages of the `compile_error!`s among the items.
fn compile_errors(file: &File) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            Item::Macro(call) if call.mac.path.segments.last()?.ident == "compile_error" => {
                Some(call.mac.parse_body::<syn::LitStr>().expect("a message").value())
            }
            _ => None,
        })
        .collect()
}

/// The fuzz property for one case.
fn check(case: &Case) -> Result<(), TestCaseError> {
    let verdict = case.verdict();
    let expansion = expand(case).map_err(TestCaseError::fail)?;
    if verdict.mistakes.is_empty() != expansion.errors.is_empty() {
        return Err(TestCaseError::fail(format!(
            "the macro reported {:#?}\nwhere the rules say {:#?}",
            expansion.errors, verdict.mistakes
        )));
    }
    let variants: Vec<String> = verdict.variants.iter().map(|name| variant_name(name)).collect();
    if variants != expansion.variants {
        return Err(TestCaseError::fail(format!(
            "the message enum has the variants {:?}, not {variants:?}",
            expansion.variants
        )));
    }
    // Clean handlers come first, then the stubs of the others.
    let mut address_methods = expansion.address_methods.clone();
    address_methods.sort();
    let mut expected = verdict.address_methods.clone();
    expected.sort();
    if address_methods != expected {
        return Err(TestCaseError::fail(format!(
            "the address has the methods {:?}, not {:?}",
            expansion.address_methods, verdict.address_methods
        )));
    }
    Ok(())
}

/// The same seed each run, so that a test run (and CI) is repeatable;
/// `FUZZ_SEED` sets another, and `FUZZ_SEED=random` draws one.
fn seed() -> u64 {
    match std::env::var("FUZZ_SEED").as_deref() {
        Err(_) => 6,
        Ok("random") => {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |now| now.as_nanos() as u64)
        }
        Ok(seed) => seed.parse().expect("FUZZ_SEED is a number or `random`"),
    }
}

#[test]
fn macros_judge_generated_handlers_by_the_rules_and_never_panic() {
    let cases = std::env::var("FUZZ_CASES").map_or(512, |cases| cases.parse().expect("FUZZ_CASES is a number"));
    let seed = seed();
    let mut bytes = [0; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
    let start = Instant::now();
    // What the run covered, counted over the cases that passed.
    let (handlers, messages, accepted, invalid) = (Cell::new(0), Cell::new(0), Cell::new(0), Cell::new(0));
    let result = runner.run(&strategy::case(), |case| {
        check(&case)?;
        let verdict = case.verdict();
        handlers.set(handlers.get() + verdict.address_methods.len());
        messages.set(messages.get() + verdict.variants.len());
        accepted.set(accepted.get() + usize::from(verdict.mistakes.is_empty()));
        invalid.set(invalid.get() + usize::from(!verdict.valid_rust));
        Ok(())
    });
    let (handlers, messages, accepted, invalid) = (handlers.get(), messages.get(), accepted.get(), invalid.get());
    eprintln!(
        "fuzz: {cases} generated actors in {:.1?}: {accepted} accepted whole, {invalid} not Rust even without the macro; \
         {handlers} handlers, {messages} of them accepted (FUZZ_SEED={seed})",
        start.elapsed()
    );
    if let Err(error) = result {
        panic!("{error}\n(replay with FUZZ_SEED={seed})");
    }
}
