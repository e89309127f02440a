//! A fixed sample of generated actors for rustc: `tests/ui/fuzz/accepted.rs`
//! holds actors that the macro accepts, which must compile and answer every
//! handler; `tests/ui/fuzz/rejected.rs` holds actors that it rejects, which
//! must fail with the macro's own errors and nothing else. `tests/ui.rs`
//! runs both in its one trybuild batch.
//!
//! The test here draws the sample from a fixed seed and checks that the
//! files are what it draws, and that `rejected.stderr` holds exactly the
//! macro's messages: an error of rustc's own there would be a cascade.
//! After changing the generator, regenerate the files with
//! `FUZZ_SAMPLE=overwrite cargo test -p actor-macros fuzz`, then the
//! `.stderr` with `TRYBUILD=overwrite cargo test --test ui`.
//!
//! For a larger sample, to compile by hand, set `FUZZ_SAMPLE` to a directory
//! and `FUZZ_SAMPLE_SIZE` to the number of actors of each kind: the test
//! writes both files there, with `rejected.expected`, the macro's messages.

use std::path::PathBuf;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use super::case::Case;
use super::{expand, strategy};

const SEED: &[u8; 32] = b"greenroom fuzz: the fixed sample";
const ACCEPTED: usize = 24;
const REJECTED: usize = 16;

/// The first actors drawn from the seed that must compile, and the first
/// that the macro must reject for mistakes in otherwise valid Rust.
fn draw(accepting: usize, rejecting: usize) -> (Vec<Case>, Vec<Case>) {
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, SEED));
    let strategy = strategy::case();
    let (mut accepted, mut rejected) = (Vec::new(), Vec::new());
    while accepted.len() < accepting || rejected.len() < rejecting {
        let case = strategy.new_tree(&mut runner).expect("the strategy has no filters").current();
        let verdict = case.verdict();
        if verdict.compiles() {
            if accepted.len() < accepting {
                accepted.push(case);
            }
        } else if !verdict.mistakes.is_empty() && verdict.valid_rust && !verdict.not_send && rejected.len() < rejecting
        {
            rejected.push(case);
        }
    }
    (accepted, rejected)
}

/// The macro's messages for the rejected actors, as rustc prints them.
fn messages(rejected: &[Case]) -> Vec<String> {
    let mut messages: Vec<String> = rejected
        .iter()
        .flat_map(|case| expand(case).expect("the sample expands").errors)
        .map(|error| format!("error: {error}"))
        .collect();
    messages.sort();
    messages
}

/// The headlines of rustc's errors and warnings. Rustc wraps a long one
/// onto indented lines, moving spaces about: the pieces are put back
/// together, as the messages they must match are, without any whitespace.
fn diagnostics(stderr: &str) -> Vec<String> {
    let mut headlines: Vec<String> = Vec::new();
    let mut open = false;
    for line in stderr.lines() {
        if line.starts_with("error") || line.starts_with("warning") {
            headlines.push(line.to_owned());
            open = true;
        } else if open && line.starts_with(' ') && !line.trim_start().starts_with(['-', '|', '=']) {
            headlines.last_mut().expect("open after a headline").push_str(line);
        } else {
            open = false;
        }
    }
    headlines.iter().map(|headline| headline.split_whitespace().collect()).collect()
}

fn indent(text: &str) -> String {
    text.lines().map(|line| if line.is_empty() { "\n".to_owned() } else { format!("    {line}\n") }).collect()
}

fn file(what: &str, cases: &[Case], calls: bool) -> String {
    let mut out = format!(
        "//! {what}, drawn from a fixed seed by `actor-macros/src/fuzz/sample.rs`,\n\
         //! which explains how to regenerate this file. Do not edit it by hand.\n\n\
         #![deny(warnings)]\n\
         #![allow(dead_code)]\n\n"
    );
    for (index, case) in cases.iter().enumerate() {
        out.push_str(&format!("mod case_{index:02} {{\n    use greenroom::prelude::*;\n\n"));
        out.push_str(&indent(&case.source()));
        if calls {
            out.push('\n');
            out.push_str(&indent(&case.calls()));
        }
        out.push_str("}\n\n");
    }
    if calls {
        out.push_str("#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n");
        for index in 0..cases.len() {
            out.push_str(&format!("    case_{index:02}::call().await;\n"));
        }
        out.push_str("}\n");
    } else {
        out.push_str("fn main() {}\n");
    }
    out
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/ui/fuzz")
}

#[test]
fn fixed_sample_is_current_and_rejected_with_the_macros_errors_only() {
    let size = std::env::var("FUZZ_SAMPLE_SIZE").ok().map(|size| size.parse::<usize>().expect("a number"));
    let (accepting, rejecting) = size.map_or((ACCEPTED, REJECTED), |size| (size, size));
    let (accepted, rejected) = draw(accepting, rejecting);
    let files = [
        ("accepted.rs", file(&format!("{accepting} generated actors that `#[actor]` accepts"), &accepted, true)),
        ("rejected.rs", file(&format!("{rejecting} generated actors that `#[actor]` rejects"), &rejected, false)),
    ];
    match std::env::var("FUZZ_SAMPLE").as_deref() {
        Err(_) => {}
        Ok("overwrite") => {
            for (name, text) in &files {
                std::fs::write(dir().join(name), text).expect("write the sample");
            }
            return;
        }
        Ok(elsewhere) => {
            let dir = PathBuf::from(elsewhere);
            std::fs::create_dir_all(&dir).expect("FUZZ_SAMPLE is a directory");
            for (name, text) in &files {
                std::fs::write(dir.join(name), text).expect("write the sample");
            }
            std::fs::write(dir.join("rejected.expected"), messages(&rejected).join("\n") + "\n").expect("write");
            return;
        }
    }
    for (name, text) in &files {
        let written = std::fs::read_to_string(dir().join(name)).unwrap_or_default();
        assert!(
            written == *text,
            "tests/ui/fuzz/{name} is not the sample that the generator draws; see fuzz/sample.rs to regenerate it"
        );
    }

    let mut expected: Vec<String> =
        messages(&rejected).iter().map(|message| message.split_whitespace().collect()).collect();
    expected.sort();
    let stderr = std::fs::read_to_string(dir().join("rejected.stderr"))
        .expect("tests/ui/fuzz/rejected.stderr: make it with `TRYBUILD=overwrite cargo test --test ui`");
    let mut reported = diagnostics(&stderr);
    reported.sort();
    assert_eq!(
        reported, expected,
        "rustc's diagnostics for tests/ui/fuzz/rejected.rs are not exactly the macro's errors"
    );
}
