//! 24 generated actors that `#[actor]` accepts, drawn from a fixed seed by `actor-macros/src/fuzz/sample.rs`,
//! which explains how to regenerate this file. Do not edit it by hand.

#![deny(warnings)]
#![allow(dead_code)]

mod case_00 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        #[deprecated = "generated"]
        #[must_use]
        fn op_0(&mut self) -> Result<Self, String> {
            Ok::<_, String>(Fuzzed)
        }

        #[handler]
        pub(crate) fn op_1(&self, mut a0: Option<u32>, ctx1: &mut Context<Self>) {
            let _ = &mut a0;
            let _ = &ctx1;
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed.spawn();
        assert!(addr.op_1(Some(7u32)).await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_01 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        async fn op_0(&mut self, a0: [bool; 2], ctx1: &mut Context<Self>, ctx2: &mut Context<Self>, ctx3: &Context<Self>) -> &'static fn(std::rc::Rc<u32>) -> u32 {
            let _ = &a0;
            let _ = &ctx1;
            let _ = &ctx2;
            let _ = &ctx3;
            Box::leak(Box::new((|_: std::rc::Rc<u32>| 0u32) as fn(std::rc::Rc<u32>) -> u32)) as &'static fn(std::rc::Rc<u32>) -> u32
        }

        /// Generated.
        #[deprecated = "generated"]
        #[allow(clippy::unused_self)]
        pub fn op_1(&mut self, ctx0: &mut Context<Self>, (x1, y1): (u32, u32)) -> Box<u32> {
            let _ = &ctx0;
            let _ = (x1, y1);
            Box::new(7u32) as Box<u32>
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_02 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[handler]
        pub async fn op_0(&mut self) -> Box<Vec<u8>> {
            Box::new(Vec::<u8>::new()) as Box<Vec<u8>>
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        assert!(addr.op_0().await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_03 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[cfg_attr(all(), inline)]
        #[deprecated = "generated"]
        #[handler]
        async fn op_0(&self, a0: Box<dyn for<'b> Fn(&'b str) -> &'b str + Send>, ctx1: &mut Context<Self>) -> std::time::Duration {
            let _ = &a0;
            let _ = &ctx1;
            std::time::Duration::ZERO
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        assert!(addr.op_0(Box::new({ fn same(s: &str) -> &str { s } same }) as Box<dyn for<'b> Fn(&'b str) -> &'b str + Send>).await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_04 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        /// Generated.
        #[allow(clippy::unused_self)]
        #[handler]
        fn op_0(&mut self, a0: Vec<u32>) -> [std::sync::Arc<dyn std::fmt::Debug + Send + Sync>; 2] {
            let _ = &a0;
            [std::sync::Arc::new(0u32) as std::sync::Arc<dyn std::fmt::Debug + Send + Sync>, std::sync::Arc::new(0u32) as std::sync::Arc<dyn std::fmt::Debug + Send + Sync>]
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        assert!(addr.op_0(vec![7u32]).await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_05 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[handler]
        pub(crate) async fn op_0(&self, a0: (Vec<u8>,)) {
            let _ = &a0;
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        assert!(addr.op_0((Vec::<u8>::new(),)).await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_06 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[handler]
        async fn op_0(&self) {}
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        assert!(addr.op_0().await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_07 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        #[cfg(any())]
        #[handler]
        async fn op_0(&self, a0: T) {
            let _ = &a0;
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr: FuzzedAddr<u8> = Fuzzed { value: 0u8 }.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_08 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[cfg(all())]
        #[handler]
        fn op_0(&self, ctx0: &mut Context<Self>) -> Box<str> {
            let _ = &ctx0;
            String::new().into_boxed_str() as Box<str>
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        assert!(addr.op_0().await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_09 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[handler]
        async fn r#match(&self, ctx0: &mut Context<Self>) -> Vec<bool> {
            let _ = &ctx0;
            vec![true]
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        assert!(addr.r#match().await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_10 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        /// Generated.
        async fn op_0(&mut self, ref a0: Box<u32>, mut a1: (&mut (dyn Fn(u32) -> u32 + Send), fn(std::rc::Rc<u32>) -> u32), a2: [u32; 2], a3: (std::rc::Weak<u32>, u32, u32)) {
            let _ = a0;
            let _ = &mut a1;
            let _ = &a2;
            let _ = &a3;
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_11 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        fn op_0(&self, a0: std::sync::Arc<(String, Vec<u8>, Vec<u8>)>) -> std::marker::PhantomData<*const u8> {
            let _ = &a0;
            std::marker::PhantomData::<*const u8>
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_12 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        #[cfg_attr(all(), doc = "Generated.")]
        #[allow(clippy::unused_self)]
        #[handler]
        fn op_0(&self) -> Option<Vec<String>> {
            Some(vec![String::new()])
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr: FuzzedAddr<u8> = Fuzzed { value: 0u8 }.spawn();
        assert!(addr.op_0().await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_13 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        /// Generated.
        #[cfg_attr(all(), cfg(any()))]
        #[inline]
        #[handler]
        fn op_0(&mut self) -> &'static Vec<u8> {
            Box::leak(Box::new(Vec::<u8>::new())) as &'static Vec<u8>
        }

        #[handler]
        fn op_1(&self) {}
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr: FuzzedAddr<u8> = Fuzzed { value: 0u8 }.spawn();
        assert!(addr.op_1().await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_14 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        #[on_stop]
        fn op_0(&mut self, reason0: &StopReason) -> () {
            let _ = reason0;
            ()
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_15 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        #[doc = "Generated."]
        #[cfg(all())]
        #[inline]
        async fn op_0(&mut self, (x0, y0): (u32, u32), a1: Box<Result<Self, String>>) -> Option<&'static (dyn std::fmt::Display + Send)> {
            let _ = (x0, y0);
            let _ = &a1;
            Some(Box::leak(Box::new(0u32)) as &'static (dyn std::fmt::Display + Send))
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_16 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        /// Generated.
        #[must_use]
        #[handler]
        fn op_0(&self, a0: (String, String, std::time::Duration), ctx1: &mut Context<Self>, a2: &'static mut bool) {
            let _ = &a0;
            let _ = &ctx1;
            let _ = &a2;
        }

        #[cfg_attr(all(), cfg(any()))]
        #[handler]
        pub(crate) fn op_1(&self) -> Option<u32> {
            Some(7u32)
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed.spawn();
        assert!(addr.op_0((String::new(), String::new(), std::time::Duration::ZERO), Box::leak(Box::new(true)) as &'static mut bool).await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_17 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[handler]
        fn op_0(&mut self, a0: Box<str>, a1: std::sync::Arc<str>) {
            let _ = &a0;
            let _ = &a1;
        }

        #[handler]
        fn op_1(&mut self, a0: Box<String>, mut a1: &'static mut (dyn Fn(u32) -> u32 + Send), a2: [String; 2]) -> (bool, std::time::Duration, std::time::Duration) {
            let _ = &a0;
            let _ = &mut a1;
            let _ = &a2;
            (true, std::time::Duration::ZERO, std::time::Duration::ZERO)
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        assert!(addr.op_0(String::new().into_boxed_str() as Box<str>, std::sync::Arc::<str>::from(String::new().into_boxed_str())).await.is_ok());
        assert!(addr.op_1(Box::new(String::new()) as Box<String>, Box::leak(Box::new(|x: u32| x)) as &'static mut (dyn Fn(u32) -> u32 + Send), [String::new(), String::new()]).await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_18 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        fn op_0(&self, _: &mut (dyn Fn(&str) -> usize + Send)) {}
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_19 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        pub(crate) fn op_0(&mut self) -> u32 {
            7u32
        }

        #[deprecated = "generated"]
        #[handler]
        pub(crate) async fn op_1(&self) -> Box<dyn std::fmt::Display + Send> {
            Box::new(0u32) as Box<dyn std::fmt::Display + Send>
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed.spawn();
        assert!(addr.op_1().await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_20 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        #[handler]
        async fn op_0(&self) {}
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr: FuzzedAddr<u8> = Fuzzed { value: 0u8 }.spawn();
        assert!(addr.op_0().await.is_ok());
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_21 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[cfg(all())]
        #[cfg_attr(all(), inline)]
        fn op_0(&mut self, a0: &mut [String], a1: String) {
            let _ = &a0;
            let _ = &a1;
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr = Fuzzed { count: 0 }.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_22 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        async fn op_0<const N: usize>(&self, a0: std::sync::Arc<T>, ctx1: &mut Context<Self>, ctx2: &mut Context<Self>) -> [u32; 2] {
            let _ = &a0;
            let _ = &ctx1;
            let _ = &ctx2;
            [7u32, 7u32]
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr: FuzzedAddr<u8> = Fuzzed { value: 0u8 }.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

mod case_23 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        unsafe fn op_0<'a, U: Default + Send + Sync + 'static, const N: usize>(&self) where U: Clone {}

        #[cfg(all())]
        #[cfg(any())]
        #[cfg_attr(all(), inline)]
        #[greenroom::handler]
        fn op_1(&self, a0: std::sync::Arc<String>, ctx1: &mut Context<Self>, mut a2: (String, &'static str)) -> Box<T> {
            let _ = &a0;
            let _ = &ctx1;
            let _ = &mut a2;
            Box::new(T::default()) as Box<T>
        }
    }

    #[allow(deprecated)]
    pub(crate) async fn call() {
        let addr: FuzzedAddr<u8> = Fuzzed { value: 0u8 }.spawn();
        addr.stop();
        addr.wait_stopped().await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    case_00::call().await;
    case_01::call().await;
    case_02::call().await;
    case_03::call().await;
    case_04::call().await;
    case_05::call().await;
    case_06::call().await;
    case_07::call().await;
    case_08::call().await;
    case_09::call().await;
    case_10::call().await;
    case_11::call().await;
    case_12::call().await;
    case_13::call().await;
    case_14::call().await;
    case_15::call().await;
    case_16::call().await;
    case_17::call().await;
    case_18::call().await;
    case_19::call().await;
    case_20::call().await;
    case_21::call().await;
    case_22::call().await;
    case_23::call().await;
}
