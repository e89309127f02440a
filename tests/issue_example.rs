//! The user code of the founding issue must compile unchanged and behave as
//! written. `issue_example/user_code.rs` holds it verbatim; `include!` keeps
//! rustfmt away from it.
#![allow(missing_docs, missing_debug_implementations, unused_variables)]

include!("issue_example/user_code.rs");

#[test]
fn the_issue_example_runs_as_written() {
    main().expect("every step of the example succeeds");
}
