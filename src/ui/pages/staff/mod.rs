//! Staff mode's pages (spec §11): unlock and the patients on this device (`#/staff`), and one
//! patient's course (`#/staff/p/<id>`). They must not show a patient while staff mode is
//! locked, and reach storage only through the shell's stores.

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
