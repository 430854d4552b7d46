//! One questionnaire step: its questions (only those that apply), progress, Back/Next, and
//! inline validation that names what is missing and moves focus to it. Answers go to the
//! questionnaire store; this page must not decide anything medical.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::core::answers::{
    Condition, FamilyHistory, HairLossDuration, Injections, LifestyleFactor, Onset, Pattern, Scale,
    ScalpSign, Sex, Stage, Symptom, Treatment, Trigger,
};
use crate::core::choice::Choice;
use crate::state::questionnaire::{
    option_hidden, stage_scale, Action, Field, Multi, SetField, StageAnswer, STEPS,
};
use crate::state::route::Route;
use crate::ui::browser;
use crate::ui::components::{
    CheckGroup, ChoiceGroup, ChoiceOption, PatternPicture, ProgressIndicator, StagePicture,
};
use crate::ui::context::{use_app, AppContext};

/// Props of [`StepPage`].
#[derive(Properties, PartialEq, Clone)]
pub struct StepPageProps {
    /// 1-based step number.
    pub step: u8,
}

struct Form<'a> {
    ctx: &'a AppContext,
    errors: Vec<(Field, String)>,
}

impl Form<'_> {
    fn error(&self, f: Field) -> Option<AttrValue> {
        self.errors
            .iter()
            .find(|(ff, _)| *ff == f)
            .map(|(_, m)| AttrValue::from(m.clone()))
    }

    fn help(&self, f: Field) -> Option<AttrValue> {
        let key = format!("question.{}.help", f.id());
        self.ctx.catalog.has(&key).then(|| self.ctx.t(&key).into())
    }

    fn legend(&self, f: Field) -> AttrValue {
        self.ctx.t(&format!("question.{}", f.id())).into()
    }

    // The generic helpers below are thin: each builds its callback and hands over to one
    // non-generic body, so that the form's markup is compiled once, not once per answer type.
    fn options(
        &self,
        ids: &'static [&'static str],
        field: &str,
        with_hint: bool,
    ) -> Vec<ChoiceOption> {
        let sex = self.ctx.draft.draft.sex;
        ids.iter()
            .filter(|id| !option_hidden(sex, field, id))
            .map(|id| {
                let hint_key = format!("answer.{field}.{id}.hint");
                ChoiceOption {
                    id: (*id).into(),
                    label: self.ctx.t(&format!("answer.{field}.{id}")).into(),
                    hint: (with_hint && self.ctx.catalog.has(&hint_key))
                        .then(|| self.ctx.t(&hint_key).into()),
                    picture: None,
                }
            })
            .collect()
    }

    /// A one-answer question over a closed set.
    fn choice<T: Choice>(
        &self,
        f: Field,
        selected: Option<&'static str>,
        on: impl Fn(T) -> Action + 'static,
    ) -> Html {
        let dispatcher = self.ctx.draft.dispatcher();
        let on_select = Callback::from(move |id: AttrValue| {
            if let Some(v) = T::from_id(&id) {
                dispatcher.dispatch(on(v));
            }
        });
        self.choice_group(f, T::IDS, selected, on_select)
    }

    fn choice_group(
        &self,
        f: Field,
        ids: &'static [&'static str],
        selected: Option<&'static str>,
        on_select: Callback<AttrValue>,
    ) -> Html {
        html! {
            <ChoiceGroup field={f.id()} legend={self.legend(f)} help={self.help(f)} options={self.options(ids, f.id(), true)}
                         selected={selected.map(AttrValue::from)} error={self.error(f)} {on_select} />
        }
    }

    /// A yes/no question.
    fn yes_no(&self, f: Field, value: Option<bool>) -> Html {
        let dispatcher = self.ctx.draft.dispatcher();
        let on_select = Callback::from(move |id: AttrValue| {
            dispatcher.dispatch(Action::SetBool(f, id == "yes"))
        });
        let options = vec![
            ChoiceOption::text("yes", self.ctx.t("answer.yes")),
            ChoiceOption::text("no", self.ctx.t("answer.no")),
        ];
        html! {
            <ChoiceGroup field={f.id()} legend={self.legend(f)} help={self.help(f)} {options}
                         selected={value.map(|b| AttrValue::from(if b { "yes" } else { "no" }))} error={self.error(f)} {on_select} />
        }
    }

    /// The smooth-area question: yes, no, or not sure (answered `false`; the clinician checks).
    fn no_regrowth(&self) -> Html {
        let f = Field::NoRegrowthVisible;
        let d = &self.ctx.draft.draft;
        let dispatcher = self.ctx.draft.dispatcher();
        let on_select = Callback::from(move |id: AttrValue| {
            dispatcher.dispatch(match id.as_str() {
                "unsure" => Action::SetNoRegrowthUnsure,
                other => Action::SetBool(f, other == "yes"),
            })
        });
        let options = vec![
            ChoiceOption::text("yes", self.ctx.t("answer.yes")),
            ChoiceOption::text("no", self.ctx.t("answer.no")),
            ChoiceOption {
                hint: Some(self.ctx.t("answer.no_regrowth_visible.unsure.hint").into()),
                ..ChoiceOption::text("unsure", self.ctx.t("answer.no_regrowth_visible.unsure"))
            },
        ];
        let selected = match (d.no_regrowth_unsure, d.no_regrowth_visible) {
            (true, _) => Some("unsure"),
            (false, Some(true)) => Some("yes"),
            (false, Some(false)) => Some("no"),
            (false, None) => None,
        };
        html! {
            <ChoiceGroup field={f.id()} legend={self.legend(f)} help={self.help(f)} {options}
                         selected={selected.map(AttrValue::from)} error={self.error(f)} {on_select} />
        }
    }

    /// A several-answers question.
    fn checks<T: Choice>(&self, f: Field, set: SetField, value: &Multi<T>) -> Html {
        let dispatcher = self.ctx.draft.dispatcher();
        let on_toggle = Callback::from(move |id: AttrValue| {
            if let Some(&static_id) = T::IDS.iter().find(|i| **i == id.as_str()) {
                dispatcher.dispatch(Action::Toggle(set, static_id));
            }
        });
        let dispatcher = self.ctx.draft.dispatcher();
        let on_none = Callback::from(move |_| dispatcher.dispatch(Action::ChooseNone(set)));
        let checked: Vec<AttrValue> = match value {
            Multi::Some(s) => T::IDS
                .iter()
                .filter(|id| T::from_id(id).is_some_and(|v| s.contains(&v)))
                .map(|id| AttrValue::from(*id))
                .collect(),
            _ => vec![],
        };
        let none = matches!(value, Multi::NoneOfThese);
        self.check_group(f, T::IDS, checked, none, on_toggle, on_none)
    }

    fn check_group(
        &self,
        f: Field,
        ids: &'static [&'static str],
        checked: Vec<AttrValue>,
        none_checked: bool,
        on_toggle: Callback<AttrValue>,
        on_none: Callback<()>,
    ) -> Html {
        html! {
            <CheckGroup field={f.id()} legend={self.legend(f)} help={self.help(f)} options={self.options(ids, f.id(), true)}
                        {checked} {none_checked} none_label={self.ctx.t("answer.none_of_these")}
                        error={self.error(f)} {on_toggle} {on_none} />
        }
    }

    fn age(&self) -> Html {
        let dispatcher = self.ctx.draft.dispatcher();
        let oninput = Callback::from(move |e: InputEvent| {
            dispatcher.dispatch(Action::SetAge(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        });
        let error = self.error(Field::Age);
        html! {
            <div class={classes!("step-page-field", error.is_some().then_some("step-page-field--invalid"))} data-testid="q-age">
                <label class="step-page-label" for="q-age">{ self.legend(Field::Age) }</label>
                if let Some(e) = &error { <p class="step-page-error" id="q-age-error">{ e.clone() }</p> }
                <input class="step-page-input step-page-input--short" id="q-age" type="text" inputmode="numeric"
                       autocomplete="off" maxlength="3" value={self.ctx.draft.draft.age.clone()} {oninput}
                       aria-invalid={error.is_some().then_some("true")}
                       aria-describedby={error.is_some().then_some("q-age-error")} />
            </div>
        }
    }

    fn start_date(&self) -> Html {
        let dispatcher = self.ctx.draft.dispatcher();
        let oninput = Callback::from(move |e: InputEvent| {
            dispatcher.dispatch(Action::SetStartDate(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        });
        let dispatcher = self.ctx.draft.dispatcher();
        let onchange = Callback::from(move |e: Event| {
            dispatcher.dispatch(Action::SetStartDate(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        });
        let error = self.error(Field::StartDate);
        let described = if error.is_some() {
            "q-start_date-help q-start_date-error"
        } else {
            "q-start_date-help"
        };
        html! {
            <div class={classes!("step-page-field", error.is_some().then_some("step-page-field--invalid"))} data-testid="q-start_date">
                <label class="step-page-label" for="q-start_date">{ self.legend(Field::StartDate) }</label>
                <p class="step-page-help" id="q-start_date-help">{ self.help(Field::StartDate).unwrap_or_default() }</p>
                if let Some(e) = &error { <p class="step-page-error" id="q-start_date-error">{ e.clone() }</p> }
                <input class="step-page-input" id="q-start_date" type="date" min={self.ctx.today.to_string()}
                       value={self.ctx.draft.draft.start_date.clone()} {oninput} {onchange}
                       aria-invalid={error.is_some().then_some("true")} aria-describedby={described} />
            </div>
        }
    }

    fn pattern(&self) -> Html {
        let d = &self.ctx.draft.draft;
        let sex = d.sex.unwrap_or(Sex::Other);
        let mut options = self.options(Pattern::IDS, "pattern", false);
        for o in options.iter_mut() {
            if let Some(p) = Pattern::from_id(&o.id) {
                o.picture = Some(html! { <PatternPicture pattern={p} {sex} /> });
            }
        }
        let dispatcher = self.ctx.draft.dispatcher();
        let on_select = Callback::from(move |id: AttrValue| {
            if let Some(p) = Pattern::from_id(&id) {
                dispatcher.dispatch(Action::SetPattern(p));
            }
        });
        html! {
            <ChoiceGroup field="pattern" legend={self.legend(Field::Pattern)} help={self.help(Field::Pattern)} {options} pictures=true
                         selected={d.pattern.map(|p| AttrValue::from(p.id()))} error={self.error(Field::Pattern)} {on_select} />
        }
    }

    fn stage(&self, scale: Scale) -> Html {
        let d = &self.ctx.draft.draft;
        let scale_name = self.ctx.t(&format!("answer.stage.{scale}"));
        let mut options: Vec<ChoiceOption> = (1..=Stage::max_grade(scale))
            .map(|grade| {
                let stage = Stage { scale, grade };
                ChoiceOption {
                    id: format!("{scale}-{grade}").into(),
                    label: self
                        .ctx
                        .f(
                            "answer.stage.grade",
                            &[("scale", &scale_name), ("grade", &grade.to_string())],
                        )
                        .into(),
                    hint: Some(
                        self.ctx
                            .t(&format!("answer.stage.{scale}.{grade}.hint"))
                            .into(),
                    ),
                    picture: Some(html! { <StagePicture {stage} /> }),
                }
            })
            .collect();
        options.push(ChoiceOption {
            hint: Some(self.ctx.t("question.stage.unsure.hint").into()),
            ..ChoiceOption::text("unsure", self.ctx.t("answer.unsure"))
        });
        let selected = match d.stage {
            Some(StageAnswer::Picked(s)) if s.scale == scale => {
                Some(AttrValue::from(format!("{}-{}", s.scale, s.grade)))
            }
            Some(StageAnswer::Unsure) => Some(AttrValue::from("unsure")),
            _ => None,
        };
        let dispatcher = self.ctx.draft.dispatcher();
        let on_select = Callback::from(move |id: AttrValue| {
            let answer = match id.split_once('-') {
                Some((_, g)) => g
                    .parse::<u8>()
                    .ok()
                    .map(|grade| StageAnswer::Picked(Stage { scale, grade })),
                None => Some(StageAnswer::Unsure),
            };
            if let Some(a) = answer {
                dispatcher.dispatch(Action::SetStage(a));
            }
        });
        html! {
            <ChoiceGroup field="stage" legend={self.legend(Field::Stage)} help={self.help(Field::Stage)} {options} pictures=true
                         {selected} error={self.error(Field::Stage)} {on_select} />
        }
    }
}

/// A questionnaire step.
#[component(StepPage)]
pub fn step_page(props: &StepPageProps) -> Html {
    let ctx = use_app();
    let step = props.step;
    let revealed = ctx.reveal_step.as_ref() == Some(&step);
    let show_errors = use_state(|| revealed);
    let focus_request = use_state(|| 0u32);
    let draft = &ctx.draft.draft;
    // One validation per render (the core's, of the whole draft): the first step with an
    // issue, and this step's issues in the order its questions are shown.
    let all = draft.issues(ctx.today);
    let first = all.first().map(|(f, _)| f.step());
    let issues: Vec<_> = all.into_iter().filter(|(f, _)| f.step() == step).collect();

    // The shell keys this page by step, so a new step starts without error messages.
    // Never show a step whose earlier steps are unanswered (e.g. a typed address).
    {
        let c = ctx.clone();
        use_effect_with((step, first), move |(step, first)| {
            if let Some(f) = first {
                if f < step {
                    c.send_to_problem(*f);
                }
            }
        });
    }
    // Sent here because of a problem: show it (already shown) and move focus to it.
    {
        let reveal = ctx.reveal_step.clone();
        let show_errors = show_errors.clone();
        let target = issues.first().map(|(f, _)| format!("q-{}", f.id()));
        use_effect_with(revealed, move |revealed| {
            if *revealed {
                reveal.set(None);
                show_errors.set(true);
                // In a later task, once the page is drawn (the shell leaves a revealed step's
                // scroll and focus to this page).
                if let Some(id) = target {
                    gloo::timers::callback::Timeout::new(0, move || browser::show_new_page(&id))
                        .forget();
                }
            }
        });
    }
    // After a refused Next, move focus to the first question that needs an answer.
    {
        let target = issues.first().map(|(f, _)| format!("q-{}", f.id()));
        use_effect_with(*focus_request, move |n| {
            if *n > 0 {
                if let Some(id) = target {
                    browser::focus_id(&id);
                }
            }
        });
    }

    let errors: Vec<(Field, String)> = if *show_errors {
        issues
            .iter()
            .map(|(f, i)| (*f, ctx.t(i.message_key())))
            .collect()
    } else {
        vec![]
    };
    let unanswered_lists = draft.unanswered_sets(step).len();
    let on_none_all = {
        let dispatcher = ctx.draft.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::ChooseNoneForUnanswered(step));
            // The button goes away: keep focus in the form, on the first list.
            browser::focus_id("page-heading");
        })
    };
    // Before the step's lists (not above unrelated questions), while two or more are open.
    let none_all = (unanswered_lists >= 2).then(|| {
        html! {
            <div class="step-page-none-all">
                <button class="button" type="button" onclick={on_none_all} data-testid="none-all">{ ctx.t("step.none_all") }</button>
                <p class="step-page-help">{ ctx.t("step.none_all.help") }</p>
            </div>
        }
    });
    let form = Form { ctx: &ctx, errors };
    let d = draft;
    let body = match step {
        1 => html! { <>
            { form.age() }
            { form.choice::<Sex>(Field::Sex, d.sex.map(|v| v.id()), Action::SetSex) }
        </> },
        2 => html! { <>
            { form.pattern() }
            if let Some(scale) = stage_scale(d.pattern) { { form.stage(scale) } }
            { form.no_regrowth() }
        </> },
        3 => html! { <>
            { form.choice::<HairLossDuration>(Field::Duration, d.duration.map(|v| v.id()), Action::SetDuration) }
            { form.choice::<Onset>(Field::Onset, d.onset.map(|v| v.id()), Action::SetOnset) }
            { form.yes_no(Field::SheddingIncreased, d.shedding_increased) }
            { form.choice::<FamilyHistory>(Field::FamilyHistory, d.family_history.map(|v| v.id()), Action::SetFamilyHistory) }
            { none_all.clone().unwrap_or_default() }
            { form.checks::<Trigger>(Field::RecentTriggers, SetField::RecentTriggers, &d.recent_triggers) }
            { form.checks::<LifestyleFactor>(Field::Lifestyle, SetField::Lifestyle, &d.lifestyle) }
        </> },
        4 => html! { <>
            { none_all.clone().unwrap_or_default() }
            { form.checks::<ScalpSign>(Field::ScalpSigns, SetField::ScalpSigns, &d.scalp_signs) }
            { form.checks::<Symptom>(Field::Symptoms, SetField::Symptoms, &d.symptoms) }
        </> },
        5 => html! { <>
            { form.checks::<Condition>(Field::Conditions, SetField::Conditions, &d.conditions) }
            if d.applies(Field::Menopause) { { form.yes_no(Field::Menopause, d.menopause) } }
        </> },
        _ => html! { <>
            { form.checks::<Treatment>(Field::PreviousTreatments, SetField::PreviousTreatments, &d.previous_treatments) }
            if d.applies(Field::HairLossAfterPreviousMesotherapy) {
                { form.yes_no(Field::HairLossAfterPreviousMesotherapy, d.hair_loss_after_previous_mesotherapy) }
            }
            { form.choice::<Injections>(Field::Injections, d.injections.map(|v| v.id()), Action::SetInjections) }
            { form.start_date() }
        </> },
    };

    let onsubmit = {
        let navigate = ctx.navigate.clone();
        let show_errors = show_errors.clone();
        let focus_request = focus_request.clone();
        let ok = issues.is_empty();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ok {
                navigate.emit(if step < STEPS {
                    Route::Step(step + 1)
                } else {
                    Route::Result
                });
            } else {
                show_errors.set(true);
                focus_request.set(*focus_request + 1);
            }
        })
    };
    let on_back = {
        let navigate = ctx.navigate.clone();
        Callback::from(move |_: MouseEvent| {
            navigate.emit(if step > 1 {
                Route::Step(step - 1)
            } else {
                Route::Start
            })
        })
    };
    let summary = (*show_errors && !issues.is_empty())
        .then(|| ctx.catalog.count("validation.summary", issues.len()));
    html! {
        <div class="step-page" data-testid={format!("step-{step}")}>
            <ProgressIndicator {step} total={STEPS} />
            <h1 id="page-heading" class="step-page-title" tabindex="-1">{ ctx.t(&format!("step.{step}.title")) }</h1>
            <form class="step-page-form" {onsubmit} novalidate=true>
                { body }
                <p class="step-page-summary" role="alert" data-testid="step-errors">{ summary.unwrap_or_default() }</p>
                <div class="step-page-nav">
                    <button class="button" type="button" onclick={on_back}>{ ctx.t("nav.back") }</button>
                    <button class="button button--primary" type="submit" data-testid="next">
                        { if step < STEPS { ctx.t("nav.next") } else { ctx.t("nav.see_result") } }
                    </button>
                </div>
            </form>
        </div>
    }
}
