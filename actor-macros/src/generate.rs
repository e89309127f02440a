//! `actor_impl!`, which the struct's bridge calls with both halves of the
//! actor: the message enum, the `Actor` impl and the address methods.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::visit_mut::VisitMut;
use syn::{FnArg, Ident, ItemImpl, Path, Type, Visibility};

use crate::ast::{method_span, type_span, ActorImpl, Handler, Hook, Input};
use crate::attr::{cfgs, deprecations};
use crate::errors::Errors;
use crate::types::{check_arg_type, check_reply_type};
use crate::valid::variant_name;

/// `[crate] [vis] [Message] [Addr] impl ... { signatures }`, as the bridge passes it.
pub(crate) struct BridgeInput {
    krate: Path,
    vis: Visibility,
    message: Ident,
    addr: Ident,
    item: ItemImpl,
}

impl Parse for BridgeInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<BridgeInput> {
        fn bracketed<T>(
            input: ParseStream<'_>,
            parse: impl FnOnce(ParseStream<'_>) -> syn::Result<T>,
        ) -> syn::Result<T> {
            let content;
            syn::bracketed!(content in input);
            parse(&content)
        }
        Ok(BridgeInput {
            krate: bracketed(input, Path::parse_mod_style)?,
            vis: bracketed(input, Visibility::parse)?,
            message: bracketed(input, Ident::parse)?,
            addr: bracketed(input, Ident::parse)?,
            item: input.parse()?,
        })
    }
}

/// Names and types every generated item needs.
struct Names<'a> {
    krate: &'a Path,
    vis: &'a Visibility,
    message: &'a Ident,
    addr: &'a Ident,
    self_ty: &'a Type,
    actor_name: String,
}

/// `actor_impl!` as `proc_macro2` tokens: what the bridge hands over, parsed
/// and expanded.
pub(crate) fn bridged(input: TokenStream) -> TokenStream {
    match syn::parse2::<BridgeInput>(input) {
        Ok(input) => actor_impl(input),
        Err(error) => error.into_compile_error(),
    }
}

pub(crate) fn actor_impl(input: BridgeInput) -> TokenStream {
    // The impl block's own expansion has already reported every error; what
    // reaches here is either valid or marked as a stub.
    let Some(actor) = ActorImpl::parse(&input.item, &mut Errors::default()) else {
        return TokenStream::new();
    };
    let names = Names {
        krate: &input.krate,
        vis: &input.vis,
        message: &input.message,
        addr: &input.addr,
        self_ty: &input.item.self_ty,
        actor_name: actor.self_path.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default(),
    };
    let message_enum = message_enum(&actor, &names);
    let actor_trait = actor_trait_impl(&actor, &names);
    let address = address_methods(&actor, &names);
    let checks = sendable_checks(&actor, &names);
    quote! {
        #message_enum
        #address
        const _: () = {
            #actor_trait
            #checks
        };
    }
}

/// `Self` in a handler's types means the actor, but in generated items it
/// would mean the enum or the address: spell the actor out instead, in type
/// positions (`Self`, `Self::Item`) and in expressions inside types
/// (`[u8; Self::LEN]`).
struct ReplaceSelf<'a>(&'a Type);

impl VisitMut for ReplaceSelf<'_> {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let Type::Path(path) = ty {
            if path.qself.is_none() && path.path.segments.first().is_some_and(|segment| segment.ident == "Self") {
                let self_ty = self.0;
                let rest = path.path.segments.iter().skip(1);
                *ty = if path.path.segments.len() == 1 {
                    self_ty.clone()
                } else {
                    syn::parse_quote!(<#self_ty> #(:: #rest)*)
                };
                return;
            }
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }

    fn visit_expr_path_mut(&mut self, expr: &mut syn::ExprPath) {
        if expr.qself.is_none() && expr.path.segments.len() > 1 && expr.path.segments[0].ident == "Self" {
            let self_ty = self.0;
            let rest = expr.path.segments.iter().skip(1);
            *expr = syn::parse_quote!(<#self_ty> #(:: #rest)*);
            return;
        }
        syn::visit_mut::visit_expr_path_mut(self, expr);
    }
}

fn resolve_self(ty: &Type, self_ty: &Type) -> Type {
    let mut ty = ty.clone();
    ReplaceSelf(self_ty).visit_type_mut(&mut ty);
    ty
}

/// The impl block's generics with `Self` spelled out in the where clause
/// (`where Self: Send`), for items where `Self` is something else.
fn generics_without_self(item: &ItemImpl) -> syn::Generics {
    let mut generics = item.generics.clone();
    if let Some(where_clause) = &mut generics.where_clause {
        ReplaceSelf(&item.self_ty).visit_where_clause_mut(where_clause);
    }
    generics
}

fn variant_ident(handler_name: &Ident) -> Ident {
    Ident::new(&variant_name(&handler_name.to_string()), handler_name.span())
}

/// The type parameters of the impl block, for a phantom variant: an enum must
/// use every parameter, and handlers may not mention them all.
fn phantom_types(item: &ItemImpl) -> Vec<&Ident> {
    item.generics.type_params().map(|param| &param.ident).collect()
}

/// The internal names, out of reach of the user's own identifiers.
fn reply_field() -> Ident {
    Ident::new("__reply", Span::mixed_site())
}

fn message_enum(actor: &ActorImpl<'_>, names: &Names<'_>) -> TokenStream {
    let Names { krate, vis, message, addr, self_ty, actor_name } = names;
    let generics = generics_without_self(actor.item);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let reply = reply_field();
    let variants = actor.handlers.iter().map(|handler| {
        let variant = variant_ident(handler.name());
        let docs = handler_docs(handler.method, actor_name);
        let fields = handler.args().map(|(name, ty)| {
            let ty = resolve_self(ty, self_ty);
            let doc = format!("The `{name}` argument.");
            quote!(#[doc = #doc] #name: #ty)
        });
        let output = resolve_self(&handler.output, self_ty);
        let cfgs = cfgs(&handler.method.attrs);
        quote! {
            #(#cfgs)*
            #(#docs)*
            #variant {
                #(#fields,)*
                #[doc(hidden)]
                #reply: #krate::Reply<#output>,
            }
        }
    });
    let phantom = phantom_types(actor.item);
    let phantom_variant = (!phantom.is_empty()).then(|| {
        quote! {
            #[doc(hidden)]
            __Phantom(::core::marker::PhantomData<fn() -> (#(#phantom,)*)>, ::core::convert::Infallible),
        }
    });
    let debug_arms = actor.handlers.iter().map(|handler| {
        let variant = variant_ident(handler.name());
        let text = format!("{message}::{variant} {{ .. }}");
        let cfgs = cfgs(&handler.method.attrs);
        quote!(#(#cfgs)* Self::#variant { .. } => f.write_str(#text),)
    });
    let phantom_debug = phantom_variant.as_ref().map(|_| quote!(Self::__Phantom(_, never) => match never {},));
    let doc = format!(
        "The messages a [`{actor_name}`] actor handles: one variant per `#[handler]` method, carrying its arguments and its reply channel.\n\n\
         Build them through the methods of [`{addr}`]."
    );
    quote! {
        #[doc = #doc]
        // A private handler may take a private type; its variant then holds a
        // type more private than the enum. Only code that can name the type
        // can build the variant, so nothing leaks.
        #[allow(private_interfaces)]
        #vis enum #message #generics #where_clause {
            #(#variants,)*
            #phantom_variant
        }

        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #message #ty_generics #where_clause {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let _ = &f;
                    match *self {
                        #(#debug_arms)*
                        #phantom_debug
                    }
                }
            }
        };
    }
}

/// A handler's docs, or a line naming it so that `missing_docs` is satisfied.
fn handler_docs(method: &syn::ImplItemFn, actor_name: &str) -> Vec<TokenStream> {
    let docs = crate::attr::docs(&method.attrs);
    if docs.is_empty() {
        let doc = format!("Sends `{actor_name}::{}` to the actor.", method.sig.ident);
        vec![quote!(#[doc = #doc])]
    } else {
        docs.into_iter().map(|attr| quote!(#attr)).collect()
    }
}

fn actor_trait_impl(actor: &ActorImpl<'_>, names: &Names<'_>) -> TokenStream {
    let Names { krate, message, addr, self_ty, .. } = names;
    let (impl_generics, ty_generics, where_clause) = actor.item.generics.split_for_impl();
    let turbofish = ty_generics.as_turbofish();
    let addr_args = &actor.self_path.path.segments.last().expect("a type path has a segment").arguments;
    let message_var = Ident::new("__message", Span::mixed_site());
    let ctx = Ident::new("__ctx", Span::mixed_site());
    let reply = reply_field();
    let arms = actor.handlers.iter().map(|handler| {
        let variant = variant_ident(handler.name());
        let fields = handler.args().map(|(name, _)| name);
        let call = method_call(handler.method, &handler.inputs, &ctx, None);
        let span = method_span(handler.method);
        let dispatch = if handler.is_async() {
            quote_spanned!(span=> #krate::__private::dispatch_async(#reply, #call).await)
        } else {
            quote_spanned!(span=> #krate::__private::dispatch(#reply, || #call))
        };
        let cfgs = cfgs(&handler.method.attrs);
        quote! {
            #(#cfgs)*
            #message #turbofish::#variant { #(#fields,)* #reply } => #dispatch,
        }
    });
    let phantom = (!phantom_types(actor.item).is_empty()).then(|| {
        let never = Ident::new("__never", Span::mixed_site());
        quote!(#message #turbofish::__Phantom(_, #never) => match #never {},)
    });
    let on_start = actor.on_start.as_ref().map(|hook| hook_method(hook, names, &ctx, quote!(on_start), None));
    let reason = Ident::new("__reason", Span::mixed_site());
    let on_stop = match &actor.on_stop {
        Some(hook) => hook_method(hook, names, &ctx, quote!(on_stop), Some(&reason)),
        // Lets the runtime skip the hook, and keep no room for it.
        None => quote!(
            const HAS_ON_STOP: bool = false;
        ),
    };
    quote! {
        #[automatically_derived]
        // The trait promises `impl Future + Send`; the bodies are `async move`
        // blocks, which clippy would rather see as `async fn`.
        #[allow(clippy::manual_async_fn)]
        impl #impl_generics #krate::Actor for #self_ty #where_clause {
            type Message = #message #ty_generics;
            type Addr = #addr #addr_args;

            // The actor loop calling a `#[deprecated]` handler is not a use
            // the user wrote; calls through the address still warn.
            #[allow(deprecated)]
            fn handle(
                &mut self,
                #message_var: Self::Message,
                #ctx: &mut #krate::Context<Self>,
            ) -> impl ::core::future::Future<Output = ()> + ::core::marker::Send {
                async move {
                    match #message_var {
                        #(#arms)*
                        #phantom
                    }
                }
            }

            #on_start
            #on_stop
        }
    }
}

/// `Self::name(self, args...)` with the context (and stop reason) in the
/// places the user put them.
fn method_call(method: &syn::ImplItemFn, inputs: &[Input<'_>], ctx: &Ident, reason: Option<&Ident>) -> TokenStream {
    let name = &method.sig.ident;
    let args = inputs.iter().map(|input| match input {
        Input::Arg { name, .. } => quote!(#name),
        Input::Context => quote!(#ctx),
        Input::Reason => quote!(#reason),
    });
    quote!(Self::#name(self, #(#args),*))
}

fn hook_method(
    hook: &Hook<'_>,
    names: &Names<'_>,
    ctx: &Ident,
    trait_method: TokenStream,
    reason: Option<&Ident>,
) -> TokenStream {
    let krate = names.krate;
    let call = method_call(hook.method, &hook.inputs, ctx, reason);
    let body = if hook.is_async() { quote!(#call.await) } else { quote!(#call) };
    let reason_param = reason.map(|reason| quote!(#reason: &#krate::StopReason,));
    let cfgs = cfgs(&hook.method.attrs);
    quote! {
        #(#cfgs)*
        #[allow(deprecated)]
        fn #trait_method(
            &mut self,
            #reason_param
            #ctx: &mut #krate::Context<Self>,
        ) -> impl ::core::future::Future<Output = ()> + ::core::marker::Send {
            async move { #body }
        }
    }
}

fn address_methods(actor: &ActorImpl<'_>, names: &Names<'_>) -> TokenStream {
    let Names { addr, .. } = names;
    let generics = generics_without_self(actor.item);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let addr_args = &actor.self_path.path.segments.last().expect("a type path has a segment").arguments;
    let methods = actor.handlers.iter().map(|handler| address_method(actor, handler, names));
    let stubs = actor.stubs.iter().map(|method| stub_method(method, names));
    quote! {
        impl #impl_generics #addr #addr_args #where_clause {
            #(#methods)*
            #(#stubs)*
        }
    }
}

fn address_method(actor: &ActorImpl<'_>, handler: &Handler<'_>, names: &Names<'_>) -> TokenStream {
    let Names { krate, message, self_ty, actor_name, .. } = names;
    let (_, ty_generics, _) = actor.item.generics.split_for_impl();
    let turbofish = ty_generics.as_turbofish();
    let vis = &handler.method.vis;
    let name = handler.name();
    let variant = variant_ident(name);
    let docs = handler_docs(handler.method, actor_name);
    let params = handler.args().map(|(name, ty)| {
        let ty = resolve_self(ty, self_ty);
        quote!(#name: #ty)
    });
    let fields = handler.args().map(|(name, _)| name);
    let output = resolve_self(&handler.output, self_ty);
    let reply = reply_field();
    let slot = Ident::new("__slot", Span::mixed_site());
    let cfgs = cfgs(&handler.method.attrs);
    let deprecations = deprecations(&handler.method.attrs);
    quote! {
        #(#cfgs)*
        #(#deprecations)*
        #(#docs)*
        #[inline]
        #vis fn #name(&self, #(#params),*) -> #krate::Request<'_, #self_ty, #output> {
            #krate::__private::request(
                ::core::ops::Deref::deref(self),
                #message #turbofish::#variant { #(#fields,)* #reply: #krate::__private::Reply::none() },
                |#slot| match #slot {
                    #message #turbofish::#variant { #reply, .. } => #reply,
                    // Other variants cannot reach here: the slot accessor
                    // only ever sees the message built just above.
                    #[allow(unreachable_patterns)]
                    _ => ::core::unreachable!(),
                },
            )
        }
    }
}

/// An address method for a handler with errors: it keeps callers
/// type-checking against the signature as written, so the one real error is
/// not buried under "no method named ..." errors. It never runs: the crate
/// does not compile while the handler has errors. A type that the macro
/// reported is left out (an argument takes any value, the reply is `()`):
/// in the stub it would only fail again (`_`, `dyn Trait`, `Vec<impl Trait>`).
fn stub_method(method: &syn::ImplItemFn, names: &Names<'_>) -> TokenStream {
    let Names { krate, self_ty, .. } = names;
    let vis = &method.vis;
    let name = &method.sig.ident;
    let generics = &method.sig.generics;
    let params = method.sig.inputs.iter().filter_map(|arg| match arg {
        FnArg::Typed(pat_type) if !is_context_or_reason(&pat_type.ty) => {
            if reported(|errors| check_arg_type(&pat_type.ty, errors)) {
                Some(quote!(_: impl ::core::marker::Sized))
            } else {
                let ty = resolve_self(&pat_type.ty, self_ty);
                Some(quote!(_: #ty))
            }
        }
        _ => None,
    });
    let output = match &method.sig.output {
        syn::ReturnType::Type(_, ty) if !reported(|errors| check_reply_type(ty, errors)) => resolve_self(ty, self_ty),
        _ => syn::parse_quote!(()),
    };
    let cfgs = cfgs(&method.attrs);
    quote! {
        #(#cfgs)*
        #[doc(hidden)]
        #[allow(unused_variables, clippy::diverging_sub_expression)]
        #vis fn #name #generics(&self, #(#params),*) -> #krate::Request<'_, #self_ty, #output> {
            ::core::unreachable!("a handler with compile errors")
        }
    }
}

/// Whether a check reports an error.
fn reported(check: impl FnOnce(&mut Errors)) -> bool {
    let mut errors = Errors::default();
    check(&mut errors);
    !errors.is_empty()
}

fn is_context_or_reason(ty: &Type) -> bool {
    match ty {
        Type::Reference(reference) => match &*reference.elem {
            Type::Path(path) => {
                path.path.segments.last().is_some_and(|s| s.ident == "Context" || s.ident == "StopReason")
            }
            _ => false,
        },
        _ => false,
    }
}

/// Compile-time checks that arguments and replies can cross tasks, each
/// pointing at the user's type when it fails.
fn sendable_checks(actor: &ActorImpl<'_>, names: &Names<'_>) -> TokenStream {
    let krate = names.krate;
    let generics = generics_without_self(actor.item);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let checks = actor.handlers.iter().flat_map(|handler| {
        let cfgs = cfgs(&handler.method.attrs);
        let args = handler.args().map(|(_, ty)| (ty.clone(), quote!(assert_sendable_argument)));
        let output = std::iter::once((handler.output.clone(), quote!(assert_sendable_reply)));
        args.chain(output).map(move |(ty, check)| {
            let span = type_span(&ty);
            let ty = resolve_self(&ty, names.self_ty);
            quote_spanned!(span=> #(#cfgs)* #krate::__private::#check::<#ty>();)
        })
    });
    let name = format_ident!("__assert_sendable", span = Span::mixed_site());
    quote! {
        #[allow(dead_code)]
        fn #name #impl_generics () #where_clause {
            #(#checks)*
        }
    }
}
