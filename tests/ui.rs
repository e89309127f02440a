//! The compile-fail suite: each file in `ui/fail/` makes one mistake and its
//! `.stderr` holds the errors a user sees; each file in `ui/pass/` must
//! compile and run. Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test --test ui` and read every diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
    // A fixed sample of generated actors; see actor-macros/src/fuzz/sample.rs.
    t.compile_fail("tests/ui/fuzz/rejected.rs");
    t.pass("tests/ui/fuzz/accepted.rs");
}
