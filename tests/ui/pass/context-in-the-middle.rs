use greenroom::prelude::*;

#[actor]
struct Painter { pixels: Vec<(u32, u32, String)> }

#[actor]
impl Painter {
    #[handler]
    fn paint(&mut self, x: u32, ctx: &mut Context<Self>, y: u32, colour: String) -> usize {
        let _me: PainterAddr = ctx.addr();
        self.pixels.push((x, y, colour));
        self.pixels.len()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let painter = Painter { pixels: Vec::new() }.spawn();
    assert_eq!(painter.paint(1, 2, "red".into()).await.unwrap(), 1);
}
