use std::rc::Rc;

use greenroom::prelude::*;

#[actor]
struct Measurer { text: String }

// A `fn` pointer or a boxed `Fn` holds no value of the types it takes, so
// borrowed or non-`Send` parameters there are fine.
#[actor]
impl Measurer {
    #[handler]
    fn measure(&self, by: fn(&str) -> usize) -> usize { by(&self.text) }

    #[handler]
    fn measure_boxed(&self, by: Box<dyn Fn(&str) -> usize + Send>) -> usize { by(&self.text) }

    #[handler]
    fn pick(&self, pick: Box<dyn for<'a> Fn(&'a str) -> &'a str + Send>) -> String { pick(&self.text).to_owned() }

    #[handler]
    fn count(&self, count: fn(Rc<str>) -> usize) -> usize { count(Rc::from(self.text.as_str())) }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let measurer = Measurer { text: "greenroom".to_owned() }.spawn();
    assert_eq!(measurer.measure(str::len).await.unwrap(), 9);
    assert_eq!(measurer.measure_boxed(Box::new(|text| text.matches('e').count())).await.unwrap(), 2);
    assert_eq!(measurer.pick(Box::new(|text| &text[..5])).await.unwrap(), "green");
    assert_eq!(measurer.count(|text| text.len()).await.unwrap(), 9);
}
