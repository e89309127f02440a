//! What `#[actor]` turns the user's struct and impl block into.
//!
//! The two attributes expand separately, yet the generated items need facts
//! from both: the struct knows its visibility and the chosen names, the impl
//! knows the handlers. So the struct's expansion defines a small
//! `macro_rules!` *bridge* holding its facts, and the impl's expansion calls
//! it with the handler signatures; the bridge then calls the hidden
//! `actor_impl!` macro with everything (see `generate.rs`).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::{Ident, ImplItem, ImplItemFn, ItemImpl, ItemStruct};

use crate::ast::ActorImpl;
use crate::attr::{cfgs, deprecations, docs, ActorOptions, Role};
use crate::errors::Errors;
use crate::valid;

/// The bridge macro of the actor struct `ident`.
fn bridge_name(ident: &Ident) -> Ident {
    format_ident!("__greenroom_actor_{}", ident, span = Span::call_site())
}

/// `#[actor]` on whatever it is put on, as `proc_macro2` tokens: the
/// attribute's whole work, which `lib.rs` wraps and the fuzz tests call.
pub(crate) fn actor(args: TokenStream, input: TokenStream) -> TokenStream {
    match syn::parse2::<syn::Item>(input) {
        Ok(syn::Item::Struct(item)) => actor_struct(args, item),
        Ok(syn::Item::Impl(item)) => actor_impl(args, item),
        Ok(other) => wrong_item(&other),
        Err(error) => error.into_compile_error(),
    }
}

/// `#[actor]` on a struct: the struct, its typed address, and the bridge.
pub(crate) fn actor_struct(args: TokenStream, item: ItemStruct) -> TokenStream {
    let mut errors = Errors::default();
    let options = ActorOptions::parse(args, &mut errors);
    for lifetime in item.generics.lifetimes() {
        errors.at(
            lifetime,
            "an actor runs on its own task, so it cannot borrow: remove this lifetime parameter and own the data instead",
        );
    }
    let addr = if item.generics.lifetimes().next().is_none() { address(&item, &options) } else { TokenStream::new() };
    let bridge = bridge(&item, &options);
    let errors = errors.to_compile_errors();
    quote! {
        #item
        #addr
        #bridge
        #errors
    }
}

/// The typed address: a newtype over `Addr<Actor>` with the struct's generics
/// and visibility. Its handler methods come from the impl block's expansion.
fn address(item: &ItemStruct, options: &ActorOptions) -> TokenStream {
    let krate = options.crate_path();
    let vis = &item.vis;
    let actor = &item.ident;
    let addr = options.addr_name(actor);
    let addr_name = addr.to_string();
    let generics = &item.generics;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let actor_ty = quote!(#actor #ty_generics);
    let mut where_clause = generics.where_clause.clone().unwrap_or_else(|| syn::parse_quote!(where));
    where_clause.predicates.push(syn::parse_quote!(#actor_ty: #krate::Actor));
    let doc = format!(
        "The address of a [`{actor}`] actor.\n\n\
         It has one method per `#[handler]` of `{actor}`, with the same name and arguments, \
         returning a request: `.await` it to ask (send and wait for the reply), or call \
         `.tell()`, `.try_tell()`, `.timeout(d)` or `.blocking()` on it.\n\n\
         It dereferences to `Addr<{actor}>` for the lifecycle methods (`stop`, `kill`, \
         `wait_stopped`, `is_alive`, `mailbox_len`, `downgrade`). Cloning is cheap; \
         the actor stops once every strong address is dropped and its mailbox is empty."
    );
    quote! {
        #[doc = #doc]
        #vis struct #addr #generics #where_clause {
            inner: #krate::Addr<#actor_ty>,
        }

        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::core::clone::Clone for #addr #ty_generics #where_clause {
                fn clone(&self) -> Self {
                    Self { inner: ::core::clone::Clone::clone(&self.inner) }
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #addr #ty_generics #where_clause {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #krate::__private::fmt_typed_addr(#addr_name, &self.inner, f)
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::cmp::PartialEq for #addr #ty_generics #where_clause {
                fn eq(&self, other: &Self) -> bool {
                    self.inner == other.inner
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::cmp::Eq for #addr #ty_generics #where_clause {}

            #[automatically_derived]
            impl #impl_generics ::core::hash::Hash for #addr #ty_generics #where_clause {
                fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) {
                    ::core::hash::Hash::hash(&self.inner, state)
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::ops::Deref for #addr #ty_generics #where_clause {
                type Target = #krate::Addr<#actor_ty>;

                fn deref(&self) -> &Self::Target {
                    &self.inner
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::convert::AsRef<#krate::Addr<#actor_ty>> for #addr #ty_generics #where_clause {
                fn as_ref(&self) -> &#krate::Addr<#actor_ty> {
                    &self.inner
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#krate::Addr<#actor_ty>> for #addr #ty_generics #where_clause {
                fn from(inner: #krate::Addr<#actor_ty>) -> Self {
                    Self { inner }
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#addr #ty_generics> for #krate::Addr<#actor_ty> #where_clause {
                fn from(addr: #addr #ty_generics) -> Self {
                    addr.inner
                }
            }
        };
    }
}

/// The bridge: a `macro_rules!` that forwards the impl block's handler
/// signatures, with this struct's facts, to `actor_impl!`. The `use` makes it
/// reachable by path within the module, so the impl block may come before
/// the struct. (It must be in the struct's module: the items it generates
/// land there, beside the address.)
fn bridge(item: &ItemStruct, options: &ActorOptions) -> TokenStream {
    let krate = options.crate_path();
    let vis = &item.vis;
    let message = options.message_name(&item.ident);
    let addr = options.addr_name(&item.ident);
    let bridge = bridge_name(&item.ident);
    quote! {
        #[doc(hidden)]
        #[allow(unused_macros)]
        macro_rules! #bridge {
            ($($impl_block:tt)*) => {
                #krate::__private::actor_impl! { [#krate] [#vis] [#message] [#addr] $($impl_block)* }
            };
        }
        #[doc(hidden)]
        #[allow(unused_imports)]
        pub(crate) use #bridge;
    }
}

/// `#[actor]` on an impl block: the block itself, without the marker
/// attributes, and a call of the struct's bridge with the handler signatures.
pub(crate) fn actor_impl(args: TokenStream, item: ItemImpl) -> TokenStream {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.at(&args, "options go on the struct's `#[actor(...)]`; write `#[actor]` alone on the impl block");
    }
    let mut actor = ActorImpl::parse(&item, &mut errors);
    if let Some(actor) = &mut actor {
        valid::check(actor, &mut errors);
    }
    // An impl block with lifetimes is not forwarded: every generated item
    // would fail on them, burying the one error that says what to do.
    let forwarded = actor.as_ref().filter(|actor| !actor.borrows).map(forward).unwrap_or_default();
    let cleaned = without_markers(item.clone());
    let errors = errors.to_compile_errors();
    quote! {
        #cleaned
        #forwarded
        #errors
    }
}

/// The user's impl block as written, minus `#[handler]`, `#[on_start]` and
/// `#[on_stop]`, which have done their job.
fn without_markers(mut item: ItemImpl) -> ItemImpl {
    for impl_item in &mut item.items {
        if let ImplItem::Fn(method) = impl_item {
            method.attrs.retain(|attr| Role::of(attr).is_none());
        }
    }
    item
}

/// The bridge call: the impl header and, for each handler and hook, its
/// signature with an empty body. Handlers with errors are forwarded as
/// stubs (`#[handler(__stub)]`).
fn forward(actor: &ActorImpl<'_>) -> TokenStream {
    let item = actor.item;
    let mut path = actor.self_path.path.clone();
    let last = path.segments.last_mut().expect("a type path has a segment");
    let actor_ident = last.ident.clone();
    // Resolved as before but located at `Counter` in `impl Counter`: when the
    // struct lacks `#[actor]`, "cannot find macro" points there.
    last.ident = bridge_name(&actor_ident);
    last.ident.set_span(Span::call_site().located_at(actor_ident.span()));
    last.arguments = syn::PathArguments::None;

    let signatures = actor.handlers.iter().map(|handler| forwarded_method(handler.method, quote!(#[handler])));
    let stubs = actor.stubs.iter().map(|method| forwarded_method(method, quote!(#[handler(__stub)])));
    let on_start = actor.on_start.iter().map(|hook| forwarded_method(hook.method, quote!(#[on_start])));
    let on_stop = actor.on_stop.iter().map(|hook| forwarded_method(hook.method, quote!(#[on_stop])));
    let (impl_generics, _, where_clause) = item.generics.split_for_impl();
    let self_ty = &item.self_ty;
    let span = actor_ident.span();
    quote_spanned! {span=>
        #path! {
            impl #impl_generics #self_ty #where_clause {
                #(#signatures)*
                #(#stubs)*
                #(#on_start)*
                #(#on_stop)*
            }
        }
    }
}

fn forwarded_method(method: &ImplItemFn, marker: TokenStream) -> TokenStream {
    let docs = docs(&method.attrs);
    let cfgs = cfgs(&method.attrs);
    let deprecations = deprecations(&method.attrs);
    let vis = &method.vis;
    let sig = &method.sig;
    quote! {
        #marker
        #(#cfgs)*
        #(#deprecations)*
        #(#docs)*
        #vis #sig {}
    }
}

/// `#[handler]`, `#[on_start]` or `#[on_stop]` outside an `#[actor]` impl block.
pub(crate) fn stray_marker(role: Role, item: TokenStream) -> TokenStream {
    let what = role.attribute();
    let message = match syn::parse2::<syn::ImplItemFn>(item.clone()) {
        Ok(method) if method.sig.receiver().is_some() => format!(
            "`{what}` only works inside an `#[actor]` impl block; add `#[actor]` to the `impl` block that holds `{}`, and to its struct",
            method.sig.ident
        ),
        Ok(function) => format!(
            "`{what}` marks a `&self` or `&mut self` method of an `#[actor]` impl block, and `{}` has no `self`; make it a method of `#[actor] impl YourActor {{ ... }}`",
            function.sig.ident
        ),
        Err(_) => format!("`{what}` marks a method of an `#[actor]` impl block; remove it here"),
    };
    let error = syn::Error::new(Span::call_site(), message).to_compile_error();
    quote!(#error #item)
}

/// `#[actor]` on something that cannot be an actor.
pub(crate) fn wrong_item(item: &syn::Item) -> TokenStream {
    let (tokens, message): (TokenStream, &str) = match item {
        syn::Item::Enum(item) => (
            item.enum_token.to_token_stream(),
            "`#[actor]` goes on a struct, not an enum; keep the enum as a field: `#[actor] struct Machine { state: State }`",
        ),
        syn::Item::Trait(item) => (
            item.trait_token.to_token_stream(),
            "`#[actor]` goes on a struct and on its impl block, not on a trait",
        ),
        syn::Item::Union(item) => (item.union_token.to_token_stream(), "`#[actor]` goes on a struct, not a union"),
        syn::Item::Fn(item) => (
            item.sig.fn_token.to_token_stream(),
            "`#[actor]` goes on a struct and on its impl block, not on a function",
        ),
        other => (other.to_token_stream(), "`#[actor]` goes on a struct and on its impl block"),
    };
    let error = syn::Error::new_spanned(tokens, message).to_compile_error();
    quote!(#error #item)
}
