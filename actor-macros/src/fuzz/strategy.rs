//! The proptest strategies that generate actors: one per part of a method,
//! weighted towards what users write, so that about half the handlers are
//! accepted and the rest make one mistake or a few.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::subsequence;

use super::case::{Attr, Case, Context, Generics, Marker, Method, Name, Param, Pat, Receiver, Shape, Vis, Where};
use super::ty::{Bound, Dyn, Leaf, Lifetime, Pointee, Pointer, Ty, Wrap};

/// A struct and an impl block of one to four methods.
pub(crate) fn case() -> impl Strategy<Value = Case> {
    shape()
        .prop_flat_map(|shape| (Just(shape), vec(method(shape), 1..=4)))
        .prop_map(|(shape, methods)| Case { shape, methods })
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![Just(Shape::Unit), Just(Shape::Named), Just(Shape::Generic)]
}

/// What a type may name: the actor's `T`, and the method's own generics.
#[derive(Clone, Copy, Debug)]
struct Scope {
    shape: Shape,
    generics: Generics,
}

fn method(shape: Shape) -> impl Strategy<Value = Method> {
    (generics(), marker())
        .prop_flat_map(move |(generics, marker)| {
            let scope = Scope { shape, generics };
            (
                (Just(generics), Just(marker), attrs(), vis(), any::<bool>(), prop::bool::weighted(0.05), name()),
                (receiver(scope), params(scope, marker), output(scope)),
            )
        })
        .prop_map(|((generics, marker, attrs, vis, asyncness, unsafety, name), (receiver, params, output))| Method {
            attrs,
            marker,
            vis,
            asyncness,
            unsafety,
            name,
            generics,
            receiver,
            params,
            output,
        })
}

fn marker() -> impl Strategy<Value = Option<Marker>> {
    prop_oneof![
        12 => Just(Some(Marker::Handler)),
        1 => Just(Some(Marker::QualifiedHandler)),
        2 => Just(Some(Marker::OnStart)),
        2 => Just(Some(Marker::OnStop)),
        2 => Just(None),
    ]
}

/// Up to three distinct attributes, in a fixed order.
fn attrs() -> impl Strategy<Value = Vec<Attr>> {
    let all = vec![
        Attr::DocComment,
        Attr::Doc,
        Attr::CfgOn,
        Attr::CfgOff,
        Attr::CfgAttrDoc,
        Attr::CfgAttrInline,
        Attr::CfgAttrCfgOff,
        Attr::Deprecated,
        Attr::Allow,
        Attr::Inline,
        Attr::MustUse,
    ];
    // Two `inline`s would be a warning of rustc's.
    let attrs = subsequence(all, 1..=3).prop_map(|mut attrs| {
        if attrs.contains(&Attr::Inline) {
            attrs.retain(|attr| *attr != Attr::CfgAttrInline);
        }
        attrs
    });
    prop_oneof![2 => Just(Vec::new()), 3 => attrs]
}

fn vis() -> impl Strategy<Value = Vis> {
    prop_oneof![4 => Just(Vis::Private), 1 => Just(Vis::Pub), 1 => Just(Vis::PubCrate)]
}

fn name() -> impl Strategy<Value = Name> {
    prop_oneof![
        16 => Just(Name::Plain),
        1 => prop::sample::select(vec!["stop", "kill", "clone", "id", "downgrade", "fmt"]).prop_map(Name::Reserved),
        1 => prop::sample::select(vec!["type", "match", "loop"]).prop_map(Name::Raw),
    ]
}

fn generics() -> impl Strategy<Value = Generics> {
    let params = prop_oneof![
        24 => Just((false, false, false)),
        1 => Just((true, false, false)),
        1 => Just((false, true, false)),
        1 => Just((false, false, true)),
        1 => Just((true, true, true)),
    ];
    params.prop_flat_map(|(ty, lifetime, konst)| {
        let where_clause = if ty {
            prop_oneof![4 => Just(None), 1 => Just(Some(Where::SelfSized)), 1 => Just(Some(Where::TypeClone))].boxed()
        } else {
            prop_oneof![12 => Just(None), 1 => Just(Some(Where::SelfSized))].boxed()
        };
        where_clause.prop_map(move |where_clause| Generics { ty, lifetime, konst, where_clause })
    })
}

fn receiver(scope: Scope) -> impl Strategy<Value = Receiver> {
    let mut choices = vec![
        (12, Receiver::Ref),
        (12, Receiver::RefMut),
        (1, Receiver::None),
        (1, Receiver::Value),
        (1, Receiver::MutValue),
        (1, Receiver::Boxed),
        (1, Receiver::Typed),
    ];
    if scope.generics.lifetime {
        choices.push((2, Receiver::RefLifetime));
    }
    weighted(choices)
}

/// Hooks get mostly what hooks take; handlers mostly arguments.
fn params(scope: Scope, marker: Option<Marker>) -> impl Strategy<Value = Vec<Param>> {
    let hook = matches!(marker, Some(Marker::OnStart | Marker::OnStop));
    let (arg, tuple, context, reason) = if hook { (1, 0, 4, 3) } else { (12, 1, 2, 1) };
    let mut choices = vec![
        (arg, (pat(), ty(scope)).prop_map(|(pat, ty)| Param::Arg(pat, ty)).boxed()),
        (context, context_param().prop_map(Param::Context).boxed()),
        (reason, Just(Param::Reason).boxed()),
    ];
    if tuple > 0 {
        choices.push((tuple, Just(Param::Tuple).boxed()));
    }
    vec(prop::strategy::Union::new_weighted(choices), 0..=4)
}

fn pat() -> impl Strategy<Value = Pat> {
    prop_oneof![
        24 => Just(Pat::Ident),
        3 => Just(Pat::Mut),
        1 => Just(Pat::Wild),
        1 => Just(Pat::Ref),
        1 => Just(Pat::Reply),
    ]
}

fn context_param() -> impl Strategy<Value = Context> {
    prop_oneof![6 => Just(Context::RefMut), 1 => Just(Context::Ref), 1 => Just(Context::Value)]
}

fn output(scope: Scope) -> impl Strategy<Value = Option<Ty>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(Ty::Leaf(Leaf::Unit))),
        6 => ty(scope).prop_map(Some),
    ]
}

/// A parameter or return type: mostly plain types, sometimes `impl Trait`
/// (on its own or in a container, where Rust allows it), rarely `_` or
/// `str`, `[T]` or `dyn Trait` without a pointer (which are not Rust there).
fn ty(scope: Scope) -> impl Strategy<Value = Ty> {
    let wrapped = |ty: Ty| wrap().prop_map(move |wrap| Ty::Wrap(wrap, Box::new(ty.clone())));
    prop_oneof![
        48 => nested(scope),
        3 => bound().prop_map(Ty::ImplTrait),
        3 => bound().prop_flat_map(move |bound| wrapped(Ty::ImplTrait(bound))),
        1 => sizeless().prop_map(|pointee| Ty::Unsized(Box::new(pointee))),
        1 => sizeless().prop_flat_map(move |pointee| wrapped(Ty::Unsized(Box::new(pointee)))),
        1 => Just(Ty::Infer),
        1 => wrapped(Ty::Infer),
    ]
}

/// Types built from leaves with containers, tuples and pointers.
fn nested(scope: Scope) -> impl Strategy<Value = Ty> {
    leaf(scope).prop_recursive(3, 8, 3, move |inner| {
        prop_oneof![
            3 => (wrap(), inner.clone()).prop_map(|(wrap, ty)| Ty::Wrap(wrap, Box::new(ty))),
            1 => vec(inner.clone(), 1..=3).prop_map(Ty::Tuple),
            4 => (pointer(scope), pointee(inner)).prop_map(|(pointer, pointee)| Ty::Pointer(pointer, Box::new(pointee))),
        ]
    })
}

fn leaf(scope: Scope) -> impl Strategy<Value = Ty> {
    let mut choices = vec![
        (8, Just(Ty::Leaf(Leaf::U32)).boxed()),
        (8, Just(Ty::Leaf(Leaf::String)).boxed()),
        (2, Just(Ty::Leaf(Leaf::Bool)).boxed()),
        (1, Just(Ty::Leaf(Leaf::Unit)).boxed()),
        (2, Just(Ty::Leaf(Leaf::Bytes)).boxed()),
        (1, Just(Ty::Leaf(Leaf::Duration)).boxed()),
        (1, Just(Ty::Leaf(Leaf::Cell)).boxed()),
        (
            1,
            prop::sample::select(vec![Leaf::Rc, Leaf::RcWeak, Leaf::RawPtr, Leaf::PhantomPtr])
                .prop_map(Ty::Leaf)
                .boxed(),
        ),
        (1, prop::sample::select(vec![Leaf::FnPtr, Leaf::FnPtrRc]).prop_map(Ty::Leaf).boxed()),
        (2, Just(Ty::SelfType).boxed()),
    ];
    if scope.shape == Shape::Generic {
        choices.push((4, Just(Ty::ActorParam).boxed()));
    }
    if scope.generics.ty {
        choices.push((4, Just(Ty::MethodParam).boxed()));
    }
    if scope.generics.konst {
        choices.push((2, Just(Ty::ConstArray).boxed()));
    }
    prop::strategy::Union::new_weighted(choices)
}

fn wrap() -> impl Strategy<Value = Wrap> {
    prop_oneof![Just(Wrap::Vec), Just(Wrap::Option), Just(Wrap::Result), Just(Wrap::Array)]
}

fn pointer(scope: Scope) -> impl Strategy<Value = Pointer> {
    let mut lifetimes = vec![(2, Lifetime::Elided), (2, Lifetime::Static)];
    if scope.generics.lifetime {
        lifetimes.push((2, Lifetime::Named));
    }
    let reference = (prop::bool::weighted(0.3), weighted(lifetimes))
        .prop_map(|(mutable, lifetime)| Pointer::Ref { mutable, lifetime });
    prop_oneof![3 => Just(Pointer::Box), 1 => Just(Pointer::Arc), 4 => reference]
}

fn pointee(inner: impl Strategy<Value = Ty> + 'static) -> impl Strategy<Value = Pointee> {
    prop_oneof![
        6 => inner.prop_map(Pointee::Sized),
        2 => Just(Pointee::Str),
        1 => leaf_in_slice().prop_map(Pointee::Slice),
        3 => dyn_trait().prop_map(Pointee::Dyn),
    ]
}

/// What a pointer may point to that has no size of its own.
fn sizeless() -> impl Strategy<Value = Pointee> {
    prop_oneof![Just(Pointee::Str), leaf_in_slice().prop_map(Pointee::Slice), dyn_trait().prop_map(Pointee::Dyn),]
}

fn leaf_in_slice() -> impl Strategy<Value = Ty> {
    prop_oneof![Just(Ty::Leaf(Leaf::U32)), Just(Ty::Leaf(Leaf::String))]
}

fn dyn_trait() -> impl Strategy<Value = Dyn> {
    prop::sample::select(vec![
        Dyn::Display,
        Dyn::DisplaySend,
        Dyn::DebugSendSync,
        Dyn::FnSend,
        Dyn::FnRefSend,
        Dyn::HigherRanked,
        Dyn::FnRcSend,
    ])
}

fn bound() -> impl Strategy<Value = Bound> {
    prop::sample::select(vec![Bound::Display, Bound::IntoString, Bound::Iterator])
}

/// One of `choices`, each as likely as its weight.
fn weighted<T: Clone + std::fmt::Debug + 'static>(choices: Vec<(u32, T)>) -> impl Strategy<Value = T> {
    prop::strategy::Union::new_weighted(choices.into_iter().map(|(weight, value)| (weight, Just(value))).collect())
}
