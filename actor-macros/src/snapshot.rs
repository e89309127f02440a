//! `examples/expanded.rs` is a written-out expansion. This test expands the
//! actor it documents with the real macro code and compares the two item by
//! item (as tokens, so formatting and `//` comments do not count), so the
//! file cannot drift from what the macros generate.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Expr, File, Item, Stmt};

use crate::{expand, generate};

const EXPANDED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/expanded.rs"));

/// The actor as its user writes it: the code block in the file's header.
fn source() -> (syn::ItemStruct, syn::ItemImpl) {
    let header: String = EXPANDED
        .lines()
        .take_while(|line| line.starts_with("//!"))
        .map(|line| line.trim_start_matches("//!").strip_prefix(' ').unwrap_or(""))
        .skip_while(|line| !line.starts_with("```"))
        .skip(1)
        .take_while(|line| !line.starts_with("```"))
        .collect::<Vec<_>>()
        .join("\n");
    let file: File = syn::parse_str(&header).expect("the header's code block parses");
    let mut items = file.items.into_iter();
    match (items.next(), items.next()) {
        (Some(Item::Struct(item_struct)), Some(Item::Impl(item_impl))) => {
            (strip_actor(item_struct), strip_actor_impl(item_impl))
        }
        _ => panic!("the header shows the struct, then its impl block"),
    }
}

fn is_actor(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("actor")
}

fn strip_actor(mut item: syn::ItemStruct) -> syn::ItemStruct {
    item.attrs.retain(|attr| !is_actor(attr));
    item
}

fn strip_actor_impl(mut item: syn::ItemImpl) -> syn::ItemImpl {
    item.attrs.retain(|attr| !is_actor(attr));
    item
}

/// Runs both attributes and the bridge the way rustc would, and returns the
/// generated items, without the bridge itself.
fn expansion() -> Vec<Item> {
    let (item_struct, item_impl) = source();
    let from_struct: File = syn::parse2(expand::actor_struct(TokenStream::new(), item_struct)).expect("struct output");
    let from_impl: File = syn::parse2(expand::actor_impl(TokenStream::new(), item_impl)).expect("impl output");
    let mut items = Vec::new();
    for item in from_struct.items {
        match item {
            // The bridge and its `use` only carry facts between the two halves.
            Item::Macro(_) | Item::Use(_) => {}
            other => items.push(other),
        }
    }
    for item in from_impl.items {
        match item {
            Item::Macro(call) => {
                let forwarded = call.mac.tokens;
                let input = quote!([::greenroom] [pub] [CounterMessage] [CounterAddr] #forwarded);
                let generated: File =
                    syn::parse2(generate::actor_impl(syn::parse2(input).expect("bridge input"))).expect("generated");
                items.extend(generated.items);
            }
            other => items.push(other),
        }
    }
    items
}

/// The items of `examples/expanded.rs`, without its `use` and `main`.
fn written_out() -> Vec<Item> {
    let file: File = syn::parse_str(EXPANDED).expect("examples/expanded.rs parses");
    file.items
        .into_iter()
        .filter(|item| !matches!(item, Item::Use(_)))
        .filter(|item| !matches!(item, Item::Fn(function) if function.sig.ident == "main"))
        .collect()
}

/// Undoes what rustfmt and hand-wrapping change without changing meaning:
/// doc comments split into lines, trailing commas, braces around a match
/// arm's single expression.
struct Normalize;

impl Normalize {
    fn docs(attrs: &mut Vec<Attribute>) {
        let mut text = Vec::new();
        let mut position = None;
        let mut index = 0;
        attrs.retain(|attr| {
            index += 1;
            let syn::Meta::NameValue(doc) = &attr.meta else { return true };
            if !doc.path.is_ident("doc") {
                return true;
            }
            let Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(line), .. }) = &doc.value else { return true };
            text.push(line.value());
            position.get_or_insert(index - 1);
            false
        });
        if let Some(position) = position {
            let joined = text.join("\n").split_whitespace().collect::<Vec<_>>().join(" ");
            attrs.insert(position.min(attrs.len()), syn::parse_quote!(#[doc = #joined]));
        }
    }

    fn trailing<T, P: Default>(list: &mut Punctuated<T, P>) {
        if list.trailing_punct() {
            let last = list.pop().expect("a trailing comma follows an item").into_value();
            list.push(last);
        }
    }
}

impl VisitMut for Normalize {
    fn visit_item_mut(&mut self, item: &mut Item) {
        match item {
            Item::Struct(item) => Normalize::docs(&mut item.attrs),
            Item::Enum(item) => {
                Normalize::docs(&mut item.attrs);
                Normalize::trailing(&mut item.variants);
            }
            Item::Impl(item) => Normalize::docs(&mut item.attrs),
            Item::Const(item) => Normalize::docs(&mut item.attrs),
            Item::Fn(item) => Normalize::docs(&mut item.attrs),
            _ => {}
        }
        visit_mut::visit_item_mut(self, item);
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        Normalize::docs(&mut field.attrs);
        visit_mut::visit_field_mut(self, field);
    }

    fn visit_variant_mut(&mut self, variant: &mut syn::Variant) {
        Normalize::docs(&mut variant.attrs);
        visit_mut::visit_variant_mut(self, variant);
    }

    fn visit_impl_item_fn_mut(&mut self, method: &mut syn::ImplItemFn) {
        Normalize::docs(&mut method.attrs);
        visit_mut::visit_impl_item_fn_mut(self, method);
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        arm.comma = None;
        if let Expr::Block(block) = &*arm.body {
            if let ([Stmt::Expr(expr, None)], true, None) =
                (block.block.stmts.as_slice(), block.attrs.is_empty(), &block.label)
            {
                *arm.body = expr.clone();
            }
        }
        visit_mut::visit_arm_mut(self, arm);
    }

    fn visit_where_clause_mut(&mut self, clause: &mut syn::WhereClause) {
        Normalize::trailing(&mut clause.predicates);
        visit_mut::visit_where_clause_mut(self, clause);
    }

    fn visit_signature_mut(&mut self, signature: &mut syn::Signature) {
        Normalize::trailing(&mut signature.inputs);
        visit_mut::visit_signature_mut(self, signature);
    }

    fn visit_fields_named_mut(&mut self, fields: &mut syn::FieldsNamed) {
        Normalize::trailing(&mut fields.named);
        visit_mut::visit_fields_named_mut(self, fields);
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        Normalize::trailing(&mut expr.fields);
        visit_mut::visit_expr_struct_mut(self, expr);
    }

    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        Normalize::trailing(&mut call.args);
        visit_mut::visit_expr_call_mut(self, call);
    }

    fn visit_pat_struct_mut(&mut self, pat: &mut syn::PatStruct) {
        Normalize::trailing(&mut pat.fields);
        visit_mut::visit_pat_struct_mut(self, pat);
    }
}

fn normalized(items: Vec<Item>) -> Vec<String> {
    items
        .into_iter()
        .map(|mut item| {
            Normalize.visit_item_mut(&mut item);
            item.to_token_stream().to_string()
        })
        .collect()
}

#[test]
fn examples_expanded_rs_is_what_the_macros_generate() {
    let generated = normalized(expansion());
    let written = normalized(written_out());
    for (index, (generated, written)) in generated.iter().zip(&written).enumerate() {
        assert_eq!(generated, written, "item {index} of examples/expanded.rs differs from the expansion");
    }
    assert_eq!(generated.len(), written.len(), "examples/expanded.rs has a different number of items");
}
