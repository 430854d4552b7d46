//! The clinic's contact details and booking link (next steps). It must not send anything:
//! the booking link opens the clinic's own page, which the visitor chooses to follow.

use yew::prelude::*;

use crate::core::rules::Effect;
use crate::ui::context::use_app;

/// Props of [`ContactCard`].
#[derive(Properties, PartialEq, Clone, Default)]
pub struct ContactCardProps {
    /// The verdict shown above, if any: after `refer` or `not_suitable` booking is not the
    /// next step, so it is offered quietly. After `refer` the card points to the doctor named
    /// above; after `not_suitable` (which may name no doctor) to the GP or a dermatologist.
    #[prop_or_default]
    pub verdict: Option<Effect>,
    /// The share link of the current answers, offered to paste into a booking message if
    /// the visitor wishes (never sent by the app).
    #[prop_or_default]
    pub share_link: Option<AttrValue>,
}

/// Contact and booking.
#[component(ContactCard)]
pub fn contact_card(props: &ContactCardProps) -> Html {
    let ctx = use_app();
    let c = &ctx.clinic.contact;
    let doctor_first = matches!(props.verdict, Some(Effect::Refer | Effect::NotSuitable));
    let empty =
        c.phone.is_none() && c.email.is_none() && c.booking_url.is_none() && c.address.is_none();
    html! {
        <section class="contact-card" aria-labelledby="contact-heading" data-testid="contact">
            <h2 id="contact-heading">{ ctx.f("contact.title", &[("clinic", &ctx.clinic.name)]) }</h2>
            if empty {
                <p>{ ctx.t("contact.ask_clinic") }</p>
            }
            <ul class="contact-card-list">
                if let Some(phone) = &c.phone {
                    <li><a href={format!("tel:{}", phone.replace(' ', ""))}>{ ctx.f("contact.phone", &[("phone", phone)]) }</a></li>
                }
                if let Some(email) = &c.email {
                    <li><a href={format!("mailto:{email}")}>{ ctx.f("contact.email", &[("email", email)]) }</a></li>
                }
                if let Some(address) = &c.address {
                    <li>{ address.clone() }</li>
                }
            </ul>
            if let Some(url) = &c.booking_url {
                if props.verdict == Some(Effect::Refer) {
                    <p class="contact-card-doctor-first">{ ctx.t("contact.doctor_first") }</p>
                } else if props.verdict == Some(Effect::NotSuitable) {
                    <p class="contact-card-doctor-first">{ ctx.t("contact.other_options") }</p>
                }
                <p><a class={classes!("button", (!doctor_first).then_some("button--primary"), "contact-card-book")}
                      href={url.clone()} rel="noopener noreferrer" target="_blank">{ ctx.t("contact.book") }</a></p>
                <p class="contact-card-note">{ ctx.t("contact.book_note") }</p>
            }
            if let Some(link) = &props.share_link {
                <p class="contact-card-share" data-testid="contact-share">
                    { ctx.t("contact.share_note") }{ " " }
                    <span class="contact-card-share-link">{ link.clone() }</span>
                </p>
            }
        </section>
    }
}
