//! Safety information shown with every plan and before booking (spec §6): common and rare
//! side effects, when to contact the clinic the same day and when to call emergency
//! services. It only informs; it must not assess symptoms or give treatment advice.

use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`SafetyInfo`].
#[derive(Properties, PartialEq, Clone)]
pub struct SafetyInfoProps {
    /// Level of the section heading (2–5); the four list headings are one level below.
    #[prop_or(2)]
    pub heading_level: u8,
}

/// The keys of each list: (heading key, item keys, modifier class).
const LISTS: [(&str, &[&str], &str); 4] = [
    (
        "safety.common.title",
        &[
            "safety.common.pain",
            "safety.common.headache",
            "safety.common.bruising",
            "safety.common.swelling",
        ],
        "common",
    ),
    (
        "safety.rare.title",
        &[
            "safety.rare.infection",
            "safety.rare.allergy",
            "safety.rare.skin_damage",
            "safety.rare.hair_loss",
        ],
        "rare",
    ),
    (
        "safety.clinic.title",
        &[
            "safety.clinic.fever",
            "safety.clinic.redness",
            "safety.clinic.pus",
            "safety.clinic.pain",
            "safety.clinic.patches",
        ],
        "clinic",
    ),
    (
        "safety.emergency.title",
        &[
            "safety.emergency.swelling",
            "safety.emergency.breathing",
            "safety.emergency.fainting",
        ],
        "emergency",
    ),
];

/// The safety information.
#[component(SafetyInfo)]
pub fn safety_info(props: &SafetyInfoProps) -> Html {
    let ctx = use_app();
    let level = props.heading_level.clamp(2, 5);
    let h = format!("h{level}");
    let sub = format!("h{}", level + 1);
    let phone = ctx.clinic.contact.phone.clone();
    html! {
        <section class="safety-info" aria-labelledby="safety-info-heading" data-testid="safety-info">
            <@{h} id="safety-info-heading" class="safety-info-title">{ ctx.t("safety.title") }</@>
            <p class="safety-info-intro">{ ctx.t("safety.intro") }</p>
            <div class="safety-info-groups">
                { for LISTS.iter().map(|(title, items, kind)| html! {
                    <div class={format!("safety-info-group safety-info-group--{kind}")}>
                        <@{sub.clone()} class="safety-info-group-title">{ ctx.t(title) }</@>
                        <ul class="safety-info-list">
                            { for items.iter().map(|k| html! { <li>{ ctx.t(k) }</li> }) }
                        </ul>
                        if *kind == "clinic" {
                            if let Some(p) = &phone {
                                <p class="safety-info-phone">
                                    <a href={format!("tel:{}", p.replace(' ', ""))}>{ ctx.f("safety.clinic.phone", &[("phone", p)]) }</a>
                                </p>
                            }
                        }
                    </div>
                }) }
            </div>
        </section>
    }
}
