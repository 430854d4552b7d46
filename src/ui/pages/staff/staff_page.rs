//! `#/staff`: the unlock form while staff mode is locked, else the patients on this device.
//! It must not show any patient data while locked.

use yew::prelude::*;

use crate::ui::context::{use_app, use_plans};

use super::{PatientList, StaffUnlock};

/// Props of [`StaffPage`] (none).
#[derive(Properties, PartialEq, Clone, Default)]
pub struct StaffPageProps {}

/// The staff entry page.
#[component(StaffPage)]
pub fn staff_page(_props: &StaffPageProps) -> Html {
    let ctx = use_app();
    let store = use_plans();
    // `kiosk.staff_passcode: false`: a single-user device, no passcode.
    if !ctx.clinic.kiosk.staff_passcode || *store.staff_open {
        html! { <PatientList /> }
    } else {
        html! { <StaffUnlock /> }
    }
}
