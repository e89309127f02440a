//! A generated actor: a model of an `#[actor]` struct and impl block that
//! renders as Rust source, with the methods' bodies, and the calls of its
//! handlers through the address.

use std::fmt::{self, Write};

use super::ty::{At, Ty};

/// The actor struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `struct Fuzzed;`
    Unit,
    /// `struct Fuzzed { count: u64 }`
    Named,
    /// `struct Fuzzed<T> { value: T }`: its handlers may take and return `T`.
    Generic,
}

impl Shape {
    /// The actor's value, built where `at` says.
    pub(crate) fn value(self, at: At) -> &'static str {
        match (self, at) {
            (Shape::Unit, _) => "Fuzzed",
            (Shape::Named, _) => "Fuzzed { count: 0 }",
            (Shape::Generic, At::Impl) => "Fuzzed { value: T::default() }",
            (Shape::Generic, At::Call) => "Fuzzed { value: 0u8 }",
        }
    }
}

/// One actor: the struct and an impl block of one to a few methods.
#[derive(Clone)]
pub(crate) struct Case {
    pub(crate) shape: Shape,
    pub(crate) methods: Vec<Method>,
}

#[derive(Clone, Debug)]
pub(crate) struct Method {
    pub(crate) attrs: Vec<Attr>,
    pub(crate) marker: Option<Marker>,
    pub(crate) vis: Vis,
    pub(crate) asyncness: bool,
    pub(crate) unsafety: bool,
    pub(crate) name: Name,
    pub(crate) generics: Generics,
    pub(crate) receiver: Receiver,
    pub(crate) params: Vec<Param>,
    pub(crate) output: Option<Ty>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Attr {
    DocComment,
    Doc,
    CfgOn,
    CfgOff,
    CfgAttrDoc,
    /// `#[cfg_attr(all(), inline)]`: an attribute for functions only.
    CfgAttrInline,
    /// `#[cfg_attr(all(), cfg(any()))]`: compiled out, through `cfg_attr`.
    CfgAttrCfgOff,
    Deprecated,
    Allow,
    Inline,
    MustUse,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    Handler,
    /// `#[greenroom::handler]`
    QualifiedHandler,
    OnStart,
    OnStop,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Vis {
    Private,
    Pub,
    PubCrate,
}

/// The method's name; a name taken earlier in the impl falls back to `op_N`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Name {
    Plain,
    /// A method of the address, such as `stop`: a handler may not take it.
    Reserved(&'static str),
    /// A raw identifier, such as `r#type`.
    Raw(&'static str),
}

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Generics {
    /// `<U: ...>`
    pub(crate) ty: bool,
    /// `<'a>`
    pub(crate) lifetime: bool,
    /// `<const N: usize>`
    pub(crate) konst: bool,
    pub(crate) where_clause: Option<Where>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Where {
    SelfSized,
    /// `where U: Clone`, only with `U`.
    TypeClone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Receiver {
    None,
    Ref,
    RefMut,
    Value,
    MutValue,
    /// `self: Box<Self>`
    Boxed,
    /// `self: &Self`
    Typed,
    /// `&'a self`, only with `'a`.
    RefLifetime,
}

#[derive(Clone, Debug)]
pub(crate) enum Param {
    Arg(Pat, Ty),
    /// `(x, y): (u32, u32)`
    Tuple,
    Context(Context),
    /// `reason: &StopReason`
    Reason,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Pat {
    Ident,
    Mut,
    Wild,
    /// `ref x`
    Ref,
    /// `__reply`, the reply channel's field in the generated message.
    Reply,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Context {
    RefMut,
    Ref,
    Value,
}

/// The Rust source of the struct and impl block.
impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source())
    }
}

impl Case {
    /// The struct and its impl block, as a user writes them.
    pub(crate) fn source(&self) -> String {
        let mut out = String::new();
        let (params, args) = match self.shape {
            Shape::Generic => ("<T: Send + Sync + Default + 'static>", "<T>"),
            _ => ("", ""),
        };
        let body = match self.shape {
            Shape::Unit => ";",
            Shape::Named => " { count: u64 }",
            Shape::Generic => " { value: T }",
        };
        writeln!(out, "#[actor]\nstruct Fuzzed{params}{body}\n\n#[actor]\nimpl{params} Fuzzed{args} {{").unwrap();
        for index in 0..self.methods.len() {
            if index > 0 {
                out.push('\n');
            }
            self.write_method(&mut out, index);
        }
        out.push_str("}\n");
        out
    }

    /// The rendered names, each one used once.
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (index, method) in self.methods.iter().enumerate() {
            let wanted = match method.name {
                Name::Plain => format!("op_{index}"),
                Name::Reserved(name) => name.to_owned(),
                Name::Raw(name) => format!("r#{name}"),
            };
            let name = if names.contains(&wanted) { format!("op_{index}") } else { wanted };
            names.push(name);
        }
        names
    }

    fn write_method(&self, out: &mut String, index: usize) {
        let method = &self.methods[index];
        let name = &self.names()[index];
        for attr in &method.attrs {
            let text = match attr {
                Attr::DocComment => "/// Generated.",
                Attr::Doc => "#[doc = \"Generated.\"]",
                Attr::CfgOn => "#[cfg(all())]",
                Attr::CfgOff => "#[cfg(any())]",
                Attr::CfgAttrDoc => "#[cfg_attr(all(), doc = \"Generated.\")]",
                Attr::CfgAttrInline => "#[cfg_attr(all(), inline)]",
                Attr::CfgAttrCfgOff => "#[cfg_attr(all(), cfg(any()))]",
                Attr::Deprecated => "#[deprecated = \"generated\"]",
                Attr::Allow => "#[allow(clippy::unused_self)]",
                Attr::Inline => "#[inline]",
                Attr::MustUse => "#[must_use]",
            };
            writeln!(out, "    {text}").unwrap();
        }
        if let Some(marker) = method.marker {
            let text = match marker {
                Marker::Handler => "#[handler]",
                Marker::QualifiedHandler => "#[greenroom::handler]",
                Marker::OnStart => "#[on_start]",
                Marker::OnStop => "#[on_stop]",
            };
            writeln!(out, "    {text}").unwrap();
        }
        let vis = match method.vis {
            Vis::Private => "",
            Vis::Pub => "pub ",
            Vis::PubCrate => "pub(crate) ",
        };
        let asyncness = if method.asyncness { "async " } else { "" };
        let unsafety = if method.unsafety { "unsafe " } else { "" };
        let generics = method.generics.render();
        let mut params: Vec<String> = Vec::new();
        let receiver = match method.receiver {
            Receiver::None => None,
            Receiver::Ref => Some("&self"),
            Receiver::RefMut => Some("&mut self"),
            Receiver::Value => Some("self"),
            Receiver::MutValue => Some("mut self"),
            Receiver::Boxed => Some("self: Box<Self>"),
            Receiver::Typed => Some("self: &Self"),
            Receiver::RefLifetime => Some("&'a self"),
        };
        params.extend(receiver.map(str::to_owned));
        let mut body: Vec<String> = Vec::new();
        if method.receiver == Receiver::MutValue {
            body.push("let _ = &mut self;".to_owned());
        }
        for (position, param) in method.params.iter().enumerate() {
            let (param, uses) = param.render(position);
            params.push(param);
            body.extend(uses);
        }
        let output = match &method.output {
            Some(ty) => {
                body.push(ty.value(self.shape, At::Impl));
                format!(" -> {}", ty.render(self.shape, At::Impl))
            }
            None => String::new(),
        };
        let where_clause = match method.generics.where_clause {
            None => "",
            Some(Where::SelfSized) => " where Self: Sized",
            Some(Where::TypeClone) => " where U: Clone",
        };
        write!(
            out,
            "    {vis}{asyncness}{unsafety}fn {name}{generics}({}){output}{where_clause} {{",
            params.join(", ")
        )
        .unwrap();
        if body.is_empty() {
            out.push_str("}\n");
        } else {
            out.push('\n');
            for line in body {
                writeln!(out, "        {line}").unwrap();
            }
            out.push_str("    }\n");
        }
    }

    /// An async function that spawns the actor and calls each of its
    /// handlers through the address (for a case the macro accepts).
    pub(crate) fn calls(&self) -> String {
        let mut out = String::new();
        let addr_ty = if self.shape == Shape::Generic { ": FuzzedAddr<u8>" } else { "" };
        writeln!(out, "#[allow(deprecated)]\npub(crate) async fn call() {{").unwrap();
        writeln!(out, "    let addr{addr_ty} = {}.spawn();", self.shape.value(At::Call)).unwrap();
        for (method, name) in self.methods.iter().zip(self.names()) {
            if !method.is_handler() || method.compiled_out() {
                continue;
            }
            let args: Vec<String> = method
                .params
                .iter()
                .filter_map(|param| match param {
                    Param::Arg(_, ty) => Some(ty.value(self.shape, At::Call)),
                    Param::Tuple => Some("(1u32, 2u32)".to_owned()),
                    Param::Context(_) | Param::Reason => None,
                })
                .collect();
            writeln!(out, "    assert!(addr.{name}({}).await.is_ok());", args.join(", ")).unwrap();
        }
        out.push_str("    addr.stop();\n    addr.wait_stopped().await;\n}\n");
        out
    }
}

impl Method {
    pub(crate) fn compiled_out(&self) -> bool {
        self.attrs.iter().any(|attr| matches!(attr, Attr::CfgOff | Attr::CfgAttrCfgOff))
    }

    pub(crate) fn is_handler(&self) -> bool {
        matches!(self.marker, Some(Marker::Handler | Marker::QualifiedHandler))
    }
}

impl Generics {
    fn render(&self) -> String {
        let mut params = Vec::new();
        if self.lifetime {
            params.push("'a");
        }
        if self.ty {
            params.push("U: Default + Send + Sync + 'static");
        }
        if self.konst {
            params.push("const N: usize");
        }
        if params.is_empty() {
            String::new()
        } else {
            format!("<{}>", params.join(", "))
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        !self.ty && !self.lifetime && !self.konst
    }
}

impl Param {
    /// The parameter, and the statements of the body that use its bindings.
    fn render(&self, position: usize) -> (String, Vec<String>) {
        match self {
            Param::Arg(pat, ty) => {
                let name = format!("a{position}");
                let (pat, use_) = match pat {
                    Pat::Ident => (name.clone(), Some(format!("let _ = &{name};"))),
                    Pat::Mut => (format!("mut {name}"), Some(format!("let _ = &mut {name};"))),
                    Pat::Wild => ("_".to_owned(), None),
                    Pat::Ref => (format!("ref {name}"), Some(format!("let _ = {name};"))),
                    Pat::Reply => ("__reply".to_owned(), Some("let _ = &__reply;".to_owned())),
                };
                // The parameter's type is never rendered for the call site.
                (format!("{pat}: {}", ty.render(Shape::Unit, At::Impl)), use_.into_iter().collect())
            }
            Param::Tuple => (
                format!("(x{position}, y{position}): (u32, u32)"),
                vec![format!("let _ = (x{position}, y{position});")],
            ),
            Param::Context(context) => {
                let ty = match context {
                    Context::RefMut => "&mut Context<Self>",
                    Context::Ref => "&Context<Self>",
                    Context::Value => "Context<Self>",
                };
                (format!("ctx{position}: {ty}"), vec![format!("let _ = &ctx{position};")])
            }
            Param::Reason => (format!("reason{position}: &StopReason"), vec![format!("let _ = reason{position};")]),
        }
    }
}
