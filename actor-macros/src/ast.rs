//! A model of the `#[actor]` impl block: its handlers and hooks, borrowed from
//! the user's syntax tree so that every error can point at the user's code.
//! The checks that need one method at a time happen here, while reading it.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{FnArg, Ident, ImplItem, ImplItemFn, ItemImpl, Pat, PatType, Receiver, ReturnType, Type};

use crate::attr::{check_marker, is_stub_marker, Role};
use crate::errors::Errors;
use crate::types::{check_arg_type, check_reply_type, last_segment_is, source_text};

pub(crate) struct ActorImpl<'a> {
    pub(crate) item: &'a ItemImpl,
    /// The actor's type path, as in `impl Counter` or `impl Cache<K, V>`.
    pub(crate) self_path: &'a syn::TypePath,
    pub(crate) handlers: Vec<Handler<'a>>,
    /// Handlers with errors: they get an address method that type-checks the
    /// callers, so that one mistake is reported once.
    pub(crate) stubs: Vec<&'a ImplItemFn>,
    pub(crate) on_start: Option<Hook<'a>>,
    pub(crate) on_stop: Option<Hook<'a>>,
    /// Whether the impl block has lifetimes, which every generated item would trip on.
    pub(crate) borrows: bool,
}

pub(crate) struct Handler<'a> {
    pub(crate) method: &'a ImplItemFn,
    pub(crate) inputs: Vec<Input<'a>>,
    pub(crate) output: Type,
}

pub(crate) struct Hook<'a> {
    pub(crate) method: &'a ImplItemFn,
    pub(crate) inputs: Vec<Input<'a>>,
}

/// One parameter after `self`.
pub(crate) enum Input<'a> {
    /// A message field: `by: u64`.
    Arg { name: &'a Ident, ty: &'a Type },
    /// `ctx: &mut Context<Self>`: handed over by the actor loop, not sent.
    Context,
    /// `reason: &StopReason`, for `#[on_stop]`.
    Reason,
}

impl Handler<'_> {
    pub(crate) fn name(&self) -> &Ident {
        &self.method.sig.ident
    }

    pub(crate) fn is_async(&self) -> bool {
        self.method.sig.asyncness.is_some()
    }

    pub(crate) fn args(&self) -> impl Iterator<Item = (&Ident, &Type)> {
        self.inputs.iter().filter_map(|input| match input {
            Input::Arg { name, ty } => Some((*name, *ty)),
            _ => None,
        })
    }
}

impl Hook<'_> {
    pub(crate) fn is_async(&self) -> bool {
        self.method.sig.asyncness.is_some()
    }
}

/// The `#[handler]`, `#[on_start]` or `#[on_stop]` marker of a method, if any.
/// Two markers on one method are an error.
pub(crate) fn role_of(method: &ImplItemFn, errors: &mut Errors) -> Option<Role> {
    let mut found: Option<Role> = None;
    for attr in &method.attrs {
        let Some(role) = Role::of(attr) else { continue };
        if role != Role::Handler || !is_stub_marker(attr) {
            check_marker(attr, role, errors);
        }
        match found {
            None => found = Some(role),
            Some(first) => errors.at(
                attr,
                format_args!(
                    "a method can have one role; it is already `{}`, so remove `{}`",
                    first.attribute(),
                    role.attribute()
                ),
            ),
        }
    }
    found
}

impl<'a> ActorImpl<'a> {
    /// Reads the impl block, recording each mistake in `errors`. Returns `None`
    /// only when the block is not an inherent impl of a named type at all.
    pub(crate) fn parse(item: &'a ItemImpl, errors: &mut Errors) -> Option<ActorImpl<'a>> {
        if let Some((_, trait_path, _)) = &item.trait_ {
            errors.at(
                trait_path,
                "`#[actor]` goes on the actor's own impl block (`impl Counter { ... }`), not on a trait impl",
            );
            return None;
        }
        let Type::Path(self_path) = &*item.self_ty else {
            errors.at(&item.self_ty, "`#[actor]` goes on `impl YourActor { ... }` for a struct marked `#[actor]`");
            return None;
        };
        if self_path.qself.is_some() {
            errors.at(&item.self_ty, "`#[actor]` goes on `impl YourActor { ... }` for a struct marked `#[actor]`");
            return None;
        }
        if let Some(outside) = outside_path(&self_path.path) {
            // The generated message enum and address methods are items of the
            // impl block's module, and must sit beside the struct's address.
            errors.at(
                outside,
                format_args!(
                    "an `#[actor]` impl block goes in the same module as its struct; move it next to `struct {0}` and write `impl {0}`",
                    self_path.path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default()
                ),
            );
            return None;
        }
        let borrows = check_lifetimes(item, self_path, errors);
        let mut actor = ActorImpl {
            item,
            self_path,
            handlers: Vec::new(),
            stubs: Vec::new(),
            on_start: None,
            on_stop: None,
            borrows,
        };
        // The first method of each hook role, even one left out for its errors.
        let mut on_start: Option<&ImplItemFn> = None;
        let mut on_stop: Option<&ImplItemFn> = None;
        for impl_item in &item.items {
            let ImplItem::Fn(method) = impl_item else { continue };
            match role_of(method, errors) {
                None => {}
                Some(Role::Handler) => {
                    let mut own = Errors::default();
                    let handler = parse_handler(method, &mut own);
                    let stub = method.attrs.iter().any(is_stub_marker);
                    match handler {
                        Some(handler) if own.is_empty() && !stub => actor.handlers.push(handler),
                        _ => actor.stubs.push(method),
                    }
                    errors.extend(own);
                }
                Some(role) => {
                    let mut own = Errors::default();
                    let hook = parse_hook(method, role, &mut own);
                    let (seen, slot) = match role {
                        Role::OnStart => (&mut on_start, &mut actor.on_start),
                        _ => (&mut on_stop, &mut actor.on_stop),
                    };
                    if let Some(first) = seen {
                        own.at(
                            &method.sig.ident,
                            format_args!(
                                "an actor has one `{}` hook and `{}` is already it; merge the two",
                                role.attribute(),
                                first.sig.ident
                            ),
                        );
                    } else {
                        *seen = Some(method);
                        // A hook with errors is left out of the generated
                        // `Actor` impl, which would only fail again calling it.
                        if own.is_empty() {
                            *slot = hook;
                        }
                    }
                    errors.extend(own);
                }
            }
        }
        Some(actor)
    }
}

/// Lifetimes on the impl block (`impl<'a> Greeter<'a>`) or, when it declares
/// none, in its type (`impl Greeter<'_>`); returns whether there were any.
fn check_lifetimes(item: &ItemImpl, self_path: &syn::TypePath, errors: &mut Errors) -> bool {
    let mut lifetimes: Vec<&syn::Lifetime> = item.generics.lifetimes().map(|param| &param.lifetime).collect();
    if lifetimes.is_empty() {
        let arguments = self_path.path.segments.iter().flat_map(|segment| match &segment.arguments {
            syn::PathArguments::AngleBracketed(arguments) => arguments.args.iter().collect(),
            _ => Vec::new(),
        });
        lifetimes.extend(arguments.filter_map(|argument| match argument {
            syn::GenericArgument::Lifetime(lifetime) => Some(lifetime),
            _ => None,
        }));
    }
    for lifetime in &lifetimes {
        errors.at(
            lifetime,
            "an actor runs on its own task, so it cannot borrow: remove this lifetime from the impl block and from the struct, and own the data instead",
        );
    }
    !lifetimes.is_empty()
}

fn parse_handler<'a>(method: &'a ImplItemFn, errors: &mut Errors) -> Option<Handler<'a>> {
    check_signature_basics(method, Role::Handler, errors);
    let receiver = check_receiver(method, Role::Handler, errors);
    let inputs = parse_inputs(method, Role::Handler, errors);
    let output = match &method.sig.output {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, ty) => {
            check_reply_type(ty, errors);
            (**ty).clone()
        }
    };
    receiver?;
    Some(Handler { method, inputs, output })
}

fn parse_hook<'a>(method: &'a ImplItemFn, role: Role, errors: &mut Errors) -> Option<Hook<'a>> {
    check_signature_basics(method, role, errors);
    let receiver = check_receiver(method, role, errors);
    let inputs = parse_inputs(method, role, errors);
    if let ReturnType::Type(_, ty) = &method.sig.output {
        if !is_unit(ty) {
            errors.at(
                ty,
                format_args!(
                    "{} hook returns nothing; remove `-> {}` (to keep a value, store it in a field)",
                    role.a_attribute(),
                    source_text(ty)
                ),
            );
        }
    }
    receiver?;
    Some(Hook { method, inputs })
}

/// The leading segments of `path::to::Actor`, unless the path stays in this
/// module (`Actor`, `self::Actor`).
fn outside_path(path: &syn::Path) -> Option<TokenStream> {
    let segments: Vec<_> = path.segments.iter().collect();
    let (_, leading) = segments.split_last()?;
    let stays_here = path.leading_colon.is_none() && leading.iter().all(|segment| segment.ident == "self");
    if stays_here {
        return None;
    }
    let leading_colon = &path.leading_colon;
    Some(quote::quote!(#leading_colon #(#leading)::*))
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}

fn check_signature_basics(method: &ImplItemFn, role: Role, errors: &mut Errors) {
    let sig = &method.sig;
    let what = role.a_attribute();
    if !sig.generics.params.is_empty() {
        let because = if role == Role::Handler {
            "its arguments become fields of the message enum, which needs concrete types; use concrete types, or make the actor struct generic instead"
        } else {
            "the actor loop calls it with no types to choose; remove the type parameters"
        };
        errors.at(&sig.generics, format_args!("{what} method cannot be generic: {because}"));
    }
    if let Some(where_clause) = &sig.generics.where_clause {
        errors.at(
            where_clause,
            format_args!("{what} method cannot have its own `where` clause; put the bounds on the impl block"),
        );
    }
    if let Some(constness) = &sig.constness {
        errors.at(constness, format_args!("{what} method cannot be `const`; remove `const`"));
    }
    if let Some(unsafety) = &sig.unsafety {
        errors.at(
            unsafety,
            format_args!(
                "{what} method cannot be `unsafe`: the actor loop calls it with no way to uphold its contract; remove `unsafe` and put an `unsafe` block inside"
            ),
        );
    }
    if let Some(abi) = &sig.abi {
        errors.at(abi, format_args!("{what} method cannot have an `extern` ABI; remove it"));
    }
    if let Some(variadic) = &sig.variadic {
        errors.at(variadic, format_args!("{what} method cannot be variadic; take a `Vec` instead"));
    }
}

/// `&self` or `&mut self`, or an error saying what to write instead.
fn check_receiver<'a>(method: &'a ImplItemFn, role: Role, errors: &mut Errors) -> Option<&'a Receiver> {
    let what = role.a_attribute();
    match method.sig.inputs.first() {
        Some(FnArg::Receiver(receiver)) if receiver.reference.is_some() && receiver.colon_token.is_none() => {
            if let Some((_, Some(lifetime))) = &receiver.reference {
                errors.at(
                    lifetime,
                    format_args!(
                        "{what} method takes a plain `&self` or `&mut self`; remove the lifetime `{lifetime}`"
                    ),
                );
            }
            Some(receiver)
        }
        Some(FnArg::Receiver(receiver)) if receiver.reference.is_none() && receiver.colon_token.is_none() => {
            errors.at(
                receiver,
                format_args!(
                    "{what} method takes `&self` or `&mut self`, not `self`: the actor keeps its state after each message, so a method cannot consume it"
                ),
            );
            None
        }
        Some(FnArg::Receiver(receiver)) => {
            errors.at(
                receiver,
                format_args!(
                    "{what} method takes `&self` or `&mut self`, not `self: {}`: the actor lends itself to each call; write `&self` or `&mut self`",
                    source_text(&receiver.ty)
                ),
            );
            None
        }
        _ => {
            errors.at(
                &method.sig.ident,
                format_args!("{what} method needs `&self` or `&mut self` as its first parameter; associated functions cannot be messages"),
            );
            None
        }
    }
}

/// The parameters after `self`, checked one by one.
fn parse_inputs<'a>(method: &'a ImplItemFn, role: Role, errors: &mut Errors) -> Vec<Input<'a>> {
    let mut inputs = Vec::new();
    let mut context: Option<&PatType> = None;
    let mut reason: Option<&PatType> = None;
    for arg in method.sig.inputs.iter() {
        let FnArg::Typed(pat_type) = arg else { continue };
        let input = match classify(pat_type, role, errors) {
            Some(input) => input,
            None => continue,
        };
        let seen = match input {
            Input::Context => Some(&mut context),
            Input::Reason => Some(&mut reason),
            Input::Arg { .. } => None,
        };
        if let Some(seen) = seen {
            if let Some(first) = seen {
                let what = if matches!(input, Input::Context) { "context" } else { "stop reason" };
                let first = source_text(&first.pat);
                errors.at(
                    pat_type,
                    format_args!(
                        "`{first}` already takes the {what}, which comes once; remove this parameter and use `{first}`"
                    ),
                );
                continue;
            }
            *seen = Some(pat_type);
        }
        inputs.push(input);
    }
    inputs
}

fn classify<'a>(pat_type: &'a PatType, role: Role, errors: &mut Errors) -> Option<Input<'a>> {
    let ty = &*pat_type.ty;
    if let Type::Reference(reference) = ty {
        if last_segment_is(&reference.elem, "Context") {
            if reference.mutability.is_none() {
                errors.at(
                    ty,
                    format_args!(
                        "take the context mutably: change `{}` to `&mut {}`",
                        source_text(ty),
                        source_text(&reference.elem)
                    ),
                );
            }
            return Some(Input::Context);
        }
        if last_segment_is(&reference.elem, "StopReason") {
            if role != Role::OnStop {
                errors.at(
                    ty,
                    format_args!(
                        "only `#[on_stop]` receives the stop reason; remove this parameter from the `{}` method",
                        role.attribute()
                    ),
                );
                return None;
            }
            return Some(Input::Reason);
        }
    }
    if last_segment_is(ty, "Context") {
        errors.at(ty, format_args!("take the context by reference: change `{0}` to `&mut {0}`", source_text(ty)));
        return None;
    }
    if role != Role::Handler {
        let takes =
            if role == Role::OnStop { "`&mut Context<Self>` and `&StopReason`" } else { "`&mut Context<Self>`" };
        errors.at(
            pat_type,
            format_args!(
                "{} hook takes only {takes}; remove `{}` and keep what the hook needs in the actor's fields",
                role.a_attribute(),
                source_text(pat_type)
            ),
        );
        return None;
    }
    let name = arg_name(pat_type, errors);
    check_arg_type(ty, errors);
    Some(Input::Arg { name: name?, ty })
}

/// The argument's name; patterns are refused because the name becomes a field.
fn arg_name<'a>(pat_type: &'a PatType, errors: &mut Errors) -> Option<&'a Ident> {
    match &*pat_type.pat {
        Pat::Ident(pat) if pat.ident == "__reply" => {
            // The message variant's own field for the reply channel.
            errors.at(
                &pat.ident,
                "`__reply` is the name of the reply channel in the generated message; rename this argument",
            );
            None
        }
        Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => Some(&pat.ident),
        Pat::Wild(wild) => {
            errors.at(wild, "give this argument a name (such as `_unused`): it becomes a field of the message");
            None
        }
        pat => {
            errors.at(
                pat,
                format_args!(
                    "handler arguments become fields of the message, so each needs a plain name; take the value whole (`value: {}`) and destructure it in the body",
                    source_text(&pat_type.ty)
                ),
            );
            None
        }
    }
}

/// The span to blame for a method as a whole: its name.
pub(crate) fn method_span(method: &ImplItemFn) -> Span {
    method.sig.ident.span()
}

/// The span of a type, for `quote_spanned!`.
pub(crate) fn type_span(ty: &Type) -> Span {
    ty.span()
}
