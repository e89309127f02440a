use std::fmt::Display;

use greenroom::prelude::*;

#[actor]
struct Roster { names: Vec<String> }

#[actor]
impl Roster {
    #[handler]
    fn names(&self) -> Vec<impl Display> { self.names.clone() }
}

async fn call(roster: RosterAddr) {
    let _ = roster.names().await;
}

fn main() {}
