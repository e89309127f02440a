use std::collections::HashMap;
use std::hash::Hash;

use greenroom::prelude::*;

#[actor]
struct Cache<K, V>
where
    K: Eq + Hash + Send + 'static,
    V: Clone + Send + 'static,
{
    entries: HashMap<K, V>,
}

#[actor]
impl<K, V> Cache<K, V>
where
    K: Eq + Hash + Send + 'static,
    V: Clone + Send + 'static,
{
    #[handler]
    fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.entries.insert(key, value)
    }

    #[handler]
    fn get(&self, key: K) -> Option<V> {
        self.entries.get(&key).cloned()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let cache: CacheAddr<String, u32> = Cache { entries: HashMap::new() }.spawn();
    assert_eq!(cache.insert("a".into(), 1).await.unwrap(), None);
    assert_eq!(cache.get("a".into()).await.unwrap(), Some(1));
}
