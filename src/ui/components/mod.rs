//! Reusable components (one public component per file, named after it). They must not
//! reach storage or the clock themselves; pages and the shell pass what they need.

pub mod check_group;
pub mod choice_group;
pub mod config_error;
pub mod contact_card;
pub mod outcome_view;
pub mod pattern_picture;
pub mod plan_view;
pub mod progress_indicator;
pub mod question_fieldset;
pub mod save_form;
pub mod site_header;
pub mod stage_picture;
pub mod store_notice;
pub mod timeline;
pub mod verdict_headline;

pub use check_group::CheckGroup;
pub use choice_group::{ChoiceGroup, ChoiceOption};
pub use config_error::ConfigError;
pub use contact_card::ContactCard;
pub use outcome_view::OutcomeView;
pub use pattern_picture::PatternPicture;
pub use plan_view::PlanView;
pub use progress_indicator::ProgressIndicator;
pub use question_fieldset::QuestionFieldset;
pub use save_form::SaveForm;
pub use site_header::SiteHeader;
pub use stage_picture::StagePicture;
pub use store_notice::StoreNotice;
pub use timeline::Timeline;
pub use verdict_headline::VerdictHeadline;

pub mod rename_form;
pub mod undo_bar;
pub use rename_form::RenameForm;
pub use undo_bar::UndoBar;

pub mod consultation_checklist;
pub mod safety_info;
pub use consultation_checklist::ConsultationChecklist;
pub use safety_info::SafetyInfo;

pub mod kiosk_guard;
pub mod storage_status;
pub mod update_banner;
pub use kiosk_guard::KioskGuard;
pub use storage_status::StorageStatus;
pub use update_banner::UpdateBanner;

pub mod language_picker;
pub use language_picker::LanguagePicker;

pub mod progress_chart;
pub mod staff_idle_lock;
pub use progress_chart::ProgressChart;
pub use staff_idle_lock::StaffIdleLock;

pub mod show_more;
pub use show_more::ShowMore;

pub mod export_buttons;
pub mod share_panel;
pub use export_buttons::ExportButtons;
pub use share_panel::{share_link, SharePanel, SHARE_PANEL_ID};
