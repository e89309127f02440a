//! The types of the generated parameters and replies: how each is written,
//! a value of it, and what it is (owned, `Send`, sized, ...) for the oracle.

use super::case::Shape;

/// A type, as in a parameter or a return type.
#[derive(Clone, Debug)]
pub(crate) enum Ty {
    Leaf(Leaf),
    /// The actor's `T` (with `Shape::Generic`).
    ActorParam,
    /// The method's `U`.
    MethodParam,
    /// `[u8; N]` with the method's `N`.
    ConstArray,
    SelfType,
    Pointer(Pointer, Box<Pointee>),
    Wrap(Wrap, Box<Ty>),
    Tuple(Vec<Ty>),
    ImplTrait(Bound),
    /// `_`: not Rust in a signature; the macro must say so.
    Infer,
    /// `str`, `[T]` or `dyn Trait` without a pointer: not Rust as a
    /// parameter or return type, for it has no size.
    Unsized(Box<Pointee>),
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Leaf {
    U32,
    String,
    Bool,
    Unit,
    Bytes,
    Duration,
    /// `Cell<u32>`: `Send`, not `Sync`.
    Cell,
    Rc,
    RcWeak,
    RawPtr,
    /// `PhantomData<*const u8>`
    PhantomPtr,
    /// `fn(&str) -> usize`: holds no borrow.
    FnPtr,
    /// `fn(Rc<u32>) -> u32`: `Send`, though it names `Rc`.
    FnPtrRc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pointer {
    Box,
    Arc,
    Ref { mutable: bool, lifetime: Lifetime },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lifetime {
    Elided,
    Static,
    /// `'a`, only with the method's `'a`.
    Named,
}

#[derive(Clone, Debug)]
pub(crate) enum Pointee {
    Sized(Ty),
    Str,
    Slice(Ty),
    Dyn(Dyn),
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Dyn {
    Display,
    DisplaySend,
    DebugSendSync,
    FnSend,
    /// `Fn(&str) -> usize + Send`: the borrow is the closure's argument.
    FnRefSend,
    /// `for<'a> Fn(&'a str) -> &'a str + Send`
    HigherRanked,
    /// `Fn(Rc<u32>) + Send`
    FnRcSend,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Wrap {
    Vec,
    Option,
    /// `Result<_, String>`
    Result,
    /// `[_; 2]`
    Array,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Bound {
    Display,
    IntoString,
    /// `Iterator<Item = u32> + Send`
    Iterator,
}

/// Where a type or a value is written: in the impl block, where `Self`,
/// `T` and the method's generics are in scope, or in the code that calls
/// the handlers through the address, where `T` is `u8`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    Impl,
    Call,
}

impl Ty {
    pub(crate) fn render(&self, shape: Shape, at: At) -> String {
        match self {
            Ty::Leaf(leaf) => leaf.render().to_owned(),
            Ty::ActorParam if at == At::Call => "u8".to_owned(),
            Ty::ActorParam => "T".to_owned(),
            Ty::MethodParam => "U".to_owned(),
            Ty::ConstArray => "[u8; N]".to_owned(),
            Ty::SelfType if at == At::Call => if shape == Shape::Generic { "Fuzzed<u8>" } else { "Fuzzed" }.to_owned(),
            Ty::SelfType => "Self".to_owned(),
            Ty::Pointer(pointer, pointee) => {
                let pointee = pointee.render(shape, at, matches!(pointer, Pointer::Ref { .. }));
                match pointer {
                    Pointer::Box => format!("Box<{pointee}>"),
                    Pointer::Arc => format!("std::sync::Arc<{pointee}>"),
                    Pointer::Ref { mutable, lifetime } => {
                        let lifetime = match lifetime {
                            Lifetime::Elided => "",
                            Lifetime::Static => "'static ",
                            Lifetime::Named => "'a ",
                        };
                        let mutable = if *mutable { "mut " } else { "" };
                        format!("&{lifetime}{mutable}{pointee}")
                    }
                }
            }
            Ty::Wrap(wrap, inner) => {
                let inner = inner.render(shape, at);
                match wrap {
                    Wrap::Vec => format!("Vec<{inner}>"),
                    Wrap::Option => format!("Option<{inner}>"),
                    Wrap::Result => format!("Result<{inner}, String>"),
                    Wrap::Array => format!("[{inner}; 2]"),
                }
            }
            Ty::Tuple(elems) => match elems.as_slice() {
                [one] => format!("({},)", one.render(shape, at)),
                elems => format!("({})", elems.iter().map(|ty| ty.render(shape, at)).collect::<Vec<_>>().join(", ")),
            },
            Ty::ImplTrait(bound) => format!("impl {}", bound.render()),
            Ty::Infer => "_".to_owned(),
            Ty::Unsized(pointee) => pointee.render(shape, at, false),
        }
    }

    /// An expression of this type, fully typed so that it also works where
    /// nothing is expected of it (inside a cast).
    pub(crate) fn value(&self, shape: Shape, at: At) -> String {
        match self {
            Ty::Leaf(leaf) => leaf.value().to_owned(),
            Ty::ActorParam if at == At::Call => "0u8".to_owned(),
            Ty::ActorParam => "T::default()".to_owned(),
            Ty::MethodParam => "U::default()".to_owned(),
            Ty::ConstArray => "[0u8; N]".to_owned(),
            Ty::SelfType => shape.value(at).to_owned(),
            Ty::Pointer(pointer, pointee) => pointee.value(*pointer, self.render(shape, at), shape, at),
            Ty::Wrap(wrap, inner) => {
                let inner = inner.value(shape, at);
                match wrap {
                    Wrap::Vec => format!("vec![{inner}]"),
                    Wrap::Option => format!("Some({inner})"),
                    Wrap::Result => format!("Ok::<_, String>({inner})"),
                    Wrap::Array => format!("[{inner}, {inner}]"),
                }
            }
            Ty::Tuple(elems) => match elems.as_slice() {
                [one] => format!("({},)", one.value(shape, at)),
                elems => format!("({})", elems.iter().map(|ty| ty.value(shape, at)).collect::<Vec<_>>().join(", ")),
            },
            Ty::ImplTrait(bound) => bound.value().to_owned(),
            Ty::Infer | Ty::Unsized(_) => "todo!()".to_owned(),
        }
    }

    /// Visits this type and the types inside it, but not the parameters of
    /// a `fn` pointer or an `Fn` bound, which hold no value of their type.
    fn any(&self, test: &mut impl FnMut(&Ty) -> bool) -> bool {
        if test(self) {
            return true;
        }
        match self {
            Ty::Pointer(_, pointee) => match &**pointee {
                Pointee::Sized(ty) | Pointee::Slice(ty) => ty.any(test),
                Pointee::Str | Pointee::Dyn(_) => false,
            },
            Ty::Wrap(_, inner) => inner.any(test),
            Ty::Tuple(elems) => elems.iter().any(|ty| ty.any(test)),
            _ => false,
        }
    }

    /// Holds a borrow that is not `'static`.
    pub(crate) fn borrows(&self) -> bool {
        self.any(&mut |ty| {
            matches!(ty, Ty::Pointer(Pointer::Ref { lifetime: Lifetime::Elided | Lifetime::Named, .. }, _))
        })
    }

    /// Has an elided lifetime, which a return type can only take from a
    /// reference receiver.
    pub(crate) fn elides(&self) -> bool {
        self.any(&mut |ty| matches!(ty, Ty::Pointer(Pointer::Ref { lifetime: Lifetime::Elided, .. }, _)))
    }

    /// `&'static &u32`: not Rust in a return type, where nothing says
    /// that the inner borrow lasts as long.
    pub(crate) fn outlives_its_data(&self) -> bool {
        self.any(&mut |ty| match ty {
            Ty::Pointer(Pointer::Ref { lifetime: Lifetime::Static, .. }, pointee) => match &**pointee {
                Pointee::Sized(inner) | Pointee::Slice(inner) => inner.borrows(),
                Pointee::Str | Pointee::Dyn(_) => false,
            },
            _ => false,
        })
    }

    pub(crate) fn has_impl_trait(&self) -> bool {
        self.any(&mut |ty| matches!(ty, Ty::ImplTrait(_)))
    }

    /// Not Rust in a signature: `_` or an unsized type.
    pub(crate) fn is_invalid(&self) -> bool {
        self.any(&mut |ty| matches!(ty, Ty::Infer | Ty::Unsized(_)))
    }

    pub(crate) fn has_infer(&self) -> bool {
        self.any(&mut |ty| matches!(ty, Ty::Infer))
    }

    /// Unsized where a value of it would be: alone, in a tuple or an array.
    /// (A generic container may take an unsized type; only rustc knows.)
    pub(crate) fn is_unsized(&self) -> bool {
        match self {
            Ty::Unsized(_) => true,
            Ty::Tuple(elems) => elems.iter().any(Ty::is_unsized),
            Ty::Wrap(Wrap::Array, inner) => inner.is_unsized(),
            _ => false,
        }
    }

    /// Names a type that is never `Send`: `Rc`, `rc::Weak`, a raw pointer.
    pub(crate) fn names_never_send(&self) -> bool {
        self.any(&mut |ty| matches!(ty, Ty::Leaf(Leaf::Rc | Leaf::RcWeak | Leaf::RawPtr | Leaf::PhantomPtr)))
    }

    /// (`Send`, `Sync`)
    pub(crate) fn threads(&self) -> (bool, bool) {
        match self {
            Ty::Leaf(Leaf::Cell) => (true, false),
            Ty::Leaf(Leaf::Rc | Leaf::RcWeak | Leaf::RawPtr | Leaf::PhantomPtr) => (false, false),
            Ty::Leaf(_) | Ty::ActorParam | Ty::MethodParam | Ty::ConstArray | Ty::SelfType => (true, true),
            Ty::Pointer(pointer, pointee) => {
                let (send, sync) = match &**pointee {
                    Pointee::Sized(ty) | Pointee::Slice(ty) => ty.threads(),
                    Pointee::Str => (true, true),
                    Pointee::Dyn(dyn_) => dyn_.threads(),
                };
                match pointer {
                    Pointer::Box | Pointer::Ref { mutable: true, .. } => (send, sync),
                    Pointer::Arc => (send && sync, send && sync),
                    Pointer::Ref { mutable: false, .. } => (sync, sync),
                }
            }
            Ty::Wrap(_, inner) => inner.threads(),
            Ty::Tuple(elems) => elems.iter().fold((true, true), |(send, sync), ty| {
                let (s, y) = ty.threads();
                (send && s, sync && y)
            }),
            Ty::ImplTrait(Bound::Iterator) => (true, false),
            Ty::ImplTrait(_) | Ty::Infer => (false, false),
            Ty::Unsized(pointee) => match &**pointee {
                Pointee::Sized(ty) | Pointee::Slice(ty) => ty.threads(),
                Pointee::Str => (true, true),
                Pointee::Dyn(dyn_) => dyn_.threads(),
            },
        }
    }
}

impl Leaf {
    fn render(self) -> &'static str {
        match self {
            Leaf::U32 => "u32",
            Leaf::String => "String",
            Leaf::Bool => "bool",
            Leaf::Unit => "()",
            Leaf::Bytes => "Vec<u8>",
            Leaf::Duration => "std::time::Duration",
            Leaf::Cell => "std::cell::Cell<u32>",
            Leaf::Rc => "std::rc::Rc<u32>",
            Leaf::RcWeak => "std::rc::Weak<u32>",
            Leaf::RawPtr => "*const u8",
            Leaf::PhantomPtr => "std::marker::PhantomData<*const u8>",
            Leaf::FnPtr => "fn(&str) -> usize",
            Leaf::FnPtrRc => "fn(std::rc::Rc<u32>) -> u32",
        }
    }

    fn value(self) -> &'static str {
        match self {
            Leaf::U32 => "7u32",
            Leaf::String => "String::new()",
            Leaf::Bool => "true",
            Leaf::Unit => "()",
            Leaf::Bytes => "Vec::<u8>::new()",
            Leaf::Duration => "std::time::Duration::ZERO",
            Leaf::Cell => "std::cell::Cell::new(0u32)",
            Leaf::Rc => "std::rc::Rc::new(0u32)",
            Leaf::RcWeak => "std::rc::Weak::<u32>::new()",
            Leaf::RawPtr => "std::ptr::null::<u8>()",
            Leaf::PhantomPtr => "std::marker::PhantomData::<*const u8>",
            Leaf::FnPtr => "str::len as fn(&str) -> usize",
            Leaf::FnPtrRc => "(|_: std::rc::Rc<u32>| 0u32) as fn(std::rc::Rc<u32>) -> u32",
        }
    }
}

impl Pointee {
    pub(crate) fn render(&self, shape: Shape, at: At, behind_ref: bool) -> String {
        match self {
            Pointee::Sized(ty) => ty.render(shape, at),
            Pointee::Str => "str".to_owned(),
            Pointee::Slice(ty) => format!("[{}]", ty.render(shape, at)),
            // `&dyn A + Send` does not parse: `&(dyn A + Send)` does.
            Pointee::Dyn(dyn_) if behind_ref && dyn_.render().contains('+') => format!("(dyn {})", dyn_.render()),
            Pointee::Dyn(dyn_) => format!("dyn {}", dyn_.render()),
        }
    }

    /// A value of `pointer` to this, of type `ty`: a leaked box for a
    /// reference, and a cast that turns a concrete value into `dyn Trait`.
    pub(crate) fn value(&self, pointer: Pointer, ty: String, shape: Shape, at: At) -> String {
        let boxed = match self {
            Pointee::Sized(inner) => format!("Box::new({})", inner.value(shape, at)),
            Pointee::Str => "String::new().into_boxed_str()".to_owned(),
            Pointee::Slice(inner) => format!("vec![{}].into_boxed_slice()", inner.value(shape, at)),
            Pointee::Dyn(dyn_) => format!("Box::new({})", dyn_.value()),
        };
        match (pointer, self) {
            (Pointer::Box, _) => format!("{boxed} as {ty}"),
            (Pointer::Ref { .. }, _) => format!("Box::leak({boxed}) as {ty}"),
            (Pointer::Arc, Pointee::Sized(inner)) => format!("std::sync::Arc::new({})", inner.value(shape, at)),
            (Pointer::Arc, Pointee::Dyn(dyn_)) => format!("std::sync::Arc::new({}) as {ty}", dyn_.value()),
            // `Arc::from` would not know whether to take the box or its contents.
            (Pointer::Arc, _) => format!("{}::from({boxed})", ty.replacen("Arc<", "Arc::<", 1)),
        }
    }
}

impl Dyn {
    fn render(self) -> &'static str {
        match self {
            Dyn::Display => "std::fmt::Display",
            Dyn::DisplaySend => "std::fmt::Display + Send",
            Dyn::DebugSendSync => "std::fmt::Debug + Send + Sync",
            Dyn::FnSend => "Fn(u32) -> u32 + Send",
            Dyn::FnRefSend => "Fn(&str) -> usize + Send",
            Dyn::HigherRanked => "for<'b> Fn(&'b str) -> &'b str + Send",
            Dyn::FnRcSend => "Fn(std::rc::Rc<u32>) + Send",
        }
    }

    fn value(self) -> &'static str {
        match self {
            Dyn::Display | Dyn::DisplaySend | Dyn::DebugSendSync => "0u32",
            Dyn::FnSend => "|x: u32| x",
            Dyn::FnRefSend => "|s: &str| s.len()",
            Dyn::HigherRanked => "{ fn same(s: &str) -> &str { s } same }",
            Dyn::FnRcSend => "|_: std::rc::Rc<u32>| ()",
        }
    }

    fn threads(self) -> (bool, bool) {
        match self {
            Dyn::Display => (false, false),
            Dyn::DebugSendSync => (true, true),
            _ => (true, false),
        }
    }
}

impl Bound {
    fn render(self) -> &'static str {
        match self {
            Bound::Display => "std::fmt::Display",
            Bound::IntoString => "Into<String>",
            Bound::Iterator => "Iterator<Item = u32> + Send",
        }
    }

    fn value(self) -> &'static str {
        match self {
            Bound::Display => "0u32",
            Bound::IntoString => "String::new()",
            Bound::Iterator => "0..1u32",
        }
    }
}
