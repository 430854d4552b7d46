//! The FHIR export (spec §12): every Bundle of a generated corpus (all verdicts, plans of
//! both kinds, proposed and confirmed, en/es/de, two clinics) validates with the R4B models
//! of Python's `fhir.resources`, holds no null or empty array anywhere, and says what the
//! answers and the evaluation say (items, activities with their dates, referrals).

#![cfg(not(target_arch = "wasm32"))]

mod common;
mod py;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use meso_advisor::core::export::{fhir, share};
use meso_advisor::core::{assess, Answers, Catalog, Clinic, Evaluation};
use serde_json::{json, Value};

struct Case {
    name: String,
    answers: Answers,
    evaluation: Evaluation,
    clinic: Clinic,
    catalog: &'static Catalog,
    today: NaiveDate,
    confirmed: Option<(&'static str, NaiveDate)>,
}

fn corpus(n: usize) -> Vec<Case> {
    let rich = Clinic::parse(py::RICH_CLINIC).expect("rich clinic parses");
    let mut rng = py::Rng::new(2024);
    (0..n)
        .map(|i| {
            let today = py::today(&mut rng);
            let v = py::answers(&mut rng, today);
            let answers = Answers::from_value(&v, Some(today))
                .unwrap_or_else(|p| panic!("generated answers refused: {p:?}\n{v}"));
            let clinic = if i % 2 == 0 {
                Clinic::default()
            } else {
                rich.clone()
            };
            let evaluation = assess(&answers, &clinic, today);
            let lang = ["en", "es", "de"][i % 3];
            Case {
                name: format!("case {i} ({lang}, {})", evaluation.verdict),
                answers,
                evaluation,
                clinic,
                catalog: Catalog::loaded(lang).expect("catalog"),
                today,
                confirmed: (i % 5 == 0).then_some(("Dr. Staff", today)),
            }
        })
        .collect()
}

fn bundle(c: &Case) -> Value {
    fhir::bundle(
        &c.answers,
        &c.evaluation,
        &c.clinic,
        c.catalog,
        c.confirmed,
        &share::encode(&c.answers),
        c.today,
    )
}

fn resources<'a>(b: &'a Value, kind: &str) -> Vec<&'a Value> {
    b["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn every_bundle_of_a_corpus_validates_with_fhir_resources_r4b() {
    let cases = corpus(160);
    let mut verdicts = BTreeSet::new();
    let mut docs = vec![];
    for c in &cases {
        verdicts.insert(c.evaluation.verdict.id());
        let b = bundle(c);
        if let Some(bad) = py::null_or_empty(&b, "$") {
            panic!("{}: {bad}", c.name);
        }
        assert!(
            !b.to_string().contains('⟦'),
            "{}: a catalog key is missing",
            c.name
        );
        docs.push(json!({ "name": c.name, "bundle": b }));
    }
    assert_eq!(
        verdicts.len(),
        5,
        "the corpus must hold every verdict, has {verdicts:?}"
    );
    let out = py::check("check_fhir.py", &Value::Array(docs));
    assert!(out.starts_with("ok 160"), "{out}");
    for kind in [
        "CarePlan",
        "ServiceRequest",
        "QuestionnaireResponse",
        "Patient",
        "Organization",
    ] {
        assert!(out.contains(kind), "no {kind} was validated: {out}");
    }
}

#[test]
fn the_validator_is_not_vacuous() {
    // A bundle with a wrong code, a missing required field and a bad date must be refused.
    let c = &corpus(1)[0];
    let good = bundle(c);
    let mut bad_status = good.clone();
    bad_status["entry"][2]["resource"]["status"] = json!("finished-ish");
    let mut no_type = good.clone();
    no_type.as_object_mut().expect("object").remove("type");
    let mut bad_date = good.clone();
    bad_date["entry"][2]["resource"]["authored"] = json!("2026-13-45");
    for (name, b) in [
        ("status", bad_status),
        ("type", no_type),
        ("date", bad_date),
    ] {
        let r = py::run("check_fhir.py", &json!([{ "name": name, "bundle": b }]));
        assert!(r.is_err(), "{name}: the broken bundle was accepted");
    }
}

#[test]
fn bundles_say_what_the_answers_and_the_evaluation_say() {
    let mut kinds = BTreeSet::new();
    for c in corpus(120) {
        let b = bundle(&c);
        assert_eq!(b["resourceType"], "Bundle");
        assert_eq!(b["type"], "collection");
        // fullUrls are urn:uuid: of the resource ids; every reference resolves.
        let mut urls = BTreeSet::new();
        for e in b["entry"].as_array().expect("entries") {
            let id = e["resource"]["id"].as_str().expect("id");
            assert_eq!(e["fullUrl"], format!("urn:uuid:{id}"));
            assert!(is_uuid(id), "{id}");
            urls.insert(e["fullUrl"].as_str().expect("url").to_string());
        }
        for r in references(&b) {
            assert!(urls.contains(&r), "{}: dangling reference {r}", c.name);
        }

        // One item per answered field, linkId = the field name, in the spec's order.
        let qr = resources(&b, "QuestionnaireResponse");
        assert_eq!(qr.len(), 1);
        assert_eq!(qr[0]["status"], "completed");
        assert_eq!(qr[0]["authored"], c.today.to_string());
        let doc = c.answers.to_value();
        let expected: Vec<&str> = doc
            .as_object()
            .expect("object")
            .iter()
            .filter(|(k, v)| *k != "schema" && !v.is_null())
            .map(|(k, _)| k.as_str())
            .collect();
        let items = qr[0]["item"].as_array().expect("items");
        let mut link_ids: Vec<&str> = items
            .iter()
            .map(|i| i["linkId"].as_str().expect("linkId"))
            .collect();
        let mut sorted_expected = expected.clone();
        link_ids.sort();
        sorted_expected.sort();
        assert_eq!(link_ids, sorted_expected, "{}", c.name);
        for item in items {
            let field = item["linkId"].as_str().expect("linkId");
            let answers: Vec<&Value> = item["answer"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            match &doc[field] {
                Value::Bool(x) => assert_eq!(answers, vec![&json!({ "valueBoolean": x })]),
                Value::Number(n) => assert_eq!(answers, vec![&json!({ "valueInteger": n })]),
                Value::String(s) if field == "start_date" => {
                    assert_eq!(answers, vec![&json!({ "valueDate": s })])
                }
                Value::String(s) => {
                    assert_eq!(answers.len(), 1);
                    assert_eq!(answers[0]["valueCoding"]["code"], json!(s));
                    assert_eq!(
                        answers[0]["valueCoding"]["system"],
                        format!("https://meso-advisor.example/fhir/CodeSystem/{field}")
                    );
                }
                Value::Array(values) => {
                    let codes: BTreeSet<&str> = answers
                        .iter()
                        .filter_map(|a| a["valueCoding"]["code"].as_str())
                        .collect();
                    let want: BTreeSet<&str> = values.iter().filter_map(Value::as_str).collect();
                    assert_eq!(codes, want, "{field}");
                    assert_eq!(answers.len(), values.len());
                }
                Value::Object(stage) => {
                    let code = format!(
                        "{}-{}",
                        stage["scale"].as_str().expect("scale"),
                        stage["grade"]
                    );
                    assert_eq!(answers[0]["valueCoding"]["code"], json!(code));
                }
                other => panic!("{field}: unexpected {other}"),
            }
        }

        // The plan: one activity per session, review and booster, with its date.
        let plans = resources(&b, "CarePlan");
        match &c.evaluation.plan {
            None => assert!(plans.is_empty(), "{}: a CarePlan without a plan", c.name),
            Some(plan) => {
                kinds.insert(plan.kind.id());
                assert_eq!(plans.len(), 1);
                let cp = plans[0];
                assert_eq!(
                    cp["status"],
                    if c.confirmed.is_some() {
                        "active"
                    } else {
                        "draft"
                    }
                );
                assert_eq!(cp["intent"], "plan");
                let mut want: Vec<String> =
                    plan.sessions.iter().map(|s| s.date.to_string()).collect();
                want.push(plan.review_on.to_string());
                want.extend(plan.boosters.iter().map(|d| d.to_string()));
                let got: Vec<String> = cp["activity"]
                    .as_array()
                    .expect("activities")
                    .iter()
                    .map(|a| {
                        assert_eq!(a["detail"]["status"], "scheduled");
                        let p = &a["detail"]["scheduledPeriod"];
                        assert_eq!(p["start"], p["end"]);
                        p["start"].as_str().expect("date").to_string()
                    })
                    .collect();
                assert_eq!(got, want, "{}", c.name);
                assert!(cp["title"].as_str().is_some_and(|t| !t.contains('⟦')));
            }
        }

        // One ServiceRequest per referral, priority keeping the urgency's order.
        let srs = resources(&b, "ServiceRequest");
        let referrals: Vec<_> = c
            .evaluation
            .findings
            .iter()
            .filter(|f| f.referral.is_some())
            .collect();
        assert_eq!(srs.len(), referrals.len(), "{}", c.name);
        for (sr, f) in srs.iter().zip(&referrals) {
            let r = f.referral.expect("referral");
            assert_eq!(sr["status"], "draft");
            assert_eq!(sr["intent"], "proposal");
            let want = BTreeMap::from([
                ("routine", "routine"),
                ("soon", "urgent"),
                ("urgent", "asap"),
            ]);
            assert_eq!(sr["priority"], want[r.urgency.id()]);
            assert_eq!(sr["reasonCode"][0]["coding"][0]["code"], f.rule.id());
            assert_eq!(sr["code"]["coding"][0]["code"], r.to.id());
            assert_eq!(
                sr["code"]["text"],
                c.catalog.t(&format!("referral.to.{}", r.to))
            );
        }
    }
    assert_eq!(kinds.len(), 2, "both plan kinds occur: {kinds:?}");
}

#[test]
fn ids_derive_from_the_seed_only() {
    let c = &corpus(3)[2];
    let a = fhir::bundle(
        &c.answers,
        &c.evaluation,
        &c.clinic,
        c.catalog,
        None,
        "seed-1",
        c.today,
    );
    let again = fhir::bundle(
        &c.answers,
        &c.evaluation,
        &c.clinic,
        c.catalog,
        None,
        "seed-1",
        c.today,
    );
    let other = fhir::bundle(
        &c.answers,
        &c.evaluation,
        &c.clinic,
        c.catalog,
        None,
        "seed-2",
        c.today,
    );
    assert_eq!(a, again);
    assert_ne!(a["entry"][0]["fullUrl"], other["entry"][0]["fullUrl"]);
    let ids: BTreeSet<&str> = a["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["resource"]["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids.len(),
        a["entry"].as_array().expect("entries").len(),
        "ids are unique"
    );
}

#[test]
fn no_name_of_the_person_is_written() {
    for c in corpus(20) {
        let b = bundle(&c);
        for p in resources(&b, "Patient") {
            let keys: Vec<&String> = p.as_object().expect("object").keys().collect();
            assert_eq!(keys, ["id", "resourceType"], "the patient is anonymous");
        }
    }
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

fn references(v: &Value) -> Vec<String> {
    match v {
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, x)| {
                if k == "reference" {
                    vec![x.as_str().expect("reference").to_string()]
                } else {
                    references(x)
                }
            })
            .collect(),
        Value::Array(a) => a.iter().flat_map(references).collect(),
        _ => vec![],
    }
}
