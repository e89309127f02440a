mod model {
    use greenroom::prelude::*;

    #[actor]
    pub struct Counter { pub(crate) count: u64 }
}

mod behaviour {
    use greenroom::prelude::*;

    #[actor]
    impl crate::model::Counter {
        #[handler]
        pub fn add(&mut self, by: u64) -> u64 { self.count += by; self.count }
    }
}

fn main() {}
