//! Staff mode's pages (spec §11), in their own build (`staff/`): unlock and the patients on
//! this device (`#/staff`), and one patient's course (`#/staff/p/<id>`). They must not show a
//! patient while staff mode is locked, and reach storage only through the plans provider's store.

pub mod encryption_settings;
pub mod patient_list;
pub mod staff_page;
pub mod staff_patient_page;
pub mod staff_unlock;

pub use encryption_settings::EncryptionSettings;
pub use patient_list::PatientList;
pub use staff_page::StaffPage;
pub use staff_patient_page::StaffPatientPage;
pub use staff_unlock::StaffUnlock;

/// Mounts the staff mode build (`src/bin/staff.rs`, served as `staff/`): the app's shell with
/// staff mode's pages, so that the visitor's build never carries their code.
pub fn start_staff() {
    use crate::state::route::Route;
    use yew::prelude::*;
    crate::ui::start(
        crate::ui::Build::Staff(crate::ui::PageFn(|route| {
            let page = match route {
                Route::StaffPatient(id) => html! { <StaffPatientPage id={id.clone()} /> },
                _ => html! { <StaffPage /> },
            };
            html! { <crate::ui::plans_provider::PlansProvider>{ page }</crate::ui::plans_provider::PlansProvider> }
        })),
        crate::ui::English::default(),
    );
}
