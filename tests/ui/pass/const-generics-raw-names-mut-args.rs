use greenroom::prelude::*;

#[actor]
pub(crate) struct Ring<const N: usize, T: Send + Copy + Default + 'static = u8> { slots: [T; N], next: usize }

#[actor]
impl<const N: usize, T: Send + Copy + Default + 'static> Ring<N, T> {
    /// A raw identifier as a handler name.
    #[handler]
    pub(crate) fn r#type(&self) -> usize { N }

    /// A `mut` argument stays the handler's business.
    #[handler]
    fn push(&mut self, mut value: T, times: u8) -> usize {
        for _ in 0..times {
            self.slots[self.next % N] = value;
            self.next += 1;
            value = T::default();
        }
        self.next
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ring: RingAddr<4, u8> = Ring { slots: [0; 4], next: 0 }.spawn();
    assert_eq!(ring.r#type().await.unwrap(), 4);
    assert_eq!(ring.push(7, 3).await.unwrap(), 3);
}
