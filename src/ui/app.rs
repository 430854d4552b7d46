//! The root component: loads the clinic settings, then runs the shell (route, stores,
//! persistence effects, focus and title on page change) around the current page. IO happens
//! here at the edge, in effects and store initialisers; the stores' reducers stay pure.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser;
use super::components::{ConfigError, KioskGuard, SiteHeader, UpdateBanner};
use super::config::{load_clinic, ClinicLoad};
use super::context::{AppContext, DraftStore};
use super::locale;
use super::offline;
use super::pages::{NotFoundPage, StartPage, StepPage};
use super::results_loader::ResultsLoader;
use super::storage::{self, DraftLoad};
use crate::core::{Catalog, Clinic};
use crate::state::questionnaire::{Action as DraftAction, STEPS};
use crate::state::route::Route;

/// Props of [`App`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// Settings to use instead of fetching `clinic.json` (tests and embedding).
    #[prop_or_default]
    pub clinic: Option<Rc<Clinic>>,
    /// Which build this is (the visitor app unless an entry point of the clinic's own pages
    /// says otherwise).
    #[prop_or_default]
    pub build: Build,
    /// This build's English: all of `en.txt`, or the questionnaire's texts only.
    #[prop_or_default]
    pub english: English,
}

/// This build's English catalog: [`Catalog::english`] (the default), or
/// [`Catalog::questionnaire_english`] in the questionnaire's own build, whose entry point
/// names it so that the full catalog is not linked in. Equal to any other: one build has one.
#[derive(Clone, Copy)]
pub struct English(pub fn() -> &'static Catalog);

impl Default for English {
    fn default() -> Self {
        English(Catalog::english)
    }
}

impl PartialEq for English {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The builds of the app. Each is its own wasm, so that visitors download only the code of
/// the pages they reach: the questionnaire (`index.html`), the results (`src/bin/results.rs`,
/// loaded into the same page when the questionnaire ends), the setup page
/// (`src/bin/setup.rs`, served as `setup/`) and staff mode (`src/bin/staff.rs`, served as
/// `staff/`). The shell is the same; the pages given here are the only ones that build
/// contains.
#[derive(Clone, Copy, PartialEq, Default)]
pub enum Build {
    /// The questionnaire (`index.html`): the start page, the six steps, About. Every other
    /// visitor page loads the results build into this page (`ui::results_loader`); `#/staff…`
    /// opens `staff/`, `#/setup` opens `setup/`.
    #[default]
    Visitor,
    /// Every visitor page (`questionnaire_page` and the result, plan, saved plans, shared
    /// assessments and the letter), with the saved plans.
    Results(PageFn),
    /// The clinic setup page, whatever the hash says.
    Setup(PageFn),
    /// Staff mode's pages (`#/staff`, `#/staff/p/<id>`); every other route opens the app.
    Staff(PageFn),
}

/// The pages only one build contains, given to the shell by that build's entry point.
/// Equal to any other: one build has one such function.
#[derive(Clone, Copy)]
pub struct PageFn(pub fn(&Route) -> Html);

impl PartialEq for PageFn {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Where a route is shown when this build does not show it: another document, or None.
fn elsewhere(build: Build, route: &Route) -> Option<&'static str> {
    let staff_route = matches!(route, Route::Staff | Route::StaffPatient(_));
    match build {
        Build::Visitor | Build::Results(_) if staff_route => Some("staff/"),
        Build::Visitor | Build::Results(_) if *route == Route::Setup => Some("setup/"),
        // The staff page's <base href="/"> makes "./" the app's own address.
        Build::Staff(_) if !staff_route => Some("./"),
        _ => None,
    }
}

/// The application root.
#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let loaded = use_state(|| {
        props
            .clinic
            .clone()
            .map(|c| ClinicLoad::FromFile((*c).clone()))
    });
    let attempt = use_state(|| 0u32);
    {
        let loaded = loaded.clone();
        let given = props.clinic.is_some();
        use_effect_with(*attempt, move |_| {
            if !given {
                yew::platform::spawn_local(async move { loaded.set(Some(load_clinic().await)) });
            }
        });
    }
    let on_retry = {
        let attempt = attempt.clone();
        let loaded = loaded.clone();
        Callback::from(move |_| {
            loaded.set(None);
            attempt.set(*attempt + 1);
        })
    };
    match &*loaded {
        None => html! { <main class="app-loading" aria-busy="true"></main> },
        Some(ClinicLoad::Refused(lines)) => {
            html! { <ConfigError lines={lines.clone()} catalog={(props.english.0)()} /> }
        }
        Some(ClinicLoad::Unreachable(why)) => html! {
            <ConfigError lines={vec![why.clone()]} unreachable=true {on_retry} catalog={(props.english.0)()} />
        },
        Some(ClinicLoad::FromFile(c)) => {
            html! { <LanguageGate clinic={Rc::new(c.clone())} build={props.build} english={props.english} /> }
        }
        Some(ClinicLoad::NoFile) => {
            html! { <LanguageGate clinic={Rc::new(Clinic::default())} build={props.build} english={props.english} /> }
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
struct LanguageGateProps {
    clinic: Rc<Clinic>,
    build: Build,
    english: English,
}

/// Loads the visitor's language before anything renders (no flash of another language), and
/// switches languages: the new catalog is fetched first, then the app re-renders in it. A
/// catalog that cannot be loaded leaves the app in English, with a notice.
#[component(LanguageGate)]
fn language_gate(props: &LanguageGateProps) -> Html {
    // Browser formatting for dates, plurals and prices.
    use_memo((), |_| super::intl::install());
    let wanted = use_state(|| locale::preferred(&props.clinic));
    let english = props.english.0;
    let shown = use_state(|| Catalog::loaded_with(english, &wanted));
    let failed = use_state(|| None::<String>);
    {
        let shown = shown.clone();
        let failed = failed.clone();
        use_effect_with((*wanted).clone(), move |lang| {
            let lang = lang.clone();
            yew::platform::spawn_local(async move {
                match locale::load(&lang, english).await {
                    Ok(c) => {
                        failed.set(None);
                        shown.set(Some(c));
                    }
                    Err(why) => {
                        failed.set(Some(why));
                        if shown.is_none() {
                            shown.set(Some(english()));
                        }
                    }
                }
            });
        });
    }
    let set_language = {
        let wanted = wanted.clone();
        Callback::from(move |lang: String| wanted.set(lang))
    };
    match *shown {
        None => html! { <main class="app-loading" aria-busy="true"></main> },
        Some(catalog) => html! {
            <Shell clinic={props.clinic.clone()} {catalog} {set_language}
                   language_failed={(*failed).clone()} build={props.build} />
        },
    }
}

#[derive(Properties, Clone)]
struct ShellProps {
    clinic: Rc<Clinic>,
    catalog: &'static Catalog,
    set_language: Callback<String>,
    language_failed: Option<String>,
    build: Build,
}

impl PartialEq for ShellProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.clinic, &other.clinic)
            && std::ptr::eq(self.catalog, other.catalog)
            && self.set_language == other.set_language
            && self.language_failed == other.language_failed
            && self.build == other.build
    }
}

#[component(Shell)]
fn shell(props: &ShellProps) -> Html {
    let catalog = props.catalog;
    // Re-read on every page change: a tablet may stay open for days.
    let today = use_state(browser::today);
    // The setup build shows its one page whatever the hash says.
    let build = props.build;
    let route_now = move || match build {
        Build::Setup(_) => Route::Setup,
        _ => Route::parse(&browser::hash()),
    };
    // `_eq`: setting the route it already has (the `hashchange` after `navigate`) changes nothing.
    let route = use_state_eq(route_now);
    // The draft starts from what this device holds, before any page renders (a refresh on a
    // step or on the result keeps the visitor's place).
    let draft_load = use_memo((), |_| storage::load_draft());
    let draft = use_reducer(|| DraftStore {
        draft: match &*draft_load {
            DraftLoad::Restored(d) => d.clone(),
            _ => Default::default(),
        },
        revision: 0,
    });
    let reveal_step = use_state(|| None);
    let draft_notice = use_state(|| None::<String>);
    // Set when an unreadable draft could not be set aside: it must not be written over.
    let draft_blocked = use_state(|| false);

    // An unreadable draft is set aside (kept), and the visitor is told.
    {
        let draft_notice = draft_notice.clone();
        let draft_blocked = draft_blocked.clone();
        let draft_load = draft_load.clone();
        use_effect_with((), move |_| {
            if let DraftLoad::Unreadable(raw) = &*draft_load {
                let kept_in_place = storage::set_aside_draft(raw).is_err();
                draft_blocked.set(kept_in_place);
                draft_notice.set(Some(
                    if kept_in_place {
                        "draft.unreadable_kept"
                    } else {
                        "draft.unreadable"
                    }
                    .to_string(),
                ));
            }
        });
    }
    // Route: follow the hash (links, back/forward, refresh). In the staff page (whose <base> is
    // the app's address), its own links stay in it. (One effect for both: each effect of the
    // shell is code of its own in every build.)
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    route.set(route_now());
                });
            let staff_links = matches!(build, Build::Staff(_)).then(|| {
                gloo::events::EventListener::new_with_options(
                    &gloo::utils::document(),
                    "click",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let link = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .and_then(|el| el.closest("a[href^='#/']").ok().flatten())
                            .and_then(|a| a.get_attribute("href"));
                        if let Some(href) = link {
                            if elsewhere(build, &Route::parse(&href)).is_none() {
                                e.prevent_default();
                                browser::set_hash(&href);
                            }
                        }
                    },
                )
            });
            move || drop((listener, staff_links))
        });
    }
    // Clinic look and language: accent colour, `<html lang>`.
    use_effect_with((props.clinic.clone(), catalog.lang()), move |(c, lang)| {
        browser::set_accent(&c.accent_colour);
        browser::set_lang(lang);
    });
    // Persist the draft after each change (an unreadable one is never overwritten unseen).
    {
        let draft_notice = draft_notice.clone();
        let blocked = *draft_blocked;
        use_effect_with(draft.clone(), move |d| {
            if d.revision > 0 && !blocked {
                let result = if d.draft.is_empty() {
                    storage::clear_draft()
                } else {
                    storage::save_draft(&d.draft)
                };
                if let Err(e) = result {
                    draft_notice.set(Some(e.message_key().to_string()));
                }
            }
        });
    }
    // Page change: a route another build shows opens that page, in place of this history
    // entry; else today, scroll to top, focus the page heading (not on first load).
    {
        // No focus move on the first page (a first load; the results build focuses its first
        // page once it shows: `ui::start_in_place`); nor on a step opened to show a problem,
        // which scrolls and focuses that problem itself. Marked by the render that shows it and read by the
        // effect: the step page clears `reveal_step` at once, and Yew may yield to the browser
        // (and render again) before this effect runs.
        let skip_focus = use_mut_ref(|| true);
        if matches!((*reveal_step, &*route), (Some(s), Route::Step(n)) if s == *n) {
            *skip_focus.borrow_mut() = true;
        }
        let today = today.clone();
        use_effect_with((*route).clone(), move |r| {
            if let Some(prefix) = elsewhere(build, r) {
                browser::open_elsewhere(&format!("{prefix}#{}", r.hash()));
                return;
            }
            // On the last step, the results build is fetched and compiled in the background,
            // so that "See my result" does not wait for it.
            if matches!(build, Build::Visitor) && *r == Route::Step(STEPS) {
                super::results_loader::prepare();
            }
            let now = browser::today();
            if *today != now {
                today.set(now);
            }
            if std::mem::take(&mut *skip_focus.borrow_mut()) {
                return;
            }
            browser::show_new_page("page-heading");
        });
    }
    // The title follows the page and the language.
    {
        let app_title = catalog.t("app.title");
        use_effect_with(((*route).clone(), catalog.lang()), move |_| {
            let title = match browser::text_of("page-heading") {
                Some(h) if !h.trim().is_empty() && h.trim() != app_title => {
                    format!("{} – {app_title}", h.trim())
                }
                _ => app_title,
            };
            browser::set_title(&title);
        });
    }

    // Kiosk mode is for visitors and the staff on their tablet: never in the setup build.
    let kiosk = props.clinic.kiosk.idle_reset_seconds > 0 && !matches!(build, Build::Setup(_));
    let navigate = {
        let route = route.clone();
        Callback::from(move |r: Route| {
            let hash = r.hash();
            if kiosk {
                // No history entries on a shared tablet: Back never shows an earlier visit.
                browser::replace_hash(&hash);
                route.set(r);
            } else {
                // The page changes now, in this task (not one `hashchange` later); the
                // `hashchange` that follows finds the route already shown.
                if browser::hash() != hash {
                    browser::set_hash(&hash);
                }
                route.set(r);
            }
        })
    };
    // Kiosk reset: every trace of the visitor goes (draft, session storage, in-memory state,
    // the history entry), and the start page shows. Saved plans and settings stay.
    let visit = use_state(|| 0u32);
    let finish_visit = {
        let draft = draft.clone();
        let reveal_step = reveal_step.clone();
        let route = route.clone();
        let visit = visit.clone();
        let draft_notice = draft_notice.clone();
        let set_language = props.set_language.clone();
        let default_language = props.clinic.languages.default.clone();
        Callback::from(move |_: ()| {
            draft.dispatch(DraftAction::Reset);
            reveal_step.set(None);
            draft_notice.set(None);
            if let Err(e) = storage::clear_session() {
                draft_notice.set(Some(e.message_key().to_string()));
            }
            locale::forget();
            set_language.emit(default_language.clone());
            browser::replace_hash(&Route::Start.hash());
            route.set(Route::Start);
            visit.set(*visit + 1);
        })
    };
    // Offline: the service worker (release builds), and its "new version" banner.
    let update_ready = use_state(|| false);
    {
        let update_ready = update_ready.clone();
        use_effect_with((), move |_| {
            let offline = offline::start(
                Callback::from(move |_| update_ready.set(true)),
                matches!(build, Build::Staff(_)),
            );
            // Until this app unmounts (the questionnaire's, when the results build takes its
            // place and starts its own).
            move || drop(offline)
        });
    }
    let kept = use_mut_ref(|| None);
    let ctx = AppContext {
        clinic: props.clinic.clone(),
        catalog,
        today: *today,
        route: (*route).clone(),
        draft,
        navigate,
        reveal_step,
        kiosk,
        finish_visit: finish_visit.clone(),
        set_language: props.set_language.clone(),
        kept,
    };
    // A route another build shows: nothing here while that page opens (see below).
    let page = match build {
        _ if elsewhere(build, &route).is_some() => html! {},
        Build::Visitor => questionnaire_page(&route)
            .unwrap_or_else(|| html! { <ResultsLoader route={(*route).clone()} /> }),
        Build::Results(pages) | Build::Setup(pages) | Build::Staff(pages) => (pages.0)(&route),
    };
    let notice = (*draft_notice).as_ref().map(|key| {
        html! { <p class="app-notice" role="status">{ catalog.t(key) }{ " " }{ catalog.t("draft.not_kept") }</p> }
    });
    html! {
        <ContextProvider<AppContext> context={ctx}>
            <a class="app-skip" href="#page-heading" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); browser::focus_id("page-heading"); })}>
                { catalog.t("nav.skip") }
            </a>
            <SiteHeader />
            <div class="print-header" aria-hidden="true">
                <span>{ props.clinic.name.clone() }</span>
                <span>{ catalog.date(*today) }</span>
            </div>
            if *update_ready {
                <UpdateBanner on_reload={Callback::from(|_| offline::apply_update())}
                              on_dismiss={{ let u = update_ready.clone(); Callback::from(move |_| u.set(false)) }} />
            }
            <main class="app-main" id="main" key={format!("visit-{}", *visit)}>
                { notice.unwrap_or_default() }
                if props.language_failed.is_some() {
                    <p class="app-notice" role="status" data-testid="language-failed">{ catalog.t("language.failed") }</p>
                }
                { page }
            </main>
            if kiosk {
                <KioskGuard idle_seconds={props.clinic.kiosk.idle_reset_seconds} on_reset={finish_visit.clone()} visit={*visit} />
            }
            <footer class="app-footer">
                <p>{ catalog.t("disclaimer") }</p>
                <p>{ catalog.t("app.privacy") }</p>
                <p><a class="app-link" href="#/staff">{ catalog.t("staff.link") }</a></p>
            </footer>
        </ContextProvider<AppContext>>
    }
}

/// The pages of the questionnaire's own build (`index.html`): the start page, the steps and the
/// not-found page (About comes with the results build: its texts are not first-load bytes).
/// The results build shows these too; `#/setup` opens the setup page, its own build. Any other
/// route is not shown here (`None`).
pub fn questionnaire_page(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Start => html! { <StartPage /> },
        Route::Step(n) => html! { <StepPage key={format!("step-{n}")} step={*n} /> },
        Route::NotFound => html! { <NotFoundPage /> },
        _ => return None,
    })
}
