//! A drawing (SVG) of the plan across the year: sessions, review and boosters on a month
//! scale. It must not be the only place dates appear: the dated list is the text version.

use chrono::{Datelike, NaiveDate};
use yew::prelude::*;

use crate::core::planner::{add_months, Plan};
use crate::core::Catalog;
use crate::ui::context::use_app;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    pub plan: Plan,
}

/// Left end of the axis in the viewBox: room for half a "Sep 2027" label before it.
const LEFT: f64 = 60.0;
/// Length of the axis; as much room is left after it as before it.
const WIDTH: f64 = 520.0;
const AXIS_Y: f64 = 56.0;
/// Least distance between the centres of two month labels (a "Dec 2026" label is about
/// 95 units wide at the 22px font of styles/timeline.css).
const MIN_LABEL_GAP: f64 = 110.0;
/// Months between two labels, when every month cannot have one: divisors of 12, so that
/// labels fall on the same months every year, January included (then whole years).
const LABEL_STEPS: [u32; 6] = [1, 2, 3, 4, 6, 12];

/// One month tick of the axis.
#[derive(Debug, Clone, PartialEq)]
struct Tick {
    date: NaiveDate,
    x: f64,
    /// The month's name, with the year on the first label and whenever the year changes
    /// since the label before (so on every January); `None` when the tick is unlabelled
    /// (too crowded).
    label: Option<String>,
}

/// The axis: it starts on the first of the first event's month (so the first tick is at or
/// before every event) and ends on the last event.
#[derive(Debug, Clone, PartialEq)]
struct Axis {
    start: NaiveDate,
    /// The first and the last event.
    first: NaiveDate,
    end: NaiveDate,
    ticks: Vec<Tick>,
}

impl Axis {
    /// The axis from the first to the last of `dates`; `None` when there are none.
    fn new(dates: &[NaiveDate], catalog: &Catalog) -> Option<Axis> {
        let first = *dates.iter().min()?;
        let end = *dates.iter().max()?;
        let mut axis = Axis {
            start: first.with_day(1).unwrap_or(first),
            first,
            end,
            ticks: Vec::new(),
        };
        // Month ticks: the first of each month from the start to the last event.
        let mut months = Vec::new();
        let mut m = axis.start;
        while m <= end {
            months.push(m);
            let next = add_months(m, 1);
            if next <= m {
                break;
            }
            m = next;
        }
        // Labels every `step` months, on months aligned to the calendar (January always
        // among them), plus the first tick; a label too close to the first is left out.
        let closest = months
            .windows(2)
            .map(|w| axis.x(w[1]) - axis.x(w[0]))
            .fold(f64::INFINITY, f64::min);
        let step = LABEL_STEPS
            .into_iter()
            .chain((2..).map(|years| 12 * years))
            .find(|&step| closest * f64::from(step) >= MIN_LABEL_GAP)
            .unwrap_or(12);
        let aligned = |d: NaiveDate| {
            if step <= 12 {
                (d.month() - 1).is_multiple_of(step)
            } else {
                let years = i32::try_from(step / 12).unwrap_or(i32::MAX);
                d.month() == 1 && d.year().rem_euclid(years) == 0
            }
        };
        let mut last_year = None;
        let mut last_x = f64::NEG_INFINITY;
        axis.ticks = months
            .into_iter()
            .enumerate()
            .map(|(i, date)| {
                let x = axis.x(date);
                let shown = i == 0 || (aligned(date) && x - last_x >= MIN_LABEL_GAP);
                let label = shown.then(|| {
                    last_x = x;
                    let month = catalog.t(&format!("date.month.{}", date.month()));
                    if last_year.replace(date.year()) == Some(date.year()) {
                        month
                    } else {
                        catalog.f(
                            "date.month_year",
                            &[("month", &month), ("year", &date.year().to_string())],
                        )
                    }
                });
                Tick { date, x, label }
            })
            .collect();
        Some(axis)
    }

    /// Where a date sits on the axis, in viewBox units.
    fn x(&self, d: NaiveDate) -> f64 {
        let span = (self.end - self.start).num_days().max(1) as f64;
        LEFT + (d - self.start).num_days() as f64 / span * WIDTH
    }
}

/// The plan's timeline.
#[component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let ctx = use_app();
    let p = &props.plan;
    let mut all: Vec<NaiveDate> = p.sessions.iter().map(|s| s.date).collect();
    all.push(p.review_on);
    all.extend(p.boosters.iter().copied());
    let Some(axis) = Axis::new(&all, ctx.catalog) else {
        return html! {};
    };
    let x = |d: NaiveDate| axis.x(d);
    let summary = ctx.f(
        "timeline.summary",
        &[
            ("sessions", &p.sessions.len().to_string()),
            ("start", &ctx.catalog.date_short(axis.first)),
            ("review", &ctx.catalog.date_short(p.review_on)),
            ("boosters", &p.boosters.len().to_string()),
            ("end", &ctx.catalog.date_short(axis.end)),
        ],
    );
    html! {
        <figure class="timeline" data-testid="timeline">
            <svg class="timeline-svg" viewBox="0 0 640 130" role="img" aria-label={summary.clone()} focusable="false">
                <line class="timeline-axis" x1={LEFT.to_string()} x2={(LEFT + WIDTH).to_string()} y1={AXIS_Y.to_string()} y2={AXIS_Y.to_string()} />
                { for axis.ticks.iter().map(|t| html! {
                    <g class="timeline-tick" data-date={t.date.to_string()}>
                        <line x1={t.x.to_string()} x2={t.x.to_string()} y1={(AXIS_Y - 4.0).to_string()} y2={(AXIS_Y + 4.0).to_string()} />
                        if let Some(label) = &t.label {
                            <text x={t.x.to_string()} y={(AXIS_Y + 52.0).to_string()} class="timeline-month">{ label.clone() }</text>
                        }
                    </g>
                }) }
                { for p.sessions.iter().map(|s| html! {
                    <g class="timeline-session">
                        <circle cx={x(s.date).to_string()} cy={AXIS_Y.to_string()} r="11" />
                        <text x={x(s.date).to_string()} y={(AXIS_Y - 20.0).to_string()} class="timeline-label">{ s.number.to_string() }</text>
                    </g>
                }) }
                <rect class="timeline-review" x={(x(p.review_on) - 7.0).to_string()} y={(AXIS_Y + 11.0).to_string()} width="14" height="14"
                      transform={format!("rotate(45 {} {})", x(p.review_on), AXIS_Y + 18.0)} />
                { for p.boosters.iter().map(|b| html! {
                    <circle class="timeline-booster" cx={x(*b).to_string()} cy={AXIS_Y.to_string()} r="9" />
                }) }
            </svg>
            <figcaption class="timeline-legend">
                if !p.sessions.is_empty() {
                    <span class="timeline-key timeline-key--session">{ ctx.t("timeline.key.session") }</span>
                }
                <span class="timeline-key timeline-key--review">{ ctx.t("timeline.key.review") }</span>
                if !p.boosters.is_empty() {
                    <span class="timeline-key timeline-key--booster">{ ctx.t("timeline.key.booster") }</span>
                }
            </figcaption>
        </figure>
    }
}
