//! Browser tests of the plan's `Timeline` axis: mounts the component (inside a minimal app
//! context, with the app's stylesheets) in a real (headless Chromium) document with plans of
//! chosen dates, and checks the month ticks: the first is at or before every event and names
//! its year, a new year is named (December → January), and the labels neither overlap nor
//! leave the drawing. Runs with
//! `cargo test --target wasm32-unknown-unknown --test web_timeline`; natively this file
//! compiles to nothing. It must not check the markers' exact coordinates.

#![cfg(target_arch = "wasm32")]

mod web_layout;

use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use meso_advisor::core::planner::{Plan, PlanKind, PlanStatus, Session};
use meso_advisor::core::{Catalog, Clinic};
use meso_advisor::state::route::Route;
use meso_advisor::ui::components::Timeline;
use meso_advisor::ui::context::{AppContext, DraftStore};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_layout::Rect;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// How many scheduler ticks we allow Yew to put the timeline on the page.
const MAX_TICKS: u32 = 50;

/// The stylesheets the timeline uses (its labels' size), as index.html links them.
const CSS: [&str; 2] = [
    include_str!("../styles/base.css"),
    include_str!("../styles/timeline.css"),
];
const STYLE_ID: &str = "web-timeline-css";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// A plan with these dates (the timeline reads nothing else).
fn plan(sessions: &[NaiveDate], review_on: NaiveDate, boosters: &[NaiveDate]) -> Plan {
    Plan {
        kind: PlanKind::Injections,
        status: PlanStatus::Proposed,
        interval_weeks: Some(2),
        sessions: sessions
            .iter()
            .zip(1..)
            .map(|(&date, number)| Session { number, date })
            .collect(),
        review_on,
        booster_every_months: (!boosters.is_empty()).then_some(3),
        boosters: boosters.to_vec(),
        ingredients: vec![],
        home_care_per_week: 0,
        lifestyle: vec![],
        estimated_cost: None,
    }
}

/// Every event's date, in no particular order.
fn events(p: &Plan) -> Vec<NaiveDate> {
    let mut all: Vec<NaiveDate> = p.sessions.iter().map(|s| s.date).collect();
    all.push(p.review_on);
    all.extend(p.boosters.iter().copied());
    all
}

/// Props of [`Host`].
#[derive(Properties, PartialEq)]
struct HostProps {
    plan: Plan,
}

/// The timeline inside the least app context it needs (default clinic, English catalog).
#[component(Host)]
fn host(props: &HostProps) -> Html {
    let draft = use_reducer(DraftStore::default);
    let reveal_step = use_state(|| None);
    let clinic = use_memo((), |_| Clinic::default());
    let ctx = AppContext {
        clinic,
        catalog: Catalog::english(),
        today: date(2026, 11, 1),
        route: Route::Plan,
        draft,
        navigate: Callback::noop(),
        reveal_step,
        kiosk: false,
        finish_visit: Callback::noop(),
        set_language: Callback::noop(),
        kept: use_mut_ref(|| None),
    };
    html! {
        <ContextProvider<AppContext> context={ctx}>
            <Timeline plan={props.plan.clone()} />
        </ContextProvider<AppContext>>
    }
}

/// Puts the app's stylesheets into the test document (once).
fn install_styles() {
    web_layout::install_styles(STYLE_ID, &CSS);
}

/// A mounted timeline: its root (removed on drop of the app) and its svg.
struct Mounted {
    root: Element,
    svg: Element,
    app: yew::AppHandle<Host>,
}

impl Mounted {
    fn unmount(self) {
        self.app.destroy();
        self.root.remove();
    }
}

/// Mounts the timeline of `plan` into a fresh container `width` pixels wide.
async fn mount(plan: Plan, width: u32) -> Mounted {
    install_styles();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").expect("create a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("append the root");
    root.clone()
        .dyn_into::<HtmlElement>()
        .expect("an HTML element")
        .style()
        .set_property("width", &format!("{width}px"))
        .expect("set the width");
    let app = yew::Renderer::<Host>::with_root_and_props(root.clone(), HostProps { plan }).render();
    for _ in 0..MAX_TICKS {
        if let Some(svg) = root.query_selector("svg.timeline-svg").unwrap() {
            return Mounted { root, svg, app };
        }
        yew::platform::time::sleep(Duration::ZERO).await;
    }
    panic!("no timeline was rendered in {MAX_TICKS} ticks")
}

/// Every match of `selector` inside `el`.
fn all(el: &Element, selector: &str) -> Vec<Element> {
    let list = el.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// A numeric attribute.
fn num(el: &Element, name: &str) -> f64 {
    let v = el
        .get_attribute(name)
        .unwrap_or_else(|| panic!("no {name} on {}", el.outer_html()));
    v.parse()
        .unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
}

/// One month tick: its x and its label, if it has one.
#[derive(Debug)]
struct Tick {
    x: f64,
    label: Option<String>,
}

fn ticks(svg: &Element) -> Vec<Tick> {
    all(svg, ".timeline-tick")
        .iter()
        .map(|g| Tick {
            x: num(
                &g.query_selector("line").unwrap().expect("a tick line"),
                "x1",
            ),
            label: g
                .query_selector(".timeline-month")
                .unwrap()
                .map(|t| t.text_content().unwrap_or_default().trim().to_owned()),
        })
        .collect()
}

/// The x of every event marker: sessions, the review visit (the centre of its diamond) and
/// the boosters.
fn marker_xs(svg: &Element) -> Vec<f64> {
    let mut xs: Vec<f64> = all(svg, ".timeline-session circle, circle.timeline-booster")
        .iter()
        .map(|c| num(c, "cx"))
        .collect();
    xs.extend(
        all(svg, ".timeline-review")
            .iter()
            .map(|r| num(r, "x") + num(r, "width") / 2.0),
    );
    xs
}

/// The month's name in the catalog.
fn month(m: u32) -> String {
    Catalog::english().t(&format!("date.month.{m}"))
}

/// Checks what every timeline must show: a first tick at or before each marker, named with
/// its year; a labelled January always named with its year; every year of the plan named;
/// labels that neither overlap each other nor leave the drawing.
fn check_axis(what: &str, svg: &Element, p: &Plan) {
    let ticks = ticks(svg);
    let first = ticks
        .first()
        .unwrap_or_else(|| panic!("{what}: no month tick"));
    let first_event = *events(p).iter().min().unwrap();
    let first_label = first
        .label
        .as_deref()
        .unwrap_or_else(|| panic!("{what}: the first tick has no label"));
    assert_eq!(
        first_label,
        format!("{} {}", month(first_event.month()), first_event.year()),
        "{what}: the first label names the first event's month and year"
    );
    let markers = marker_xs(svg);
    assert_eq!(
        markers.len(),
        events(p).len(),
        "{what}: one marker per event"
    );
    for x in &markers {
        assert!(
            *x >= first.x,
            "{what}: a marker at x={x} is left of the first tick at x={}",
            first.x
        );
    }
    for t in &ticks {
        if let Some(l) = &t.label {
            if l.starts_with(&month(1)) {
                assert!(
                    l.split_whitespace().nth(1).is_some_and(|y| y.len() == 4),
                    "{what}: January without its year: {l:?}"
                );
            }
        }
    }
    let labels: Vec<&str> = ticks.iter().filter_map(|t| t.label.as_deref()).collect();
    let last_event = *events(p).iter().max().unwrap();
    for year in first_event.year()..=last_event.year() {
        let first_of_year = date(year, 1, 1).max(first_event.with_day(1).unwrap());
        if first_of_year <= last_event {
            assert!(
                labels.iter().any(|l| l.ends_with(&format!(" {year}"))),
                "{what}: no label names {year}: {labels:?}"
            );
        }
    }
    // The labels as drawn: apart from each other and inside the drawing.
    let frame = Rect::of(svg);
    let boxes: Vec<(String, Rect)> = all(svg, ".timeline-month")
        .iter()
        .map(|t| (t.text_content().unwrap_or_default(), Rect::of(t)))
        .collect();
    for (i, (a, ra)) in boxes.iter().enumerate() {
        assert!(
            ra.left >= frame.left - 0.5 && ra.right <= frame.right + 0.5,
            "{what}: the label {a:?} {ra:?} leaves the drawing {frame:?}"
        );
        for (b, rb) in &boxes[i + 1..] {
            assert!(
                !ra.intersects(rb),
                "{what}: the labels {a:?} and {b:?} overlap"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn a_plan_from_december_to_january_names_both_years() {
    let p = plan(
        &[
            date(2026, 12, 15),
            date(2026, 12, 29),
            date(2027, 1, 12),
            date(2027, 1, 26),
        ],
        date(2027, 2, 23),
        &[],
    );
    for width in [320, 390, 1024] {
        let m = mount(p.clone(), width).await;
        let what = format!("December to February at {width}px");
        check_axis(&what, &m.svg, &p);
        let labels: Vec<String> = ticks(&m.svg).into_iter().filter_map(|t| t.label).collect();
        assert_eq!(
            labels,
            [
                format!("{} 2026", month(12)),
                format!("{} 2027", month(1)),
                month(2)
            ],
            "{what}"
        );
        m.unmount();
    }
}

#[wasm_bindgen_test]
async fn a_long_plan_starting_mid_month_keeps_every_event_right_of_the_first_tick() {
    let sessions: Vec<NaiveDate> = (0..6)
        .map(|k| date(2026, 11, 20) + chrono::Days::new(14 * k))
        .collect();
    let boosters = [
        date(2027, 5, 12),
        date(2027, 8, 12),
        date(2027, 11, 12),
        date(2028, 2, 12),
    ];
    let p = plan(&sessions, date(2027, 4, 14), &boosters);
    for width in [320, 390, 1024] {
        let m = mount(p.clone(), width).await;
        check_axis(&format!("Nov 2026 to Feb 2028 at {width}px"), &m.svg, &p);
        m.unmount();
    }
}

#[wasm_bindgen_test]
async fn a_plan_within_one_month_has_one_tick_named_with_its_year() {
    let p = plan(&[date(2027, 3, 10)], date(2027, 3, 24), &[]);
    let m = mount(p.clone(), 390).await;
    check_axis("one month", &m.svg, &p);
    let labels: Vec<String> = ticks(&m.svg).into_iter().filter_map(|t| t.label).collect();
    assert_eq!(labels, [format!("{} 2027", month(3))]);
    m.unmount();
}

#[wasm_bindgen_test]
async fn a_plan_over_several_years_names_every_year_without_crowding() {
    let boosters: Vec<NaiveDate> = (0..12)
        .map(|k| date(2026, 6, 30) + chrono::Months::new(3 * k))
        .collect();
    let p = plan(
        &[date(2026, 3, 31), date(2026, 4, 14)],
        date(2026, 5, 26),
        &boosters,
    );
    for width in [320, 1024] {
        let m = mount(p.clone(), width).await;
        check_axis(&format!("Mar 2026 to Mar 2029 at {width}px"), &m.svg, &p);
        m.unmount();
    }
}
