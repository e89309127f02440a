//! Checks on the types a message carries: its arguments and its reply must
//! be owned, concrete and able to cross tasks. Errors name the user's type
//! as written and say what to write instead.

use quote::ToTokens;
use syn::Type;

use crate::errors::Errors;

pub(crate) fn check_arg_type(ty: &Type, errors: &mut Errors) {
    match ty {
        Type::Reference(reference) if !is_static(reference) => {
            let owned = owned_suggestion(&reference.elem);
            let borrowed = source_text(ty);
            let advice = if reference.mutability.is_some() {
                format!("change `{borrowed}` to `{owned}`, and return it if the caller needs the changes")
            } else {
                format!("change `{borrowed}` to `{owned}`")
            };
            errors.at(
                ty,
                format_args!(
                    "handler arguments travel to the actor's task, so they must be owned, not borrowed; {advice}"
                ),
            );
        }
        Type::ImplTrait(_) => errors.at(
            ty,
            "`impl Trait` cannot be a handler argument: it becomes a field of the message enum, which needs one concrete type; use a concrete type or `Box<dyn Trait + Send>`",
        ),
        Type::Infer(_) => errors.at(ty, "write the argument's type out"),
        _ if check_sized(ty, "argument", errors) => {}
        _ => check_nested(ty, "argument", errors),
    }
}

pub(crate) fn check_reply_type(ty: &Type, errors: &mut Errors) {
    match ty {
        Type::Reference(reference) if !is_static(reference) => {
            let owned = owned_suggestion(&reference.elem);
            errors.at(
                ty,
                format_args!(
                    "a reply travels back to the caller's task, so it must be owned, not borrowed; return `{owned}` instead of `{}`",
                    source_text(ty)
                ),
            );
        }
        Type::ImplTrait(_) => errors.at(
            ty,
            "a handler cannot return `impl Trait`: the reply type is part of the address method's signature; return a concrete type or `Box<dyn Trait + Send>`",
        ),
        _ if check_sized(ty, "reply", errors) => {}
        _ => check_nested(ty, "reply", errors),
    }
}

/// A type without a size where the value itself would be: `str`, `[T]` or
/// `dyn Trait`, alone or in a tuple or an array. Rustc would say so too, but
/// a dozen times, through the generated items. (Inside a generic type, such
/// as `Vec<str>`, only the type checker knows whether it is allowed.)
/// Returns whether it found one.
fn check_sized(ty: &Type, what: &str, errors: &mut Errors) -> bool {
    // What to use instead of an unsized type.
    fn sized(ty: &Type) -> Option<String> {
        match ty {
            Type::TraitObject(_) => Some(format!("`Box<{}>`", boxed_trait_object(ty))),
            Type::Slice(slice) => Some(format!("`Vec<{}>`", source_text(&slice.elem))),
            Type::Path(path) if path.qself.is_none() && path.path.is_ident("str") => Some("`String`".to_owned()),
            _ => None,
        }
    }
    let mut found = false;
    let mut parts = vec![ty];
    while let Some(ty) = parts.pop() {
        match ty {
            Type::Tuple(tuple) => parts.extend(tuple.elems.iter().rev()),
            Type::Array(array) => parts.push(&array.elem),
            Type::Paren(paren) => parts.push(&paren.elem),
            Type::Group(group) => parts.push(&group.elem),
            _ => {
                if let Some(instead) = sized(ty) {
                    errors.at(
                        ty,
                        format_args!(
                            "a handler {what} is moved between tasks, so it needs a size known at compile time, and `{}` has none; use {instead}",
                            source_text(ty)
                        ),
                    );
                    found = true;
                }
            }
        }
    }
    found
}

/// `dyn Trait` with `+ Send` added when it lacks it, to put in a `Box`.
fn boxed_trait_object(ty: &Type) -> String {
    let text = source_text(ty);
    let Type::TraitObject(object) = ty else { return text };
    let sends = object.bounds.iter().any(|bound| {
        matches!(bound, syn::TypeParamBound::Trait(bound) if bound.path.segments.last().is_some_and(|segment| segment.ident == "Send"))
    });
    let text = if object.dyn_token.is_some() { text } else { format!("dyn {text}") };
    if sends {
        text
    } else {
        format!("{text} + Send")
    }
}

/// What is wrong inside a type: `impl Trait`, `_`, borrows (`Vec<&str>`),
/// and the types that are never `Send` (`Rc`, raw pointers). The type system
/// would find the last two as well, but through the generated items, with a
/// cascade of errors pointing at `#[actor]`. The parameters and return type
/// of a `fn` pointer or of an `Fn` bound are not looked into: the type holds
/// no value of theirs, so `fn(&str)` and `Box<dyn Fn(Rc<u8>) + Send>` are
/// owned and `Send`.
fn check_nested(ty: &Type, what: &str, errors: &mut Errors) {
    use syn::visit::Visit;
    struct Finder<'e> {
        errors: &'e mut Errors,
        what: &'e str,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_type_impl_trait(&mut self, node: &'ast syn::TypeImplTrait) {
            self.errors
                .at(node, format_args!("`impl Trait` cannot appear in a handler {}: use a concrete type", self.what));
        }
        fn visit_type_reference(&mut self, node: &'ast syn::TypeReference) {
            if is_static(node) {
                // `&'static T` is as good as the `T` it lends.
                syn::visit::visit_type_reference(self, node);
            } else {
                self.errors.at(
                    node,
                    format_args!(
                        "a handler {} travels between tasks, so it cannot hold a borrow; change `{}` to `{}`",
                        self.what,
                        source_text(node),
                        owned_suggestion(&node.elem)
                    ),
                );
            }
        }
        fn visit_lifetime(&mut self, node: &'ast syn::Lifetime) {
            if node.ident != "static" && node.ident != "_" {
                self.errors
                    .at(node, format_args!("a handler {} must be `'static`; remove the lifetime `{node}`", self.what));
            }
        }
        fn visit_type_path(&mut self, node: &'ast syn::TypePath) {
            if let Some((wrong, right)) = never_send(&node.path) {
                self.errors.at(
                    node,
                    format_args!(
                        "a handler {} travels between tasks, so it must be `Send`, and `{wrong}` is not; use `{right}` instead",
                        self.what
                    ),
                );
            } else {
                syn::visit::visit_type_path(self, node);
            }
        }
        fn visit_type_infer(&mut self, node: &'ast syn::TypeInfer) {
            self.errors.at(node, format_args!("write the handler {}'s type out in full, without `_`", self.what));
        }
        fn visit_type_bare_fn(&mut self, _: &'ast syn::TypeBareFn) {}
        fn visit_parenthesized_generic_arguments(&mut self, _: &'ast syn::ParenthesizedGenericArguments) {}
        fn visit_bound_lifetimes(&mut self, _: &'ast syn::BoundLifetimes) {}
        fn visit_type_ptr(&mut self, node: &'ast syn::TypePtr) {
            self.errors.at(
                node,
                format_args!(
                    "a handler {} travels between tasks, so it must be `Send`, and a raw pointer is not; send an owned value instead",
                    self.what
                ),
            );
        }
    }
    Finder { errors, what }.visit_type(ty);
}

/// `&'static T`, which can travel between tasks as it is.
fn is_static(reference: &syn::TypeReference) -> bool {
    reference.lifetime.as_ref().is_some_and(|lifetime| lifetime.ident == "static")
}

/// `Rc` and `rc::Weak`, which are never `Send`, with their `Send` counterparts.
fn never_send(path: &syn::Path) -> Option<(&'static str, &'static str)> {
    let mut names = path.segments.iter().rev().map(|segment| &segment.ident);
    let last = names.next()?;
    if last == "Rc" {
        Some(("Rc", "std::sync::Arc"))
    } else if last == "Weak" && names.next().is_some_and(|module| module == "rc") {
        Some(("rc::Weak", "std::sync::Weak"))
    } else {
        None
    }
}

/// What to write instead of `&elem`.
fn owned_suggestion(elem: &Type) -> String {
    if last_segment_is(elem, "str") {
        return "String".to_owned();
    }
    if let Type::Slice(slice) = elem {
        return format!("Vec<{}>", source_text(&slice.elem));
    }
    if last_segment_is(elem, "Path") {
        return "PathBuf".to_owned();
    }
    source_text(elem)
}

pub(crate) fn last_segment_is(ty: &Type, name: &str) -> bool {
    match ty {
        Type::Path(path) => path.path.segments.last().is_some_and(|segment| segment.ident == name),
        _ => false,
    }
}

/// The user's code as they would write it, for messages: `&mut Vec<u8>`
/// rather than the token stream's `& mut Vec < u8 >`.
pub(crate) fn source_text(tokens: &impl ToTokens) -> String {
    const GAPS: &[(&str, &str)] = &[
        ("& ", "&"),
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
        (" ;", ";"),
        (" :: ", "::"),
        (":: ", "::"),
        (" : ", ": "),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
    ];
    let text = GAPS.iter().fold(tokens.to_token_stream().to_string(), |text, (gap, closed)| text.replace(gap, closed));
    // A `(` closes up to a name (`Fn(u32)`, `fn(&str)`), not to punctuation
    // (`x: (u32, u32)`, `-> ()`).
    let mut closed = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(char) = chars.next() {
        let after_name = closed.ends_with(|last: char| last.is_alphanumeric() || last == '_');
        if !(char == ' ' && after_name && chars.peek() == Some(&'(')) {
            closed.push(char);
        }
    }
    closed
}
