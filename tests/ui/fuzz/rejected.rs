//! 16 generated actors that `#[actor]` rejects, drawn from a fixed seed by `actor-macros/src/fuzz/sample.rs`,
//! which explains how to regenerate this file. Do not edit it by hand.

#![deny(warnings)]
#![allow(dead_code)]

mod case_00 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[doc = "Generated."]
        #[handler]
        async fn op_0(&self) -> &std::time::Duration {
            Box::leak(Box::new(std::time::Duration::ZERO)) as &std::time::Duration
        }
    }
}

mod case_01 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        /// Generated.
        #[inline]
        #[must_use]
        #[on_stop]
        fn op_0(&mut self, ctx0: &mut Context<Self>, a1: Option<u32>, ctx2: &mut Context<Self>, reason3: &StopReason) -> Result<impl std::fmt::Display, String> {
            let _ = &ctx0;
            let _ = &a1;
            let _ = &ctx2;
            let _ = reason3;
            Ok::<_, String>(0u32)
        }

        #[doc = "Generated."]
        #[allow(clippy::unused_self)]
        #[must_use]
        #[handler]
        fn op_1(mut self, ctx0: Context<Self>, a1: Box<[u32]>, _: impl std::fmt::Display) -> Box<dyn Fn(u32) -> u32 + Send> where Self: Sized {
            let _ = &mut self;
            let _ = &ctx0;
            let _ = &a1;
            Box::new(|x: u32| x) as Box<dyn Fn(u32) -> u32 + Send>
        }
    }
}

mod case_02 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        /// Generated.
        async fn op_0((x0, y0): (u32, u32), a1: Result<T, String>) -> Box<&'static mut u32> {
            let _ = (x0, y0);
            let _ = &a1;
            Box::new(Box::leak(Box::new(7u32)) as &'static mut u32) as Box<&'static mut u32>
        }

        #[deprecated = "generated"]
        #[handler]
        async fn op_1(mut self, a0: &'static mut String, ctx1: &mut Context<Self>) -> Option<impl std::fmt::Display> where Self: Sized {
            let _ = &mut self;
            let _ = &a0;
            let _ = &ctx1;
            Some(0u32)
        }

        #[handler]
        async unsafe fn r#match(&self, a0: Box<u32>) -> Result<Box<u32>, String> {
            let _ = &a0;
            Ok::<_, String>(Box::new(7u32) as Box<u32>)
        }

        #[doc = "Generated."]
        #[cfg_attr(all(), cfg(any()))]
        #[inline]
        #[handler]
        async fn op_3(&mut self) {}
    }
}

mod case_03 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        /// Generated.
        #[cfg_attr(all(), inline)]
        #[handler]
        pub(crate) fn downgrade(&mut self, a0: Box<[String]>, ref a1: impl Iterator<Item = u32> + Send) -> &Vec<u8> {
            let _ = &a0;
            let _ = a1;
            Box::leak(Box::new(Vec::<u8>::new())) as &Vec<u8>
        }
    }
}

mod case_04 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        /// Generated.
        #[doc = "Generated."]
        #[cfg_attr(all(), inline)]
        #[handler]
        fn op_0(&mut self) -> &(dyn Fn(&str) -> usize + Send) {
            Box::leak(Box::new(|s: &str| s.len())) as &(dyn Fn(&str) -> usize + Send)
        }
    }
}

mod case_05 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        #[doc = "Generated."]
        #[cfg(any())]
        #[cfg_attr(all(), inline)]
        #[on_start]
        async fn op_0(&self, reason0: &StopReason) -> Option<[Vec<u8>; 2]> {
            let _ = reason0;
            Some([Vec::<u8>::new(), Vec::<u8>::new()])
        }

        #[cfg(all())]
        #[cfg_attr(all(), doc = "Generated.")]
        #[inline]
        #[handler]
        pub fn op_1(&mut self) -> Vec<String> {
            vec![String::new()]
        }

        #[on_stop]
        async fn op_2(&mut self, ctx0: &mut Context<Self>, ctx1: &mut Context<Self>, ctx2: &mut Context<Self>) {
            let _ = &ctx0;
            let _ = &ctx1;
            let _ = &ctx2;
        }

        #[cfg_attr(all(), inline)]
        #[handler]
        async fn op_3(&mut self, a0: Vec<impl std::fmt::Display>, a1: Box<dyn Fn(std::rc::Rc<u32>) + Send>) {
            let _ = &a0;
            let _ = &a1;
        }
    }
}

mod case_06 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        #[on_start]
        fn op_0(&self, reason0: &StopReason, ctx1: &mut Context<Self>, reason2: &StopReason) -> () {
            let _ = reason0;
            let _ = &ctx1;
            let _ = reason2;
            ()
        }

        #[allow(clippy::unused_self)]
        #[must_use]
        #[on_stop]
        async fn op_1(&self, ctx0: &mut Context<Self>) -> Box<u32> {
            let _ = &ctx0;
            Box::new(7u32) as Box<u32>
        }
    }
}

mod case_07 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        #[handler]
        pub async unsafe fn id(self: Box<Self>, a0: Box<String>, a1: Box<str>, a2: Box<[String]>, (x3, y3): (u32, u32)) -> Option<Vec<u8>> {
            let _ = &a0;
            let _ = &a1;
            let _ = &a2;
            let _ = (x3, y3);
            Some(Vec::<u8>::new())
        }

        #[cfg(any())]
        #[cfg_attr(all(), doc = "Generated.")]
        #[cfg_attr(all(), cfg(any()))]
        #[handler]
        async fn op_1(&mut self, a0: Vec<u32>, a1: Box<[String]>, ctx2: &mut Context<Self>, (x3, y3): (u32, u32)) -> () where Self: Sized {
            let _ = &a0;
            let _ = &a1;
            let _ = &ctx2;
            let _ = (x3, y3);
            ()
        }

        /// Generated.
        #[cfg(all())]
        #[cfg_attr(all(), inline)]
        #[handler]
        pub(crate) fn op_2(&self, a0: Result<String, String>, a1: &Option<T>, ctx2: &mut Context<Self>) -> Box<T> {
            let _ = &a0;
            let _ = &a1;
            let _ = &ctx2;
            Box::new(T::default()) as Box<T>
        }
    }
}

mod case_08 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        #[cfg(any())]
        #[handler]
        pub fn op_0<U: Default + Send + Sync + 'static>(&self, a0: String, a1: impl std::fmt::Display, a2: &&'static mut u32, ctx3: &mut Context<Self>) -> () {
            let _ = &a0;
            let _ = &a1;
            let _ = &a2;
            let _ = &ctx3;
            ()
        }

        #[cfg(all())]
        #[on_start]
        pub(crate) async fn op_1(&mut self, ctx0: Context<Self>, ctx1: &Context<Self>) -> (fn(&str) -> usize,) {
            let _ = &ctx0;
            let _ = &ctx1;
            (str::len as fn(&str) -> usize,)
        }

        #[doc = "Generated."]
        #[cfg_attr(all(), doc = "Generated.")]
        #[handler]
        async fn op_2(&mut self, (x0, y0): (u32, u32)) -> &mut String {
            let _ = (x0, y0);
            Box::leak(Box::new(String::new())) as &mut String
        }
    }
}

mod case_09 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[cfg(any())]
        #[inline]
        #[must_use]
        #[handler]
        pub fn op_0(&mut self, ref a0: Vec<u8>, a1: Box<u32>, a2: (String, String), a3: [String; 2]) -> std::sync::Arc<Vec<u8>> {
            let _ = a0;
            let _ = &a1;
            let _ = &a2;
            let _ = &a3;
            std::sync::Arc::new(Vec::<u8>::new())
        }

        #[inline]
        #[handler]
        fn op_1(&self) -> Box<dyn Fn(u32) -> u32 + Send> {
            Box::new(|x: u32| x) as Box<dyn Fn(u32) -> u32 + Send>
        }
    }
}

mod case_10 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed;

    #[actor]
    impl Fuzzed {
        #[cfg_attr(all(), inline)]
        #[cfg_attr(all(), cfg(any()))]
        #[must_use]
        #[handler]
        fn op_0(self: &Self) {}
    }
}

mod case_11 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        #[handler]
        fn op_0(&mut self, ctx0: &Context<Self>, a1: &'static (dyn Fn(std::rc::Rc<u32>) + Send), a2: &fn(std::rc::Rc<u32>) -> u32, a3: Vec<u32>) -> Box<Box<dyn Fn(u32) -> u32 + Send>> where Self: Sized {
            let _ = &ctx0;
            let _ = &a1;
            let _ = &a2;
            let _ = &a3;
            Box::new(Box::new(|x: u32| x) as Box<dyn Fn(u32) -> u32 + Send>) as Box<Box<dyn Fn(u32) -> u32 + Send>>
        }

        #[handler]
        pub(crate) fn op_1(self, a0: std::sync::Arc<dyn std::fmt::Debug + Send + Sync>) -> Result<Vec<u8>, String> {
            let _ = &a0;
            Ok::<_, String>(Vec::<u8>::new())
        }

        #[cfg(all())]
        #[cfg_attr(all(), inline)]
        #[allow(clippy::unused_self)]
        fn op_2(&mut self, ref a0: [Vec<u8>; 2], ctx1: &mut Context<Self>) -> Result<impl Into<String>, String> {
            let _ = a0;
            let _ = &ctx1;
            Ok::<_, String>(String::new())
        }

        #[on_start]
        pub async fn fmt(&mut self, ctx0: &Context<Self>, reason1: &StopReason, reason2: &StopReason) -> Result<String, String> {
            let _ = &ctx0;
            let _ = reason1;
            let _ = reason2;
            Ok::<_, String>(String::new())
        }
    }
}

mod case_12 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[cfg(all())]
        #[cfg_attr(all(), inline)]
        #[greenroom::handler]
        pub(crate) async fn op_0(&mut self, a0: Option<impl Iterator<Item = u32> + Send>, mut a1: Vec<&fn(std::rc::Rc<u32>) -> u32>) -> Box<str> where Self: Sized {
            let _ = &a0;
            let _ = &mut a1;
            String::new().into_boxed_str() as Box<str>
        }
    }
}

mod case_13 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[on_start]
        async fn op_0(&mut self, reason0: &StopReason, reason1: &StopReason) -> () {
            let _ = reason0;
            let _ = reason1;
            ()
        }
    }
}

mod case_14 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed { count: u64 }

    #[actor]
    impl Fuzzed {
        #[handler]
        async fn op_0(mut self) -> std::marker::PhantomData<*const u8> {
            let _ = &mut self;
            std::marker::PhantomData::<*const u8>
        }

        #[cfg_attr(all(), cfg(any()))]
        #[allow(clippy::unused_self)]
        #[must_use]
        #[on_start]
        fn op_1(mut self, ctx0: &mut Context<Self>, ctx1: &Context<Self>) {
            let _ = &mut self;
            let _ = &ctx0;
            let _ = &ctx1;
        }
    }
}

mod case_15 {
    use greenroom::prelude::*;

    #[actor]
    struct Fuzzed<T: Send + Sync + Default + 'static> { value: T }

    #[actor]
    impl<T: Send + Sync + Default + 'static> Fuzzed<T> {
        #[cfg(any())]
        #[allow(clippy::unused_self)]
        #[must_use]
        #[handler]
        pub fn op_0<'a, U: Default + Send + Sync + 'static, const N: usize>(&mut self, a0: Box<String>, reason1: &StopReason, _: &'a String) {
            let _ = &a0;
            let _ = reason1;
        }

        #[cfg_attr(all(), doc = "Generated.")]
        #[handler]
        pub(crate) async fn op_1(&mut self, a0: &Vec<Vec<u8>>, reason1: &StopReason, reason2: &StopReason, a3: Box<&()>) -> &'static mut (dyn std::fmt::Display + Send) {
            let _ = &a0;
            let _ = reason1;
            let _ = reason2;
            let _ = &a3;
            Box::leak(Box::new(0u32)) as &'static mut (dyn std::fmt::Display + Send)
        }
    }
}

fn main() {}
