use greenroom::prelude::*;

#[actor]
struct Frame { bytes: Vec<u8> }

impl Frame {
    const LEN: usize = 4;
}

#[actor]
impl Frame where Self: Send {
    /// `Self` in an expression inside a type, and in the where clause.
    #[handler]
    fn load(&mut self, header: [u8; Self::LEN]) -> usize {
        self.bytes.extend_from_slice(&header);
        self.bytes.len()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let frame = Frame { bytes: Vec::new() }.spawn();
    assert_eq!(frame.load([1, 2, 3, 4]).await.unwrap(), 4);
}
