use greenroom::prelude::*;

#[actor]
#[derive(Clone, Debug, PartialEq)]
struct Settings { volume: u8 }

#[actor]
impl Settings {
    #[handler]
    fn replace(&mut self, new: Self) -> Self {
        std::mem::replace(self, new)
    }

    #[handler]
    fn merge(&mut self, others: Vec<Self>) -> Option<Self> {
        let loudest = others.into_iter().max_by_key(|other| other.volume)?;
        Some(std::mem::replace(self, loudest))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let settings = Settings { volume: 1 }.spawn();
    assert_eq!(settings.replace(Settings { volume: 2 }).await.unwrap(), Settings { volume: 1 });
    assert_eq!(settings.merge(vec![Settings { volume: 3 }]).await.unwrap(), Some(Settings { volume: 2 }));
}
