use greenroom::prelude::*;

#[actor]
struct Log { lines: Vec<&'static str> }

#[actor]
impl Log {
    #[handler]
    fn push(&mut self, line: &'static str) -> &'static str {
        self.lines.push(line);
        self.lines[0]
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let log = Log { lines: Vec::new() }.spawn();
    assert_eq!(log.push("first").await.unwrap(), "first");
    assert_eq!(log.push("second").await.unwrap(), "first");
}
