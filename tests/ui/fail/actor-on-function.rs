use greenroom::prelude::*;

#[actor]
fn counter() -> u64 { 0 }

fn main() {}
