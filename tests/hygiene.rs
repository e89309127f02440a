//! Generated code does not depend on what the user's scope happens to hold:
//! modules named `core` and `std`, shadowed prelude names, and argument names
//! that generated code also uses internally.
#![allow(dead_code, non_camel_case_types, clippy::too_many_arguments)]

mod core {}
mod std {}
mod greenroom_shadow {}

// Shadow prelude items the expansion might otherwise reach for.
#[allow(unused_imports)]
use self::shadowed::*;
mod shadowed {
    pub(crate) struct Option;
    pub(crate) struct Result;
    pub(crate) struct Box;
    pub(crate) struct Vec;
    pub(crate) struct String;
    pub(crate) trait Send {}
    pub(crate) trait Sync {}
    pub(crate) trait Clone {}
    pub(crate) trait Future {}
    pub(crate) struct Ok;
    pub(crate) struct Some;
}

use ::greenroom::prelude::*;

#[actor]
struct Tricky {
    total: u64,
}

#[actor]
impl Tricky {
    /// Parameter names that the generated code uses for itself elsewhere.
    #[handler]
    fn names(
        &mut self,
        reply: u64,
        message: u64,
        ctx_value: u64,
        tx: u64,
        msg: u64,
        slot: u64,
        f: u64,
        inner: u64,
    ) -> u64 {
        self.total += reply + message + ctx_value + tx + msg + slot + f + inner;
        self.total
    }

    #[handler]
    async fn with_context(&mut self, __ctx: u64, ctx: &mut Context<Self>, __message: u64) -> u64 {
        let _ = ctx.id();
        __ctx + __message
    }
}

#[tokio::test]
async fn expansion_ignores_the_user_scope() {
    let tricky = Tricky { total: 0 }.spawn();
    assert_eq!(tricky.names(1, 2, 3, 4, 5, 6, 7, 8).await.unwrap(), 36);
    assert_eq!(tricky.with_context(40, 2).await.unwrap(), 42);
}
