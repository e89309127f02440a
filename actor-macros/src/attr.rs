//! The options of `#[actor(...)]` and the marker attributes inside its impl.

use proc_macro2::{Span, TokenStream};
use quote::format_ident;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, Meta, MetaList, Path, Token};

use crate::errors::Errors;

mod kw {
    syn::custom_keyword!(message);
    syn::custom_keyword!(addr);
}

/// The options of `#[actor(message = Name, addr = Name, crate = path)]` on a struct.
pub(crate) struct ActorOptions {
    pub(crate) message: Option<Ident>,
    pub(crate) addr: Option<Ident>,
    pub(crate) krate: Option<Path>,
}

impl ActorOptions {
    /// Parses the options, recording every mistake and keeping what was right.
    pub(crate) fn parse(args: TokenStream, errors: &mut Errors) -> ActorOptions {
        let mut options = ActorOptions { message: None, addr: None, krate: None };
        let parser = |input: ParseStream<'_>| {
            while !input.is_empty() {
                options.parse_one(input, errors)?;
                if input.is_empty() {
                    break;
                }
                input.parse::<Token![,]>()?;
            }
            Ok(())
        };
        if let Err(error) = parser.parse2(args) {
            errors.push(error);
        }
        options
    }

    fn parse_one(&mut self, input: ParseStream<'_>, errors: &mut Errors) -> syn::Result<()> {
        let lookahead = input.lookahead1();
        if lookahead.peek(kw::message) {
            let keyword: kw::message = input.parse()?;
            input.parse::<Token![=]>()?;
            set_once(&mut self.message, input.parse()?, keyword, "message", errors);
        } else if lookahead.peek(kw::addr) {
            let keyword: kw::addr = input.parse()?;
            input.parse::<Token![=]>()?;
            set_once(&mut self.addr, input.parse()?, keyword, "addr", errors);
        } else if lookahead.peek(Token![crate]) {
            let keyword: Token![crate] = input.parse()?;
            input.parse::<Token![=]>()?;
            set_once(&mut self.krate, input.call(Path::parse_mod_style)?, keyword, "crate", errors);
        } else if input.peek(Ident) {
            let unknown: Ident = input.parse()?;
            errors.at(
                &unknown,
                format_args!(
                    "unknown `#[actor]` option `{unknown}`; the options are `message = Name`, `addr = Name` and `crate = path`"
                ),
            );
            // Skip its value so the options after it are still read.
            if input.parse::<Option<Token![=]>>()?.is_some() {
                while !input.is_empty() && !input.peek(Token![,]) {
                    input.parse::<proc_macro2::TokenTree>()?;
                }
            }
        } else {
            return Err(lookahead.error());
        }
        Ok(())
    }

    /// The message enum's name: `CounterMessage` unless renamed.
    pub(crate) fn message_name(&self, actor: &Ident) -> Ident {
        self.message.clone().unwrap_or_else(|| format_ident!("{}Message", actor))
    }

    /// The address type's name: `CounterAddr` unless renamed.
    pub(crate) fn addr_name(&self, actor: &Ident) -> Ident {
        self.addr.clone().unwrap_or_else(|| format_ident!("{}Addr", actor))
    }

    /// The path to the `greenroom` crate in generated code.
    pub(crate) fn crate_path(&self) -> Path {
        self.krate.clone().unwrap_or_else(|| syn::parse_quote_spanned!(Span::call_site()=> ::greenroom))
    }
}

fn set_once<T>(slot: &mut Option<T>, value: T, keyword: impl quote::ToTokens, name: &str, errors: &mut Errors) {
    if slot.is_some() {
        errors.at(keyword, format_args!("`{name}` is given twice; keep one"));
    } else {
        *slot = Some(value);
    }
}

/// What a marker attribute inside an `#[actor]` impl makes of a method.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Role {
    Handler,
    OnStart,
    OnStop,
}

impl Role {
    pub(crate) fn attribute(self) -> &'static str {
        match self {
            Role::Handler => "#[handler]",
            Role::OnStart => "#[on_start]",
            Role::OnStop => "#[on_stop]",
        }
    }

    /// The attribute with its article, to begin a sentence: "a `#[handler]`",
    /// "an `#[on_start]`".
    pub(crate) fn a_attribute(self) -> &'static str {
        match self {
            Role::Handler => "a `#[handler]`",
            Role::OnStart => "an `#[on_start]`",
            Role::OnStop => "an `#[on_stop]`",
        }
    }

    /// The role a marker attribute gives, from its last path segment, so that
    /// `#[handler]` and `#[greenroom::handler]` both count.
    pub(crate) fn of(attr: &Attribute) -> Option<Role> {
        let last = attr.path().segments.last()?;
        if last.ident == "handler" {
            Some(Role::Handler)
        } else if last.ident == "on_start" {
            Some(Role::OnStart)
        } else if last.ident == "on_stop" {
            Some(Role::OnStop)
        } else {
            None
        }
    }
}

/// Checks that a marker attribute has no arguments.
pub(crate) fn check_marker(attr: &Attribute, role: Role, errors: &mut Errors) {
    if !matches!(attr.meta, Meta::Path(_)) {
        errors.at(&attr.meta, format_args!("`{}` takes no options; write it alone", role.attribute()));
    }
}

/// Whether a forwarded handler is a stand-in for one that had errors.
pub(crate) fn is_stub_marker(attr: &Attribute) -> bool {
    let mut stub = false;
    if let Meta::List(list) = &attr.meta {
        let _ = list.parse_nested_meta(|meta| {
            stub |= meta.path.is_ident("__stub");
            Ok(())
        });
    }
    stub
}

/// `#[doc]` attributes, to carry a handler's docs over to the address.
pub(crate) fn docs(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("doc")).collect()
}

/// `#[cfg]`, and the `cfg`s inside `#[cfg_attr]`: a handler compiled out
/// takes its variant, its dispatch arm and its address method with it. The
/// rest of a `cfg_attr` (`doc`, `inline`, ...) stays on the user's method
/// alone: on a match arm or an enum variant it would be a warning or an error.
pub(crate) fn cfgs(attrs: &[Attribute]) -> Vec<Attribute> {
    attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            Meta::List(list) if list.path.is_ident("cfg_attr") => match only_cfgs(list) {
                Ok(Some(meta)) => Some(Attribute { meta, ..attr.clone() }),
                Ok(None) => None,
                // Not ours to judge: rustc reports it on the user's method.
                Err(_) => Some(attr.clone()),
            },
            _ if attr.path().is_ident("cfg") => Some(attr.clone()),
            _ => None,
        })
        .collect()
}

/// `cfg_attr(p, doc = "..", cfg(q))` without what is not a `cfg`:
/// `cfg_attr(p, cfg(q))`, or nothing.
fn only_cfgs(list: &MetaList) -> syn::Result<Option<Meta>> {
    let mut args = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?.into_iter();
    let Some(predicate) = args.next() else { return Ok(None) };
    let mut kept = Vec::new();
    for arg in args {
        match &arg {
            Meta::List(inner) if inner.path.is_ident("cfg") => kept.push(arg),
            Meta::List(inner) if inner.path.is_ident("cfg_attr") => kept.extend(only_cfgs(inner)?),
            _ => {}
        }
    }
    if kept.is_empty() {
        return Ok(None);
    }
    let path = &list.path;
    Ok(Some(syn::parse_quote!(#path(#predicate, #(#kept),*))))
}

/// `#[deprecated]`: calling a deprecated handler through its address warns too.
pub(crate) fn deprecations(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("deprecated")).collect()
}
