//! The assessment as a FHIR R4 `Bundle` (spec §12), written by hand as JSON: the answers
//! as a `QuestionnaireResponse`, the plan as a `CarePlan`, referrals as `ServiceRequest`s,
//! the clinic as an `Organization` and an anonymous `Patient` that they all refer to (FHIR
//! requires a subject; it holds no data about the person). It must not read the clock or
//! draw randomness (ids derive from `id_seed`), must never write a name of the person, and
//! writes no nulls and no empty arrays.
//!
//! Choices where FHIR leaves room (all codes live under [`CODE_BASE`]):
//! - each §3 field is one item, `linkId` = the field name; enums are `valueCoding`s with
//!   system `<CODE_BASE>/<field>` and the spec's value as code; sets give one answer per
//!   value (an empty set is the item without answers: asked, nothing chosen); `stage` is
//!   one coding of system `<CODE_BASE>/stage`, code `norwood-<grade>` or `ludwig-<grade>`;
//!   absent optional fields (`stage`, `start_date`) have no item. `schema` is the
//!   `questionnaire` canonical.
//! - a referral's urgency maps to FHIR's priority keeping its order: `routine` → `routine`,
//!   `soon` → `urgent`, `urgent` → `asap`; never `stat` (the advisor is not for
//!   emergencies).
//! - ids and `urn:uuid:` full URLs are UUIDs of version 8 (RFC 9562, custom) made from a
//!   128-bit FNV-1a hash of `id_seed` and the resource's role: the same seed gives the same
//!   ids.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::{ics, text_or};
use crate::core::answers::Answers;
use crate::core::catalog::Catalog;
use crate::core::clinic::Clinic;
use crate::core::outcome::Evaluation;
use crate::core::rules::Urgency;

/// The base of the project's code systems and canonical URLs.
pub const CODE_BASE: &str = "https://meso-advisor.example/fhir/CodeSystem";

/// The canonical URL of the assessment questionnaire (version 1 = the answers schema @1).
pub const QUESTIONNAIRE: &str = "https://meso-advisor.example/fhir/Questionnaire/assessment|1";

/// A name-based UUID (version 8, RFC 9562 variant) of `seed` and `name`: 128-bit FNV-1a.
pub fn uuid(seed: &str, name: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for b in seed.bytes().chain([0u8]).chain(name.bytes()) {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    // Version 8 in bits 48–51, variant 0b10 in bits 64–65 (counting from the top).
    h = (h & !(0xf << 76)) | (0x8 << 76);
    h = (h & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{h:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// FHIR's ServiceRequest priority of a referral urgency (see the module notes).
pub fn priority(u: Urgency) -> &'static str {
    match u {
        Urgency::Routine => "routine",
        Urgency::Soon => "urgent",
        Urgency::Urgent => "asap",
    }
}

/// `session`, `review` or `booster` (the event id without its number).
fn visit_kind(event_id: &str) -> &str {
    event_id.split('-').next().unwrap_or(event_id)
}

fn coding(field: &str, code: &str) -> Value {
    json!({ "system": format!("{CODE_BASE}/{field}"), "code": code })
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn item(link_id: &str, answers: Vec<Value>) -> Value {
    let mut m = Map::new();
    m.insert("linkId".into(), json!(link_id));
    if !answers.is_empty() {
        m.insert("answer".into(), Value::Array(answers));
    }
    Value::Object(m)
}

fn coded(field: &str, code: &str) -> Value {
    item(field, vec![json!({ "valueCoding": coding(field, code) })])
}

fn boolean(field: &str, v: bool) -> Value {
    item(field, vec![json!({ "valueBoolean": v })])
}

fn set<'a>(field: &str, ids: impl IntoIterator<Item = &'a str>) -> Value {
    item(
        field,
        ids.into_iter()
            .map(|id| json!({ "valueCoding": coding(field, id) }))
            .collect(),
    )
}

/// One item per answered §3 field, in the spec's order.
fn items(a: &Answers) -> Vec<Value> {
    let mut out = vec![
        item("age", vec![json!({ "valueInteger": a.age })]),
        coded("sex", a.sex.id()),
        coded("pattern", a.pattern.id()),
    ];
    if let Some(s) = a.stage {
        out.push(coded("stage", &format!("{}-{}", s.scale.id(), s.grade)));
    }
    out.extend([
        boolean("no_regrowth_visible", a.no_regrowth_visible),
        coded("duration", a.duration.id()),
        coded("onset", a.onset.id()),
        boolean("shedding_increased", a.shedding_increased),
        coded("family_history", a.family_history.id()),
        set("scalp_signs", a.scalp_signs.iter().map(|v| v.id())),
        set("recent_triggers", a.recent_triggers.iter().map(|v| v.id())),
        set("lifestyle", a.lifestyle.iter().map(|v| v.id())),
        set("conditions", a.conditions.iter().map(|v| v.id())),
        set("symptoms", a.symptoms.iter().map(|v| v.id())),
        boolean("menopause", a.menopause),
        set(
            "previous_treatments",
            a.previous_treatments.iter().map(|v| v.id()),
        ),
        boolean(
            "hair_loss_after_previous_mesotherapy",
            a.hair_loss_after_previous_mesotherapy,
        ),
        coded("injections", a.injections.id()),
    ]);
    if let Some(d) = a.start_date {
        out.push(item("start_date", vec![json!({ "valueDate": date(d) })]));
    }
    out
}

fn organization(id: &str, clinic: &Clinic) -> Value {
    let mut m = Map::new();
    m.insert("resourceType".into(), json!("Organization"));
    m.insert("id".into(), json!(id));
    m.insert("name".into(), json!(clinic.name));
    let c = &clinic.contact;
    let telecom: Vec<Value> = [
        ("phone", c.phone.as_deref()),
        ("email", c.email.as_deref()),
        ("url", c.booking_url.as_deref()),
    ]
    .into_iter()
    .filter_map(|(system, v)| {
        v.filter(|v| !v.trim().is_empty())
            .map(|v| json!({ "system": system, "value": v }))
    })
    .collect();
    if !telecom.is_empty() {
        m.insert("telecom".into(), Value::Array(telecom));
    }
    if let Some(address) = c.address.as_deref().filter(|a| !a.trim().is_empty()) {
        m.insert("address".into(), json!([{ "text": address }]));
    }
    Value::Object(m)
}

/// The Bundle (type `collection`) of an assessment. `confirmed` is who confirmed the plan in
/// staff mode and when (the CarePlan is then `active`, else `draft`); `id_seed` makes every
/// id (e.g. the share code); `today` is when the answers were given.
pub fn bundle(
    answers: &Answers,
    evaluation: &Evaluation,
    clinic: &Clinic,
    catalog: &Catalog,
    confirmed: Option<(&str, NaiveDate)>,
    id_seed: &str,
    today: NaiveDate,
) -> Value {
    let id = |name: &str| uuid(id_seed, name);
    let urn = |id: &str| format!("urn:uuid:{id}");
    let (patient_id, org_id, qr_id) = (
        id("patient"),
        id("organization"),
        id("questionnaire-response"),
    );
    let patient_ref = json!({ "reference": urn(&patient_id) });
    let org_ref = json!({ "reference": urn(&org_id), "display": clinic.name });

    let mut entries = vec![
        (
            patient_id.clone(),
            json!({ "resourceType": "Patient", "id": patient_id }),
        ),
        (org_id.clone(), organization(&org_id, clinic)),
        (
            qr_id.clone(),
            json!({
                "resourceType": "QuestionnaireResponse",
                "id": qr_id,
                "questionnaire": QUESTIONNAIRE,
                "status": "completed",
                "subject": patient_ref,
                "authored": date(today),
                "item": items(answers),
            }),
        ),
    ];

    if let Some(plan) = &evaluation.plan {
        let plan_id = id("care-plan");
        let events = ics::events(plan, catalog);
        let activity: Vec<Value> = events
            .iter()
            .map(|ev| {
                json!({
                    "detail": {
                        "kind": "Appointment",
                        "code": { "coding": [coding("visit", visit_kind(&ev.id))], "text": ev.name },
                        "status": "scheduled",
                        "scheduledPeriod": { "start": date(ev.date), "end": date(ev.date) },
                        "location": { "display": clinic.name },
                        "description": ev.name,
                    }
                })
            })
            .collect();
        let label = match confirmed {
            Some((who, on)) => catalog.f(
                "plan.label.confirmed",
                &[("who", who), ("date", &catalog.date(on))],
            ),
            None => catalog.t("plan.label.proposed"),
        };
        let title = text_or(
            catalog,
            "export.plan.title",
            &catalog.t("plan.title"),
            &[("clinic", &clinic.name)],
        );
        let mut cp = json!({
            "resourceType": "CarePlan",
            "id": plan_id,
            "status": if confirmed.is_some() { "active" } else { "draft" },
            "intent": "plan",
            "title": title,
            "description": label,
            "subject": patient_ref,
            "created": date(today),
            "author": org_ref,
            "supportingInfo": [{ "reference": urn(&qr_id) }],
            "activity": activity,
        });
        if let (Some(first), Some(last)) = (
            events.iter().map(|e| e.date).min(),
            events.iter().map(|e| e.date).max(),
        ) {
            cp["period"] = json!({ "start": date(first), "end": date(last) });
        }
        entries.push((plan_id, cp));
    }

    for (i, f) in evaluation.findings.iter().enumerate() {
        let Some(r) = f.referral else { continue };
        let sr_id = id(&format!("service-request-{i}-{}", f.rule));
        let to = catalog.t(&format!("referral.to.{}", r.to));
        let urgency = catalog.t(&format!("referral.urgency.{}", r.urgency));
        entries.push((
            sr_id.clone(),
            json!({
                "resourceType": "ServiceRequest",
                "id": sr_id,
                "status": "draft",
                "intent": "proposal",
                "priority": priority(r.urgency),
                "code": { "coding": [coding("refer-to", r.to.id())], "text": to },
                "subject": patient_ref,
                "authoredOn": date(today),
                "reasonCode": [{
                    "coding": [coding("rule", f.rule.id())],
                    "text": catalog.t(&format!("rule.{}.title", f.rule)),
                }],
                "supportingInfo": [{ "reference": urn(&qr_id) }],
                "patientInstruction": catalog.f("referral.line", &[("to", &to), ("urgency", &urgency)]),
            }),
        ));
    }

    json!({
        "resourceType": "Bundle",
        "id": id("bundle"),
        "type": "collection",
        "entry": entries
            .into_iter()
            .map(|(id, resource)| json!({ "fullUrl": urn(&id), "resource": resource }))
            .collect::<Vec<_>>(),
    })
}
