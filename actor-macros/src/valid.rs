//! Checks that involve several handlers at once.

use std::collections::HashMap;

use heck::ToUpperCamelCase;
use syn::ImplItemFn;

use crate::ast::ActorImpl;
use crate::errors::Errors;

/// Methods of the typed address (through `Deref` to `Addr`) that a handler of
/// the same name would hide.
const ADDRESS_METHODS: &[&str] = &[
    "id",
    "stop",
    "kill",
    "wait_stopped",
    "is_alive",
    "mailbox_len",
    "mailbox_capacity",
    "downgrade",
    "clone",
    "deref",
    "as_ref",
    "from",
    "into",
    "eq",
    "hash",
    "fmt",
];

pub(crate) fn check(actor: &ActorImpl<'_>, errors: &mut Errors) {
    let methods: Vec<&ImplItemFn> =
        actor.handlers.iter().map(|handler| handler.method).chain(actor.stubs.iter().copied()).collect();
    check_reserved_names(&methods, errors);
    check_variant_names(&methods, errors);
}

fn check_reserved_names(methods: &[&ImplItemFn], errors: &mut Errors) {
    for method in methods {
        let name = &method.sig.ident;
        if ADDRESS_METHODS.iter().any(|reserved| name == reserved) {
            errors.at(
                name,
                format_args!(
                    "a handler named `{name}` would hide the address's own `{name}` method; rename the handler (for example `{name}_now` or a name that says what it does)"
                ),
            );
        }
    }
}

/// Two handlers whose names give the same variant (`do_it` and `doIt`).
fn check_variant_names(methods: &[&ImplItemFn], errors: &mut Errors) {
    let mut seen: HashMap<String, &ImplItemFn> = HashMap::new();
    for method in methods {
        let variant = variant_name(&method.sig.ident.to_string());
        if let Some(first) = seen.get(&variant) {
            if first.sig.ident == method.sig.ident {
                errors.at(&method.sig.ident, format_args!("two handlers are named `{}`; rename one", method.sig.ident));
                continue;
            }
            errors.at(
                &method.sig.ident,
                format_args!(
                    "handlers `{}` and `{}` would both become the message variant `{variant}`; rename one",
                    first.sig.ident, method.sig.ident
                ),
            );
        } else {
            seen.insert(variant, method);
        }
    }
}

/// The variant name of a handler: `add_item` becomes `AddItem`.
pub(crate) fn variant_name(handler: &str) -> String {
    handler.trim_start_matches("r#").to_upper_camel_case()
}
