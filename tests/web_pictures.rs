//! Browser tests of the pictures: mounts every `PatternPicture` (each pattern × sex) and every
//! `StagePicture` (each Norwood and Ludwig grade) into a real (headless Chromium) document and
//! checks the svg, its classes and accessibility attributes, and that no two pictures of one
//! set draw the same thing; then lays the pictures out as the questionnaire does (a picture
//! `ChoiceGroup`, with the app's stylesheets) at phone and desktop widths and checks that no
//! drawing meets its option's label, hint or radio. Runs with
//! `cargo test --target wasm32-unknown-unknown --test web_pictures`; natively this file
//! compiles to nothing. It must not check the drawing's exact geometry.

#![cfg(target_arch = "wasm32")]

mod web_layout;

use std::time::Duration;

use meso_advisor::core::answers::{Pattern, Scale, Sex, Stage};
use meso_advisor::core::Catalog;
use meso_advisor::ui::components::choice_group::ChoiceGroupProps;
use meso_advisor::ui::components::pattern_picture::PatternPictureProps;
use meso_advisor::ui::components::stage_picture::StagePictureProps;
use meso_advisor::ui::components::{ChoiceGroup, ChoiceOption, PatternPicture, StagePicture};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_layout::Rect;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

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

// ------------------------------------------------------------------------------------------
// Layout: the pictures as option cards of the questionnaire, at several widths
// ------------------------------------------------------------------------------------------

/// Container widths (CSS pixels): small phone, common phone, desktop.
const WIDTHS: [u32; 3] = [320, 390, 1024];

/// Least size of a touch target (CSS pixels).
const MIN_TARGET: f64 = 44.0;

/// The stylesheets the questionnaire's picture cards use, as index.html links them.
const CSS: [&str; 5] = [
    include_str!("../styles/base.css"),
    include_str!("../styles/question_fieldset.css"),
    include_str!("../styles/choice_group.css"),
    include_str!("../styles/pattern_picture.css"),
    include_str!("../styles/stage_picture.css"),
];
const STYLE_ID: &str = "web-pictures-css";

/// Puts the app's stylesheets into the test document (once).
fn install_styles() {
    web_layout::install_styles(STYLE_ID, &CSS);
}

/// The picture options of the pattern question, as the step page builds them.
fn pattern_options(sex: Sex) -> Vec<ChoiceOption> {
    let catalog = Catalog::english();
    Pattern::ALL
        .iter()
        .map(|&pattern| ChoiceOption {
            id: pattern.id().into(),
            label: catalog
                .t(&format!("answer.pattern.{}", pattern.id()))
                .into(),
            hint: None,
            picture: Some(html! { <PatternPicture {pattern} {sex} /> }),
        })
        .collect()
}

/// The picture options of the stage question, as the step page builds them (with hints, and
/// "Not sure" without a picture).
fn stage_options(scale: Scale) -> Vec<ChoiceOption> {
    let catalog = Catalog::english();
    let scale_name = catalog.t(&format!("answer.stage.{scale}"));
    let mut options: Vec<ChoiceOption> = (1..=Stage::max_grade(scale))
        .map(|grade| {
            let stage = Stage { scale, grade };
            ChoiceOption {
                id: format!("{scale}-{grade}").into(),
                label: catalog
                    .f(
                        "answer.stage.grade",
                        &[("scale", &scale_name), ("grade", &grade.to_string())],
                    )
                    .into(),
                hint: Some(
                    catalog
                        .t(&format!("answer.stage.{scale}.{grade}.hint"))
                        .into(),
                ),
                picture: Some(html! { <StagePicture {stage} /> }),
            }
        })
        .collect();
    options.push(ChoiceOption {
        hint: Some(catalog.t("question.stage.unsure.hint").into()),
        ..ChoiceOption::text("unsure", catalog.t("answer.unsure"))
    });
    options
}

/// Mounts a picture `ChoiceGroup` with `options` into a container `width` pixels wide (set
/// through the CSSOM) and checks every option card: no drawing meets its label, its hint or
/// its radio, the drawing stays inside the card and has a size, and the card is a touch
/// target with a native radio.
async fn check_cards(what: &str, options: Vec<ChoiceOption>, width: u32) {
    install_styles();
    let count = options.len();
    let with_pictures = options.iter().filter(|o| o.picture.is_some()).count();
    let root = fresh_root();
    root.clone()
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .style()
        .set_property("width", &format!("{width}px"))
        .expect("set the width");
    let props = ChoiceGroupProps {
        field: "layout".into(),
        legend: what.to_string().into(),
        help: None,
        options,
        selected: None,
        error: None,
        pictures: true,
        on_select: Callback::noop(),
    };
    let app = yew::Renderer::<ChoiceGroup>::with_root_and_props(root.clone(), props).render();
    wait_for_svg(&root).await;
    let container = Rect::of(&root);
    assert!(
        (container.width() - f64::from(width)).abs() < 0.5,
        "{what}: the container is {} px wide, not {width}",
        container.width()
    );
    let list = root
        .query_selector_all(".choice-group-option")
        .expect("a valid selector");
    assert_eq!(list.length() as usize, count, "{what} at {width}px");
    let mut drawings = 0;
    for i in 0..list.length() {
        let card: Element = list.item(i).unwrap().dyn_into().unwrap();
        let at = format!("{what}, option {} at {width}px", i + 1);
        let one = |selector: &str| card.query_selector(selector).expect("a valid selector");
        let card_box = Rect::of(&card);
        assert!(
            card_box.width() >= MIN_TARGET && card_box.height() >= MIN_TARGET,
            "{at}: the card is only {card_box:?}"
        );
        assert!(
            container.contains(&card_box),
            "{at}: the card {card_box:?} spills out of {container:?}"
        );
        let radio = one("input[type=radio].choice-group-input")
            .unwrap_or_else(|| panic!("{at}: no native radio"));
        let label = one(".choice-group-label").unwrap_or_else(|| panic!("{at}: no label"));
        let label_box = Rect::of(&label);
        assert!(label_box.height() > 0.0, "{at}: the label is not shown");
        let Some(svg) = one("svg") else {
            continue;
        };
        drawings += 1;
        let drawing = Rect::of(&svg);
        assert!(
            drawing.width() >= 40.0 && drawing.height() >= 40.0,
            "{at}: the drawing is only {drawing:?}"
        );
        assert!(
            card_box.contains(&drawing),
            "{at}: the drawing {drawing:?} spills out of its card {card_box:?}"
        );
        assert!(
            !drawing.intersects(&label_box),
            "{at}: the label {label_box:?} overlaps the drawing {drawing:?}"
        );
        if let Some(hint) = one(".choice-group-hint") {
            let hint_box = Rect::of(&hint);
            assert!(
                !drawing.intersects(&hint_box),
                "{at}: the hint {hint_box:?} overlaps the drawing {drawing:?}"
            );
        }
        let radio_box = Rect::of(&radio);
        assert!(
            !drawing.intersects(&radio_box),
            "{at}: the radio {radio_box:?} overlaps the drawing {drawing:?}"
        );
    }
    assert_eq!(drawings, with_pictures, "{what} at {width}px");
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn pattern_labels_never_overlap_their_drawings() {
    for width in WIDTHS {
        for sex in [Sex::Female, Sex::Male] {
            check_cards(&format!("patterns ({sex})"), pattern_options(sex), width).await;
        }
    }
}

#[wasm_bindgen_test]
async fn stage_labels_never_overlap_their_drawings() {
    for width in WIDTHS {
        for scale in [Scale::Norwood, Scale::Ludwig] {
            check_cards(&format!("{scale} stages"), stage_options(scale), width).await;
        }
    }
}
