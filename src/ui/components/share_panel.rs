//! The share link of the answers (`<address>#/s/<code>`) with its QR code as inline SVG and
//! a "Copy link" button. It must never put a name or nickname in the link, and never send
//! the link anywhere: the code lives in the fragment, which browsers do not send to servers.

use std::cell::RefCell;

use yew::prelude::*;

use crate::core::export::{qr, share};
use crate::core::Answers;
use crate::ui::browser;
use crate::ui::context::use_app;

thread_local! {
    /// The last link's QR code (None: too long for one). The result and the plan page show the
    /// same one, and a panel draws again with every change around it; encoding it takes
    /// milliseconds of a phone's time.
    static LAST_QR: RefCell<Option<(String, Option<AttrValue>)>> = const { RefCell::new(None) };
}

/// The QR code of `link` as SVG markup, encoded once per link.
fn qr_svg(link: &str) -> Option<AttrValue> {
    LAST_QR.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((l, svg)) if l == link => svg.clone(),
            _ => {
                let svg = qr::svg(link).ok().map(AttrValue::from);
                *last = Some((link.to_string(), svg.clone()));
                svg
            }
        }
    })
}

/// The id of the panel (the contact card points to it).
pub const SHARE_PANEL_ID: &str = "share-panel";

/// The share link of these answers on this page's address.
pub fn share_link(answers: &Answers) -> String {
    format!(
        "{}#/s/{}",
        browser::address_without_hash(),
        share::encode(answers)
    )
}

/// Props of [`SharePanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct SharePanelProps {
    pub answers: Answers,
}

/// What the last "Copy link" did.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Done,
    Failed,
}

/// The share panel.
#[component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let ctx = use_app();
    let copied = use_state_eq(|| Copied::Not);
    let link = share_link(&props.answers);
    {
        // A new link (changed answers) forgets the last copy.
        let copied = copied.clone();
        use_effect_with(link.clone(), move |_| copied.set(Copied::Not));
    }
    let svg = qr_svg(&link);
    let on_copy = {
        let copied = copied.clone();
        let link = link.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            let link = link.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(match browser::copy_text(&link).await {
                    Ok(()) => Copied::Done,
                    Err(_) => Copied::Failed,
                });
            });
        })
    };
    html! {
        <section class="share-panel" id={SHARE_PANEL_ID} aria-labelledby="share-heading" data-testid="share-panel">
            <h2 id="share-heading">{ ctx.t("share.title") }</h2>
            <p>{ ctx.t("share.intro") }</p>
            <p class="share-panel-privacy" data-testid="share-privacy">{ ctx.t("share.privacy") }</p>
            <div class="share-panel-body">
                if let Some(svg) = svg {
                    <figure class="share-panel-qr" role="img" aria-label={ctx.t("share.qr_label")} data-testid="share-qr">
                        { Html::from_html_unchecked(svg) }
                    </figure>
                }
                <div class="share-panel-link-box">
                    <p class="share-panel-link-label" id="share-link-label">{ ctx.t("share.link_label") }</p>
                    <p class="share-panel-link" id="share-link" data-testid="share-link">{ link.clone() }</p>
                    <button class="button share-panel-copy" type="button" onclick={on_copy} data-testid="share-copy">{ ctx.t("share.copy") }</button>
                    <p class="share-panel-status" role="status" data-testid="share-copy-status">
                        { match *copied {
                            Copied::Not => String::new(),
                            Copied::Done => ctx.t("share.copied"),
                            Copied::Failed => ctx.t("share.copy_failed"),
                        } }
                    </p>
                </div>
            </div>
        </section>
    }
}
