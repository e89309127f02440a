use greenroom::prelude::*;

#[actor]
enum Light { On, Off }

fn main() {}
