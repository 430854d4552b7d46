//! The clinic setup page (`#/setup`): a form for every key of `clinic.json` (spec §8),
//! prefilled from the settings in use or from a file the clinic opens, with the core's own
//! problems beside each field as it is edited, a preview of what visitors see, and the
//! smallest `clinic.json` to download or copy. It must not hold a rule of its own (validation
//! is `Clinic::from_value` on the JSON the form builds) and must upload nothing.
//!
//! One generic field renderer driven by the core's table of keys (`clinic_json::keys`), so the
//! page adds little to the visitor's download.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::catalog::{language_name, LANGUAGES};
use crate::core::clinic::{Weekday, CLINIC_SCHEMA};
use crate::core::clinic_json::{keys, KeyKind};
use crate::core::problem::parse_json;
use crate::core::{assess, Answers, Catalog, Clinic};
use crate::ui::browser;
use crate::ui::components::plan_view::PlanView;
use crate::ui::context::use_app;

/// The typical visitor the preview plans for.
const TYPICAL: &str = include_str!("../../../tests/fixtures/answers-suitable.json");

const POLICIES: &[&str] = &["exclude", "doctor_letter", "defer"];

/// Props of [`SetupPage`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct SetupPageProps {}

/// The form's values: dotted key path → the JSON value written there (absent: the default).
type Values = BTreeMap<String, Value>;

fn flatten(v: &Value, prefix: &str, out: &mut Values) {
    if let Value::Object(m) = v {
        for (k, x) in m {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match x {
                Value::Object(o) if !o.is_empty() => flatten(x, &path, out),
                _ if path == "schema" && x.as_str() == Some(CLINIC_SCHEMA) => {}
                _ => {
                    out.insert(path, x.clone());
                }
            }
        }
    }
}

fn values_of(v: &Value) -> Values {
    let mut out = Values::new();
    flatten(v, "", &mut out);
    out
}

/// The `clinic.json` the form stands for (what the core validates).
fn document(values: &Values) -> Value {
    let mut root = Map::new();
    root.insert("schema".into(), CLINIC_SCHEMA.into());
    'next: for (path, v) in values {
        let mut parts: Vec<&str> = path.split('.').collect();
        let last = parts.pop().unwrap_or_default();
        let mut m = &mut root;
        for p in parts {
            let slot = m.entry(p).or_insert_with(|| Value::Object(Map::new()));
            match slot {
                Value::Object(o) => m = o,
                _ => continue 'next,
            }
        }
        m.insert(last.into(), v.clone());
    }
    Value::Object(root)
}

/// How a value reads in the form (and in "Default: …").
fn shown(c: &Catalog, kind: KeyKind, v: Option<&Value>) -> String {
    match v {
        None => c.t("setup.default_none"),
        Some(Value::String(s)) => match kind {
            KeyKind::Policy => c.t(&format!("setup.policy.{s}")),
            KeyKind::Language => language_name(s).into(),
            _ => s.clone(),
        },
        Some(Value::Bool(b)) => c.t(if *b { "setup.on" } else { "setup.off" }),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| match Weekday::ALL.iter().position(|w| w.id() == s) {
                Some(i) => c.t(&format!("date.weekday.{i}")),
                None => language_name(s).into(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

/// The options of a list or choice key: (value, text).
fn options(c: &Catalog, kind: KeyKind) -> Vec<(&'static str, String)> {
    match kind {
        KeyKind::Weekdays => Weekday::IDS
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, c.t(&format!("date.weekday.{i}"))))
            .collect(),
        KeyKind::Policy => POLICIES
            .iter()
            .map(|p| (*p, c.t(&format!("setup.policy.{p}"))))
            .collect(),
        _ => LANGUAGES
            .iter()
            .map(|l| (*l, language_name(l).to_string()))
            .collect(),
    }
}

/// The value typed into a text box: empty is absent (the default); a number box keeps text
/// that is not a number as text, so that the core names the problem.
fn typed(kind: KeyKind, raw: String) -> Option<Value> {
    if raw.trim().is_empty() {
        return None;
    }
    if matches!(kind, KeyKind::Int | KeyKind::Amount) {
        if let Ok(n @ Value::Number(_)) = serde_json::from_str::<Value>(raw.trim()) {
            return Some(n);
        }
    }
    Some(Value::String(raw))
}

fn dom_id(path: &str) -> String {
    format!("setup-{}", path.replace(['.', '_'], "-"))
}

/// One field, whatever its kind: label, input, one line of help with the default, and the
/// core's problems for it (linked with `aria-describedby`).
#[allow(clippy::too_many_arguments)]
fn field(
    c: &Catalog,
    path: &str,
    kind: KeyKind,
    label: String,
    help: String,
    value: Option<&Value>,
    default: Option<&Value>,
    problems: &[String],
    set: &Callback<(String, Option<Value>)>,
) -> Html {
    let id = dom_id(path);
    let help_id = format!("{id}-help");
    let err_id = format!("{id}-err");
    let described = if problems.is_empty() {
        help_id.clone()
    } else {
        format!("{help_id} {err_id}")
    };
    let invalid = (!problems.is_empty()).then_some("true");
    let key = path.to_string();
    let input = match kind {
        KeyKind::Languages | KeyKind::Weekdays => {
            let current: Vec<String> = value
                .or(default)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            let boxes = options(c, kind).into_iter().map(|(opt, text)| {
                let on = current.iter().any(|x| x == opt);
                let (set, key, all) = (set.clone(), key.clone(), options(c, kind));
                let current = current.clone();
                let onchange = Callback::from(move |_: Event| {
                    let next: Vec<Value> = all
                        .iter()
                        .filter(|(o, _)| (*o == opt) != current.iter().any(|x| x == o))
                        .map(|(o, _)| Value::from(*o))
                        .collect();
                    set.emit((key.clone(), Some(Value::Array(next))));
                });
                html! {
                    <label class="setup-page-check">
                        <input type="checkbox" checked={on} {onchange} />{ text }
                    </label>
                }
            });
            return html! {
                <fieldset class="setup-page-field setup-page-set" data-key={path.to_string()}
                    aria-describedby={described} aria-invalid={invalid}>
                    <legend class="setup-page-label">{ label }</legend>
                    <div class="setup-page-options">{ for boxes }</div>
                    { tail(help, &help_id, &err_id, problems) }
                </fieldset>
            };
        }
        KeyKind::Bool => {
            let on = value.or(default).and_then(Value::as_bool).unwrap_or(false);
            let set = set.clone();
            let onchange = Callback::from(move |e: Event| {
                let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                set.emit((key.clone(), Some(Value::Bool(checked))));
            });
            return html! {
                <div class="setup-page-field" data-key={path.to_string()}>
                    <label class="setup-page-check">
                        <input type="checkbox" id={id} checked={on} {onchange}
                            aria-describedby={described} aria-invalid={invalid} />{ label }
                    </label>
                    { tail(help, &help_id, &err_id, problems) }
                </div>
            };
        }
        KeyKind::Language | KeyKind::Policy => {
            let now = value.and_then(Value::as_str).unwrap_or("");
            let set = set.clone();
            let onchange = Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                set.emit((key.clone(), typed(kind, v)));
            });
            html! {
                <select id={id.clone()} class="setup-page-input" {onchange}
                    aria-describedby={described} aria-invalid={invalid}>
                    <option value="" selected={now.is_empty()}>{ c.t("setup.use_default") }</option>
                    { for options(c, kind).into_iter().map(|(o, text)| html! {
                        <option value={o} selected={now == o}>{ text }</option>
                    }) }
                </select>
            }
        }
        _ => {
            let text = match value {
                Some(Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => String::new(),
            };
            let set = set.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                set.emit((key.clone(), typed(kind, v)));
            });
            let mode = match kind {
                KeyKind::Int => Some("numeric"),
                KeyKind::Amount => Some("decimal"),
                _ => None,
            };
            html! {
                <input id={id.clone()} class="setup-page-input" type="text" value={text}
                    inputmode={mode} {oninput} autocomplete="off"
                    aria-describedby={described} aria-invalid={invalid} />
            }
        }
    };
    html! {
        <div class="setup-page-field" data-key={path.to_string()}>
            <label class="setup-page-label" for={id}>{ label }</label>
            { input }
            { tail(help, &help_id, &err_id, problems) }
        </div>
    }
}

fn tail(help: String, help_id: &str, err_id: &str, problems: &[String]) -> Html {
    html! {
        <>
            <p class="setup-page-help" id={help_id.to_string()}>{ help }</p>
            if !problems.is_empty() {
                <ul class="setup-page-error" id={err_id.to_string()} data-testid="setup-problem">
                    { for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }
                </ul>
            }
        </>
    }
}

/// The section a key belongs to.
fn group(path: &str) -> &str {
    match path.split_once('.') {
        Some((g, _)) => g,
        None if path == "closed_weekdays" => path,
        None => "clinic",
    }
}

/// The setup page.
#[component(SetupPage)]
pub fn setup_page(_props: &SetupPageProps) -> Html {
    let ctx = use_app();
    let c = ctx.catalog;
    let values = {
        let clinic = ctx.clinic.clone();
        use_state(move || values_of(&clinic.to_json()))
    };
    let notice = use_state(|| None::<String>);
    let brand = use_node_ref();

    let doc = document(&values);
    let parsed = Clinic::from_value(&doc);
    let fields = keys();

    // Each problem beside its field: the exact key, else the first key inside it (an object
    // that is wrong as a whole), else a key the form does not know, else above the form.
    let mut placed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in parsed.as_ref().err().into_iter().flatten() {
        let base = p.field.split('[').next().unwrap_or_default();
        let inside = format!("{base}.");
        let target = fields
            .iter()
            .map(|(k, _)| k.as_str())
            .chain(values.keys().map(String::as_str))
            .find(|k| *k == base || k.starts_with(&inside))
            .unwrap_or("");
        placed
            .entry(target.to_string())
            .or_default()
            .push(p.to_string());
    }
    let none: Vec<String> = Vec::new();
    let problems_of = |k: &str| placed.get(k).unwrap_or(&none).as_slice();

    let set = {
        let values = values.clone();
        Callback::from(move |(key, v): (String, Option<Value>)| {
            let mut next = (*values).clone();
            match v {
                Some(v) => next.insert(key, v),
                None => next.remove(&key),
            };
            values.set(next);
        })
    };
    let default_values = values_of(&Clinic::default().to_json());

    let mut sections: Vec<(&str, Vec<Html>)> = Vec::new();
    for (path, kind) in &fields {
        let (label, help) = match path.strip_prefix("policies.") {
            Some(rest) => {
                let (cond, key) = rest.split_once('.').unwrap_or_default();
                let condition = c.t(&format!("answer.conditions.{cond}"));
                let which = if kind == &KeyKind::Policy {
                    "policy"
                } else {
                    "months"
                };
                (
                    c.f(
                        &format!("setup.{which}.label"),
                        &[("condition", &condition)],
                    ),
                    c.t(&format!("setup.help.{key}")),
                )
            }
            None => (
                c.t(&format!("setup.field.{path}")),
                c.t(&format!("setup.help.{path}")),
            ),
        };
        let default = default_values.get(path);
        let help = format!(
            "{help} {}",
            c.f("setup.default", &[("value", &shown(c, *kind, default))])
        );
        let html = field(
            c,
            path,
            *kind,
            label,
            help,
            values.get(path),
            default,
            problems_of(path),
            &set,
        );
        match sections.last_mut() {
            Some((g, items)) if *g == group(path) => items.push(html),
            _ => sections.push((group(path), vec![html])),
        }
    }
    let extras: Vec<Html> = values
        .iter()
        .filter(|(k, _)| !fields.iter().any(|(f, _)| f == *k))
        .map(|(k, v)| {
            let (set, key) = (set.clone(), k.clone());
            let remove = Callback::from(move |_: MouseEvent| set.emit((key.clone(), None)));
            let (help_id, err_id) = (format!("{}-help", dom_id(k)), format!("{}-err", dom_id(k)));
            let problems = problems_of(k);
            html! {
                <div class="setup-page-field" data-key={k.clone()}>
                    <p class="setup-page-label"><code>{ format!("{k}: {v}") }</code></p>
                    <button type="button" class="button" onclick={remove}
                        aria-describedby={format!("{help_id} {err_id}")}>
                        { c.f("setup.remove", &[("key", k)]) }
                    </button>
                    { tail(c.t("setup.help.unknown"), &help_id, &err_id, problems) }
                </div>
            }
        })
        .collect();

    // The preview: the name on the accent colour (set through the CSSOM) and the plan of a
    // typical visitor with these settings.
    let accent = parsed.as_ref().ok().map(|k| k.accent_colour.clone());
    {
        let brand = brand.clone();
        use_effect_with(accent.clone(), move |accent| {
            if let (Some(el), Some(a)) = (brand.cast::<HtmlElement>(), accent) {
                let _ = el.style().set_property("background-color", a);
            }
        });
    }
    let preview = match &parsed {
        Ok(clinic) => {
            let plan = Answers::parse(TYPICAL, Some(ctx.today))
                .ok()
                .and_then(|a| assess(&a, clinic, ctx.today).plan);
            html! {
                <>
                    <p class="setup-page-brand" ref={brand.clone()} data-testid="setup-brand">{ clinic.name.clone() }</p>
                    <p>{ c.t("setup.preview.typical") }</p>
                    if let Some(plan) = plan {
                        <PlanView {plan} aftercare={clinic.aftercare} page_heading={false} />
                    }
                </>
            }
        }
        Err(_) => html! { <p class="setup-page-help">{ c.t("setup.preview.invalid") }</p> },
    };
    let json = parsed
        .as_ref()
        .ok()
        .and_then(|k| serde_json::to_string_pretty(&k.to_minimal_json()).ok());

    let on_file = {
        let (values, notice) = (values.clone(), notice.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (values, notice) = (values.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                let read = parse_json("clinic.json", &text).map_err(|e| e.lines());
                notice.set(Some(match read {
                    Ok(v @ Value::Object(_)) => {
                        values.set(values_of(&v));
                        c.f("setup.opened", &[("file", &file.name())])
                    }
                    Ok(v) => Clinic::from_value(&v)
                        .err()
                        .unwrap_or_default()
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    Err(lines) => lines.join("\n"),
                }));
            });
        })
    };
    let restart = |v: Value, key: &'static str| {
        let (values, notice) = (values.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            values.set(values_of(&v));
            notice.set(Some(c.t(key)));
        })
    };
    let on_in_use = restart(ctx.clinic.to_json(), "setup.reset_done");
    let on_default = restart(Value::Object(Map::new()), "setup.reset_done");
    let on_download = {
        let (json, notice) = (json.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(j) = &json {
                if browser::download("clinic.json", "application/json", &format!("{j}\n")).is_err()
                {
                    notice.set(Some(c.t("setup.copy_failed")));
                }
            }
        })
    };
    let on_copy = {
        let (json, notice) = (json.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(j), Some(w)) = (json.clone(), web_sys::window()) else {
                return;
            };
            let notice = notice.clone();
            let clip = js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok();
            let write = clip.as_ref().and_then(|cb| {
                let f = js_sys::Reflect::get(cb, &"writeText".into())
                    .ok()?
                    .dyn_into::<js_sys::Function>()
                    .ok()?;
                f.call1(cb, &j.into())
                    .ok()?
                    .dyn_into::<js_sys::Promise>()
                    .ok()
            });
            wasm_bindgen_futures::spawn_local(async move {
                let ok = match write {
                    Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
                    None => false,
                };
                notice.set(Some(c.t(if ok {
                    "setup.copied"
                } else {
                    "setup.copy_failed"
                })));
            });
        })
    };

    let count = placed.values().map(Vec::len).sum::<usize>();
    html! {
        <div class="setup-page" data-testid="setup-page">
            <h1 id="page-heading" tabindex="-1">{ c.t("setup.title") }</h1>
            <p>{ c.t("setup.intro") }</p>
            <div class="setup-page-tools">
                <label class="setup-page-label" for="setup-open">{ c.t("setup.open") }</label>
                <input id="setup-open" class="setup-page-file" type="file" accept=".json,application/json" onchange={on_file} />
                <button type="button" class="button" onclick={on_in_use}>{ c.t("setup.reset_in_use") }</button>
                <button type="button" class="button" onclick={on_default}>{ c.t("setup.reset_default") }</button>
            </div>
            <p class="setup-page-notice" role="status" data-testid="setup-notice">{ (*notice).clone().unwrap_or_default() }</p>
            <div class="setup-page-layout">
                <form class="setup-page-form" aria-labelledby="page-heading" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <p class="setup-page-summary" aria-live="polite" data-testid="setup-summary">
                        { if count == 0 { c.t("setup.valid") } else { c.f("setup.problems", &[("n", &count.to_string())]) } }
                    </p>
                    if !problems_of("").is_empty() {
                        { tail(String::new(), "setup-general-help", "setup-general-err", problems_of("")) }
                    }
                    { for sections.into_iter().map(|(g, items)| html! {
                        <section class="setup-page-group" aria-labelledby={format!("setup-group-{g}")}>
                            <h2 id={format!("setup-group-{g}")}>{ c.t(&format!("setup.group.{g}")) }</h2>
                            { for items }
                        </section>
                    }) }
                    if !extras.is_empty() {
                        <section class="setup-page-group" aria-labelledby="setup-group-other">
                            <h2 id="setup-group-other">{ c.t("setup.group.other") }</h2>
                            { for extras }
                        </section>
                    }
                </form>
                <aside class="setup-page-preview" aria-labelledby="setup-preview-title" data-testid="setup-preview">
                    <h2 id="setup-preview-title">{ c.t("setup.preview.title") }</h2>
                    { preview }
                </aside>
            </div>
            <section class="setup-page-group" aria-labelledby="setup-save-title">
                <h2 id="setup-save-title">{ c.t("setup.save.title") }</h2>
                <p>{ c.t(if json.is_some() { "setup.save.help" } else { "setup.save.blocked" }) }</p>
                <div class="setup-page-tools">
                    <button type="button" class="button" disabled={json.is_none()} onclick={on_download} data-testid="setup-download">{ c.t("setup.download") }</button>
                    <button type="button" class="button" disabled={json.is_none()} onclick={on_copy}>{ c.t("setup.copy") }</button>
                </div>
                if let Some(j) = json {
                    <pre class="setup-page-json" data-testid="setup-json">{ j }</pre>
                }
            </section>
        </div>
    }
}

/// Mounts the clinic setup build (`src/bin/setup.rs`, served as `setup/`): the app's shell
/// with this page only, so that the visitor's build never carries its code.
pub fn start_setup() {
    crate::ui::start(
        crate::ui::Build::Setup(crate::ui::PageFn(|_| html! { <SetupPage /> })),
        crate::ui::English::default(),
    );
}
