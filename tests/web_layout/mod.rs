//! Shared helpers of the browser layout tests (`tests/web_pictures.rs`,
//! `tests/web_timeline.rs`): the app's stylesheets put into the test document, and boxes read
//! with `getBoundingClientRect()` (web-sys's DomRect feature is not enabled, so through
//! js-sys). They measure; they must not change what they measure.

#![allow(dead_code)]

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// A box on the page, from `getBoundingClientRect()`.
#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn of(el: &Element) -> Rect {
        let get = js_sys::Reflect::get(el, &JsValue::from_str("getBoundingClientRect"))
            .expect("getBoundingClientRect");
        let rect = get
            .unchecked_into::<js_sys::Function>()
            .call0(el)
            .expect("call getBoundingClientRect");
        let side = |name: &str| {
            js_sys::Reflect::get(&rect, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or_else(|| panic!("DOMRect.{name}"))
        };
        Rect {
            left: side("left"),
            top: side("top"),
            right: side("right"),
            bottom: side("bottom"),
        }
    }

    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }

    /// Whether the two boxes share some area (touching edges do not count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    /// Whether `other` lies inside this box (half a pixel of rounding allowed).
    pub fn contains(&self, other: &Rect) -> bool {
        other.left >= self.left - 0.5
            && other.right <= self.right + 0.5
            && other.top >= self.top - 0.5
            && other.bottom <= self.bottom + 0.5
    }
}

/// Puts these stylesheets into the test document under the element id `id` (once).
pub fn install_styles(id: &str, css: &[&str]) {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id(id).is_some() {
        return;
    }
    let style = document.create_element("style").expect("create a style");
    style.set_id(id);
    style.set_text_content(Some(&css.join("\n")));
    document
        .head()
        .expect("a head")
        .append_child(&style)
        .expect("append the style");
}
