//! Browser tests of the pictures: mounts every `PatternPicture` (each pattern × sex) and every
//! `StagePicture` (each Norwood and Ludwig grade) into a real (headless Chromium) document and
//! checks the svg, its classes and accessibility attributes, and that no two pictures of one
//! set draw the same thing. Runs with
//! `cargo test --target wasm32-unknown-unknown --test web_pictures`; natively this file
//! compiles to nothing. It must not check the drawing's exact geometry.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use meso_advisor::core::answers::{Pattern, Scale, Sex, Stage};
use meso_advisor::ui::components::pattern_picture::PatternPictureProps;
use meso_advisor::ui::components::stage_picture::StagePictureProps;
use meso_advisor::ui::components::{PatternPicture, StagePicture};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// How many scheduler ticks we allow Yew to put a picture on the page.
const MAX_TICKS: u32 = 50;

/// What was rendered: the svg's class attribute and its inner markup.
struct Rendered {
    class: String,
    inner: String,
}

/// A fresh, empty element appended to `document.body`.
fn fresh_root() -> Element {
    let document = web_sys::window()
        .expect("a browser window")
        .document()
        .expect("a document");
    let root = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("append the root to the body");
    root
}

/// Yields to the event loop (zero-length timers, no timing guess) until an svg is inside
/// `root`, for at most `MAX_TICKS` ticks.
async fn wait_for_svg(root: &Element) -> Element {
    for _ in 0..MAX_TICKS {
        if let Some(svg) = root.query_selector("svg").expect("a valid selector") {
            return svg;
        }
        yew::platform::time::sleep(Duration::ZERO).await;
    }
    panic!("no svg was rendered in {MAX_TICKS} ticks")
}

/// Checks what every picture must be, whatever it shows; returns its class and markup.
fn check_svg(svg: &Element, base_class: &str, modifier: &str) -> Rendered {
    let class = svg.get_attribute("class").unwrap_or_default();
    let classes: Vec<&str> = class.split_whitespace().collect();
    assert!(
        classes.contains(&base_class),
        "class {base_class:?} missing in {class:?}"
    );
    assert!(
        classes.contains(&modifier),
        "class {modifier:?} missing in {class:?}"
    );
    assert_eq!(
        svg.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(
        svg.get_attribute("viewBox").as_deref(),
        Some("0 0 120 120"),
        "{class}"
    );
    assert_eq!(
        svg.get_attribute("aria-hidden").as_deref(),
        Some("true"),
        "{class}"
    );
    assert_eq!(
        svg.get_attribute("focusable").as_deref(),
        Some("false"),
        "{class}"
    );
    // The CSP forbids inline styles.
    assert!(
        svg.get_attribute("style").is_none(),
        "{class} has a style attribute"
    );
    assert!(
        svg.query_selector("[style]").unwrap().is_none(),
        "{class} has an element with a style attribute"
    );
    // A drawing: a head (skin and outline) and more; no text of its own.
    let shapes = svg.child_element_count();
    assert!(shapes >= 4, "{class} draws only {shapes} shapes");
    assert_eq!(
        svg.text_content().unwrap_or_default().trim(),
        "",
        "{class} carries text"
    );
    // Every shape is styled by a class of the picture's own stylesheet.
    let unstyled = format!(":scope > :not([class^='{base_class}-'])");
    assert!(
        svg.query_selector(&unstyled).unwrap().is_none(),
        "{class} has a shape without a {base_class}-… class"
    );
    Rendered {
        class,
        inner: svg.inner_html(),
    }
}

/// Asserts that no two pictures of a set have the same markup.
fn assert_all_different(set: &[Rendered]) {
    for (i, a) in set.iter().enumerate() {
        for b in &set[i + 1..] {
            assert_ne!(
                a.inner, b.inner,
                "{} and {} draw the same thing",
                a.class, b.class
            );
        }
    }
}

/// Mounts one stage picture and checks it.
async fn render_stage(scale: Scale, grade: u8) -> Rendered {
    let root = fresh_root();
    let props = StagePictureProps {
        stage: Stage { scale, grade },
    };
    let app = yew::Renderer::<StagePicture>::with_root_and_props(root.clone(), props).render();
    let svg = wait_for_svg(&root).await;
    let clamped = grade.clamp(1, Stage::max_grade(scale));
    let rendered = check_svg(
        &svg,
        "stage-picture",
        &format!("stage-picture--{}-{clamped}", scale.id()),
    );
    app.destroy();
    root.remove();
    rendered
}

/// Mounts one pattern picture and checks it.
async fn render_pattern(pattern: Pattern, sex: Sex) -> Rendered {
    let root = fresh_root();
    let props = PatternPictureProps { pattern, sex };
    let app = yew::Renderer::<PatternPicture>::with_root_and_props(root.clone(), props).render();
    let svg = wait_for_svg(&root).await;
    let rendered = check_svg(
        &svg,
        "pattern-picture",
        &format!("pattern-picture--{}", pattern.id().replace('_', "-")),
    );
    assert!(
        rendered
            .class
            .split_whitespace()
            .any(|c| c == format!("pattern-picture--{}", sex.id())),
        "{} lacks its sex modifier",
        rendered.class
    );
    app.destroy();
    root.remove();
    rendered
}

#[wasm_bindgen_test]
async fn every_norwood_grade_draws_its_own_picture() {
    let mut set = Vec::new();
    for grade in 1..=7 {
        set.push(render_stage(Scale::Norwood, grade).await);
    }
    assert_all_different(&set);
}

#[wasm_bindgen_test]
async fn every_ludwig_grade_draws_its_own_picture() {
    let mut set = Vec::new();
    for grade in 1..=3 {
        set.push(render_stage(Scale::Ludwig, grade).await);
    }
    assert_all_different(&set);
}

#[wasm_bindgen_test]
async fn a_grade_out_of_range_shows_the_nearest_grade() {
    let top = render_stage(Scale::Norwood, 7).await;
    let above = render_stage(Scale::Norwood, 9).await;
    assert_eq!(top.inner, above.inner);
    let bottom = render_stage(Scale::Ludwig, 1).await;
    let below = render_stage(Scale::Ludwig, 0).await;
    assert_eq!(bottom.inner, below.inner);
}

#[wasm_bindgen_test]
async fn every_pattern_draws_its_own_picture_for_every_sex() {
    for &sex in Sex::ALL {
        let mut set = Vec::new();
        for &pattern in Pattern::ALL {
            set.push(render_pattern(pattern, sex).await);
        }
        assert_eq!(set.len(), 5);
        assert_all_different(&set);
    }
}

#[wasm_bindgen_test]
async fn the_sex_changes_the_drawing_around_the_pattern() {
    for &pattern in Pattern::ALL {
        let male = render_pattern(pattern, Sex::Male).await;
        let female = render_pattern(pattern, Sex::Female).await;
        assert_ne!(
            male.inner, female.inner,
            "{pattern}: same drawing for male and female"
        );
    }
}
