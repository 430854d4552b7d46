//! The progress chart of a course (spec §11): the clinician's global photographic assessment
//! (−3…+3) and the patient's own rating (0–10) at each review visit, as an SVG drawing with a
//! table beside it (the table is the accessible version). It must not compute scores.

use yew::prelude::*;

use crate::state::plans::ReviewVisit;
use crate::ui::context::use_app;

/// Props of [`ProgressChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct ProgressChartProps {
    pub reviews: Vec<ReviewVisit>,
}

const W: f64 = 560.0;
const H: f64 = 220.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 48.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// The chart and its table.
#[component(ProgressChart)]
pub fn progress_chart(props: &ProgressChartProps) -> Html {
    let ctx = use_app();
    let r = &props.reviews;
    if r.is_empty() {
        return html! { <p class="progress-chart-empty" data-testid="progress-empty">{ ctx.t("staff.progress.none") }</p> };
    }
    let n = r.len();
    let x = |i: usize| {
        if n == 1 {
            LEFT + (W - LEFT - RIGHT) / 2.0
        } else {
            LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1) as f64
        }
    };
    // Clinician −3…+3 on the left axis, patient 0–10 on the right, both over the full height.
    let y_gpa = |s: i8| TOP + (H - TOP - BOTTOM) * (3.0 - f64::from(s)) / 6.0;
    let y_pat = |s: u8| TOP + (H - TOP - BOTTOM) * (10.0 - f64::from(s)) / 10.0;
    let line = |pts: Vec<(f64, f64)>| {
        pts.iter()
            .enumerate()
            .map(|(i, (x, y))| format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" }))
            .collect::<String>()
    };
    let gpa: Vec<(f64, f64)> = r
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.clinician_score.map(|s| (x(i), y_gpa(s))))
        .collect();
    let pat: Vec<(f64, f64)> = r
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.patient_rating.map(|s| (x(i), y_pat(s))))
        .collect();
    let dash = "—".to_string();
    html! {
        <figure class="progress-chart" data-testid="progress-chart">
            <svg class="progress-chart-svg" viewBox={format!("0 0 {W} {H}")} role="img" aria-labelledby="progress-chart-caption">
                <line class="progress-chart-axis" x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={y_gpa(0).to_string()} y2={y_gpa(0).to_string()} />
                <text class="progress-chart-tick" x={(LEFT - 8.0).to_string()} y={(y_gpa(3) + 5.0).to_string()} text-anchor="end">{ "+3" }</text>
                <text class="progress-chart-tick" x={(LEFT - 8.0).to_string()} y={(y_gpa(0) + 5.0).to_string()} text-anchor="end">{ "0" }</text>
                <text class="progress-chart-tick" x={(LEFT - 8.0).to_string()} y={(y_gpa(-3) + 5.0).to_string()} text-anchor="end">{ "−3" }</text>
                <text class="progress-chart-tick" x={(W - RIGHT + 8.0).to_string()} y={(y_pat(10) + 5.0).to_string()}>{ "10" }</text>
                <text class="progress-chart-tick" x={(W - RIGHT + 8.0).to_string()} y={(y_pat(0) + 5.0).to_string()}>{ "0" }</text>
                <path class="progress-chart-line progress-chart-line--clinician" d={line(gpa.clone())} />
                <path class="progress-chart-line progress-chart-line--patient" d={line(pat.clone())} />
                { for gpa.iter().map(|(x, y)| html! { <circle class="progress-chart-dot progress-chart-dot--clinician" cx={x.to_string()} cy={y.to_string()} r="6" /> }) }
                { for pat.iter().map(|(x, y)| html! { <rect class="progress-chart-dot progress-chart-dot--patient" x={(x - 5.0).to_string()} y={(y - 5.0).to_string()} width="10" height="10" /> }) }
                { for r.iter().enumerate().map(|(i, v)| html! {
                    <text class="progress-chart-date" x={x(i).to_string()} y={(H - 12.0).to_string()} text-anchor="middle">{ ctx.catalog.date_short(v.date) }</text>
                }) }
            </svg>
            <figcaption id="progress-chart-caption" class="progress-chart-legend">
                <span class="progress-chart-key progress-chart-key--clinician">{ ctx.t("staff.progress.clinician") }</span>
                <span class="progress-chart-key progress-chart-key--patient">{ ctx.t("staff.progress.patient") }</span>
            </figcaption>
            <table class="progress-chart-table" data-testid="progress-table">
                <caption>{ ctx.t("staff.progress.table") }</caption>
                <thead><tr>
                    <th scope="col">{ ctx.t("staff.review.date") }</th>
                    <th scope="col">{ ctx.t("staff.progress.clinician") }</th>
                    <th scope="col">{ ctx.t("staff.progress.patient") }</th>
                    <th scope="col">{ ctx.t("staff.review.pull_test") }</th>
                </tr></thead>
                <tbody>
                    { for r.iter().map(|v| html! {
                        <tr>
                            <th scope="row">{ ctx.catalog.date(v.date) }</th>
                            <td>{ v.clinician_score.map(|s| if s > 0 { format!("+{s}") } else { s.to_string() }).unwrap_or(dash.clone()) }</td>
                            <td>{ v.patient_rating.map(|s| s.to_string()).unwrap_or(dash.clone()) }</td>
                            <td>{ v.pull_test_count.map(|s| s.to_string()).unwrap_or(dash.clone()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </figure>
    }
}
