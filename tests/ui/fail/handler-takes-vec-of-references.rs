use greenroom::prelude::*;

#[actor]
struct Joiner { separator: String }

#[actor]
impl Joiner {
    #[handler]
    fn join(&self, words: Vec<&str>) -> String { words.join(&self.separator) }
}

fn main() {}
