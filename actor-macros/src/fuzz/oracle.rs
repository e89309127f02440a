//! What the macro and rustc should make of a generated actor, written from
//! the rules in `lib.rs`'s docs and the error messages, not from the macro's
//! code: where the two disagree, one of them is wrong.

use super::case::{Case, Context, Marker, Method, Param, Pat, Receiver};
use super::ty::{Leaf, Ty};

/// What should become of a case.
#[derive(Debug)]
pub(crate) struct Verdict {
    /// Why the macro must report errors, one line per mistake: empty when
    /// it must accept the case.
    pub(crate) mistakes: Vec<String>,
    /// The handlers that become message variants.
    pub(crate) variants: Vec<String>,
    /// The handlers that get an address method, clean or stub.
    pub(crate) address_methods: Vec<String>,
    /// Whether the user's code is Rust without the macro.
    pub(crate) valid_rust: bool,
    /// Whether the type checker rejects a handler the macro accepts: an
    /// argument or reply that is not `Send` without naming `Rc` or a pointer.
    pub(crate) not_send: bool,
}

impl Verdict {
    /// Whether the expansion must compile.
    pub(crate) fn compiles(&self) -> bool {
        self.mistakes.is_empty() && self.valid_rust && !self.not_send
    }
}

impl Case {
    pub(crate) fn verdict(&self) -> Verdict {
        let names = self.names();
        let mut verdict = Verdict {
            mistakes: Vec::new(),
            variants: Vec::new(),
            address_methods: Vec::new(),
            valid_rust: true,
            not_send: false,
        };
        let mut hooks: Vec<Marker> = Vec::new();
        for (method, name) in self.methods.iter().zip(&names) {
            verdict.valid_rust &= method.is_valid_rust();
            let Some(marker) = method.marker else { continue };
            let mut mistakes = method.mistakes(marker);
            if matches!(marker, Marker::OnStart | Marker::OnStop) {
                if hooks.contains(&marker) {
                    mistakes.push("a second hook of the same kind".to_owned());
                }
                hooks.push(marker);
            } else {
                verdict.address_methods.push(name.clone());
                // A handler with a taken name is still a message: the error
                // is on the name, not the signature.
                if ["id", "stop", "kill", "clone", "downgrade", "fmt"].contains(&name.as_str()) {
                    verdict.mistakes.push(format!("`{name}`: the name of an address method"));
                }
                if mistakes.is_empty() {
                    verdict.variants.push(name.clone());
                    let compiled = !method.compiled_out();
                    let sendable = method.types().all(|ty| ty.threads().0);
                    verdict.not_send |= compiled && !sendable;
                }
            }
            verdict.mistakes.extend(mistakes.into_iter().map(|mistake| format!("`{name}`: {mistake}")));
        }
        verdict
    }
}

impl Method {
    fn is_valid_rust(&self) -> bool {
        let returns_borrow = self.output.as_ref().is_some_and(Ty::elides);
        let borrows_self =
            matches!(self.receiver, Receiver::Ref | Receiver::RefMut | Receiver::Typed | Receiver::RefLifetime);
        let replies = self.params.iter().filter(|param| matches!(param, Param::Arg(Pat::Reply, _))).count();
        !self.types().any(|ty| ty.is_invalid() || ty.outlives_its_data())
            && (borrows_self || !returns_borrow)
            && replies <= 1
    }

    /// The types of the parameters and the return type.
    fn types(&self) -> impl Iterator<Item = &Ty> {
        self.params
            .iter()
            .filter_map(|param| match param {
                Param::Arg(_, ty) => Some(ty),
                _ => None,
            })
            .chain(&self.output)
    }

    /// What the macro must report about this method, given its marker.
    fn mistakes(&self, marker: Marker) -> Vec<String> {
        let handler = !matches!(marker, Marker::OnStart | Marker::OnStop);
        let mut mistakes: Vec<String> = Vec::new();
        if !self.generics.is_empty() {
            mistakes.push("generic".to_owned());
        }
        if self.generics.where_clause.is_some() {
            mistakes.push("a `where` clause".to_owned());
        }
        if self.unsafety {
            mistakes.push("`unsafe`".to_owned());
        }
        match self.receiver {
            Receiver::Ref | Receiver::RefMut => {}
            _ => mistakes.push("a receiver other than `&self` or `&mut self`".to_owned()),
        }
        let mut contexts = 0;
        for param in &self.params {
            match param {
                Param::Context(context) => {
                    contexts += 1;
                    if *context != Context::RefMut {
                        mistakes.push("the context not by `&mut`".to_owned());
                    }
                }
                Param::Reason if marker != Marker::OnStop => {
                    mistakes.push("a stop reason outside `#[on_stop]`".to_owned())
                }
                Param::Reason => {}
                _ if !handler => mistakes.push("an argument to a hook".to_owned()),
                Param::Tuple => mistakes.push("a pattern for an argument".to_owned()),
                Param::Arg(pat, ty) => {
                    match pat {
                        Pat::Ident | Pat::Mut => {}
                        Pat::Wild | Pat::Ref => mistakes.push("a pattern for an argument".to_owned()),
                        Pat::Reply => mistakes.push("an argument named `__reply`".to_owned()),
                    }
                    mistakes.extend(ty_mistakes(ty, "argument"));
                }
            }
        }
        if contexts > 1 {
            mistakes.push("the context twice".to_owned());
        }
        if self.params.iter().filter(|param| matches!(param, Param::Reason)).count() > 1 && marker == Marker::OnStop {
            mistakes.push("the stop reason twice".to_owned());
        }
        match &self.output {
            None | Some(Ty::Leaf(Leaf::Unit)) => {}
            Some(_) if !handler => mistakes.push("a hook that returns a value".to_owned()),
            Some(ty) => mistakes.extend(ty_mistakes(ty, "reply")),
        }
        mistakes
    }
}

/// What is wrong with a handler's argument or reply type.
fn ty_mistakes(ty: &Ty, what: &str) -> Vec<String> {
    [
        (ty.borrows(), "holds a borrow"),
        (ty.has_impl_trait(), "is `impl Trait`"),
        (ty.names_never_send(), "names a type that is never `Send`"),
        (ty.has_infer(), "is left to infer"),
        (ty.is_unsized(), "has no size"),
    ]
    .into_iter()
    .filter(|(wrong, _)| *wrong)
    .map(|(_, mistake)| format!("the {what} {mistake}"))
    .collect()
}
