//! A drawing (SVG) of the plan across the year: sessions, review and boosters on a month
//! scale. It must not be the only place dates appear: the dated list is the text version.

use chrono::{Datelike, NaiveDate};
use yew::prelude::*;

use crate::core::planner::Plan;
use crate::ui::context::use_app;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    pub plan: Plan<String>,
}

const LEFT: f64 = 30.0;
const WIDTH: f64 = 580.0;
const AXIS_Y: f64 = 56.0;

/// The plan's timeline.
#[component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let ctx = use_app();
    let p = &props.plan;
    let mut all: Vec<NaiveDate> = p.sessions.iter().map(|s| s.date).collect();
    all.push(p.review_on);
    all.extend(p.boosters.iter().copied());
    let (Some(&start), Some(&end)) = (all.iter().min(), all.iter().max()) else {
        return html! {};
    };
    let span = ((end - start).num_days().max(1)) as f64;
    let x = |d: NaiveDate| LEFT + (d - start).num_days() as f64 / span * WIDTH;
    // Month ticks: the first of each month inside the range.
    let mut ticks = Vec::new();
    let mut m = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    while m <= end {
        if m >= start {
            ticks.push(m);
        }
        m = crate::core::planner::add_months(m, 1);
    }
    let label_every = ticks.len().div_ceil(7).max(1);
    let summary = ctx.f(
        "timeline.summary",
        &[
            ("sessions", &p.sessions.len().to_string()),
            ("start", &ctx.catalog.date_short(start)),
            ("review", &ctx.catalog.date_short(p.review_on)),
            ("boosters", &p.boosters.len().to_string()),
            ("end", &ctx.catalog.date_short(end)),
        ],
    );
    html! {
        <figure class="timeline" data-testid="timeline">
            <svg class="timeline-svg" viewBox="0 0 640 130" role="img" aria-label={summary.clone()} focusable="false">
                <line class="timeline-axis" x1={LEFT.to_string()} x2={(LEFT + WIDTH).to_string()} y1={AXIS_Y.to_string()} y2={AXIS_Y.to_string()} />
                { for ticks.iter().enumerate().map(|(i, t)| {
                    let tx = x(*t);
                    html! {
                        <g class="timeline-tick">
                            <line x1={tx.to_string()} x2={tx.to_string()} y1={(AXIS_Y - 4.0).to_string()} y2={(AXIS_Y + 4.0).to_string()} />
                            if i % label_every == 0 {
                                <text x={tx.to_string()} y={(AXIS_Y + 52.0).to_string()} class="timeline-month">
                                    { ctx.t(&format!("date.month.{}", t.month())) }
                                </text>
                            }
                        </g>
                    }
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
