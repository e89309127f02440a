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

pub(crate) fn check(actor: &mut ActorImpl<'_>, errors: &mut Errors) {
    let methods: Vec<&ImplItemFn> =
        actor.handlers.iter().map(|handler| handler.method).chain(actor.stubs.iter().copied()).collect();
    check_reserved_names(&methods, errors);
    let clashes = check_variant_names(&methods, errors);
    // A later handler whose variant is taken is left out of the message enum,
    // so that the clash is reported once. It keeps a stub address method if
    // its name is its own, and gets none if the name is taken too.
    let clash =
        |method: &ImplItemFn| clashes.iter().find(|(other, _)| std::ptr::eq(*other, method)).map(|(_, same)| *same);
    let (clean, clashed): (Vec<_>, Vec<_>) =
        actor.handlers.drain(..).partition(|handler| clash(handler.method).is_none());
    actor.handlers = clean;
    actor.stubs.extend(clashed.iter().map(|handler| handler.method));
    actor.stubs.retain(|method| clash(method) != Some(true));
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
/// Returns each later handler of a clash, and whether it has the very same
/// name as the first.
fn check_variant_names<'a>(methods: &[&'a ImplItemFn], errors: &mut Errors) -> Vec<(&'a ImplItemFn, bool)> {
    let mut seen: HashMap<String, &ImplItemFn> = HashMap::new();
    let mut clashes = Vec::new();
    for &method in methods {
        let variant = variant_name(&method.sig.ident.to_string());
        let Some(first) = seen.get(&variant) else {
            seen.insert(variant, method);
            continue;
        };
        let same_name = first.sig.ident == method.sig.ident;
        // The impl block is emitted as written, so rustc itself reports two
        // methods of the same name, pointing at both.
        if !same_name {
            errors.at(
                &method.sig.ident,
                format_args!(
                    "handlers `{}` and `{}` would both become the message variant `{variant}`; rename one",
                    first.sig.ident, method.sig.ident
                ),
            );
        }
        clashes.push((method, same_name));
    }
    clashes
}

/// The variant name of a handler: `add_item` becomes `AddItem`.
pub(crate) fn variant_name(handler: &str) -> String {
    handler.trim_start_matches("r#").to_upper_camel_case()
}
